import assert from 'node:assert/strict';
import { isEverydayChatter, isSmallTalk, smallTalkKind } from '../../src/triage/chatter';
import { triage } from '../../src/triage/triage';
import { DEV_ROUND2_PATH, readDevSet } from './support/dev-set';

describe('everyday chat that uses sign-in words', () => {
  describe('the chat lines of the development set (dev-round2.jsonl)', () => {
    const chat = (readDevSet(DEV_ROUND2_PATH) ?? []).filter((c) => c.intent === 'unrelated');

    it('has chat lines to test', () => {
      assert.ok(chat.length >= 40, `only ${chat.length} chat lines`);
    });
    for (const item of chat) {
      it(`${item.id} is unrelated, neither a question nor a diagnosis`, () => {
        const result = triage(item.text);
        assert.equal(result.intent, 'unrelated', `"${item.text}" -> ${result.intent}`);
      });
    }
  });

  describe('lines in other words', () => {
    const lines = [
      'what is the password for the webinar tomorrow?',
      'the pdf from HR is password protected, can someone send me the password',
      'my account manager at the bank called about the new card',
      'can you lock the door of the meeting room when you leave?',
      'please approve my vacation request for August',
      'our subscription to the news site expired last week',
      'the sign-in book for visitors is at reception',
    ];
    for (const line of lines) {
      it(`"${line}" is unrelated`, () => {
        assert.equal(isEverydayChatter(line), true);
        assert.equal(triage(line).intent, 'unrelated');
      });
    }
  });

  describe('a real failure in the same words is still read', () => {
    const cases: Array<[string, string]> = [
      [
        'my account manager says my work account is locked out after too many attempts',
        'account-locked',
      ],
      [
        'I cannot sign in to Teams for the meeting, it says my password has expired',
        'password-expired',
      ],
      [
        'AADSTS50126: Invalid username or password. Trying to join the meeting.',
        'invalid-password',
      ],
    ];
    for (const [text, intent] of cases) {
      it(`"${text}" -> ${intent}`, () => {
        assert.equal(isEverydayChatter(text), false);
        assert.equal(triage(text).intent, intent);
      });
    }
  });

  it('never reads a long paste as chat', () => {
    const log = `meeting password reset for the team call\n${'INFO token refreshed\n'.repeat(60)}`;
    assert.equal(isEverydayChatter(log), false);
  });
});

describe('small talk (no "It is a sign-in problem" on its card)', () => {
  it('knows thanks, greetings and acknowledgements', () => {
    for (const text of ['thanks', 'Thanks!', 'thank you so much', 'ok great', 'Cheers :)', 'bye']) {
      assert.equal(isSmallTalk(text), true, text);
    }
  });

  it('tells thanks and "it worked" from a farewell and from other small talk', () => {
    const kinds: Array<[string, ReturnType<typeof smallTalkKind>]> = [
      ['thanks, that worked!', 'thanks'],
      ['It works now, thank you', 'thanks'],
      ['all sorted', 'thanks'],
      ["ok I'm in", 'thanks'],
      ['bye', 'farewell'],
      ['ok see you', 'farewell'],
      ['good morning team', 'other'],
      ['ok', 'other'],
      ['sorry wrong chat', 'other'],
      ['never mind, ignore that', 'other'],
      ['sorry, I still get AADSTS50076', undefined],
      ['thanks, but it still says AADSTS50076', undefined],
      ['it worked yesterday but not today', undefined],
    ];
    for (const [text, kind] of kinds) assert.equal(smallTalkKind(text), kind, text);
  });

  it('is never a message with more in it', () => {
    for (const text of [
      'thanks, but I still cannot get into my work stuff',
      'ok it keeps sending me back to the start page',
      'hi, my laptop says something went wrong',
      'I cannot get into my work stuff since yesterday',
    ]) {
      assert.equal(isSmallTalk(text), false, text);
    }
  });
});
