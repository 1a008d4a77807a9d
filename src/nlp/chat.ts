/**
 * Chat spellings: the shorthand members type, expanded to the word before analysis. Generic English chat
 * shorthand, not words of any article.
 */
const CHAT: Record<string, string> = {
  ppl: 'people', govt: 'government', gov: 'government', intl: 'international', info: 'information',
  pic: 'picture', pics: 'pictures', msg: 'message', yr: 'year', yrs: 'years', mo: 'month', wk: 'week', wks: 'weeks',
  hrs: 'hours', hr: 'hour', mins: 'minutes', approx: 'approximately', diff: 'different', abt: 'about',
  bcuz: 'because', b4: 'before', thru: 'through', tmrw: 'tomorrow', tho: 'though', w: 'with', wo: 'without',
  jan: 'january', feb: 'february', mar: 'march', apr: 'april', jun: 'june', jul: 'july', aug: 'august',
  sep: 'september', sept: 'september', oct: 'october', nov: 'november', dec: 'december',
  // Not "wed", "sat", "sun" or "shed": English words first ("who did he wed", "the sun", "shed jobs").
  mon: 'monday', tues: 'tuesday', thurs: 'thursday', fri: 'friday',
  hed: 'he would', theyre: "they're", dont: "don't", didnt: "didn't", doesnt: "doesn't",
  isnt: "isn't", wasnt: "wasn't", werent: "weren't", cant: "can't", wont: "won't", whos: "who's", wats: "what's",
  whens: "when's", wheres: "where's", hows: "how's", whats: "what's", wen: 'when', whn: 'when', hw: 'how',
  wat: 'what', wut: 'what', r: 'are', u: 'you', ur: 'your', n: 'and', bc: 'because', cuz: 'because', coz: 'because',
};

/**
 * Replace chat shorthand with the words it stands for. Only whole lowercase words are replaced, so names
 * and capitalised abbreviations (e.g. "Sun" the newspaper, "MAR") are left alone.
 */
export function expandChat(text: string): string {
  return text
    .replace(LOWER_US_DOTTED, 'U.S.')
    .replace(LOWER_US, '$1 US')
    .replace(/\b[a-z][a-z0-9]*\b/g, (w) => (Object.hasOwn(CHAT, w) ? CHAT[w]! : w));
}

/**
 * The country typed in lower case: "us" after "the" cannot be the pronoun ("what did the us say", "in the
 * us"), and "u.s." is never one. wink-nlp takes a lower-case "us" for the stop word, which left such a
 * question with nothing to look for. (Read before the shorthand, where "u" is "you".)
 */
const LOWER_US = /\b(the|The|THE)\s+us(?![\w'’-])/g;
const LOWER_US_DOTTED = /(?<![\w.])u\.s\.(?![\w.])/g;
