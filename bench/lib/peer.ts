/**
 * The peer: MiniSearch, the small full-text search library a user would otherwise reach for, over exactly
 * our sentences. Default options (BM25+, OR of the query's terms, no fuzzy or prefix matching), the
 * sentence's text indexed and its article id stored, so that a hit can be traced to its article.
 */
import MiniSearch from 'minisearch';

export interface PeerSentence {
  id: number;
  articleId: string;
  text: string;
}

export type Peer = MiniSearch<PeerSentence>;

export function buildPeer(sentences: readonly PeerSentence[]): Peer {
  const ms = new MiniSearch<PeerSentence>({ fields: ['text'], storeFields: ['articleId'] });
  ms.addAll(sentences);
  return ms;
}

/**
 * The article ids of the best hits: every hit tied at the top score (the same sentence printed in several
 * articles, as in the N× copies, scores the same; our engine cites all of them in one quote).
 */
export function peerTopArticles(peer: Peer, question: string): string[] {
  const hits = peer.search(question);
  const best = hits[0];
  if (!best) return [];
  return hits.filter((h) => h.score === best.score).map((h) => String(h.articleId));
}
