/**
 * A one-line description of the corpus for people: "5 articles from Middle East Eye, Haaretz, …, February 2020".
 */
import type { Article } from '../corpus/types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function describeCorpus(articles: readonly Article[]): string {
  const n = articles.length;
  const outlets = [...new Set(articles.map((a) => a.outlet).filter((o): o is string => !!o))];
  const months = [...new Set(articles.map((a) => a.date?.slice(0, 7)).filter((d): d is string => !!d))].sort();
  let text = `${n} article${n === 1 ? '' : 's'}`;
  if (outlets.length > 0 && outlets.length <= 6) text += ` from ${list(outlets)}`;
  else if (outlets.length > 6) text += ` from ${outlets.length} outlets`;
  if (months.length > 0) {
    const fmt = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
    text += months.length === 1 ? `, ${fmt(months[0]!)}` : `, ${fmt(months[0]!)} to ${fmt(months[months.length - 1]!)}`;
  }
  return text;
}
