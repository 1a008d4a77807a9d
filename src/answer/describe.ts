/**
 * A one-line description of the corpus for people: "5 articles from Middle East Eye, Haaretz, …, February
 * 2020", or "2230 articles, 5 of them from Middle East Eye, …, February 2020" when the others name none.
 */
import type { Article } from '../corpus/types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function describeCorpus(articles: readonly Article[]): string {
  const n = articles.length;
  const withOutlet = articles.filter((a) => !!a.outlet).length;
  const dated = articles.filter((a) => !!a.date).length;
  const outlets = [...new Set(articles.map((a) => a.outlet).filter((o): o is string => !!o))];
  const months = [...new Set(articles.map((a) => a.date?.slice(0, 7)).filter((d): d is string => !!d))].sort();
  let text = `${n} article${n === 1 ? '' : 's'}`;
  // Where only some articles name their outlet (the bundled ones among a moderator's folder of others),
  // say how many: "2230 articles from Middle East Eye, …" would claim every one of them.
  const from = outlets.length <= 6 ? list(outlets) : `${outlets.length} outlets`;
  if (outlets.length > 0) text += withOutlet === n ? ` from ${from}` : `, ${withOutlet} of them from ${from}`;
  if (months.length > 0) {
    const fmt = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
    const span = months.length === 1 ? fmt(months[0]!) : `${fmt(months[0]!)} to ${fmt(months[months.length - 1]!)}`;
    // As many dated as naming an outlet: taken to be the same articles (a header gives both), said once.
    text += dated === n || dated === withOutlet ? `, ${span}` : `, ${dated} of them dated ${span}`;
  }
  return text;
}
