/**
 * Topic files: one Markdown file per topic in the intents folder.
 *
 * ```
 * # casualties
 *
 * One paragraph: what the topic covers and where its border with the others lies.
 *
 * ## Examples
 *
 * - How many soldiers were killed?
 * - …
 * ```
 *
 * Adding a topic is adding a file. The topic's name is the heading, and must match the file name.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Problem, TopicInfo } from '../answer/types.js';

/** A topic file needs at least this many examples to train on. */
export const MIN_EXAMPLES = 5;

export class IntentsError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

/** A line as a problem message quotes it: JSON-quoted (control characters visible), at most 60 characters. */
function shownLine(line: string): string {
  const quoted = JSON.stringify(line);
  return quoted.length > 60 ? `${quoted.slice(0, 60)}…` : quoted;
}

/** Parse one topic file's text; throws an Error whose message says what is wrong (and on which line). */
export function parseTopic(file: string, text: string): TopicInfo {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const expected = basename(file, extname(file)).toLowerCase();
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const heading = /^#\s+([a-z][a-z0-9_-]*)\s*$/i.exec(lines[i] ?? '');
  if (!heading) throw new Error(`line ${i + 1} should be the topic heading "# ${expected}"`);
  const name = heading[1]!.toLowerCase();
  if (name !== expected) throw new Error(`line ${i + 1}: topic "${name.slice(0, 60)}" does not match the file name (expected "# ${expected}")`);
  i++;
  const description: string[] = [];
  while (i < lines.length && !/^##\s/.test(lines[i]!)) {
    if (lines[i]!.trim() !== '') description.push(lines[i]!.trim());
    i++;
  }
  if (description.length === 0) throw new Error('has no description paragraph under its heading');
  if (i >= lines.length || !/^##\s+examples\s*$/i.test(lines[i]!)) throw new Error('has no "## Examples" section');
  i++;
  const examples: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const bullet = /^\s*[-*]\s+(.+?)\s*$/.exec(line);
    if (!bullet) throw new Error(`line ${i + 1} in "## Examples" is not a "- question" bullet: ${shownLine(line)}`);
    examples.push(bullet[1]!);
  }
  if (examples.length < MIN_EXAMPLES) throw new Error(`has ${examples.length} examples; at least ${MIN_EXAMPLES} are needed`);
  return { name, description: description.join(' '), examples };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A topic file's bytes as text; throws an Error saying why they are not usable text. */
function decodeTopicFile(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new Error('is not text (it contains NUL bytes; binary file?)');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new Error('is not valid UTF-8 text');
  }
  if (text.trim() === '') throw new Error('is empty');
  return text;
}

/**
 * Load every topic file (`*.md`) in a folder. A missing folder is an error; an empty one means no topics.
 * A file with a problem is skipped and reported; the others still load.
 */
export async function loadTopics(dir: string): Promise<{ topics: TopicInfo[]; problems: Problem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(e)})`;
    throw new IntentsError(`The intents folder ${dir} ${why}.`, [{ file: dir, message: why }]);
  }
  const topics: TopicInfo[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    if (extname(name).toLowerCase() !== '.md' || /^readme\.md$/i.test(name)) continue;
    try {
      topics.push(parseTopic(name, decodeTopicFile(await readFile(join(dir, name)))));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ file: name, message: code ? `cannot be read (${code})` : e instanceof Error ? e.message : String(e) });
    }
  }
  return { topics, problems };
}
