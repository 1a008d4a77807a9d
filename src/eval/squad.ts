/**
 * ReQA-style sentence retrieval on SQuAD 2.0 (`npm run eval -- --squad`): every sentence of every paragraph
 * is a candidate; a question's gold sentences are those holding an answer's start; only answerable
 * questions count. Our retriever (no topics) and MiniSearch (BM25+, default settings) rank the same
 * sentences in the same run, so the comparison does not depend on the machine.
 */
import { readFile } from 'node:fs/promises';
import type { Sentence } from '../corpus/types.js';
import { sentenceTokens } from '../corpus/sentence.js';
import { analyse } from '../nlp/wink.js';
import { WordNet } from '../nlp/wordnet.js';
import { analyseQuestion } from '../retrieve/question.js';
import { DEFAULT_RANK, Retriever } from '../retrieve/retriever.js';
import type { RankOptions } from '../retrieve/retriever.js';

interface SquadFile {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ id: string; question: string; is_impossible?: boolean; answers: Array<{ answer_start: number }> }> }> }>;
}

export interface SquadQuestion {
  question: string;
  /** Indices (into the sentence list) of the sentences holding an answer's start. */
  gold: Set<number>;
}

export interface SquadSet {
  sentences: Sentence[];
  questions: SquadQuestion[];
  paragraphs: number;
}

/** Read SQuAD 2.0 JSON: split every paragraph into sentences with wink-nlp and find each answerable question's gold sentences. */
export async function loadSquad(path: string, limit = Infinity): Promise<SquadSet> {
  const data = JSON.parse(await readFile(path, 'utf8')) as SquadFile;
  const sentences: Sentence[] = [];
  const questions: SquadQuestion[] = [];
  let paragraphs = 0;
  for (const article of data.data) {
    for (const p of article.paragraphs) {
      if (questions.length >= limit) break;
      const articleId = `${article.title}#${paragraphs++}`;
      const a = analyse(p.context);
      const first = sentences.length;
      a.sentences.forEach(([f, l], position) => {
        const { tokens } = sentenceTokens(a, { offset: 0, first: f, last: l });
        const start = tokens[0]!.start;
        const end = tokens[tokens.length - 1]!.end;
        sentences.push({
          index: sentences.length,
          articleId,
          position,
          paragraph: 0,
          start,
          end,
          text: p.context.slice(start, end),
          tokens,
        });
      });
      const own = sentences.slice(first);
      for (const qa of p.qas) {
        if (qa.is_impossible || qa.answers.length === 0) continue;
        const gold = new Set<number>();
        for (const ans of qa.answers) {
          // The sentence holding the answer's start (or, in the white space between two, the next one).
          const s = own.find((x) => ans.answer_start < x.end) ?? own[own.length - 1];
          if (s) gold.add(s.index);
        }
        questions.push({ question: qa.question, gold });
      }
    }
  }
  return { sentences, questions, paragraphs };
}

export interface RetrievalFigures {
  questions: number;
  p1: number;
  mrr: number;
  r5: number;
}

/** P@1, MRR and R@5 of rankings (sentence indices, best first) against the gold sentences. */
export function retrievalFigures(questions: readonly SquadQuestion[], rankings: ReadonlyArray<readonly number[]>): RetrievalFigures {
  let p1 = 0;
  let mrr = 0;
  let r5 = 0;
  questions.forEach((q, i) => {
    const ranking = rankings[i] ?? [];
    const rank = ranking.findIndex((s) => q.gold.has(s)) + 1;
    if (rank === 1) p1++;
    if (rank > 0) mrr += 1 / rank;
    if (rank > 0 && rank <= 5) r5++;
  });
  const n = questions.length || 1;
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { questions: questions.length, p1: r(p1), mrr: r(mrr), r5: r(r5) };
}

/** Our retriever's rankings, with no topics (every sentence's affinity empty). */
export function rankOurs(set: SquadSet, rank: RankOptions = DEFAULT_RANK): number[][] {
  const retriever = new Retriever(set.sentences, set.sentences.map(() => new Map()), WordNet.open());
  return set.questions.map((q) => retriever.rank(analyseQuestion(q.question), [], 0, rank).candidates.slice(0, 50).map((c) => c.sentence.index));
}

/** MiniSearch's rankings with its default settings (BM25+ over its own tokenizer, no stemming). */
export async function rankMiniSearch(set: SquadSet): Promise<number[][]> {
  const { default: MiniSearch } = await import('minisearch');
  const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  ms.addAll(set.sentences.map((s) => ({ id: s.index, text: s.text })));
  return set.questions.map((q) => ms.search(q.question).slice(0, 50).map((r) => r.id as number));
}
