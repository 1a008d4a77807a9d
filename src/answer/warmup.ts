/**
 * Questions an engine asks itself after it starts or reloads (`Engine.warmUp`), made from the articles'
 * own sentences.
 *
 * A fresh process answers its first few hundred questions slower than the rest: the code of each kind of
 * question ("who…", "how many…", "when…", "how old…") is compiled when one is first asked, and each word's
 * WordNet alternatives and each sentence's re-read figures are worked out the first time they are needed.
 * Over BBC News ×4, a thousand titles asked right after a start from the index cache had p99 5.9–6.8 ms;
 * after 200 of these questions (about a second), 4.0–4.7 ms (three runs each). The questions are made by
 * a fixed rule from whatever articles are loaded — a run of a sentence's words after each kind of question
 * word, sentences taken evenly across the corpus — so they know nothing of what members or a benchmark
 * will ask. The answers are thrown away: answering is pure (memos only remember what any later question
 * would work out the same), so no answer changes.
 */
import type { Engine } from './types.js';

/** The question openings asked in turn: each kind of question the engine treats in its own way, and none. */
export const WARM_UP_OPENINGS: readonly string[] = ['who', 'how many', 'when did', 'why did', 'what is', 'how old is', 'where did', 'how much did', ''];

/**
 * Words of a sentence a warm-up question takes: about two questions' worth, as what is warmed is mostly
 * each word's first look-ups (BBC News ×4, 200 questions: p99 4.0–4.7 ms after 12 words, 5.5–6.5 after 6).
 */
const WARM_UP_WORDS = 12;

/**
 * `count` questions from the sentences (in corpus order): the i-th takes sentence ⌊(i + ½)·n/count⌋, a
 * run of its words (starting further in for each question, wrapping), after the i-th opening in turn.
 * Only those sentences' texts are read. Sentences with no word give no question, so there may be fewer.
 */
export function warmUpQuestions(sentences: ReadonlyArray<{ readonly text: string }>, count: number): string[] {
  const out: string[] = [];
  if (sentences.length === 0) return out;
  for (let i = 0; i < count; i++) {
    const { text } = sentences[Math.min(sentences.length - 1, Math.floor(((i + 0.5) * sentences.length) / count))]!;
    const words = text
      .split(/\s+/)
      .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter((w) => w !== '');
    if (words.length === 0) continue;
    const start = words.length > WARM_UP_WORDS ? (i * 3) % (words.length - WARM_UP_WORDS + 1) : 0;
    const opening = WARM_UP_OPENINGS[i % WARM_UP_OPENINGS.length]!;
    out.push(`${opening} ${words.slice(start, start + WARM_UP_WORDS).join(' ')}?`.trim());
  }
  return out;
}

/**
 * The engine, warming up now (in the background) and again after each reload that swaps in a new index:
 * for the faces that keep running (the bot, the REPL); a one-question `ask` has nothing to warm. A
 * warm-up that fails is dropped: it only saves time, and the same question from a member gets the
 * engine's own friendly handling.
 */
export function keptWarm(engine: Engine): Engine {
  const warm = () => {
    engine.warmUp().catch(() => undefined);
  };
  warm();
  return {
    ...engine,
    async reload() {
      const report = await engine.reload();
      if (report.ok) warm();
      return report;
    },
  };
}
