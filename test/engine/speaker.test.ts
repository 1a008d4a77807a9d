/** Questions that ask what someone said (src/answer/speaker.ts); questions, articles and sentences written for this test. */
import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_TUNING } from '../../src/answer/engine.js';
import { asksOnlyWords, givesWordsOf, namedInTexts, namesSpeaker, speakerAsked } from '../../src/answer/speaker.js';
import { analyseQuestion } from '../../src/retrieve/question.js';
import { analyse } from '../../src/nlp/wink.js';
import { INTENTS, SEEDS, withFiles } from '../helpers.js';

/** Who the question asks the words of; a noun speaks when it is one of these (WordNet's part, in the engine). */
const SPEAKING_NOUNS = new Set(['council', 'board', 'agency', 'spokesperson']);
const asked = (question: string) => speakerAsked(analyse(question).tokens, (t) => SPEAKING_NOUNS.has(t.lemma.toLowerCase()));

describe('speakerAsked', () => {
  it('reads who a question asks the words of, between its auxiliary and its verb of speech', () => {
    expect(asked('What did the council say about the flood?')).toEqual(['council']);
    expect(asked('what has the Environment Agency said')).toEqual(['environment', 'agency']);
    expect(asked('What did Mayor Okafor tell the residents?')).toEqual(expect.arrayContaining(['okafor']));
    expect(asked('why did the river board say the dam was safe')).toEqual(['board']);
  });

  it('asks for no one when the question names no speaker, no one who can speak, or asks no words', () => {
    expect(asked('what did they say about the flood')).toBeNull();
    expect(asked('did the 2019 plan say anything about the dam')).toBeNull();
    expect(asked('How high did the river rise?')).toBeNull();
    expect(asked('Who said the dam was safe?')).toBeNull();
    expect(asked('What did the engineer add to the pump?')).toBeNull();
  });
});

describe('givesWordsOf', () => {
  it('takes a sentence naming the speaker beside a word of speech, before it or named after it', () => {
    expect(givesWordsOf(['The council said the bridge would reopen on Monday.'], ['council'])).toBe(true);
    expect(givesWordsOf(['According to the Environment Agency, the river peaked overnight.'], ['environment', 'agency'])).toBe(true);
    expect(givesWordsOf(['"We will rebuild," said Okafor, the mayor.'], ['okafor'])).toBe(true);
    expect(givesWordsOf(['The board, which met on Friday, said the dam was safe.'], ['board'])).toBe(true);
  });

  it("turns down a sentence naming the speaker otherwise, or giving another's words", () => {
    expect(givesWordsOf(['The town, a council seat since 1850, flooded twice.'], ['council'])).toBe(false);
    expect(givesWordsOf(['The mayor said the council would pay for the repairs.'], ['council'])).toBe(false);
    expect(givesWordsOf(['The mayor told Okafor the bridge was closed.'], ['okafor'])).toBe(false);
    expect(givesWordsOf(['The mayor, speaking on Monday, told Okafor the bridge was closed.'], ['okafor'])).toBe(false);
    expect(givesWordsOf(['The mayor, who thanked the council, said the bridge was closed.'], ['council'])).toBe(false);
    expect(givesWordsOf(['The mayor said: "The council has let us down."'], ['council'])).toBe(false);
  });

  it("reads the words just before a word of speech as its subject, an aside between commas passed over", () => {
    expect(givesWordsOf(['Gary Hill, from the Local Farmers Association, said the harvest was the worst in years.'], ['hill'])).toBe(true);
    expect(givesWordsOf(['The council, which met on Friday, has said the wells will open.'], ['council'])).toBe(true);
    // The subject is what stands after the comma: these are the mayor's words, about the council.
    expect(givesWordsOf(['The wells will open soon, despite the council, the mayor said.'], ['council'])).toBe(false);
    expect(givesWordsOf(['Ann Tolley thanked the council, Okafor said.'], ['council'])).toBe(false);
  });

  it('reads a quotation with the sentence it leans on', () => {
    expect(givesWordsOf(['"Nobody should go near the water."', 'The council added a warning.'], ['council'])).toBe(true);
  });
});

describe("a question for nothing but a named speaker's words", () => {
  it("asks only for their words when every word of it is the speaker's or a verb of speech", () => {
    expect(asksOnlyWords(analyseQuestion('What did Okafor say?').terms, ['okafor'])).toBe(true);
    expect(asksOnlyWords(analyseQuestion('what has the Environment Agency said').terms, ['environment', 'agency'])).toBe(true);
    expect(asksOnlyWords(analyseQuestion('What did Okafor say about the bridge?').terms, ['okafor'])).toBe(false);
  });

  it('takes a speaker for named when the texts print each word as a name, never small', () => {
    expect(namedInTexts(['okafor'], ['The mayor thanked Okafor for the sandbags.'])).toBe(true);
    expect(namedInTexts(['nato'], ['Turkey asked NATO for help.'])).toBe(true);
    expect(namedInTexts(['environment', 'agency'], ['Staff of the Environment Agency said the river had peaked.'])).toBe(true);
    // A word the texts also print small is a role or a thing, not a name.
    const government = ['Tom Lee, from the Local Government Association, said the wells were dry.', 'The government opened two wells.'];
    expect(namedInTexts(['government'], government)).toBe(false);
    expect(namedInTexts(['minister'], ['The minister said the wells would open.'])).toBe(false);
  });
});

describe('namesSpeaker', () => {
  it('finds the speaker named outside quotation marks only', () => {
    expect(namesSpeaker('The town, a council seat since 1850, flooded twice.', ['council'])).toBe(true);
    expect(namesSpeaker('“The council has let us down,” the mayor said.', ['council'])).toBe(false);
    expect(namesSpeaker('"The council has let us down," the mayor told the council.', ['council'])).toBe(true);
  });
});

describe('what did X say, asked of the engine', () => {
  const article = [
    'Flood closes Elmsworth bridge',
    'Heavy rain flooded the town of Elmsworth on Monday, and the river burst its banks near the old mill.',
    'The army sent 500 sandbags to the riverside streets on Tuesday.',
    'Mayor Ann Tolley said the town council should have closed the main bridge sooner.',
    'The town council said the main bridge would stay closed until engineers had checked it.',
    'Insurers said the damage could cost more than two million pounds.',
  ].join('\n\n');

  it("quotes the speaker's own words, and abstains when the articles name the speaker but give none of theirs", async () => {
    await withFiles({ 'flood.md': article }, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const council = engine.ask('What did the town council say about the main bridge?');
      expect(council.answered).toBe(true);
      expect(council.quotes[0]!.text).toMatch(/^The town council said/);
      expect(engine.ask('What did the army say about the sandbags?').answered).toBe(false);
      // The rule off: the sandbags sentence is taken for the army's words.
      const off = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, speakerMiss: 1, silentEvidence: 1 });
      expect(off.ask('What did the army say about the sandbags?').answered).toBe(true);
    });
  });

  it("answers a question asking only for a named speaker's words with them, however little it gives to match", async () => {
    await withFiles({ 'flood.md': article }, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      for (const question of ['What did Tolley say?', 'what did tolley say', 'What has Tolley said?']) {
        const answer = engine.ask(question);
        expect(answer.answered, question).toBe(true);
        expect(answer.quotes[0]!.text).toMatch(/^Mayor Ann Tolley said/);
      }
      // A question asking more than their words is judged as before: the articles hold nothing of hers on it.
      expect(engine.ask('What did Tolley say about the insurers?').answered).toBe(false);
      // The rule off: one word to match does not clear the evidence bar.
      const off = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, spokenEvidence: 0 });
      expect(off.ask('What did Tolley say?').answered).toBe(false);
    });
  });
});

describe('what did X say, over the bundled articles', () => {
  // Bodies and people the articles name, typed as a member would (with a capital, so that each is surely
  // the one asked about), and what they might be asked to have said something about.
  const names = ['NATO', 'Putin', 'Erdogan', 'Lavrov', 'Kremlin', 'UN', 'Pompeo', 'Russia', 'Turkey', 'Iran', 'Cavusoglu', 'Akar', 'Oktay', 'HTS', 'Moscow', 'Ankara', 'Assad', 'Damascus', 'OCHA', 'Laerke', 'Israel', 'Anadolu'];
  const about = ['', ' about the offensive', ' about Idlib', ' about the ceasefire', ' about the refugees', ' about the attack', ' about the talks', ' about the deal', ' about the observation posts'];

  it("answers with a quote that gives the speaker's words, or that does not name them outside quotation marks", async () => {
    const engine = await createEngine({ corpusDir: SEEDS, intentsDir: INTENTS });
    const wrong: string[] = [];
    let answered = 0;
    for (const name of names) {
      for (const tail of about) {
        const question = `What did ${name} say${tail}?`;
        const answer = engine.ask(question);
        if (!answer.answered) continue;
        answered++;
        // The quote as shown: a sentence that leans on the one before it is shown with it.
        const shown = answer.quotes[0]!.text;
        const speaker = [name.toLowerCase()];
        if (namesSpeaker(shown, speaker) && !givesWordsOf([shown], speaker)) wrong.push(`${question} → ${shown}`);
      }
    }
    expect(wrong).toEqual([]);
    // The check is of answers given: many of these are answered.
    expect(answered).toBeGreaterThan(names.length);
  });
});
