/**
 * Abstention at scale (`npm run eval -- --at-scale`): does the engine still say it does not know when the
 * corpus is large, and still answer when it can? The evidence bars were set on the bundled articles (a
 * hundred-odd sentences); a moderator may drop in thousands of articles. Three corpora, built in a
 * temporary folder from ../shared/data (read where they are, never copied into the repository):
 *
 * - SQuAD 2.0's paragraphs, one article per title: its answerable questions should be answered, the
 *   top quote holding an answer's start (its offsets in the article file say so); its unanswerable ones
 *   (written against a paragraph that does not hold the answer) should not be, though many are answered
 *   elsewhere in the corpus or nearly so, so that share says little alone.
 * - BBC News (2,225 articles of 2004–2005): nothing in it answers SQuAD's questions or the dev
 *   questions about Idlib in 2020, so every one should be an abstention.
 * - The bundled articles mixed into BBC News: the dev questions, scored as `npm run eval` scores them.
 *
 * None of these questions was used to choose anything but the growth of the bars with the corpus
 * (Tuning.barGrowth), which was chosen on these figures.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, DEFAULT_TUNING } from '../answer/engine.js';
import type { Tuning } from '../answer/engine.js';
import type { Answer } from '../answer/types.js';
import { readBbc, writeCorpus } from './bbc.js';
import { evaluate } from './run.js';
import type { EvalQuestion, Figures } from './score.js';

interface SquadFile {
  data: Array<{ title: string; paragraphs: Array<{ context: string; qas: Array<{ question: string; is_impossible?: boolean; answers: Array<{ answer_start: number }> }> }> }>;
}

/** A SQuAD question asked of the SQuAD corpus: where its answers start in its article's file. */
interface SquadAsk {
  question: string;
  article: string;
  /** Offsets in the article file of each answer's start (none: unanswerable). */
  starts: number[];
}

export interface AtScaleFigures {
  squad: {
    sentences: number;
    answerable: number;
    /** Share of the answerable questions answered at all. */
    answered: number;
    /** Share of the answerable questions whose top quote holds an answer's start. */
    hit1: number;
    /** Share of the answerable questions answered with a top quote that holds no answer. */
    wrong: number;
    unanswerable: number;
    /** Share of the unanswerable questions not answered. */
    unanswerableAbstention: number;
  };
  bbc: {
    sentences: number;
    squadQuestions: number;
    /** Share of SQuAD's answerable questions not answered over BBC News. */
    squadAbstention: number;
    idlibQuestions: number;
    /** Share of the dev questions not answered over BBC News. */
    idlibAbstention: number;
  };
  mixed: {
    sentences: number;
    /** The dev questions over the bundled articles mixed into BBC News. */
    figures: Figures;
  };
}

export interface AtScaleOptions {
  squadPath: string;
  bbcPath: string;
  seedsDir: string;
  intentsDir: string;
  /** The dev questions. */
  questions: readonly EvalQuestion[];
  tuning?: Tuning;
  /** Ask every n-th SQuAD question only (1: all). */
  every?: number;
  /** Told what is being done, a line at a time. */
  log?: (line: string) => void;
}

/** Write SQuAD's paragraphs as one article file per title (the title, then the paragraphs), and its questions with where their answers start. */
function writeSquad(file: SquadFile, dir: string, every: number): SquadAsk[] {
  const asks: SquadAsk[] = [];
  let k = 0;
  file.data.forEach((article, i) => {
    const id = `squad-${String(i).padStart(3, '0')}`;
    let text = `${article.title.replace(/_/g, ' ')}\n\n`;
    for (const p of article.paragraphs) {
      const at = text.length;
      text += `${p.context}\n\n`;
      for (const qa of p.qas) {
        if (k++ % every !== 0) continue;
        const starts = qa.is_impossible ? [] : qa.answers.map((a) => at + a.answer_start);
        asks.push({ question: qa.question, article: id, starts });
      }
    }
    writeFileSync(join(dir, `${id}.txt`), text);
  });
  return asks;
}

/** Does the answer's top quote hold one of the answer starts, in the right article? */
function holdsAnswer(answer: Answer, ask: SquadAsk): boolean {
  const top = answer.quotes[0];
  return !!top && top.sources.some((s) => s.id === ask.article && ask.starts.some((x) => s.start <= x && x < s.end));
}

export async function atScale(options: AtScaleOptions): Promise<AtScaleFigures> {
  const tuning = options.tuning ?? DEFAULT_TUNING;
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new Error(`atScale: every must be a whole number of 1 or more, not ${every}`);
  const log = options.log ?? (() => {});
  const root = mkdtempSync(join(tmpdir(), 'at-scale-'));
  try {
    const mk = (dir: string) => createEngine({ corpusDir: dir, intentsDir: options.intentsDir }, tuning);
    // SQuAD's own paragraphs.
    const squadDir = join(root, 'squad');
    mkdirSync(squadDir);
    const squadAsks = writeSquad(JSON.parse(readFileSync(options.squadPath, 'utf8')) as SquadFile, squadDir, every);
    log(`SQuAD: ${squadAsks.length} questions over its own paragraphs`);
    const squad = await mk(squadDir);
    const answerable = squadAsks.filter((a) => a.starts.length > 0);
    const unanswerable = squadAsks.filter((a) => a.starts.length === 0);
    const answers = answerable.map((a) => ({ a, answer: squad.ask(a.question) }));
    const share = (n: number, of: number) => (of > 0 ? n / of : 0);
    const squadFigures = {
      sentences: squad.info().sentences,
      answerable: answerable.length,
      answered: share(answers.filter((x) => x.answer.answered).length, answerable.length),
      hit1: share(answers.filter((x) => x.answer.answered && holdsAnswer(x.answer, x.a)).length, answerable.length),
      wrong: share(answers.filter((x) => x.answer.answered && !holdsAnswer(x.answer, x.a)).length, answerable.length),
      unanswerable: unanswerable.length,
      unanswerableAbstention: share(unanswerable.filter((a) => !squad.ask(a.question).answered).length, unanswerable.length),
    };
    // BBC News alone, and with the bundled articles mixed in.
    const bbcArticles = readBbc(options.bbcPath).articles;
    const bbcDir = join(root, 'bbc');
    writeCorpus(bbcArticles, bbcDir, 1);
    log(`BBC News: ${bbcArticles.length} articles`);
    const bbc = await mk(bbcDir);
    const abstains = (qs: readonly string[]) => share(qs.filter((q) => !bbc.ask(q).answered).length, qs.length);
    const bbcFigures = {
      sentences: bbc.info().sentences,
      squadQuestions: answerable.length,
      squadAbstention: abstains(answerable.map((a) => a.question)),
      idlibQuestions: options.questions.length,
      idlibAbstention: abstains(options.questions.map((q) => q.question)),
    };
    const mixedDir = join(root, 'mixed');
    writeCorpus(bbcArticles, mixedDir, 1);
    for (const f of readdirSync(options.seedsDir)) if (/\.(md|txt)$/.test(f)) copyFileSync(join(options.seedsDir, f), join(mixedDir, f));
    log('The bundled articles mixed into BBC News');
    const mixed = await mk(mixedDir);
    return {
      squad: squadFigures,
      bbc: bbcFigures,
      mixed: { sentences: mixed.info().sentences, figures: evaluate(mixed, options.questions).figures },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
