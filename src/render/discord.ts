/**
 * The engine's plain data (answers, topics, sources, reload reports) as Discord message payloads.
 * Pure functions, no client: every payload is plain JSON that discord.js sends as it is.
 *
 * Two promises hold for everything made here:
 * - nothing can ping: `allowedMentions` is empty, and text from people or articles is neutralised
 *   (mentions broken, markdown escaped) before it is shown;
 * - nothing exceeds Discord's limits: text is cut at a word with "…" to fit.
 */
import { ButtonStyle, ComponentType } from 'discord.js';
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
  APIEmbedField,
  MessageMentionOptions,
} from 'discord.js';
import type { Answer, Figure, Quote, ReloadReport, Source, TopicInfo } from '../answer/types.js';
import { citedDate, numberSources, outletName, shortDate, displayText } from './cite.js';

/** Discord's limits on what a message may carry (characters unless said otherwise). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author name together. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonLabel: 80,
  customId: 100,
  /** Autocomplete: at most 25 choices, each name and value 1..100 characters. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Mentions nobody, not even the author of the message replied to. Put on every message. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], users: [], roles: [], repliedUser: false };

/** Quotes shown on one page of an answer; "More sources" shows the next ones. */
export const QUOTES_PER_PAGE = 3;

/** Embed colours. */
export const COLOURS = {
  answer: 0x3b82f6,
  abstain: 0x9ca3af,
  info: 0x5865f2,
  ok: 0x22c55e,
  problem: 0xef4444,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message as the bot sends it: accepted as is by reply, editReply, update, followUp and channel sends. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: MessageMentionOptions;
}

// ---------------------------------------------------------------------------------------------
// Text: neutralising and fitting

/** Collapses every run of white space (newlines included) to one space. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Breaks `@everyone` and `@here` with a zero-width space, as Discord's own clients do. */
function breakEveryone(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Breaks `@everyone`, `@here` and `<@id>`-style mentions so they render as plain text; other markdown stays. */
export function neutraliseMentions(text: string): string {
  return breakEveryone(text).replace(/<(?=[@#]|a?:|t:|\/)/g, '\\<');
}

/**
 * Escapes the markdown that would change how a text renders: emphasis, code, spoilers, strikes, links,
 * quotes, headings, mentions; and a list marker at the start. Escaped characters render as themselves.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|<>[\]()#]/g, '\\$&')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/, (_, space: string, marker: string) => `${space}${marker.replace(/([-+.])$/, '\\$1')}`);
}

/** Text from a person or an article, ready to show inside a message: one line, no mentions, no markdown. */
export function neutralise(text: string): string {
  return breakEveryone(escapeMarkdown(collapse(text)));
}

/**
 * Fits a text into `max` characters: unchanged when it fits, else cut at the last word boundary that
 * fits and ended with "…". Never leaves a dangling escape or half a surrogate pair.
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return '…';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.5) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;:–—-]+$/, '');
  const trailing = /\\+$/.exec(cut);
  if (trailing && trailing[0].length % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A plain text message (help lines, refusals, apologies), fitted to the content limit. */
export function notice(text: string): DiscordMessage {
  return { content: fit(text, LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}

// ---------------------------------------------------------------------------------------------
// Sources and citations

function headline(source: Source): string {
  return source.title?.trim() || source.file;
}

/**
 * The link as a markdown target, or null when unknown, not http(s), carrying credentials, or too long to
 * cite whole. An "@" is percent-encoded (same link), so "…/@everyone" in a path cannot read as a mention.
 */
function safeUrl(url: string | null): string | null {
  if (!url || url.length > 500) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20').replace(/@/g, '%40');
  } catch {
    return null;
  }
}

/** "Outlet — Headline (date)", the headline linked when the link is known; without the "[n] ". */
export function citation(source: Source, maxHeadline = 200): string {
  const title = neutralise(fit(collapse(headline(source)), maxHeadline));
  const url = safeUrl(source.url);
  const linked = url ? `[${title}](${url})` : title;
  return `${neutralise(outletName(source))} — ${linked} (${neutralise(citedDate(source))})`;
}


/** "[3][4]": every outlet that printed the quote. */
function markers(quote: Quote, numbers: ReadonlyMap<string, number>): string {
  const seen = new Set<number>();
  for (const source of quote.sources) {
    const n = numbers.get(source.id);
    if (n !== undefined) seen.add(n);
  }
  return [...seen].map((n) => `[${n}]`).join('');
}

/** "Sources differ: 520,000 (Haaretz, 4 Feb 2020) · close to 700,000 (The New Arab, 15 Feb 2020)". */
export function figuresLine(figures: readonly Figure[]): string {
  const parts = figures.map((figure) => {
    const runs: string[] = [];
    let names: string[] = [];
    const flush = (date: string | null): void => {
      if (names.length === 0) return;
      runs.push(date ? `${names.join('; ')}, ${date}` : names.join('; '));
      names = [];
    };
    figure.sources.forEach((source, i) => {
      names.push(neutralise(outletName(source)));
      const next = figure.sources[i + 1];
      if (source.date && next?.date !== source.date) flush(shortDate(source.date));
    });
    flush(null);
    const who = runs.join('; ');
    return who ? `${neutralise(figure.value)} (${who})` : neutralise(figure.value);
  });
  return `Sources differ: ${parts.join(' · ')}`;
}

// ---------------------------------------------------------------------------------------------
// Fitting embeds

/** Shares a budget among items: each gets its length, or an equal share of what is left when too long. */
function shareBudget(lengths: readonly number[], budget: number): number[] {
  const out = lengths.map(() => 0);
  const order = lengths.map((length, i) => ({ length, i })).sort((a, b) => a.length - b.length);
  let remaining = Math.max(0, budget);
  let left = order.length;
  for (const { length, i } of order) {
    const give = Math.min(length, Math.floor(remaining / left));
    out[i] = give;
    remaining -= give;
    left -= 1;
  }
  return out;
}

/** Packs lines into fields of at most 1,024 characters; beyond `maxFields`, says how many were left out. */
function packFields(name: string, lines: readonly string[], maxFields: number): APIEmbedField[] {
  const values: string[] = [];
  let current: string[] = [];
  let size = -1;
  let used = 0;
  for (const raw of lines) {
    const line = fit(raw, LIMITS.fieldValue);
    if (current.length > 0 && size + 1 + line.length > LIMITS.fieldValue) {
      if (values.length + 1 >= maxFields) break;
      values.push(current.join('\n'));
      current = [];
      size = -1;
    }
    current.push(line);
    size += 1 + line.length;
    used += 1;
  }
  if (used < lines.length) {
    const more = (): string => `…and ${lines.length - used} more`;
    while (current.length > 0 && size + 1 + more().length > LIMITS.fieldValue) {
      size -= 1 + (current.pop()?.length ?? 0);
      used -= 1;
    }
    current.push(more());
  }
  if (current.length > 0) values.push(current.join('\n'));
  return values.map((value, i) => ({ name: i === 0 ? name : `${name} (cont.)`, value, inline: false }));
}

function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Makes any embed fit Discord: each part within its own limit, then the whole within 6,000 characters
 * by shortening the description and, if that is not enough, dropping the last fields.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = fit(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = fit(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: fit(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: fit(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((field) => ({
      ...field,
      name: fit(field.name, LIMITS.fieldName) || '\u200b',
      value: fit(field.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  let over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) {
    out.description = fit(out.description, Math.max(0, out.description.length - over));
    over = embedLength(out) - LIMITS.embedTotal;
  }
  while (over > 0 && out.fields && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    over = embedLength(out) - LIMITS.embedTotal;
  }
  if (over > 0 && out.title) out.title = fit(out.title, Math.max(1, out.title.length - over));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Answers

/** The custom id of a page button: `ans:<answer id>:<prev|next>:<page>` (ids stay far below 100 characters). */
export function pageButtonId(answerId: string, direction: 'prev' | 'next', page: number): string {
  return `ans:${answerId}:${direction}:${page}`;
}

/** Reads a page button's custom id; null when it is not one. */
export function parsePageButtonId(customId: string): { answerId: string; page: number } | null {
  const m = /^ans:([A-Za-z0-9_-]{1,40}):(?:prev|next):(\d{1,4})$/.exec(customId);
  return m && m[1] ? { answerId: m[1], page: Number(m[2]) } : null;
}

/** A member's verdict on an answer. */
export type FeedbackVote = 'up' | 'down';

/** The custom id of a feedback button: `fb:<answer id>:<up|down>`. */
export function feedbackButtonId(answerId: string, vote: FeedbackVote): string {
  return `fb:${answerId}:${vote}`;
}

/** Reads a feedback button's custom id; null when it is not one. */
export function parseFeedbackButtonId(customId: string): { answerId: string; vote: FeedbackVote } | null {
  const m = /^fb:([A-Za-z0-9_-]{1,40}):(up|down)$/.exec(customId);
  return m && m[1] && (m[2] === 'up' || m[2] === 'down') ? { answerId: m[1], vote: m[2] } : null;
}

/** How many pages an answer's quotes fill. */
export function pageCount(answer: Answer, perPage = QUOTES_PER_PAGE): number {
  return Math.max(1, Math.ceil(answer.quotes.length / perPage));
}

export interface AnswerRenderOptions {
  /** Page to show, from 0 (clamped to the pages there are). */
  page?: number;
  /** Quotes per page (default 3). */
  perPage?: number;
  /** The id the page (and feedback) buttons carry; without it no buttons are added. */
  answerId?: string;
  /** Add 👍 / 👎 buttons (needs `answerId`). */
  feedback?: boolean;
}

/** The question as a title: neutralised and fitted. */
function questionTitle(question: string): string {
  return fit(neutralise(question), LIMITS.embedTitle) || 'Your question';
}

/** A footer is plain text (no markdown, no mentions rendered): only `@everyone`/`@here` are broken, as everywhere. */
function topicFooter(answer: Answer): string {
  if (!answer.topic) return 'Topic: none matched';
  return `Topic: ${breakEveryone(collapse(answer.topic))} (${Math.round(answer.topicConfidence * 100)}%)`;
}

/**
 * What an answer with no quotes says: for an abstention, the engine's words and where to look instead;
 * for small talk ("thanks!"), the engine's reply alone, with no question title or "not covered" footer
 * (a greeting, or a question about the bot, is also told where to start).
 */
export function renderAbstention(answer: Answer): DiscordMessage {
  let message = neutraliseMentions(collapse(answer.message)) || "I couldn't find that in the articles I follow.";
  // Small talk gets its reply alone, but for a greeting or a question about the bot, told where to start.
  if ((!answer.chat || answer.chat === 'greeting' || answer.chat === 'about') && !/\/topics/.test(message)) {
    message += ' Try `/topics` for what I can answer, or `/sources` for the articles.';
  }
  const embed: APIEmbed = answer.chat
    ? { description: fit(message, LIMITS.embedDescription), color: COLOURS.info }
    : {
        title: questionTitle(answer.question),
        description: fit(message, LIMITS.embedDescription),
        color: COLOURS.abstain,
        footer: { text: 'Not covered by the articles' },
      };
  return { embeds: [fitEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
}

/**
 * An answer as an embed: the page's quotes as block quotes with their citation numbers, the figures
 * sources disagree on, the sources cited on the page, the topic in the footer, page buttons when
 * there is more than one page, and 👍 / 👎 when asked for. An abstention, or small talk, renders as
 * `renderAbstention` (no buttons: every abstention is recorded as a coverage gap already, and small talk
 * is no question).
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): DiscordMessage {
  if (!answer.answered || answer.quotes.length === 0) return renderAbstention(answer);
  const perPage = Math.max(1, options.perPage ?? QUOTES_PER_PAGE);
  const pages = pageCount(answer, perPage);
  const page = Math.min(Math.max(0, Math.floor(options.page ?? 0)), pages - 1);
  const first = page * perPage;
  const shown = answer.quotes.slice(first, first + perPage);
  const numbers = numberSources(answer.quotes);

  // Description: quotes, then the figures line. Quotes share what the figures line leaves.
  const figures = answer.figures.length > 0 ? fit(figuresLine(answer.figures), 1000) : '';
  const blocks = shown.map((quote) => ({ text: neutralise(displayText(quote)), tail: ` ${markers(quote, numbers)}` }));
  const separators = 2 * (blocks.length - 1) + (figures ? 2 : 0);
  const fullLengths = blocks.map((b) => 2 + b.text.length + b.tail.length);
  const allowances = shareBudget(fullLengths, LIMITS.embedDescription - figures.length - separators);
  const quoted = blocks.map((b, i) => `> ${fit(b.text, (allowances[i] ?? 0) - 2 - b.tail.length)}${b.tail}`);
  const description = [...quoted, ...(figures ? [figures] : [])].join('\n\n');

  // Sources cited on this page, by number.
  const cited = new Map<number, Source>();
  for (const quote of shown) {
    for (const source of quote.sources) {
      const n = numbers.get(source.id);
      if (n !== undefined && !cited.has(n)) cited.set(n, source);
    }
  }
  const lines = [...cited.entries()].sort((a, b) => a[0] - b[0]).map(([n, s]) => `[${n}] ${citation(s)}`);

  const range = shown.length === 1 ? `quote ${first + 1}` : `quotes ${first + 1}–${first + shown.length}`;
  const embed: APIEmbed = {
    title: questionTitle(answer.question),
    description,
    color: COLOURS.answer,
    fields: packFields('Sources', lines, 3),
    footer: { text: `${topicFooter(answer)} · ${range} of ${answer.quotes.length}` },
  };

  const buttons: APIButtonComponentWithCustomId[] = [];
  if (options.answerId && pages > 1) {
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Previous',
        custom_id: pageButtonId(options.answerId, 'prev', Math.max(0, page - 1)),
        disabled: page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: 'More sources',
        custom_id: pageButtonId(options.answerId, 'next', Math.min(pages - 1, page + 1)),
        disabled: page >= pages - 1,
      },
    );
  }
  if (options.answerId && options.feedback) {
    buttons.push(
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: feedbackButtonId(options.answerId, 'up') },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: feedbackButtonId(options.answerId, 'down') },
    );
  }
  const components: ButtonRow[] = buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { embeds: [fitEmbed(embed)], components, allowedMentions: NO_MENTIONS };
}

// ---------------------------------------------------------------------------------------------
// Topics, sources, reloads

/** A well-formed example question (a capital letter, a question mark) reads better than a casual one. */
export function presentable(example: string): boolean {
  return /^[A-Z]/.test(example) && /\?$/.test(example.trim());
}

/** A topic's description is written to cover its ground; its opening phrase says it best to a person. */
function topicSummary(description: string): string {
  const text = collapse(description);
  const head = /^[^:;.]{8,160}(?=[:;.])/.exec(text)?.[0];
  return head ?? fit(text, 160);
}

/** `/topics`: each topic with what it covers and a few example questions (well-formed ones first). */
export function renderTopics(topics: readonly TopicInfo[], examplesPerTopic = 3): DiscordMessage {
  const embed: APIEmbed = {
    title: 'What I can answer',
    color: COLOURS.info,
    description:
      topics.length > 0
        ? 'Ask with `/ask`, by mentioning me, or in a DM. Some questions per topic:'
        : 'No topics are set up yet. You can still ask anything about the articles: see `/sources`.',
  };
  const shown = topics.slice(0, LIMITS.embedFields);
  const fields: APIEmbedField[] = shown.map((topic) => {
    const examples = [...topic.examples]
      .sort((a, b) => Number(presentable(b)) - Number(presentable(a)))
      .slice(0, examplesPerTopic)
      .map((e) => `• ${fit(neutralise(e), 200)}`)
      .join('\n');
    const about = fit(neutralise(topicSummary(topic.description)), LIMITS.fieldValue - examples.length - 1);
    const name = collapse(topic.name);
    return {
      name: fit(neutralise(name.charAt(0).toUpperCase() + name.slice(1)), LIMITS.fieldName) || '\u200b',
      value: [about, examples].filter(Boolean).join('\n') || '\u200b',
    };
  });
  if (topics.length > shown.length) {
    const last = fields[fields.length - 1];
    if (last) last.value = fit(`${last.value}\n…and ${topics.length - shown.length + 1} more topics`, LIMITS.fieldValue);
  }
  embed.fields = fields;
  return { embeds: [fitEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
}

/** `/sources`: every article with its outlet, headline, date and link (when known). */
export function renderSources(sources: readonly Source[]): DiscordMessage {
  const lines = sources.map((s) => `• ${citation(s)}`);
  let description = '';
  let count = 0;
  for (const line of lines) {
    const rest = lines.length - count - 1;
    const reserve = rest > 0 ? 40 : 0;
    if (description.length + line.length + 1 + reserve > LIMITS.embedDescription) break;
    description = description ? `${description}\n${line}` : line;
    count += 1;
  }
  if (count < lines.length) description += `\n…and ${lines.length - count} more articles`;
  const embed: APIEmbed = {
    title: `The articles I quote (${sources.length})`,
    color: COLOURS.info,
    description: description || 'No articles are loaded.',
    footer: { text: 'Every answer quotes these articles word for word and cites them.' },
  };
  return { embeds: [fitEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
}

function listField(name: string, items: readonly string[]): APIEmbedField | null {
  if (items.length === 0) return null;
  return { name, value: fit(items.map((i) => neutralise(i)).join(', '), LIMITS.fieldValue) };
}

/** `/reload`: what changed, and every problem with its file. */
export function renderReload(report: ReloadReport): DiscordMessage {
  const before = new Set(report.topicsBefore);
  const after = new Set(report.topicsAfter);
  const topicsAdded = report.topicsAfter.filter((t) => !before.has(t));
  const topicsRemoved = report.topicsBefore.filter((t) => !after.has(t));
  const summary = report.ok
    ? `Loaded ${report.articles} articles (${report.sentences} sentences) and ${report.topicsAfter.length} topics.`
    : `The reload failed, so I kept the previous articles and topics. ${neutralise(report.error ?? '')}`.trim();
  const unchanged =
    report.ok && report.added.length + report.removed.length + report.changed.length + topicsAdded.length + topicsRemoved.length === 0;
  const fields = [
    listField('Added', report.added),
    listField('Removed', report.removed),
    listField('Changed', report.changed),
    listField('New topics', topicsAdded),
    listField('Topics gone', topicsRemoved),
  ].filter((f): f is APIEmbedField => f !== null);
  fields.push(...packFields(`Problems (${report.problems.length})`, report.problems.map((p) => `**${neutralise(p.file)}**: ${neutralise(p.message)}`), 3));
  const embed: APIEmbed = {
    title: report.ok ? 'Reloaded' : 'Reload failed',
    color: report.ok ? (report.problems.length ? COLOURS.abstain : COLOURS.ok) : COLOURS.problem,
    description: unchanged ? `${summary} Nothing changed.` : summary,
    fields,
  };
  return { embeds: [fitEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
}
