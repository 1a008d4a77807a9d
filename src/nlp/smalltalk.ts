/**
 * Small talk: a message that is only a greeting, thanks, a goodbye, an acknowledgement, a complaint or a
 * question about the bot itself ("hi", "thanks!", "ok cool", "bye all", "that's wrong", "what can you
 * do?") is not a question about the articles, and quoting whichever sentence shares its words ("Thank you
 * for waiting…", "If it won't work through diplomatic channels…" for "how do you work?") would be an
 * answer to nothing. Generic English, not words of any article.
 *
 * The test is strict: every word must belong to a small-talk phrase, be a filler ("bot", "everyone",
 * "so", "much") or name what the bot works with ("article", "sources": META_WORDS), and one phrase must
 * say what the message is. "Thanks to the truce, have people gone home?" is a question.
 *
 * Past the phrases, two rules read what a message is about (see `addressedToBot`): a message to "you"
 * with at most one word of its own ("are you a robot?", "where do you get your info?"), and one about
 * the articles or sources themselves ("who are the sources?"), are questions about the bot.
 */

/** The kinds of small talk, each with its own reply (see `chatReply` in answer/engine.ts). */
export const SMALL_TALK_KINDS = ['greeting', 'thanks', 'farewell', 'acknowledgement', 'about', 'complaint'] as const;
export type SmallTalk = (typeof SMALL_TALK_KINDS)[number];

/** Phrases (lower case, words separated by one space) and what they say. The longest match is taken. */
const PHRASES: ReadonlyArray<readonly [string, SmallTalk]> = [
  ...words('hi hello hey hiya heya howdy yo greetings sup wassup hallo hai helo', 'greeting'),
  // Checking the bot is there is greeted: over BBC News "test" would find a cricket Test.
  ...words('test testing ping', 'greeting'),
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
  // "thx for the help" thanks: "help" alone asks what the bot does (below).
  ['for the help', 'thanks'],
  ['for your help', 'thanks'],
  ['for helping', 'thanks'],
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
  ...phrases('good bot|good job|well done|nice one|sorry|my bad|no worries|np|hmm|hm|oh ok', 'acknowledgement'),
  // A complaint about an answer is not a question about the articles either.
  ...phrases("bad bot|wrong|that's wrong|thats wrong|wrong answer|not helpful|useless|you suck|that's not right", 'complaint'),
  ...phrases('thats not right|not what i asked|that is wrong', 'complaint'),
  // Questions about the bot: "you", "u", "this", "the" and "bot" are fillers, so "who made this bot" and
  // "what is this bot" match; "who made the decision" does not, as "decision" is neither.
  ...phrases('who are you|what are you|who r u|what r u|what are you for|who is this|what is this|whats this', 'about'),
  ...phrases("what's this|what can you do|what can u do|what do you do|what do u do|how do you work", 'about'),
  ...phrases('how does this work|how does it work|how does the bot work|are you a bot|are you human', 'about'),
  ...phrases('are you real|are you a person|are you an ai|are you ai|who made|who built|who created', 'about'),
  ...phrases('who wrote|who programmed|who coded|who developed|who runs|who owns|how does this bot work', 'about'),
  ...phrases('what can this bot do|what does this bot do|what can the bot do|what does the bot do', 'about'),
  // Asking for help, or for news in general, is asked what the bot can answer: "help" alone used to be
  // answered with a sentence saying Iran was ready to help.
  ...phrases('help|help me|can you help|can you help me|can u help|can u help me|i need help|need help', 'about'),
  ...phrases('how do i use this|how do i use you|how to use this|any news|news|whats new|what\'s new|anything new', 'about'),
  ...phrases("any updates|any update|latest news|what's the latest|whats the latest|the latest", 'about'),
  // Asking for a summary, for more, for sources or for the bot's opinion: the reply says what it does and
  // the Discord face points to /topics and /sources. Over BBC News "summary" was answered with "…never have
  // presented his answer as a summary…" and "tell me a joke" with "Come on, this is surely a joke?".
  ...phrases('summary|summarise|summarize|sum up|tldr|tl dr|explain|tell me more|more|what is this about', 'about'),
  ...phrases('what are the articles about|what are they about|source|sources|link|links|what are your sources', 'about'),
  ...phrases('what do you think|your opinion|your thoughts|tell me a joke|a joke|can i trust you|are you sentient', 'about'),
  ...phrases('are you alive|i love you|do you like me', 'about'),
  // Asking whether an answer can be trusted: the reply says the quotes are the articles' own, with sources.
  ...['is', 'was', "isn't", 'isnt'].flatMap((verb) =>
    ['this', 'that', 'it'].flatMap((what) =>
      ['accurate', 'true', 'right', 'correct', 'real', 'reliable', 'legit', 'fake', 'biased', 'trustworthy'].map(
        (how): [string, SmallTalk] => [`${verb} ${what} ${how}`, 'about'],
      ),
    ),
  ),
  // Reactions: over BBC News "wow" and "interesting" were answered with sentences printing the word.
  ...words('wow woah whoa interesting fascinating omg damn yikes oof wild crazy insane scary sad terrible awful true exactly indeed agreed', 'acknowledgement'),
  ...phrases('good to know|oh wow|oh no|no way|so sad|how sad|thats crazy|that\'s crazy|thats sad|that\'s sad|thats interesting|that\'s interesting', 'acknowledgement'),
];

/** Words that may come with small talk without making it a question. */
const FILLERS = new Set(
  'bot bots there all everyone everybody guys folks you u again so very much a lot lots tons for that this the mate buddy friend oh ah well and man info answer answers reply quick pls please'.split(' '),
);

/**
 * Which kind wins when a message says several things ("hi, thanks!"): a question about the bot ("hi, who
 * are you?"), then a complaint ("lol wrong"), thanks, farewell, greeting, acknowledgement.
 */
const RANK: Record<SmallTalk, number> = { about: 0, complaint: 1, thanks: 2, farewell: 3, greeting: 4, acknowledgement: 5 };

/** Longest phrase, in words. */
const LONGEST = Math.max(...PHRASES.map(([p]) => p.split(' ').length));
const BY_TEXT = new Map<string, SmallTalk>(PHRASES.map(([p, kind]) => [p, kind]));

function words(list: string, kind: SmallTalk): Array<[string, SmallTalk]> {
  return list.split(' ').map((w) => [w, kind]);
}

function phrases(list: string, kind: SmallTalk): Array<[string, SmallTalk]> {
  return list.split('|').map((p) => [p, kind]);
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
  return phrased(ws) ?? addressedToBot(ws);
}

/** The kind of a message made only of small-talk phrases and fillers, else null. */
function phrased(ws: readonly string[]): SmallTalk | null {
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
      // "who wrote this article?", "thanks for the sources": what the bot works with is no question's subject.
      if (!FILLERS.has(ws[i]!) && !META_WORDS.has(ws[i]!)) return null;
      matched = 1;
    }
    i += matched;
  }
  return kind;
}

/** The bot, spoken to. ("Thank you, who died?" has two words of its own, "thank" and "died": a question.) */
const YOU = new Set(['you', 'u', 'your', 'ur', 'yours', 'yourself', "you're", 'youre', "you've", "you'll", "you'd", 'ya']);

/**
 * Words that carry no subject of their own: articles, prepositions, conjunctions, auxiliaries, pronouns,
 * question words, negations, quantities. Generic English.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but if then so of to in on at by for from with about into over under as than too very just also only even still really quite ' +
    'am is are was were be been being do does did done has had having will would can could shall should may might must ' +
    "i me my mine we us our ours they them their theirs he him his she her hers it its it's this that that's these those there here " +
    "what who whom whose which when where why how whats what's who's whos where's hows how's " +
    "not no dont don't doesnt doesn't didnt didn't cant can't wont won't isnt isn't arent aren't " +
    'anything something everything nothing any some all every each much many more most lot lots'
  ).split(' '),
);

/** What the bot works with: a message about these alone is about the bot and its articles. */
const META_WORDS = new Set(
  'article articles source sources info information news data answer answers reply replies question questions sentence sentences quotes bot bots stuff thing things'.split(' '),
);

/**
 * Verbs that ask for something of the articles ("can you tell me who…", "do you know how many…",
 * "what do you have on the convoy"): with a word of their own beside them, the message is a question.
 */
const REQUESTS = new Set(
  'tell show find give explain list get check search look share summarise summarize describe know have got hear heard name quote'.split(' '),
);

/**
 * A question about the bot that no phrase lists: a message to "you" with at most one word of its own
 * (not a function word, a filler or a word for what the bot works with) and no request of the articles
 * beside it — "are you a robot?", "how old are you", "where do you get your info?", "are you sure?" —
 * or a message whose only words of substance are the articles or sources themselves ("who are the
 * sources?", "which articles?"). "Can you tell me who shot down the helicopter?", "do you know how many
 * died?" and "why would you attack a convoy" are questions. A complaint word among the few ("you are
 * wrong") is a complaint.
 */
function addressedToBot(ws: readonly string[]): SmallTalk | null {
  const toYou = ws.some((w) => YOU.has(w));
  const own: string[] = [];
  let request = false;
  let meta = false;
  for (const w of ws) {
    if (REQUESTS.has(w)) request = true;
    else if (META_WORDS.has(w)) meta = true;
    else if (!YOU.has(w) && !FUNCTION_WORDS.has(w) && !FILLERS.has(w)) own.push(w);
  }
  if (!toYou && !(meta && own.length === 0)) return null;
  if (own.length > 1 || (request && own.length > 0)) return null;
  return own.length === 1 && BY_TEXT.get(own[0]!) === 'complaint' ? 'complaint' : 'about';
}
