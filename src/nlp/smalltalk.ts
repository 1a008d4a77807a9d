/**
 * Small talk: a message that is only a greeting, thanks, a goodbye or an acknowledgement ("hi", "thanks!",
 * "ok cool", "bye all") is not a question about the articles, and quoting whichever sentence shares its
 * words ("Thank you for waiting…") would be an answer to nothing. Generic English, not words of any article.
 *
 * The test is strict: every word must belong to a small-talk phrase or be a filler ("bot", "everyone",
 * "so", "much"), and one phrase must say what the message is. "Thanks to the truce, have people gone
 * home?" is a question.
 */

export type SmallTalk = 'greeting' | 'thanks' | 'farewell' | 'acknowledgement';

/** Phrases (lower case, words separated by one space) and what they say. The longest match is taken. */
const PHRASES: ReadonlyArray<readonly [string, SmallTalk]> = [
  ...words('hi hello hey hiya heya howdy yo greetings sup wassup hallo hai helo', 'greeting'),
  ['good morning', 'greeting'],
  ['good afternoon', 'greeting'],
  ['good evening', 'greeting'],
  ["what's up", 'greeting'],
  ['whats up', 'greeting'],
  ['how are you', 'greeting'],
  ['how r u', 'greeting'],
  ['how are you doing', 'greeting'],
  ...words('thanks thx thanx ty tysm thnx cheers', 'thanks'),
  ['thank you', 'thanks'],
  ['thank u', 'thanks'],
  ['much appreciated', 'thanks'],
  ['appreciate it', 'thanks'],
  ...words('bye goodbye cya byebye', 'farewell'),
  ['good night', 'farewell'],
  ['see you', 'farewell'],
  ['see ya', 'farewell'],
  ['see you later', 'farewell'],
  ['later', 'farewell'],
  ...words('ok okay k kk cool nice great awesome perfect lol lmao haha hahaha gotcha alright', 'acknowledgement'),
  ['got it', 'acknowledgement'],
  ['fair enough', 'acknowledgement'],
  ['makes sense', 'acknowledgement'],
  ['i see', 'acknowledgement'],
];

/** Words that may come with small talk without making it a question. */
const FILLERS = new Set(
  'bot bots there all everyone everybody guys folks you u again so very much a lot lots tons for that this the mate buddy friend oh ah well and man help info answer answers reply quick'.split(' '),
);

/** Which kind wins when a message says several things ("hi, thanks!"): thanks, then farewell, greeting, acknowledgement. */
const RANK: Record<SmallTalk, number> = { thanks: 0, farewell: 1, greeting: 2, acknowledgement: 3 };

/** Longest phrase, in words. */
const LONGEST = Math.max(...PHRASES.map(([p]) => p.split(' ').length));
const BY_TEXT = new Map<string, SmallTalk>(PHRASES.map(([p, kind]) => [p, kind]));

function words(list: string, kind: SmallTalk): Array<[string, SmallTalk]> {
  return list.split(' ').map((w) => [w, kind]);
}

/**
 * The words of a message: Discord mentions, custom emoji and links dropped, letters, digits and
 * apostrophes kept (a number is a word of a question: "ok 2019?" is not an acknowledgement).
 */
function wordsOf(text: string): string[] {
  const plain = text
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    // A repeated last letter is emphasis: "hiii", "thanksss", "byeee".
    .replace(/([a-z])\1{2,}/g, '$1');
  return plain.split(/[^a-z0-9']+/).map((w) => w.replace(/^'+|'+$/g, '')).filter((w) => w !== '');
}

/** What a message is when it is only small talk, or null when it may be a question. */
export function smallTalk(text: string): SmallTalk | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const ws = wordsOf(text);
  let kind: SmallTalk | null = null;
  for (let i = 0; i < ws.length; ) {
    let matched = 0;
    for (let n = Math.min(LONGEST, ws.length - i); n >= 1; n--) {
      const got = BY_TEXT.get(ws.slice(i, i + n).join(' '));
      if (got) {
        if (kind === null || RANK[got] < RANK[kind]) kind = got;
        matched = n;
        break;
      }
    }
    if (matched === 0) {
      if (!FILLERS.has(ws[i]!)) return null;
      matched = 1;
    }
    i += matched;
  }
  return kind;
}
