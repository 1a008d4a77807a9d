import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquad } from '../../src/eval/squad.js';
import { WordNet } from '../../src/nlp/wordnet.js';
import { definitionSubject, holdsWords, introduces, namedSubject } from '../../src/retrieve/definition.js';
import { createEngine } from '../../src/answer/engine.js';
import { analyseQuestion } from '../../src/retrieve/question.js';
import { DEFAULT_RANK, Retriever } from '../../src/retrieve/retriever.js';
import { INTENTS, SEEDS, tempDir } from '../helpers.js';

const ROLES = new Set(['mayor', 'keeper', 'spokeswoman', 'chairman']);
const isRole = (w: string) => ROLES.has(w);

describe('definition questions', () => {
  it('reads the subject of "who is X" and "what is X", and nothing else', () => {
    expect(definitionSubject('Who is Anna Berg?')).toEqual(['anna', 'berg']);
    expect(definitionSubject("what's the Harbour Trust")).toEqual(['harbour', 'trust']);
    expect(definitionSubject('who was the mayor of the town')).toEqual(['mayor', 'of', 'the', 'town']);
    expect(definitionSubject('what is the council trying to do')).toBeNull();
    expect(definitionSubject('who built the lighthouse')).toBeNull();
    expect(definitionSubject('what is the name of the keeper who lit the lamp on the cape')).toBeNull();
  });

  it('reads a subject written as a name, and finds its words in a sentence in any form', () => {
    expect(namedSubject('Who is Anna Berg?')).toEqual(['anna', 'berg']);
    expect(namedSubject('what is the Bank of England')).toEqual(['bank', 'of', 'england']);
    expect(namedSubject('What is Live 8?')).toEqual(['live', '8']);
    expect(namedSubject('who is anna berg')).toBeNull();
    expect(namedSubject('Who is Berg?')).toBeNull();
    expect(namedSubject('who was the Mayor of the town')).toBeNull();
    expect(holdsWords('The Astana and Sochi peace processes have stalled.', ['astana', 'process'])).toBe(true);
    expect(holdsWords('Some 8% of voters live in cities.', ['live', '8'])).toBe(true);
    expect(holdsWords('Live music returned to 80 venues.', ['live', '8'])).toBe(false);
  });

  it('abstains when no good sentence holds every word of the name asked about, and answers when one does', async () => {
    const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
    // Names made up from the articles' words: each word is in them, never together. Before this check
    // each got the nearest sentence.
    for (const q of ['What is Operation Saraqeb?', 'What is the Damascus Conference?', 'What is the Aleppo Agreement?', 'Who is Minister Pompeo Akar?']) {
      expect(engine.ask(q).answered, q).toBe(false);
    }
    for (const q of ['Who is Fuat Oktay?', 'What is Hayat Tahrir al-Sham?', 'What is the Astana Process?']) {
      expect(engine.ask(q).answered, q).toBe(true);
    }
  });

  it('knows an introduction from a mention', () => {
    const subject = ['berg'];
    // A role side by side with the name, past the rest of the name or title.
    expect(introduces('Keeper Anna Berg lit the lamp.', subject, isRole)).toBe(true);
    expect(introduces('The Chairman of Harbour Anna Berg spoke.', subject, isRole)).toBe(true);
    // A description after it, a copula, or a full name before an abbreviation.
    expect(introduces('Anna Berg, the keeper, lit the lamp.', subject, isRole)).toBe(true);
    expect(introduces('Anna Berg, spokeswoman for the trust, said so.', subject, isRole)).toBe(true);
    expect(introduces('Berg is a keeper of old lights.', subject, isRole)).toBe(true);
    expect(introduces('The Harbour Light Trust (HLT) met.', ['hlt'], isRole)).toBe(true);
    // Accents fold away: the name as typed in a question matches the name as printed.
    expect(introduces('Keeper Anna Bérg lit the lamp.', subject, isRole)).toBe(true);
    // Mentions: a role that belongs to the clause before, a title that names no role, a bare name.
    expect(introduces('"The lamp is lit," the keeper told Berg.', subject, isRole)).toBe(false);
    expect(introduces('"We lit it, as keeper," Berg said.', subject, isRole)).toBe(false);
    expect(introduces("Mr Berg's boat sank.", subject, isRole)).toBe(false);
    expect(introduces('Berg said the lamp was lit.', subject, isRole)).toBe(false);
    expect(introduces('Anna Berg, who lit the lamp, left.', subject, isRole)).toBe(false);
  });

  it('asks WordNet whether a word names a role: a kind of person or body', () => {
    const wn = WordNet.open()!;
    const kinds = new Set(['person', 'organization', 'social_group']);
    for (const w of ['spokesperson', 'president', 'broadcaster', 'agency']) expect(wn.isKindOf(w, kinds), w).toBe(true);
    for (const w of ['mr', 'television', 'lamp', 'zzzz']) expect(wn.isKindOf(w, kinds), w).toBe(false);
  });

  it('puts the sentence that says who someone is first', async () => {
    const paragraphs = [
      'Berg said the lamp would be lit at dusk.',
      'The lighthouse keeper Anna Berg has tended the lamp on the northern cape for thirty years.',
      '"Nobody has missed a night," Berg said.',
    ];
    const tmp = tempDir();
    const file = join(tmp.dir, 'squad.json');
    writeFileSync(file, JSON.stringify({ version: 'v2.0', data: [{ title: 'T', paragraphs: paragraphs.map((context) => ({ context, qas: [] })) }] }));
    const set = await loadSquad(file);
    tmp.cleanup();
    const r = new Retriever(set.sentences, set.sentences.map(() => new Map()), WordNet.open());
    const top = (definitionWeight: number) => r.rank(analyseQuestion('who is Berg?'), [], 0, { ...DEFAULT_RANK, definitionWeight }).candidates[0]!.sentence.text;
    // Without the preference a short mention wins on length; with it, the introduction (WordNet: a keeper is a person).
    expect(top(0)).not.toBe(paragraphs[1]);
    expect(top(DEFAULT_RANK.definitionWeight)).toBe(paragraphs[1]);
  });
});
