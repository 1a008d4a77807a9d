/**
 * Discord's limits and the project's mention policy, checked on raw request bodies as the loopback
 * server receives them (snake_case JSON): independent of the renderer's own code.
 */
import type { APIAllowedMentions, APIEmbed } from 'discord.js';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function embedProblems(embed: unknown, where: string): string[] {
  const problems: string[] = [];
  if (!isObj(embed)) return [`${where}: not an object`];
  const e = embed as APIEmbed;
  const check = (label: string, text: unknown, max: number, required = false): number => {
    const s = str(text);
    if (s.length > max) problems.push(`${where}.${label}: ${s.length} > ${max}`);
    if (required && s.length === 0) problems.push(`${where}.${label}: empty`);
    return s.length;
  };
  let total = check('title', e.title, 256) + check('description', e.description, 4096);
  total += check('footer.text', e.footer?.text, 2048) + check('author.name', e.author?.name, 256);
  const fields = e.fields ?? [];
  if (fields.length > 25) problems.push(`${where}.fields: ${fields.length} > 25`);
  fields.forEach((f, i) => {
    total += check(`fields[${i}].name`, f.name, 256, true) + check(`fields[${i}].value`, f.value, 1024, true);
  });
  if (total > 6000) problems.push(`${where}: total ${total} > 6000`);
  return problems;
}

function componentProblems(rows: unknown, where: string): string[] {
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) return [`${where}: not an array`];
  const problems: string[] = [];
  if (rows.length > 5) problems.push(`${where}: ${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row: unknown, r) => {
    const components = isObj(row) && Array.isArray(row.components) ? (row.components as unknown[]) : [];
    if (components.length > 5) problems.push(`${where}[${r}]: ${components.length} components > 5`);
    components.forEach((c, i) => {
      if (!isObj(c)) return;
      const label = str(c.label);
      const id = str(c.custom_id);
      if (label.length > 80) problems.push(`${where}[${r}][${i}].label: ${label.length} > 80`);
      if (id.length > 100) problems.push(`${where}[${r}][${i}].custom_id: ${id.length} > 100`);
      if (id && ids.has(id)) problems.push(`${where}[${r}][${i}].custom_id duplicated: ${id}`);
      ids.add(id);
    });
  });
  return problems;
}

/** What Discord would refuse in a message body (content, embeds, components). */
export function messageLimitProblems(body: unknown): string[] {
  if (!isObj(body)) return ['message body: not an object'];
  const problems: string[] = [];
  const content = str(body.content);
  if (content.length > 2000) problems.push(`content: ${content.length} > 2000`);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as unknown[]) : [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  embeds.forEach((e, i) => problems.push(...embedProblems(e, `embeds[${i}]`)));
  problems.push(...componentProblems(body.components, 'components'));
  return problems;
}

/** What Discord would refuse in autocomplete choices. */
export function choiceProblems(data: unknown): string[] {
  const choices = isObj(data) && Array.isArray(data.choices) ? (data.choices as unknown[]) : null;
  if (!choices) return ['choices: missing'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: ${choices.length} > 25`);
  choices.forEach((c, i) => {
    if (!isObj(c)) return void problems.push(`choices[${i}]: not an object`);
    const name = str(c.name);
    const value = String(c.value ?? '');
    if (name.length < 1 || name.length > 100) problems.push(`choices[${i}].name length ${name.length}`);
    if (value.length > 100) problems.push(`choices[${i}].value length ${value.length}`);
  });
  return problems;
}

/** The project's rule: every message carries allowed_mentions that mention nobody. */
export function mentionPolicyProblems(body: unknown): string[] {
  if (!isObj(body)) return ['message body: not an object'];
  const am = body.allowed_mentions;
  if (!isObj(am)) return ['allowed_mentions missing'];
  const a = am as APIAllowedMentions;
  const problems: string[] = [];
  if (!Array.isArray(a.parse) || a.parse.length > 0) problems.push(`allowed_mentions.parse is ${JSON.stringify(a.parse)}`);
  if ((a.users ?? []).length > 0) problems.push('allowed_mentions.users not empty');
  if ((a.roles ?? []).length > 0) problems.push('allowed_mentions.roles not empty');
  if (a.replied_user === true) problems.push('allowed_mentions.replied_user is true');
  return problems;
}

/**
 * Live mention syntax in a text: `@everyone`/`@here` unbroken, or (where Discord renders mentions, so not
 * in plain-text footers and author names) `<@id>`, `<@!id>`, `<@&id>` not escaped by a backslash.
 */
function livePings(text: string, plain = false): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/@(everyone|here)\b/gi)) found.push(m[0]);
  if (plain) return found;
  for (const m of text.matchAll(/<@[!&]?\d+>/g)) {
    let slashes = 0;
    for (let i = (m.index ?? 0) - 1; i >= 0 && text[i] === '\\'; i--) slashes += 1;
    if (slashes % 2 === 0) found.push(m[0]);
  }
  return found;
}

/**
 * The project's second line of defence: no text in a message would ping anyone even if Discord ignored
 * allowed_mentions (content, embed title, description, fields, footer, author).
 */
export function pingSyntaxProblems(body: unknown): string[] {
  if (!isObj(body)) return ['message body: not an object'];
  const texts: [string, unknown, boolean][] = [['content', body.content, false]];
  const embeds = Array.isArray(body.embeds) ? (body.embeds as unknown[]) : [];
  embeds.forEach((e, i) => {
    if (!isObj(e)) return;
    const embed = e as APIEmbed;
    texts.push([`embeds[${i}].title`, embed.title, false], [`embeds[${i}].description`, embed.description, false]);
    texts.push([`embeds[${i}].footer`, embed.footer?.text, true], [`embeds[${i}].author`, embed.author?.name, true]);
    (embed.fields ?? []).forEach((f, j) => texts.push([`embeds[${i}].fields[${j}]`, `${f.name}\n${f.value}`, false]));
  });
  return texts.flatMap(([where, text, plain]) => livePings(str(text), plain).map((ping) => `${where}: live mention ${ping}`));
}
