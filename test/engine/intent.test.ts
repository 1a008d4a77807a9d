import { beforeAll, describe, expect, it } from 'vitest';
import type { TopicInfo } from '../../src/answer/types.js';
import { AffinityTable } from '../../src/intent/affinities.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { TopicClassifier } from '../../src/intent/classifier.js';
import type { Token } from '../../src/nlp/wink.js';
import { loadTopics, parseTopic } from '../../src/intent/load.js';
import { INTENTS, SEEDS, withFiles } from '../helpers.js';

let topics: TopicInfo[];
let classifier: TopicClassifier;
beforeAll(async () => {
  const loaded = await loadTopics(INTENTS);
  expect(loaded.problems).toEqual([]);
  topics = loaded.topics;
  classifier = new TopicClassifier(topics);
});

describe('topic files', () => {
  it('define the four topics, each with a description and at least 25 distinct examples', () => {
    expect(topics.map((t) => t.name).sort()).toEqual(['casualties', 'ceasefire', 'diplomacy', 'displacement']);
    for (const t of topics) {
      expect(t.description.length).toBeGreaterThan(40);
      expect(new Set(t.examples).size).toBeGreaterThanOrEqual(25);
    }
  });

  it('say what is wrong with a broken file, and on which line', () => {
    expect(() => parseTopic('food.md', '# drinks\n\nAbout food.\n\n## Examples\n\n- a\n')).toThrow(/does not match the file name/);
    expect(() => parseTopic('food.md', '# food\n\nAbout food.\n\n## Examples\n\n- What is for lunch?\nnot a bullet\n')).toThrow(/line 8/);
    expect(() => parseTopic('food.md', '# food\n\nAbout food.\n')).toThrow(/Examples/);
    expect(() => parseTopic('food.md', '# food\n\nAbout food.\n\n## Examples\n\n- one?\n')).toThrow(/at least 5/);
  });

  it('adding a topic is adding a file', async () => {
    const files = {
      'weather.md':
        '# weather\n\nSnow, cold and freezing temperatures.\n\n## Examples\n\n- was it snowing\n- how cold was it\n- were temperatures freezing\n- did people walk through snow\n- what was the weather like\n',
    };
    await withFiles(files, async (dir) => {
      const { topics: extra } = await loadTopics(dir);
      const c = new TopicClassifier(extra);
      expect(c.classify('was there snow on the way to the border?').topic).toBe('weather');
    });
  });
});

describe('the classifier', () => {
  // Fresh phrasings (not from the topic files nor the evaluation questions).
  it.each([
    ['how many soldiers lost their lives in the shelling', 'casualties'],
    ['number of civilians killed by the bombing', 'casualties'],
    ['how many people had to leave their homes', 'displacement'],
    ['where are the refugees fleeing to', 'displacement'],
    ['did the foreign ministers meet in Munich', 'diplomacy'],
    ['what did Erdogan and Putin discuss on the phone', 'diplomacy'],
    ['is the truce still holding', 'ceasefire'],
    ['what happened to the observation posts under the deal', 'ceasefire'],
  ])('%s → %s', (question, topic) => {
    const r = classifier.classify(question);
    expect(r.topic).toBe(topic);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it.each(['what is a good recipe for banana bread', 'how do I reset my router password', ''])('names no topic for %j', (q) => {
    const r = classifier.classify(q);
    expect(r.topic).toBeNull();
    expect(r.confidence).toBe(0);
  });

  it('with no topic files, names no topic', () => {
    expect(new TopicClassifier([]).classify('how many were killed').topic).toBeNull();
  });
});

/** Every text's affinities in one pass of one reader. */
function inBulk(texts: ReadonlyArray<readonly Token[]>): { topics: string[]; values: Float64Array; size: number } {
  const reader = classifier.affinityReader();
  return { topics: reader.topics, ...reader.read(texts) };
}

describe('sentence affinities in bulk', () => {
  it('give every sentence exactly what affinity() gives it alone', async () => {
    const { sentences } = await loadCorpus(SEEDS);
    const bulk = inBulk(sentences.map((s) => s.tokens));
    expect(bulk.size).toBe(sentences.length);
    expect(bulk.topics).toEqual([...classifier.affinity(sentences[0]!.tokens).keys()]);
    let nonZero = 0;
    sentences.forEach((s, i) => {
      const alone = classifier.affinity(s.tokens);
      bulk.topics.forEach((t, j) => {
        const v = bulk.values[i * bulk.topics.length + j]!;
        if (v > 0) nonZero++;
        expect(v, `${s.text} / ${t}`).toBe(alone.get(t));
      });
    });
    expect(nonZero).toBeGreaterThan(sentences.length);
  });

  it('are the same read an article at a time, in any order, as all at once', async () => {
    const { articles, sentences } = await loadCorpus(SEEDS);
    const bulk = inBulk(sentences.map((s) => s.tokens));
    const reader = classifier.affinityReader();
    const perArticle = new Map([...articles].reverse().map((a) => [a, reader.read(a.sentences.map((s) => s.tokens))]));
    const table = AffinityTable.inArticleOrder(reader.topics, articles.map((a) => perArticle.get(a)!));
    expect(table.topics).toEqual(bulk.topics);
    expect(table.rows.length).toBe(sentences.length);
    expect([...table.values]).toEqual([...bulk.values]);
  });

  it('with no topics, still give every sentence its (empty) row', async () => {
    const { articles, sentences } = await loadCorpus(SEEDS);
    const reader = new TopicClassifier([]).affinityReader();
    const table = AffinityTable.inArticleOrder(reader.topics, articles.map((a) => reader.read(a.sentences.map((s) => s.tokens))));
    expect(table.rows.length).toBe(sentences.length);
    expect(table.rows[0]!.size).toBe(0);
  });
});
