/**
 * The fuzzing properties, shared by `npm test` (a fixed seed, a small budget: see settings.ts) and
 * `npm run fuzz` (test/fuzz/run.ts: as many runs as asked). Each property is checked with fast-check and
 * reports its runs, seed and any counterexample; none throws on failure by itself.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import fc from 'fast-check';
import { createEngine } from '../../src/answer/engine.js';
import type { Answer, AskOptions, Engine, Problem } from '../../src/answer/types.js';
import { ARTICLE_EXTENSIONS, CorpusError, loadCorpus, readArticle } from '../../src/corpus/load.js';
import type { Article } from '../../src/corpus/types.js';
import { renderStats } from '../../src/discord/commands/stats.js';
import { suggestQuestions } from '../../src/discord/suggest.js';
import { parseTopic } from '../../src/intent/load.js';
import { SMALL_TALK_KINDS } from '../../src/nlp/smalltalk.js';
import { notice, renderAbstention, renderAnswer, renderReload, renderSources, renderTopics, pageCount } from '../../src/render/discord.js';
import type { DiscordMessage } from '../../src/render/discord.js';
import { choiceProblems, messageLimitProblems, pingSyntaxProblems } from '../discord/limits.js';
import { INTENTS, SEEDS } from '../helpers.js';
import {
  EXAMPLE_QUESTIONS,
  answerArb,
  articleName,
  askOptions,
  editHeader,
  fileBytes,
  headerEdit,
  oddText,
  reloadArb,
  sourceArb,
  statsArb,
  topicsArb,
} from './arbitraries.js';

/** What the properties work on: the real engine over the seed articles, and those articles' files. */
export interface FuzzContext {
  engine: Engine;
  /** Seed article files: name → text and bytes. */
  files: Map<string, { text: string; bytes: Uint8Array }>;
  /** Words of the articles and topic names, so that some odd questions still get answered. */
  vocabulary: string[];
}

export async function fuzzContext(): Promise<FuzzContext> {
  const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
  const files = new Map<string, { text: string; bytes: Uint8Array }>();
  for (const name of readdirSync(SEEDS).filter((n) => ARTICLE_EXTENSIONS.includes(extname(n)))) {
    const bytes = readFileSync(join(SEEDS, name));
    files.set(name, { text: bytes.toString('utf8'), bytes });
  }
  const words = new Set<string>();
  for (const { text } of files.values()) for (const w of text.match(/\p{L}{3,}/gu) ?? []) words.add(w);
  return { engine, files, vocabulary: [...words].sort() };
}

/** How a property is run: fast-check's seed and number of runs, and a path to replay one counterexample. */
export interface FuzzParams {
  seed: number;
  numRuns: number;
  path?: string;
}

export interface FuzzProperty {
  name: string;
  /** What it checks, in one line. */
  claim: string;
  /** Runs per `npm test` (a few seconds at most). */
  budget: number;
  check(ctx: FuzzContext, params: FuzzParams): Promise<fc.RunDetails<unknown>>;
}

// ---------------------------------------------------------------------------------------------
// Checks

function fail(message: string): never {
  throw new Error(message);
}

/** The Answer contract (src/answer/types.ts), quotes checked against the article files. */
export function answerProblems(answer: Answer, question: string, options: AskOptions, ctx: FuzzContext): string[] {
  const problems: string[] = [];
  const topics = new Set(ctx.engine.topics().map((t) => t.name));
  const finite = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  if (answer.question !== question) problems.push('question is not the question asked');
  if (typeof answer.message !== 'string' || answer.message.trim() === '') problems.push('message is empty');
  if (typeof answer.answered !== 'boolean') problems.push('answered is not a boolean');
  if (!finite(answer.topicConfidence) || answer.topicConfidence < 0 || answer.topicConfidence > 1) problems.push(`topicConfidence ${answer.topicConfidence}`);
  if (answer.topic !== null && !topics.has(answer.topic)) problems.push(`unknown topic ${answer.topic}`);
  if (answer.askedTopic !== null && !topics.has(answer.askedTopic)) problems.push(`unknown askedTopic ${answer.askedTopic}`);
  if (answer.topicScores.some((s) => !topics.has(s.topic) || !finite(s.score))) problems.push('topicScores malformed');
  if (answer.chat !== undefined && !(SMALL_TALK_KINDS as readonly string[]).includes(answer.chat)) problems.push(`unknown small talk ${answer.chat}`);
  if (answer.chat !== undefined && answer.answered) problems.push(`small talk ${answer.chat} answered`);
  if (!answer.answered) {
    if (answer.quotes.length > 0) problems.push('quotes while not answered');
    if (answer.topic !== null) problems.push('a topic while not answered');
    if (answer.figures.length > 0) problems.push('figures while not answered');
  } else {
    if (answer.quotes.length === 0) problems.push('answered without quotes');
    const asked = options.top ?? 3;
    const top = Number.isNaN(asked) ? 3 : Math.max(1, Math.min(50, Math.floor(asked)));
    if (answer.quotes.length > top) problems.push(`${answer.quotes.length} quotes for top ${String(options.top)}`);
  }
  answer.quotes.forEach((q, i) => {
    if (q.text.trim() === '') problems.push(`quote ${i} is empty`);
    if (!finite(q.score) || Object.values(q.parts).some((v) => !finite(v))) problems.push(`quote ${i} has a non-finite score`);
    if (q.sources.length === 0) problems.push(`quote ${i} cites nothing`);
    q.sources.forEach((s, j) => {
      const file = ctx.files.get(s.file)?.text;
      if (file === undefined) return void problems.push(`quote ${i} source ${j}: unknown file ${s.file}`);
      if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end && s.end <= file.length)) {
        return void problems.push(`quote ${i} source ${j}: offsets ${s.start}..${s.end} outside ${s.file}`);
      }
      if (j === 0 && file.slice(s.start, s.end) !== q.text) problems.push(`quote ${i}: text is not ${s.file} at ${s.start}..${s.end}`);
      if (s.id !== basename(s.file, extname(s.file))) problems.push(`quote ${i} source ${j}: id ${s.id} is not its file's`);
    });
  });
  for (const f of answer.figures) if (!finite(f.amount) || f.sources.length === 0) problems.push(`figure ${f.value} malformed`);
  try {
    JSON.stringify(answer);
  } catch (e) {
    problems.push(`not JSON: ${String(e)}`);
  }
  return problems;
}

/**
 * Discord's limits, and nobody mentioned: in the allowed mentions, nor as live syntax in the text (unless
 * `ownText`: a notice's text is the bot's own, markdown and all, and only the allowed mentions guard it).
 */
export function messageProblems(message: DiscordMessage, ownText = false): string[] {
  const am = message.allowedMentions;
  const problems = [...messageLimitProblems(message), ...(ownText ? [] : pingSyntaxProblems(message))];
  const empty = (list: unknown): boolean => Array.isArray(list) && list.length === 0;
  if (!empty(am.parse) || !empty(am.users) || !empty(am.roles) || am.repliedUser !== false) problems.push(`allowedMentions ${JSON.stringify(am)}`);
  if (!message.content && message.embeds.length === 0) problems.push('an empty message');
  return problems;
}

/** Every page of an answer, as the bot would send it, with its buttons. */
function renderPages(answer: Answer): DiscordMessage[] {
  const pages = Array.from({ length: Math.min(pageCount(answer), 12) }, (_, page) => renderAnswer(answer, { page, answerId: 'AbC-123_xyz' }));
  return [...pages, renderAnswer(answer, { page: -3 }), renderAnswer(answer, { page: 1e9 }), renderAbstention(answer)];
}

/** A loaded article or a problem, as the loader promises for one file. */
function articleOrProblemProblems(file: string, result: Article | Problem): string[] {
  if (!('raw' in result)) {
    const problems: string[] = [];
    if (result.file !== file) problems.push(`problem names ${JSON.stringify(result.file)}, not ${JSON.stringify(file)}`);
    if (typeof result.message !== 'string' || result.message.trim() === '') problems.push('problem without a message');
    if (/\n\s+at /.test(result.message)) problems.push('problem message holds a stack trace');
    if (result.message.length > 300) problems.push(`problem message of ${result.message.length} characters`);
    return problems;
  }
  const a = result;
  const problems: string[] = [];
  if (a.file !== file || a.id !== basename(file, extname(file))) problems.push(`article ${a.id} from ${a.file}, not ${file}`);
  if (a.sentences.length === 0) problems.push('article without sentences');
  for (const s of a.sentences) {
    if (a.raw.slice(s.start, s.end) !== s.text) problems.push(`sentence at ${s.start}..${s.end} is not verbatim`);
  }
  return problems;
}

function check<Ts extends unknown[]>(property: fc.IProperty<Ts>, params: FuzzParams, examples: Ts[] = []): Promise<fc.RunDetails<unknown>> {
  // A replayed path starts from the counterexample: the examples would shift it.
  return Promise.resolve(fc.check(property, { ...params, examples: params.path ? [] : examples }) as fc.RunDetails<unknown>);
}

// ---------------------------------------------------------------------------------------------
// The properties

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'ask',
    claim: 'engine.ask never throws on any string and returns a well-formed answer, its quotes verbatim from the files',
    budget: 300,
    check: (ctx, params) =>
      check(
        fc.property(oddText(ctx.vocabulary), askOptions, (question, options) => {
          const answer = ctx.engine.ask(question, options);
          const problems = answerProblems(answer, question, options, ctx);
          if (problems.length > 0) fail(problems.join('; '));
        }),
        params,
        EXAMPLE_QUESTIONS.map((q) => [q, {}] as [string, AskOptions]),
      ),
  },
  {
    name: 'render-engine',
    claim: "every page of the engine's answer to any question, as a Discord message, is within limits and mentions nobody",
    budget: 200,
    check: (ctx, params) =>
      check(
        fc.property(oddText(ctx.vocabulary), (question) => {
          const answer = ctx.engine.ask(question, { top: 9 });
          for (const message of renderPages(answer)) {
            const problems = messageProblems(message);
            if (problems.length > 0) fail(problems.join('; '));
          }
        }),
        params,
        EXAMPLE_QUESTIONS.map((q) => [q] as [string]),
      ),
  },
  {
    name: 'render-any',
    claim: 'any answer, topic list, source list, reload report, stats or notice renders within limits and mentions nobody',
    budget: 150,
    check: (_ctx, params) =>
      check(
        fc.property(answerArb, topicsArb, fc.array(sourceArb, { maxLength: 80 }), reloadArb, statsArb, oddText([], 30), (answer, topics, sources, report, stats, note) => {
          const messages = [...renderPages(answer), renderTopics(topics), renderSources(sources), renderReload(report), renderStats(stats)];
          for (const message of messages) {
            const problems = messageProblems(message);
            if (problems.length > 0) fail(problems.join('; '));
          }
          const own = messageProblems(notice(`Notice: ${note}`), true);
          if (own.length > 0) fail(own.join('; '));
          const choices = suggestQuestions(topics, note.slice(0, 100));
          const problems = choiceProblems({ choices: choices.map((c) => ({ name: c, value: c })) });
          if (problems.length > 0) fail(problems.join('; '));
        }),
        params,
      ),
  },
  {
    name: 'loader-bytes',
    claim: 'the loader never throws on any bytes: an article read verbatim, or a problem naming the file',
    budget: 200,
    check: (ctx, params) =>
      check(
        fc.property(articleName, fileBytes(ctx.vocabulary), (name, bytes) => {
          const problems = articleOrProblemProblems(name, readArticle(name, bytes));
          if (problems.length > 0) fail(problems.join('; '));
        }),
        params,
      ),
  },
  {
    name: 'loader-truncated',
    claim: 'a seed article cut anywhere (mid-header, mid-character) loads or is a problem naming the file',
    budget: 150,
    check: (ctx, params) =>
      check(
        fc.property(fc.constantFrom(...ctx.files.keys()), fc.nat(), (name, cut) => {
          const bytes = ctx.files.get(name)?.bytes ?? new Uint8Array();
          const result = readArticle(name, bytes.subarray(0, cut % (bytes.length + 1)));
          const problems = articleOrProblemProblems(name, result);
          if (problems.length > 0) fail(problems.join('; '));
        }),
        params,
      ),
  },
  {
    name: 'loader-header',
    claim: 'a seed article with its header broken by hand loads or is a problem naming the file',
    budget: 150,
    check: (ctx, params) =>
      check(
        fc.property(fc.constantFrom(...ctx.files.keys()), fc.array(headerEdit, { minLength: 1, maxLength: 4 }), (name, edits) => {
          const text = editHeader(ctx.files.get(name)?.text ?? '', edits);
          const result = readArticle(name, new TextEncoder().encode(text));
          const problems = articleOrProblemProblems(name, result);
          if (problems.length > 0) fail(problems.join('; '));
        }),
        params,
      ),
  },
  {
    name: 'loader-folder',
    claim: 'a folder of odd files loads what it can and accounts for every file, or fails with a CorpusError',
    budget: 25,
    check: (ctx, params) =>
      Promise.resolve(
        fc.check(
          fc.asyncProperty(
            fc.uniqueArray(fc.tuple(articleName, fileBytes(ctx.vocabulary)), { maxLength: 4, selector: ([name]) => name.toLowerCase() }),
            fc.subarray([...ctx.files.keys()], { maxLength: 2 }),
            async (odd, seeds) => {
              const dir = mkdtempSync(join(tmpdir(), 'cited-answers-fuzz-'));
              try {
                const names = new Set<string>();
                for (const [name, bytes] of odd) {
                  writeFileSync(join(dir, name), bytes);
                  names.add(name);
                }
                for (const name of seeds) {
                  if ([...names].some((n) => n.toLowerCase() === name.toLowerCase())) continue;
                  writeFileSync(join(dir, name), ctx.files.get(name)?.bytes ?? '');
                  names.add(name);
                }
                let loaded: { files: string[]; problems: Problem[] };
                try {
                  const corpus = await loadCorpus(dir);
                  loaded = { files: corpus.articles.map((a) => a.file), problems: corpus.problems };
                } catch (e) {
                  if (!(e instanceof CorpusError)) throw e;
                  if (!e.message.includes(dir)) fail(`CorpusError does not name the folder: ${e.message}`);
                  loaded = { files: [], problems: e.problems };
                }
                const accounted = [...loaded.files, ...loaded.problems.map((p) => p.file)].sort();
                if (JSON.stringify(accounted) !== JSON.stringify([...names].sort())) {
                  fail(`files ${JSON.stringify([...names].sort())} but loaded or named ${JSON.stringify(accounted)}`);
                }
              } finally {
                rmSync(dir, { recursive: true, force: true });
              }
            },
          ),
          params,
        ) as Promise<fc.RunDetails<unknown>>,
      ),
  },
  {
    name: 'topic-file',
    claim: 'a topic file of any text parses or is refused with an Error saying what is wrong',
    budget: 200,
    check: (_ctx, params) =>
      check(
        fc.property(
          fc.oneof(
            oddText([], 40, 3000),
            fc.tuple(fc.constantFrom('# food\n\nAbout food.\n\n## Examples\n\n', '# food\n', '\uFEFF# food\r\n\r\nx\r\n## Examples\r\n'), oddText([], 40, 3000)).map(([a, b]) => a + b),
          ),
          (text) => {
            try {
              const topic = parseTopic('food.md', text);
              if (topic.name !== 'food' || topic.examples.length === 0 || topic.description === '') fail(`a malformed topic: ${JSON.stringify(topic).slice(0, 200)}`);
            } catch (e) {
              if (!(e instanceof Error) || e.constructor !== Error || e.message.trim() === '') fail(`refused with ${String(e)}`);
              if (e.message.length > 300) fail(`a problem message of ${e.message.length} characters`);
            }
          },
        ),
        params,
      ),
  },
];
