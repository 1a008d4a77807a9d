/**
 * Answers, topics and sources as terminal text: quotes wrapped to the width, numbered citations, the
 * topic; coloured when writing to a terminal, plain when piped. `explain` adds score parts.
 */
import type { Answer, ReloadReport, Source, TopicInfo } from '../answer/types.js';
import { citation, citedDate, numberSources, outletName, displayText } from './cite.js';

export interface TerminalStyle {
  /** Use ANSI colours. */
  color: boolean;
  /** Wrap width in columns. */
  width: number;
  /** Show topic scores and each quote's score parts. */
  explain: boolean;
}

export const PLAIN: TerminalStyle = { color: false, width: 100, explain: false };

const CODES = { bold: [1, 22], dim: [2, 22], cyan: [36, 39], yellow: [33, 39], green: [32, 39], red: [31, 39] } as const;
type Paint = keyof typeof CODES;

function painter(style: TerminalStyle) {
  return (text: string, ...paints: Paint[]) =>
    style.color ? paints.reduce((t, p) => `\u001b[${CODES[p][0]}m${t}\u001b[${CODES[p][1]}m`, text) : text;
}

/** Wrap text at spaces to `width` columns, each line after the first indented by `indent`. */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** Strip terminal control characters from text that came from outside (questions, articles). */
export function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

export function renderAnswer(answer: Answer, style: TerminalStyle = PLAIN): string {
  const paint = painter(style);
  const out: string[] = [];
  const topicLine = answer.topic
    ? `${paint(answer.topic, 'cyan')} (${answer.topicConfidence.toFixed(2)})`
    : paint('no topic', 'dim');
  out.push(`  ${topicLine}`);
  if (style.explain) {
    out.push(`  ${paint(`topic scores: ${answer.topicScores.map((t) => `${t.topic} ${t.score.toFixed(3)}`).join(' · ') || 'none'}`, 'dim')}`);
  }
  out.push('');
  if (!answer.answered) {
    out.push(`  ${wrap(safe(answer.message), style.width, '  ')}`);
    return out.join('\n');
  }
  const numbers = numberSources(answer.quotes);
  const byId = new Map(answer.quotes.flatMap((q) => q.sources.map((s) => [s.id, s] as const)));
  const cited = [...numbers.keys()].map((id) => byId.get(id)!);
  answer.quotes.forEach((q, i) => {
    const marks = q.sources.map((s) => `[${numbers.get(s.id)}]`).join('');
    const lead = `  ${i + 1}. `;
    out.push(`${lead}${wrap(`${safe(displayText(q))} ${paint(marks, 'yellow')}`, style.width, ' '.repeat(lead.length))}`);
    const by = q.sources.map((s) => `${outletName(s)}, ${citedDate(s)}`).join(' · ');
    out.push(`     ${paint(wrap(`— ${safe(by)}`, style.width, '       '), 'dim')}`);
    if (style.explain) {
      const p = q.parts;
      out.push(
        `     ${paint(`score ${q.score.toFixed(3)} = match ${p.match.toFixed(2)} × (1 + topic ${p.topic.toFixed(2)} + type ${p.questionType.toFixed(2)}) × coverage ${p.coverage.toFixed(2)}${p.introduction ? ` × (1 + introduction ${p.introduction.toFixed(2)})` : ''} × (1 + corroboration ${p.corroboration.toFixed(2)}); naming words ${p.salient.toFixed(2)}`, 'dim')}`,
      );
    }
  });
  if (answer.figures.length > 0) {
    out.push('');
    out.push(`  ${paint('Sources differ:', 'bold')}`);
    for (const f of answer.figures) {
      out.push(`  - ${wrap(safe(`${f.value}: ${f.sources.map((s) => `${outletName(s)}, ${citedDate(s)}`).join('; ')}`), style.width, '    ')}`);
    }
  }
  out.push('');
  out.push(`  ${paint('Sources', 'bold')}`);
  cited.forEach((s, i) => out.push(`  [${i + 1}] ${wrap(safe(citation(s)), style.width, '      ')}`));
  return out.join('\n');
}

export function renderTopics(topics: readonly TopicInfo[], style: TerminalStyle = PLAIN): string {
  const paint = painter(style);
  if (topics.length === 0) return '  No topics are defined (the intents folder is empty).';
  return topics
    .map((t) => [`  ${paint(t.name, 'cyan', 'bold')}: ${wrap(t.description, style.width, '    ')}`, ...t.examples.slice(0, 3).map((e) => `    - ${e}`)].join('\n'))
    .join('\n\n');
}

export function renderSources(sources: readonly Source[]): string {
  return sources.map((s, i) => `  [${i + 1}] ${citation(s)}`).join('\n');
}

export function renderReload(r: ReloadReport): string {
  const lines: string[] = [];
  if (!r.ok) lines.push(`  Reload failed: ${r.error ?? 'unknown error'}`);
  else {
    lines.push(`  Reloaded: ${r.articles} articles, ${r.sentences} sentences.`);
    const list = (label: string, xs: string[]) => xs.length && lines.push(`  ${label}: ${xs.join(', ')}`);
    list('added', r.added);
    list('removed', r.removed);
    list('changed', r.changed);
    if (r.topicsBefore.join() !== r.topicsAfter.join()) lines.push(`  topics: ${r.topicsBefore.join(', ') || 'none'} → ${r.topicsAfter.join(', ') || 'none'}`);
  }
  for (const p of r.problems) lines.push(`  problem: ${p.file} ${p.message}`);
  return lines.join('\n');
}
