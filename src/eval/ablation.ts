/**
 * The ablation table of `npm run eval`: the engine with each method turned off in turn, on the same
 * questions, so that every part shows what it earns.
 */
import { createEngine, DEFAULT_TUNING } from '../answer/engine.js';
import type { Tuning } from '../answer/engine.js';
import type { EngineOptions } from '../answer/types.js';
import type { RankOptions } from '../retrieve/retriever.js';
import { evaluate } from './run.js';
import type { EvalQuestion, Figures } from './score.js';

export interface Variant {
  name: string;
  tuning: Tuning;
  /** False: rank even below the abstention bar. */
  abstain?: boolean;
}

const rank = (patch: Partial<RankOptions>): Tuning => ({ ...DEFAULT_TUNING, rank: { ...DEFAULT_TUNING.rank, ...patch } });
const noRelated = Object.fromEntries(Object.keys(DEFAULT_TUNING.rank.related).map((k) => [k, 0])) as RankOptions['related'];

/** The engine as shipped, then each method off (or, for one kept off by default, on). */
export const VARIANTS: Variant[] = [
  { name: 'all methods', tuning: DEFAULT_TUNING },
  { name: 'no WordNet related words', tuning: rank({ related: noRelated }) },
  { name: 'no verbs that cause (kill for die)', tuning: rank({ related: { ...DEFAULT_TUNING.rank.related, cause: 0 } }) },
  { name: 'no phrasal verbs', tuning: rank({ phrasalVerbs: false }) },
  { name: 'no closed spellings of compounds (cease-fire)', tuning: rank({ compoundSpellings: false }) },
  { name: 'every alternative, not the 16 strongest', tuning: rank({ maxAlternatives: Infinity }) },
  { name: 'no spelling fixes', tuning: rank({ spellingWeight: 0 }) },
  { name: 'no topic prior', tuning: rank({ topicWeight: 0 }) },
  { name: 'question-type prior on (0.15)', tuning: rank({ typeWeight: 0.15 }) },
  { name: 'no count/measure rule', tuning: rank({ countMiss: 1 }) },
  { name: 'no word pairs', tuning: rank({ bigramWeight: 0 }) },
  { name: 'no re-ordering by coverage', tuning: rank({ coverageWeight: 0 }) },
  { name: 'no coverage from paragraph neighbours', tuning: rank({ contextCoverage: 0 }) },
  { name: 'no topics from the sentence leaned on (He said…)', tuning: rank({ leanedTopics: false }) },
  { name: 'no preference for introductions (who is X)', tuning: rank({ definitionWeight: 0 }) },
  { name: 'no check of contradicted names', tuning: { ...DEFAULT_TUNING, contradictedEvidence: 1 } },
  { name: 'no check that a count is given', tuning: { ...DEFAULT_TUNING, countlessEvidence: 1 } },
  { name: 'no preference for a sum or share asked for', tuning: { ...DEFAULT_TUNING, kindMiss: 1 } },
  { name: 'no check that a time is given (when)', tuning: { ...DEFAULT_TUNING, timelessEvidence: 1, timeMiss: 1, relativeTimeMiss: 1 } },
  { name: 'no check of the time a question pins (in 2019)', tuning: { ...DEFAULT_TUNING, offTimeEvidence: 1, offTimeMiss: 1 } },
  { name: 'no preference for the doer asked about (who)', tuning: { ...DEFAULT_TUNING, agentMiss: 1 } },
  { name: 'no check of whose words (what did X say)', tuning: { ...DEFAULT_TUNING, speakerMiss: 1, silentEvidence: 1 } },
  { name: "no answer from a named speaker's words alone", tuning: { ...DEFAULT_TUNING, spokenEvidence: 0 } },
  { name: 'no higher bar for unknown words', tuning: { ...DEFAULT_TUNING, minEvidenceUnknown: DEFAULT_TUNING.minEvidence } },
  { name: 'no abstention', tuning: DEFAULT_TUNING, abstain: false },
];

export async function ablation(options: EngineOptions, questions: readonly EvalQuestion[]): Promise<Array<{ name: string; figures: Figures }>> {
  const out: Array<{ name: string; figures: Figures }> = [];
  for (const v of VARIANTS) {
    const engine = await createEngine(options, v.tuning);
    out.push({ name: v.name, figures: evaluate(engine, questions, 3, v.abstain ?? true).figures });
  }
  return out;
}
