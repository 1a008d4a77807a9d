/**
 * The Discord renderer on the real engine's answers: citations, several outlets per quote, figures that
 * differ, pages, abstentions, and answers made to overflow every limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Engine, Quote, Source } from '../../src/answer/types.js';
import {
  LIMITS,
  NO_MENTIONS,
  citation,
  figuresLine,
  fit,
  neutralise,
  notice,
  pageButtonId,
  parsePageButtonId,
  renderAbstention,
  renderAnswer,
  renderReload,
  renderSources,
  renderTopics,
} from '../../src/render/discord.js';
import { messageLimitProblems } from './limits.js';
import { realEngine } from './harness.js';

let engine: Engine;
let sources: Source[];

beforeAll(async () => {
  engine = await realEngine();
  sources = engine.sources();
});

function source(outlet: string): Source {
  const s = sources.find((x) => x.outlet === outlet);
  if (!s) throw new Error(`no source from ${outlet}`);
  return s;
}

/** The payload as Discord receives it: snake_case, as discord.js sends these plain objects. */
function asSent(message: ReturnType<typeof renderAnswer>): Record<string, unknown> {
  return { content: message.content, embeds: message.embeds, components: message.components };
}

describe('fit and neutralise', () => {
  it('cuts at a word with an ellipsis, and leaves short text alone', () => {
    expect(fit('short enough', 20)).toBe('short enough');
    expect(fit('the quick brown fox jumps over', 17)).toBe('the quick brown…');
    expect(fit('the quick brown fox jumps over', 17).length).toBeLessThanOrEqual(17);
    expect(fit('a\\*b\\*c d', 4)).toBe('a\\*…');
    expect(fit('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('breaks mentions and escapes markdown', () => {
    const out = neutralise('@everyone <@123456789012345678> **bold** _it_ ~~s~~ ||sp|| `c` > q [l](http://x) # h');
    expect(out).not.toMatch(/@everyone/);
    expect(out).toContain('@\u200beveryone');
    expect(out).toContain('\\<@123456789012345678\\>');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\[l\\]\\(http://x\\)');
    expect(neutralise('- a list?\n1. not a list')).toBe('\\- a list? 1. not a list');
  });
});

describe('answers', () => {
  it('gives a quote printed by several outlets all their numbers, and cites each once', () => {
    const answer = engine.ask('Can Turkey cope with another migrant wave from Idlib?', { top: 9 });
    const shared = answer.quotes.findIndex((q) => new Set(q.sources.map((s) => s.id)).size > 1);
    expect(shared).toBeGreaterThanOrEqual(0);
    const page = Math.floor(shared / 3);
    const embed = renderAnswer(answer, { page, answerId: 'x' }).embeds[0];
    const block = (embed?.description ?? '').split('\n\n')[shared % 3] ?? '';
    expect(block).toMatch(/ (\[\d+\]){2,}$/);
    const numbers = [...block.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
    const cited = embed?.fields?.[0]?.value ?? '';
    for (const n of numbers) expect(cited).toMatch(new RegExp(`^\\[${n}\\] `, 'm'));
  });

  it('cites "Outlet — Headline (date)", linking the headline when the link is known', () => {
    const linked = source('The Moscow Times');
    expect(citation(linked)).toBe(
      `The Moscow Times — [Turkey Says It Met Responsibilities over Syria's Idlib in Russia Deal](${linked.url}) (15 Feb 2020)`,
    );
    const undated = source('Haaretz');
    expect(undated.date).toBeNull();
    expect(citation(undated)).toMatch(/^Haaretz — After Deadly Clashes, Erdogan Says Turkey Won't Allow Syrian Advance on Idlib \(date not printed; reports Tuesday 4 February 2020\)$/);
  });

  it('puts figures that sources give differently on their own line', () => {
    const base = engine.ask('How many people have been displaced by the offensive on Idlib?', { top: 9 });
    const answer: Answer = {
      ...base,
      figures: [
        { value: '520,000', amount: 520000, sources: [source('Haaretz')] },
        { value: 'close to 700,000', amount: 700000, sources: [source('The New Arab')] },
        { value: '800,000', amount: 800000, sources: [source('Middle East Eye'), source('The National')] },
      ],
    };
    expect(figuresLine(answer.figures)).toBe(
      'Sources differ: 520,000 (Haaretz) · close to 700,000 (The New Arab, 15 Feb 2020) · 800,000 (Middle East Eye; The National, 15 Feb 2020)',
    );
    const description = renderAnswer(answer).embeds[0]?.description ?? '';
    expect(description.split('\n\n').at(-1)).toMatch(/^Sources differ: /);
  });

  it('pages through the quotes, three at a time, with buttons that say where they lead', () => {
    const answer = engine.ask('What did Erdogan tell Trump?', { top: 9 });
    expect(answer.quotes.length).toBeGreaterThan(6);
    const last = Math.ceil(answer.quotes.length / 3) - 1;
    const first = renderAnswer(answer, { answerId: 'abc' });
    const end = renderAnswer(answer, { answerId: 'abc', page: 99 });
    const ids = (m: typeof first) => m.components.flatMap((r) => r.components.map((b) => [b.label, b.custom_id, b.disabled]));
    expect(ids(first)).toEqual([
      ['Previous', 'ans:abc:prev:0', true],
      ['More sources', 'ans:abc:next:1', false],
    ]);
    expect(ids(end)).toEqual([
      ['Previous', `ans:abc:prev:${last - 1}`, false],
      ['More sources', `ans:abc:next:${last}`, true],
    ]);
    expect(parsePageButtonId(pageButtonId('abc', 'next', 2))).toEqual({ answerId: 'abc', page: 2 });
    expect(parsePageButtonId('something-else')).toBeNull();
    expect(renderAnswer(answer).components).toEqual([]);
  });

  it('renders an abstention plainly, pointing to /topics and /sources', () => {
    const answer = engine.ask('What is the capital of France?');
    expect(answer.answered).toBe(false);
    const embed = renderAbstention(answer).embeds[0];
    expect(embed?.description).toContain(answer.message.slice(0, 40));
    expect(embed?.description).toContain('`/topics`');
    expect(embed?.description).toContain('`/sources`');
    expect(renderAnswer(answer)).toEqual(renderAbstention(answer));
    expect(embed?.footer?.text).toBe('Not covered by the articles');
  });

  it('renders a reply to small talk as a reply, not as a question the articles failed to answer', () => {
    const thanks = renderAnswer(engine.ask('thanks!')).embeds[0];
    expect(thanks?.description).toMatch(/^You're welcome/);
    expect(thanks?.description).not.toContain('`/topics`');
    expect(thanks?.footer).toBeUndefined();
    expect(thanks?.title).toBeUndefined();
    // A greeting is told where to start.
    expect(renderAnswer(engine.ask('hi there')).embeds[0]?.description).toContain('`/topics`');
    // So is a question about the bot, which is not "not covered by the articles" either.
    const about = renderAnswer(engine.ask('what can you do?')).embeds[0];
    expect(about?.description).toMatch(/^I'm a bot that answers questions about the articles/);
    expect(about?.description).toContain('`/topics`');
    expect(about?.footer).toBeUndefined();
  });

  it('keeps an answer that would overflow every limit within them, cutting quotes at a word', () => {
    const base = engine.ask('How many Turkish soldiers have been killed in Idlib?', { top: 9 });
    const huge = (q: Quote, i: number): Quote => ({
      ...q,
      text: `${q.text} `.repeat(30).trim(),
      sources: sources.map((s) => ({ ...s, title: `${s.title ?? ''} ${'very long headline '.repeat(20)}${i}`, start: 0, end: 1 })),
    });
    const answer: Answer = {
      ...base,
      question: `${'@everyone why '.repeat(400)}?`,
      quotes: base.quotes.map(huge),
      figures: sources.map((s, i) => ({ value: `${i + 1}00,000 ${'people '.repeat(50)}`, amount: i, sources: sources.slice(0, 5) })),
    };
    for (let page = 0; page < 3; page++) {
      const message = renderAnswer(answer, { page, answerId: 'overflow' });
      expect(messageLimitProblems(asSent(message))).toEqual([]);
      const embed = message.embeds[0];
      expect(embed?.title).toMatch(/…$/);
      expect(embed?.description).toMatch(/…\s(\[\d+\])+/);
      expect(message.allowedMentions).toEqual(NO_MENTIONS);
    }
  });

  it('keeps /topics, /sources and /reload within limits however much there is to say', () => {
    const topics = Array.from({ length: 40 }, (_, i) => ({
      name: `topic ${i} ${'x'.repeat(300)}`,
      description: 'word '.repeat(500),
      examples: Array.from({ length: 30 }, () => `${'Why '.repeat(80)}?`),
    }));
    expect(messageLimitProblems(asSent(renderTopics(topics)))).toEqual([]);
    const many = Array.from({ length: 200 }, (_, i) => ({ ...sources[0]!, id: `a${i}`, title: 'headline '.repeat(40) }));
    const rendered = renderSources(many);
    expect(messageLimitProblems(asSent(rendered))).toEqual([]);
    expect(rendered.embeds[0]?.description).toMatch(/…and \d+ more articles$/);
    const report = {
      ok: true,
      articles: 900,
      sentences: 90000,
      added: Array.from({ length: 300 }, (_, i) => `article-${i}`),
      removed: [],
      changed: [],
      topicsBefore: [],
      topicsAfter: ['a'],
      problems: Array.from({ length: 300 }, (_, i) => ({ file: `bad-${i}.txt`, message: 'is empty' })),
    };
    const reload = renderReload(report);
    expect(messageLimitProblems(asSent(reload))).toEqual([]);
    expect(JSON.stringify(reload)).toMatch(/…and \d+ more/);
  });

  it('fits a plain notice to the content limit', () => {
    expect(notice('word '.repeat(1000)).content?.length).toBeLessThanOrEqual(LIMITS.content);
  });
});
