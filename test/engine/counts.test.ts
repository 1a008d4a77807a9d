import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_TUNING } from '../../src/answer/engine.js';
import { INTENTS, tempDir } from '../helpers.js';

// An article written for this test: one sentence counts the boats, one names the bridge and counts
// only hours.
const ARTICLE =
  'Storm Hits the Coast\n\nThe storm damaged the old bridge over the harbour, and the town lost power for 12 hours. Three fishing boats sank in the harbour. Rescuers pulled scores of sailors from the water.\n';

describe('a count question answered by a sentence with no count', () => {
  it('is not answered by a sentence that gives no count of what it asks about, and is by one that does', async () => {
    const t = tempDir();
    try {
      writeFileSync(join(t.dir, 'storm.md'), ARTICLE);
      const engine = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS });
      const off = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS }, { ...DEFAULT_TUNING, countlessEvidence: 1 });
      // The best sentence names the storm, the bridge and the harbour, but its only number counts hours.
      const bridges = 'how many bridges did the storm damage over the harbour';
      expect(off.ask(bridges).quotes[0]?.text).toBe('The storm damaged the old bridge over the harbour, and the town lost power for 12 hours.');
      expect(engine.ask(bridges).quotes).toEqual([]);
      // A figure, and a vague count ("scores of"), are counts.
      expect(engine.ask('how many fishing boats sank in the harbour').quotes[0]?.text).toBe('Three fishing boats sank in the harbour.');
      expect(engine.ask('how many sailors did rescuers pull from the water').quotes[0]?.text).toBe('Rescuers pulled scores of sailors from the water.');
    } finally {
      t.cleanup();
    }
  });
});

describe('figures that disagree', () => {
  // Articles written for this test: three firms' shares rose, each by its own amount.
  const ARTICLES: Record<string, string> = {
    'markets-a.md': 'Shares Rise on Takeover Talk\n\nNorthwind shares rose 12% on news of the offer. Trading was heavy all day.\n',
    'markets-b.md': 'Software Maker Gains\n\nOn the news, Contoso shares rose 15% in New York. Analysts were surprised.\n',
    'markets-c.md': 'Search Firm Climbs\n\nFabrikam shares rose 7% after the results, the firm said. Its staff sold some of theirs.\n',
  };

  it('come only from sentences naming what the question names: other firms\' rises are not figures for this one', async () => {
    const t = tempDir();
    try {
      for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(t.dir, name), text);
      const engine = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS });
      // Three short articles give little evidence: the test is of the figures, so it asks for quotes anyway.
      const named = engine.ask('how much did Fabrikam shares rise', { abstain: false });
      expect(named.figures).toEqual([]);
      expect(named.quotes[0]?.text).toBe('Fabrikam shares rose 7% after the results, the firm said.');
      // Asked with no name, the rises within a factor of two are figures for the same thing, and the answer
      // says so, each with its sign.
      const unnamed = engine.ask('by how much did the shares rise', { abstain: false });
      expect(unnamed.figures.map((f) => f.value)).toEqual(['12%', '15%']);
    } finally {
      t.cleanup();
    }
  });

  it('take a hyphenated name as the question writes it', async () => {
    const t = tempDir();
    try {
      writeFileSync(join(t.dir, 'noor-a.md'), 'Lender Rallies\n\nAl-Noor shares rose 12% on Monday. Dealers were calm.\n');
      writeFileSync(join(t.dir, 'noor-b.md'), 'Bank Climbs Again\n\nAl-Noor shares rose 14% on Monday, traders said. Volumes were thin.\n');
      const engine = await createEngine({ corpusDir: t.dir, intentsDir: INTENTS });
      const asked = engine.ask('how much did Al-Noor shares rise', { abstain: false });
      expect(asked.figures.map((f) => f.value)).toEqual(['12%', '14%']);
    } finally {
      t.cleanup();
    }
  });
});
