/**
 * The BBC News data set (../shared/data/bbc-news-2225.tar.gz: 2,225 articles in five folders, the headline on
 * the first line) written out as a corpus folder of .txt files, at 1× or N× (copies with new ids).
 *
 * The data file is read where it is and never copied into the repository.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTar } from './tar.js';

export const BBC_FILE = 'bbc-news-2225.tar.gz';

export interface BbcArticle {
  /** "<category>-<number>", e.g. "tech-132". */
  id: string;
  /** The first line. */
  title: string;
  text: string;
}

export interface Bbc {
  articles: BbcArticle[];
  /** Files that were not UTF-8 and were read as Latin-1 (our loader would refuse them, rightly). */
  latin1: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Read the articles out of the archive. */
export function readBbc(archivePath: string): Bbc {
  const articles: BbcArticle[] = [];
  const recoded: string[] = [];
  for (const e of readTar(readFileSync(archivePath))) {
    const m = /(?:^|\/)([a-z]+)\/(\d+)\.txt$/.exec(e.name);
    if (!m) continue;
    const id = `${m[1]}-${m[2]}`;
    let text: string;
    try {
      text = utf8.decode(e.data);
    } catch {
      text = latin1.decode(e.data);
      recoded.push(e.name);
    }
    const title = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    articles.push({ id, title, text });
  }
  if (articles.length === 0) throw new Error(`${archivePath} holds no <category>/<number>.txt articles`);
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { articles, latin1: recoded };
}

/** The id of copy `k` (1-based; copy 1 keeps the original id). */
export function copyId(id: string, k: number): string {
  return k === 1 ? id : `${id}-x${k}`;
}

/** The original id of a (possibly copied) article id. */
export function originalId(id: string): string {
  return id.replace(/-x\d+$/, '');
}

/** Write `times` copies of every article into `dir` (created) as UTF-8 .txt files. */
export function writeCorpus(articles: readonly BbcArticle[], dir: string, times: number): void {
  mkdirSync(dir, { recursive: true });
  for (const a of articles) {
    for (let k = 1; k <= times; k++) writeFileSync(join(dir, `${copyId(a.id, k)}.txt`), a.text);
  }
}

/** `n` titles spread evenly over the articles (all of them when there are fewer), as questions. */
export function titleQuestions(articles: readonly BbcArticle[], n: number): Array<{ id: string; question: string }> {
  const withTitle = articles.filter((a) => a.title !== '');
  const count = Math.min(n, withTitle.length);
  return Array.from({ length: count }, (_, i) => withTitle[Math.floor((i * withTitle.length) / count)]!).map((a) => ({ id: a.id, question: a.title }));
}
