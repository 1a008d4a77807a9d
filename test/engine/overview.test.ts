/**
 * Overview questions ("what's happening in X?", "tell me about X", "give me a summary"): the articles' own
 * first lines about the subject, one an article (see src/answer/overview.ts).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { isCaption, overviewOrder, overviewSubject } from '../../src/answer/overview.js';
import { INTENTS, withFiles } from '../helpers.js';

describe('overviewSubject', () => {
  it('reads the subject of a request for an overview, in the ways members ask', () => {
    expect(overviewSubject('What happened in Elmsworth?')).toBe('elmsworth');
    expect(overviewSubject("what's happening in elmsworth")).toBe('elmsworth');
    expect(overviewSubject('whats going on with the harbour crane??')).toBe('harbour crane');
    expect(overviewSubject('so what is going on between the council and the union')).toBe('council and the union');
    expect(overviewSubject('Tell me about the fair')).toBe('fair');
    expect(overviewSubject('can you tell me about the harbour please')).toBe('harbour');
    expect(overviewSubject("What's the latest on the crane?")).toBe('crane');
    expect(overviewSubject('any news on the flood')).toBe('flood');
    expect(overviewSubject('updates about the harbour')).toBe('harbour');
    expect(overviewSubject('give me a quick summary of the flood')).toBe('flood');
    expect(overviewSubject('summarise the council meeting')).toBe('council meeting');
  });

  it('reads "what is happening" or "give me a summary" alone as about every article', () => {
    expect(overviewSubject('what is happening?')).toBe('');
    expect(overviewSubject("what's going on")).toBe('');
    expect(overviewSubject('give me a summary')).toBe('');
  });

  it('leaves questions that ask for a fact', () => {
    expect(overviewSubject('what happened to the crane driver')).toBeNull();
    expect(overviewSubject('how many divers were hurt')).toBeNull();
    expect(overviewSubject('when did the crane collapse')).toBeNull();
    expect(overviewSubject('who told the council about the crane')).toBeNull();
    expect(overviewSubject('what did the mayor say about the news')).toBeNull();
    // A clause or a long phrase after "what happened in" asks about an event.
    expect(overviewSubject('what happened in the harbour when the crane fell')).toBeNull();
    expect(overviewSubject('what happened in the town if you parked on the quay')).toBeNull();
    expect(overviewSubject('tell me about the crane the council said would be repaired next spring')).toBeNull();
  });
});

describe('isCaption', () => {
  it('knows a photo caption by the place and date it ends with', () => {
    expect(isCaption('Divers work on the fallen crane at Elmsworth harbour, England, March 3, 2019.')).toBe(true);
    expect(isCaption('The crane fell on March 3, 2019, the harbour master said.')).toBe(false);
  });
});

describe('overviewOrder', () => {
  const c = (articleId: string, position: number, names = true) => ({ articleId, position, names });
  it('takes each article\'s first sentence naming the subject, articles about it first, then by how often they name it', () => {
    const ordered = overviewOrder([c('often', 9), c('often', 5), c('often', 7), c('lead', 1), c('lead', 4), c('once', 3), c('none', 0, false)], (id) => id === 'never-headlined');
    expect(ordered.map((x) => [x.articleId, x.position])).toEqual([
      ['lead', 1],
      ['often', 5],
      ['once', 3],
    ]);
    // A headline naming the subject makes an article about it, wherever its text first names it.
    expect(overviewOrder([c('often', 9), c('often', 5), c('headlined', 8)], (id) => id === 'headlined').map((x) => x.articleId)).toEqual(['headlined', 'often']);
  });
});

// Written for this test: a story about a crane, a story that names the crane in passing, and a fair.
const TOWN: Record<string, string> = {
  'crane.md': [
    '---\ntitle: Crane collapses at Elmsworth harbour\noutlet: Elmsworth Post\ndate: 2019-03-04\n---',
    'The old crane at Elmsworth harbour collapsed on Monday, trapping two divers.',
    'Rescuers freed both divers within an hour.',
    'The harbour master said the crane had been due for repair.',
  ].join('\n\n'),
  'council.md': [
    '---\ntitle: Council sets its budget\noutlet: Elmsworth Courier\ndate: 2019-03-06\n---',
    'The town council agreed its budget for the coming year on Wednesday.',
    'Road repairs and the library take the largest shares.',
    'Councillors also asked who would pay for the fallen crane.',
    'The crane was insured, the harbour company said.',
  ].join('\n\n'),
  'fair.md': [
    '---\ntitle: Spring fair opens\noutlet: Elmsworth Herald\ndate: 2019-03-02\n---',
    'The spring fair opened on the green on Saturday despite the rain.',
    'Stallholders said takings were lower than last year.',
  ].join('\n\n'),
};

describe('an overview answer', () => {
  it('quotes the first line about the subject of each article that names it, the article about it first', async () => {
    await withFiles(TOWN, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const answer = engine.ask('tell me about the crane');
      expect(answer.answered).toBe(true);
      expect(answer.quotes.map((q) => q.text)).toEqual([
        'The old crane at Elmsworth harbour collapsed on Monday, trapping two divers.',
        'Councillors also asked who would pay for the fallen crane.',
      ]);
      expect(answer.quotes[0]!.sources[0]!.outlet).toBe('Elmsworth Post');
    });
  });

  it("quotes each article's first line, newest first, when it has no subject", async () => {
    await withFiles(TOWN, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const answer = engine.ask("what's going on?");
      expect(answer.quotes.map((q) => q.sources[0]!.date)).toEqual(['2019-03-06', '2019-03-04', '2019-03-02']);
    });
  });

  it('is no answer when no article names the subject', async () => {
    await withFiles(TOWN, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      expect(engine.ask('what happened in Ruritania?').answered).toBe(false);
    });
  });
});
