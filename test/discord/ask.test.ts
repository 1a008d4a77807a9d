/**
 * `/ask` against the loopback Discord, with the real bot and the real engine: the answer embed, private
 * answers, autocomplete, "More sources", and text that must neither ping nor overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/answer/types.js';
import { ask, buttons, callbackType, embedOf, embedText, expectCleanTraffic, messageOf, realEngine, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let engine: Engine;
let h: Harness;

beforeAll(async () => {
  engine = await realEngine();
  h = await startHarness(engine);
});

afterAll(async () => {
  await h?.stop();
});

const EPHEMERAL = 64;

describe('/ask', () => {
  it('answers with an embed that quotes the articles and cites them', async () => {
    const question = 'How many people have been displaced by the offensive on Idlib?';
    const expected = engine.ask(question, { top: 9 });
    expect(expected.answered).toBe(true);

    const { defer, edit, embed } = await ask(h, question);
    // Acknowledged first with a deferred, public reply; the answer then replaces it.
    expect(callbackType(defer)).toBe(5);
    expect(messageOf(defer).flags ?? 0).toBe(0);

    expect(embed.title).toBe(question);
    const description = embed.description ?? '';
    // The best quote, verbatim, as a block quote ending with its citation number.
    const first = expected.quotes[0];
    expect(first).toBeDefined();
    const quoteLines = description.split('\n').filter((l) => l.startsWith('> '));
    expect(quoteLines).toHaveLength(3);
    expect(quoteLines[0]).toMatch(/ \[1\]$/);
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
    expect(unescape(quoteLines[0] ?? '')).toContain(first?.text.replace(/\s+/g, ' ').trim().slice(0, 80) ?? '∅');

    // The sources cited: "[n] Outlet — Headline (date)", the headline linked when its link is known.
    const sources = embed.fields?.find((f) => f.name === 'Sources')?.value ?? '';
    const firstSource = first?.sources[0];
    expect(sources).toMatch(/^\[1\] /);
    expect(sources).toContain(`[1] ${firstSource?.outlet ?? '∅'} — `);
    for (const s of engine.sources()) {
      if (!sources.includes(`${s.outlet ?? '∅'} — `)) continue;
      if (s.url) expect(sources).toContain(`](${s.url})`);
      if (!s.date) expect(sources).toMatch(/date not printed/);
    }
    // The topic and confidence in the footer, and how many quotes there are.
    expect(embed.footer?.text).toBe(`Topic: displacement (${Math.round(expected.topicConfidence * 100)}%) · quotes 1–3 of ${expected.quotes.length}`);
    expect(messageOf(edit).allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });
  });

  it('says plainly when the articles do not cover a question, and points to /topics', async () => {
    const { embed } = await ask(h, 'What is the capital of France?');
    expect(embed.description).toMatch(/couldn't find|not cover|don't cover/i);
    expect(embed.description).toContain('/topics');
    expect(embed.description).not.toMatch(/^> /m);
    expect(embed.fields ?? []).toEqual([]);
  });

  it('answers privately (ephemeral) when private:true', async () => {
    const { defer, embed } = await ask(h, 'What did Erdogan tell Trump?', { private: true });
    expect(callbackType(defer)).toBe(5);
    expect((messageOf(defer).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed.description).toMatch(/^> /);
  });

  it('suggests example questions that match what is typed', async () => {
    const i = h.server.injectAutocomplete('ask', { question: 'refugees tur' }, 'question');
    const callback = await h.server.callback(i);
    expect(callbackType(callback)).toBe(8);
    const data = (callback.body as { data: { choices: { name: string; value: string }[] } }).data;
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.length).toBeLessThanOrEqual(25);
    // Only examples the articles answer are suggested.
    const examples = new Set(engine.topics({ answered: true }).flatMap((t) => t.examples));
    for (const choice of data.choices) {
      expect(examples.has(choice.value)).toBe(true);
      expect(engine.ask(choice.value).answered).toBe(true);
      expect(choice.name).toBe(choice.value);
    }
    // The best suggestion carries what was typed.
    expect(data.choices[0]?.value.toLowerCase()).toMatch(/refugee/);
    expect(data.choices[0]?.value.toLowerCase()).toMatch(/\btur/);

    // With nothing typed: a few examples anyway.
    const empty = h.server.injectAutocomplete('ask', { question: '' }, 'question');
    const none = await h.server.callback(empty);
    expect((none.body as { data: { choices: unknown[] } }).data.choices.length).toBeGreaterThan(0);
  });

  it('"More sources" shows the next quotes in place, and back again', async () => {
    const question = 'turkish soldiers killed';
    const expected = engine.ask(question, { top: 9 });
    expect(expected.quotes.length).toBeGreaterThan(3);
    const asked = await ask(h, question, { user: 'pager' });
    const more = buttons(messageOf(asked.edit)).find((b) => b.label === 'More sources');
    expect(more).toBeDefined();
    expect(more?.disabled).toBe(false);

    const message = h.server.originalMessage(asked.interaction);
    expect(message).not.toBeNull();
    const press = h.server.injectButton(more?.custom_id ?? '', message ?? {}, { user: 'pager' });
    const update = await h.server.callback(press);
    expect(callbackType(update)).toBe(7);
    const page2 = embedOf(update);
    expect(page2.footer?.text).toMatch(new RegExp(`quotes 4–${Math.min(6, expected.quotes.length)} of ${expected.quotes.length}$`));
    const fourth = expected.quotes[3]?.text.replace(/\s+/g, ' ').slice(0, 40) ?? '∅';
    expect((page2.description ?? '').replace(/\\(.)/g, '$1')).toContain(fourth);
    expect(page2.description).not.toBe(asked.embed.description);
    // Numbers stay those of the whole answer: page 2 cites by the same numbers as page 1 would.
    const previous = buttons(messageOf(update)).find((b) => b.label === 'Previous');
    expect(previous?.disabled).toBe(false);

    // Someone else pressing the button gets the page privately; the asker's message is left alone.
    const updated = h.server.originalMessage(asked.interaction);
    const other = h.server.injectButton(previous?.custom_id ?? '', updated ?? {}, { user: 'someone-else' });
    const otherReply = await h.server.callback(other);
    expect(callbackType(otherReply)).toBe(4);
    expect((messageOf(otherReply).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(embedOf(otherReply).footer?.text).toMatch(/quotes 1–3 of/);
  });

  it('answers a button from an answer it no longer holds (e.g. from before a restart) politely and privately', async () => {
    const press = h.server.injectButton('ans:forgotten1:next:1', { id: '1', channel_id: h.server.channels.general, flags: 0 }, { user: 'late' });
    const reply = await h.server.callback(press);
    expect(callbackType(reply)).toBe(4);
    expect((messageOf(reply).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageOf(reply).content).toMatch(/too old.*Ask again with `\/ask`/);
  });

  it('echoes a question full of @everyone, mentions and markdown without pinging or breaking anything', async () => {
    const nasty = '@everyone @here <@123456789012345678> <@&223456789012345678> **how many** ||people|| `fled` __idlib__? [click](https://evil.example) # heading';
    const { edit, embed } = await ask(h, nasty);
    const body = messageOf(edit);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });
    const title = embed.title ?? '';
    // No raw mention survives: @everyone/@here are broken by a zero-width space, <@…> is escaped.
    expect(title).not.toMatch(/@everyone|@here/);
    expect(title).toContain('@\u200beveryone');
    expect(title).not.toMatch(/(^|[^\\])<@/);
    // Markdown is escaped, so it shows as typed.
    expect(title).toContain('\\*\\*how many\\*\\*');
    expect(title).toContain('\\|\\|people\\|\\|');
    expect(title).toContain('\\[click\\]\\(https://evil.example\\)');
    expect(title).not.toMatch(/(^|[^\\])`/);
    expect(body.content ?? '').not.toMatch(/@everyone|@here|<@/);
  });

  it('keeps a 3,000-character question, and its answer, within Discord limits', async () => {
    const base = 'How many people have been displaced by the offensive on Idlib and where are they going? ';
    const question = base.repeat(Math.ceil(3000 / base.length)).slice(0, 3000);
    expect(question).toHaveLength(3000);
    const { edit, embed } = await ask(h, question);
    expect(embed.title?.length).toBeLessThanOrEqual(256);
    expect(embed.title).toMatch(/…$/);
    // Cut at a word: what stands before the ellipsis is whole words of the question.
    expect(question).toContain((embed.title ?? '').slice(0, -1));
    expect(question.charAt((embed.title ?? '').length - 1)).toBe(' ');
    expect(embedText(embed).length).toBeLessThanOrEqual(6000);
    expect(h.server.requests.filter((r) => r.status === 400)).toEqual([]);
    expect(edit.status).toBe(200);
  });

  it('sent nothing over the limits and mentioned no one, in any message of this file', () => {
    expectCleanTraffic(h.server);
  });
});
