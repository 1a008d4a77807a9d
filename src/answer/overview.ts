/**
 * Questions that ask for an overview rather than a fact: "what happened in Idlib?", "tell me about the
 * helicopter", "any news on the ceasefire?", "give me a summary". Such a question has little to match
 * ("happened", "tell") beside its subject, so the ranking found one sentence that shares a word with it
 * ("the cruelty happening in our neighbour") or nothing strong enough to answer.
 *
 * A news article tells what matters most first, so the overview quotes, from each article naming the
 * subject, the first sentence that names it: articles whose headline or lead names it first, then those
 * naming it most (see overviewOrder). With no subject ("what's going on?"), each article's first
 * sentence, newest article first. These are rules about how news is written, not about any article.
 */
import { expandChat } from '../nlp/chat.js';

/**
 * The subject of an overview question ("idlib" for "what's happening in Idlib?"), '' for one about the
 * articles as a whole ("give me a summary"), or null when the question asks for something else. Only the
 * question's own words are read; a question that names a fact ("what happened to the soldiers' bodies")
 * is not an overview when it opens with "what happened to" (the fate of a thing is a fact, not a story).
 */
export function overviewSubject(question: string): string | null {
  const text = expandChat(question)
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/^[\s,.!?;:]*(so|and|ok|okay|hey|hi|um|well|please|pls)\b[\s,]*/g, '')
    .replace(/[\s.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const pattern of OVERVIEW_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const subject = (m.groups?.['subject'] ?? '').replace(/^(the|a|an) /, '').replace(/ (please|pls)$/, '').trim();
    // "What happened in the UK if you used more than your ration?" asks a fact: a subject is a name or a
    // short phrase, not a clause.
    const words = subject === '' ? [] : subject.split(' ');
    return words.length > MAX_SUBJECT_WORDS || words.some((w) => CLAUSE_WORDS.has(w)) ? null : subject;
  }
  return null;
}

/** The longest subject an overview takes, in words ("the council and the union" is five). */
const MAX_SUBJECT_WORDS = 6;

/** Words that open a clause: a subject holding one asks about an event, not a thing or a place. */
const CLAUSE_WORDS = new Set(['if', 'when', 'whenever', 'because', 'after', 'before', 'since', 'that', 'who', 'which', 'while', 'so', 'until', 'where', 'why', 'how']);

/**
 * What asks for an overview, with the subject named `subject` where there is one. Each is the whole
 * question (anchored): the rest of it is the subject, which overviewSubject then checks is no clause
 * ("what happened in Saraqeb on Monday and who was killed" asks facts).
 */
const OVERVIEW_PATTERNS: readonly RegExp[] = [
  // "tell me about X", "can you tell us about X", "brief me on X"
  /^(can you |could you |please )?(tell|brief) (me|us) (more )?(about|on) (?<subject>.+)$/,
  // "what's happening in X", "what is going on with X", "whats going on"
  /^(what's|what is|what has been|what's been) (happening|going on)( (in|with|between|at|around|over|inside|near) (?<subject>.+))?$/,
  // "what happened in X", "what has happened at X" (not "to X": the fate of a thing is a fact)
  /^what (has )?happened (in|at|around|near|over|inside) (?<subject>.+)$/,
  // "what's the latest on X", "what is the situation in X", "what's new with X"
  /^(what's|what is|what are) (the )?(latest|latest news|news|situation|story|state of play|updates?|new)( (on|in|about|with|regarding|for|from|between) (?<subject>.+))?$/,
  // "any news on X", "news about X", "updates on X", "latest on X"
  /^(any )?(news|updates?|latest|developments) (on|about|from|in|regarding) (?<subject>.+)$/,
  // "give me a summary (of X)", "a quick rundown on X", "summary please"
  /^((can you |could you )?(give|send) (me|us) )?(a |an |the )?(quick |short |brief )?(summary|overview|rundown|recap|roundup|round-up|briefing)( (of|on|about) (?<subject>.+))?$/,
  // "summarise X", "sum up the articles"
  /^(summari[sz]e|sum up)( (?<subject>.+))?$/,
];

/**
 * A photo caption as agencies write them, ending with the picture's place and date ("Syrian government
 * troops gathering… during their assault on Idlib, Syria, February 3, 2020."): it describes a picture, not
 * what the article tells, and is no article's opening on its subject.
 */
const CAPTION_END = /,\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},\s+\d{4}\W*$/i;

/** Whether a sentence reads as a photo caption (see CAPTION_END). */
export function isCaption(text: string): boolean {
  return CAPTION_END.test(text);
}

/** A sentence the overview may quote: its article, its place there, and whether it names the subject. */
export interface OverviewCandidate {
  articleId: string;
  /** Position within its article (0-based). */
  position: number;
  /** Whether the sentence names the subject (every naming word of it, or a strong stand-in). */
  names: boolean;
}

/** An article's first this-many sentences are its lead: naming the subject there, the article is about it. */
const LEAD_SENTENCES = 2;

/**
 * The sentences an overview quotes, best first: from each article, the first sentence that names the
 * subject. Articles about the subject come first — its headline names it (`headlined`), or its lead
 * does — then those naming it in most sentences (ties: the one naming it earlier, then the order given).
 * Over BBC News, counting alone put first "Remember there were no WMD in Iraq." for "what happened in
 * Iraq", from a column that names Iraq often but is about an election. `candidates` are the ranking's
 * sentences for the subject, in its order.
 */
export function overviewOrder<C extends OverviewCandidate>(candidates: readonly C[], headlined: (articleId: string) => boolean): C[] {
  const byArticle = new Map<string, { first: C; count: number; order: number }>();
  candidates.forEach((c, order) => {
    if (!c.names) return;
    const got = byArticle.get(c.articleId);
    if (!got) byArticle.set(c.articleId, { first: c, count: 1, order });
    else {
      got.count++;
      if (c.position < got.first.position) got.first = c;
    }
  });
  // Whether each article is about the subject, worked out once an article (a headline is analysed for it).
  const entries = [...byArticle.values()].map((x) => ({ ...x, about: headlined(x.first.articleId) || x.first.position < LEAD_SENTENCES ? 1 : 0 }));
  return entries
    .sort((a, b) => b.about - a.about || b.count - a.count || a.first.position - b.first.position || a.order - b.order)
    .map((x) => x.first);
}
