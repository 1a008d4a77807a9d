/**
 * Small talk ("hi", "thanks!") is told apart from questions, and answered with a reply instead of the
 * sentence that happens to share its words.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/answer/engine.js';
import { smallTalk } from '../../src/nlp/smalltalk.js';
import { INTENTS, withFiles } from '../helpers.js';

describe('smallTalk', () => {
  it.each([
    ['thanks!', 'thanks'],
    ['Thank you so much 🙏', 'thanks'],
    ['thx for the help', 'thanks'],
    ['hi', 'greeting'],
    ['Hello bot!', 'greeting'],
    ['good morning everyone', 'greeting'],
    ["what's up", 'greeting'],
    ['heyyy <@123456789012345678>', 'greeting'],
    ['bye all', 'farewell'],
    ['see you later', 'farewell'],
    ['ok cool', 'acknowledgement'],
    ['lol', 'acknowledgement'],
    ['hi, thanks!', 'thanks'],
    ['what can you do?', 'about'],
    ['Who are you', 'about'],
    ['how does this bot work?', 'about'],
    ['who built this bot?', 'about'],
    ['are you a bot lol', 'about'],
    ['hi, who are you?', 'about'],
    ['help', 'about'],
    ['can you help me please', 'about'],
    ['any news?', 'about'],
    ["what's new", 'about'],
    ['thanks for your help!', 'thanks'],
    ['test', 'greeting'],
    ['good bot', 'acknowledgement'],
    ["that's wrong lol", 'complaint'],
    ['bad bot', 'complaint'],
    ['tl;dr', 'about'],
    ['summary pls', 'about'],
    ['sources?', 'about'],
    ['tell me a joke', 'about'],
    ['sorry', 'acknowledgement'],
    // Spoken to, with at most one word of its own; or about the articles and sources themselves.
    ['are you a robot?', 'about'],
    ['where do you get your info', 'about'],
    ['how old are you', 'about'],
    ['are you sure?', 'about'],
    ["what's your name", 'about'],
    ['who are the sources?', 'about'],
    ['which articles?', 'about'],
    ['who wrote this article', 'about'],
    ['is this accurate?', 'about'],
    ['bot', 'about'],
    ['you are wrong', 'complaint'],
    ['wow', 'acknowledgement'],
    ['interesting!', 'acknowledgement'],
    ['good to know', 'acknowledgement'],
  ])('%j is %s', (text, kind) => {
    expect(smallTalk(text)).toBe(kind);
  });

  it.each([
    'thanks to the truce, have people gone home?',
    'hello, how many people died?',
    'who said hello to the president',
    'is the ceasefire ok',
    '',
    '!!!',
    'see the report',
    'ok 2019?',
    'thanks, 13 or 14',
    'who made the decision to send troops?',
    'who runs the camps',
    'what is this ceasefire about',
    'what can turkey do',
    'how does the deal work',
    'help with the displacement figures',
    'any news on the ceasefire?',
    'what went wrong',
    'was the missile test a success',
    'who was wrong about idlib',
    'summary of the ceasefire talks',
    'explain the sochi deal',
    'tell me more about the helicopter',
    'sources for the displacement figures',
    // Spoken to, but asking for something of the articles, or naming more than one thing of its own.
    'can you tell me who shot down the helicopter?',
    'do you know how many died',
    'what do you have on the convoy',
    'why would you attack a convoy',
    'are you aware of the strikes on the convoy',
    'thank you, how many died?',
    'you said 13 soldiers died but the other report says 14',
    'is this true that turkey sent troops',
    'what is the source of the 800,000 figure',
  ])('%j is not small talk', (text) => {
    expect(smallTalk(text)).toBeNull();
  });
});

describe('the engine on small talk', () => {
  it('replies to it instead of quoting the sentence that shares its words, and still answers questions', async () => {
    // Written for this test: sentences that share small talk's words.
    const articles = {
      'awards.md':
        'Singer Thanks Fans at Awards\n\nThe singer said thank you to her fans for waiting fifteen years for the album. She said hello to the crowd before the first song. The album sold two million copies in its first week.\n',
    };
    await withFiles(articles, async (dir) => {
      const engine = await createEngine({ corpusDir: dir, intentsDir: INTENTS });
      const thanks = engine.ask('thank you!');
      expect(thanks).toMatchObject({ answered: false, quotes: [], chat: 'thanks', topic: null });
      expect(thanks.message).toMatch(/welcome/i);
      const hello = engine.ask('hello');
      expect(hello.chat).toBe('greeting');
      expect(hello.message).toContain(engine.info().description);
      // A question about the bot is told what it does, not "how do you work" answered from the album.
      const about = engine.ask('how do you work?');
      expect(about).toMatchObject({ answered: false, quotes: [], chat: 'about', topic: null });
      expect(about.message).toContain(engine.info().description);
      const complaint = engine.ask("that's wrong");
      expect(complaint).toMatchObject({ answered: false, quotes: [], chat: 'complaint' });
      expect(complaint.message).toMatch(/^Sorry/);
      const asked = engine.ask('how many copies did the album sell in its first week?');
      expect(asked.chat).toBeUndefined();
      expect(asked.quotes[0]?.text).toBe('The album sold two million copies in its first week.');
    });
  });
});
