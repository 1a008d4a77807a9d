/**
 * The engine's plain-data contract. Every face (Discord, REPL, CLI) consumes these shapes
 * and nothing else; none of them knows how a score was made.
 */
import type { SmallTalk } from '../nlp/smalltalk.js';

/** What is known of one article. Unknown stays `null`: never guessed. */
export interface Source {
  /** The article's id: its file name without the extension. */
  id: string;
  /** The file the article was read from, relative to the corpus folder. */
  file: string;
  /** The outlet that printed it, e.g. "Haaretz". */
  outlet: string | null;
  /** The headline. */
  title: string | null;
  /** Publication date as ISO `YYYY-MM-DD`, or null when the page does not print one. */
  date: string | null;
  /** A free-text note on the date when none is printed, e.g. "not printed; reports events of 4 February 2020". */
  dateNote: string | null;
  /** Link to the article, or null when not known. */
  url: string | null;
}

/** One outlet's printing of a quote, with where it stands in that outlet's file. */
export interface QuoteSource extends Source {
  /** Character offsets into the article file: `file.slice(start, end)` is the quote's text as printed there. */
  start: number;
  end: number;
}

/** The parts a quote's score is made of, for `.explain`. */
export interface ScoreParts {
  /** BM25 term match over the question's terms (after expansion). */
  match: number;
  /** Share of the question's weighted terms the sentence covers, 0..1 (a word only its paragraph neighbour has counts half). */
  coverage: number;
  /** The same share over the question's naming words only (nouns, names, numbers, adjectives). */
  salient: number;
  /** Boost from the question's topic agreeing with the sentence's topic. */
  topic: number;
  /** Boost from the sentence holding what the question type asks for (a number, a date, a name…). */
  questionType: number;
  /** Boost from introducing what a "who is X?" question asks about ("Vice President Fuat Oktay"). */
  introduction: number;
  /** Boost from several outlets printing the same sentence. */
  corroboration: number;
}

/** One quote: a verbatim sentence (or a sentence with the neighbour it needs), citing every outlet that printed it. */
export interface Quote {
  /** The verbatim text, as printed by the first source (`file.slice(start, end)` of that source). */
  text: string;
  /**
   * True when the text opens with the sentence before the one that answers, because the answer leans on
   * it ("He called the area…" after the sentence naming him). The two are one verbatim passage of the
   * file; a paragraph break between them is kept as printed.
   */
  withContext: boolean;
  /** Final ranking score (higher is better); comparable only within one answer. */
  score: number;
  /** Every outlet that printed this sentence (near-)verbatim, best first. */
  sources: QuoteSource[];
  /** How the score was made. */
  parts: ScoreParts;
}

/** A figure that sources give differently, e.g. how many people were displaced. */
export interface Figure {
  /** The figure as printed, e.g. "close to 700,000". */
  value: string;
  /** Numeric value used for comparison. */
  amount: number;
  /** The outlets that give it. */
  sources: Source[];
}

export interface TopicScore {
  topic: string;
  score: number;
}

/** The engine's answer to one question: plain data, rendered by each face. */
export interface Answer {
  question: string;
  /**
   * The answer's topic: from the question and its best quote together, or null when none fits or the
   * engine abstains.
   */
  topic: string | null;
  /** The topic of the question alone (the classifier's guess, before any evidence), or null. */
  askedTopic: string | null;
  /** Confidence of that topic, 0..1 (0 when topic is null). */
  topicConfidence: number;
  /** Every topic's score, best first (for `.explain`). */
  topicScores: TopicScore[];
  /** False when the engine abstains: no quote clears the bar. */
  answered: boolean;
  /** The best quotes, best first; empty when `answered` is false. */
  quotes: Quote[];
  /** When the quotes give a count that differs between sources: each figure with its sources. Empty otherwise. */
  figures: Figure[];
  /** What a person would be told, in one or two sentences (plain text). */
  message: string;
  /**
   * Set when the message was small talk ("hi", "thanks!"), not a question: `message` is the reply, and
   * the faces do not treat it as a question the articles failed to answer.
   */
  chat?: SmallTalk;
}

export interface AskOptions {
  /** How many quotes at most (default 3). */
  top?: number;
  /** When false, rank and return quotes even below the abstention bar (default true). */
  abstain?: boolean;
}

/** A topic and what it covers, for `/topics` and `.topics`. */
export interface TopicInfo {
  name: string;
  description: string;
  examples: string[];
}

/** One problem found while loading, naming its file. */
export interface Problem {
  /** The file, relative to the folder it was read from (or the folder itself). */
  file: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** What a reload did. The new index replaces the old only when `ok` is true. */
export interface ReloadReport {
  ok: boolean;
  articles: number;
  sentences: number;
  added: string[];
  removed: string[];
  changed: string[];
  topicsBefore: string[];
  topicsAfter: string[];
  problems: Problem[];
  /** When `ok` is false: why the old index was kept. */
  error?: string;
}

/**
 * How far a load (at start or on reload) has got. `articles`: `done` of `total` article files read and split
 * into sentences, reported after each file. `index`: the sentences (`total` of them) being indexed, reported
 * once with `done` 0 when indexing starts and once with `done === total` when the engine is ready.
 */
export interface LoadProgress {
  stage: 'articles' | 'index';
  done: number;
  total: number;
}

export interface EngineOptions {
  /** Folder of article files (`.md`, `.txt`). */
  corpusDir: string;
  /** Folder of topic files; an empty folder means no topics. */
  intentsDir: string;
  /**
   * Folder for the index cache (see src/corpus/cache.ts): the analysed articles are saved there and
   * loaded on the next start when the articles, topics and analysing code are unchanged. Unset: no cache.
   */
  cacheDir?: string | null;
  /** Told how far each load has got, for showing progress; called synchronously, must be quick and not throw. */
  onProgress?: (progress: LoadProgress) => void;
}

/** What the index cache did at the last (re)load. */
export interface CacheReport {
  /** off: no cache folder; hit: loaded from it; built: none yet, built and saved; stale/corrupt: rebuilt and saved. */
  outcome: 'off' | 'hit' | 'built' | 'stale' | 'corrupt';
  path: string | null;
  /** Set when the cache could not be written (the engine works on regardless). */
  error?: string;
}

export interface EngineInfo {
  articles: number;
  sentences: number;
  /** One-line description of what the engine knows, e.g. "5 articles from Haaretz, …, dated 4–15 February 2020". */
  description: string;
  /** Problems found at the last (successful) load. */
  problems: Problem[];
  /** What the index cache did at the last (successful) load. */
  cache: CacheReport;
  /** A question these articles answer, to offer as an example: one of the topics' examples, null when they answer none. */
  example: string | null;
}

export interface Engine {
  ask(question: string, options?: AskOptions): Answer;
  sources(): Source[];
  /**
   * The topics and their example questions; with `answered`, only the examples these articles answer
   * (asked once per load and remembered; the warm-up asks them after its own questions), for faces that
   * offer them to members.
   */
  topics(options?: { answered?: boolean }): TopicInfo[];
  info(): EngineInfo;
  /** Re-read articles and intents; keeps the old index when the new one fails to load. */
  reload(): Promise<ReloadReport>;
  /**
   * Ask questions made from the articles' own sentences and drop the answers (see answer/warmup.ts), so
   * that members' first questions after a start or reload are as quick as later ones. Gives way to other
   * work between questions; stops early when a reload replaces the index. No answer changes.
   */
  warmUp(options?: WarmUpOptions): Promise<WarmUpReport>;
}

export interface WarmUpOptions {
  /** How many questions at most (default 200: over BBC News ×4, about a second). */
  questions?: number;
  /** Stop after about this long, in milliseconds (default 3,000). */
  budgetMs?: number;
}

/** What a warm-up did. */
export interface WarmUpReport {
  /** Questions asked. */
  asked: number;
  /** Topic examples asked after them, to know which the articles answer (see `topics`). */
  examples: number;
  /** Time taken, from the first question to the last answer, in milliseconds. */
  ms: number;
}
