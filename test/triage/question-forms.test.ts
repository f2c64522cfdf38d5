import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asksInOtherLanguage, looksLikePage } from '../../src/triage/question-forms';
import { triage } from '../../src/triage/triage';

// A question is told by its form (a question word or a verb put first, an FAQ's "Q:" heading, a
// question particle), not by a list of phrases; the texts below are real ones from the
// development rounds, cited by id.
describe('triage reads a question by its form', () => {
  it('reads a question that names a topic as a question, not as that topic’s error', () => {
    for (const [id, text] of [
      // dev-round5a-questions.jsonl: a negative "why" and an FAQ's "Q." heading.
      [
        'q-page-scu-why-not-asked-every-day',
        "Q. Why don't I get asked to authenticate using MFA every day?",
      ],
      [
        'q-page-unw-no-notification-sign-in',
        'Why don’t I see a notification when I’m trying to sign in?',
      ],
      // An indirect question ("I wanted to know if ...").
      [
        'q-gh-phpmailer-2662-modern-auth',
        'Deprecation of Basic authentication in Exchange Online\nThis change by Microsoft will impact POP, IMAP, and SMTP AUTH protocols\n\nI wanted to know if this library can be used with the Microsoft Modern Authentication or not.',
      ],
      // dev-round3-questions.jsonl: "the failed sign-ins" queried are not the writer's failure.
      [
        'q-gh-graph-docs-7340-failed-sign-ins-filter',
        "I'm trying to query only the failed sign-ins using the $filter parameter but it only supports status/errorCode eq [errorcode].\n\nThis means that i need to know all errorcoded on forehand. Which i don't.\n\nCan this filter be extended with status/errorCode ge 1 ?",
      ],
    ]) {
      assert.equal(triage(text ?? '').intent, 'question', id);
    }
  });

  it('reads questions in Korean, Swedish, Turkish and Japanese (dev-round5b-questions.jsonl)', () => {
    for (const [id, text] of [
      ['q-page-gwe-ko-second-factor-after-signup', 'Q. 계정생성 후 로그인 시 2차인증 방법'],
      [
        'q-gh-azure-docs-ko-mfa-faq-no-phone',
        'Q: 사용자가 전화로 응답을 받지 못하거나 사용자가 전화를 가지고 있지 않은 경우 사용자에게 어떻게 하라고 말해 주어야 하나요?',
      ],
      [
        'q-gh-azure-docs-sv-block-password-change',
        'F: kan jag blockera användare från att ändra sina lösen ord?',
      ],
      ['q-gh-azure-docs-tr-why-user-at-risk', 'Kullanıcı neden risk altında?'],
      ['q-page-ntt-faq-ja-mfa-per-user', 'ご質問\n\nユーザーごとに多要素認証を設定したいです。'],
    ]) {
      assert.equal(triage(text ?? '').intent, 'question', id);
    }
  });

  it('reads questions opened by a question word without a question mark in more languages', () => {
    for (const text of [
      'Hur kan jag återställa lösenordet för en användare',
      'Hvordan kan jeg tilbakestille passordet til en bruker',
      'Czy mogę wymusić MFA dla gości',
      'Jak mohu resetovat heslo uživatele',
      'Как сбросить пароль пользователя',
      'Como posso redefinir a senha de um usuário',
    ]) {
      assert.equal(triage(text).intent, 'question', text);
    }
  });

  it('keeps an error with a code an error when the writer asks why they get it', () => {
    for (const text of [
      'why do I get AADSTS50076?',
      'Why do I get AADSTS50076 when signing in from home?',
      'Is anyone else getting AADSTS50076 since today?',
      'I see error 50076, why?',
    ]) {
      assert.equal(triage(text).intent, 'mfa-required-or-failed', text);
    }
    // Naming the code without saying one gets it is still a question.
    assert.equal(triage('What does AADSTS50076 mean?').intent, 'question');
  });

  it('keeps a failure told in another language a report, beside a question (real pastes)', () => {
    // dev-round5b.jsonl page-tkc-ja-webmenu-login-error: "an error is shown and I cannot sign in".
    assert.notEqual(
      triage(
        'Webメニューのログイン画面で、下記のエラーが表示されてログインできません。\n どうしたらよいでしょうか?',
      ).intent,
      'question',
    );
    // dev-round4.jsonl page-system2wiki-ja-password-variations: sentences run together after ".".
    assert.equal(
      triage(
        'パスワードを変更するように求められます.新しいパスワードの場合、新しいパスワードのバリエーションをいくつか入力すると、毎回エラーメッセージが表示されます.パスワードの文字要件は何ですか?',
      ).intent,
      'password-banned',
    );
    // dev-round5b.jsonl gh-azure-docs-zh-tap-login-blocked: a statement, not a question, though
    // it holds the word 是否 ("whether") mid-sentence.
    assert.equal(
      triage(
        '如果因用户凭据策略而导致临时访问密码登录受阻，请检查该用户是否位于 TAP 策略的范围内。',
      ).intent,
      'tap-blocked',
    );
    // dev-round4.jsonl gh-memdocs-36-enroll-now-loop: a loop told, then "Suggestions?".
    assert.notEqual(
      triage(
        'Loop\nWhenever I click to “enroll now,” the button redirects me to “choose an account” screen and the process repeats over and over again. Suggestions?',
      ).intent,
      'question',
    );
  });

  it('does not read a pasted sign-in page as a question for its "Forgot your password?" link', () => {
    const english =
      'Sign in\nsomeone@contoso.com\nForgot your password?\nSign in with another account';
    const korean = 'Microsoft\n로그인\n암호를 잊으셨나요?\n다른 계정으로 로그인';
    assert.ok(looksLikePage(english));
    assert.notEqual(triage(english).intent, 'question');
    assert.notEqual(triage(korean).intent, 'question');
    // A heading above a written question is not a page.
    assert.ok(!looksLikePage('MFA\nHow do I register a second phone for MFA?'));
  });

  it('gives an all-ASCII sentence the same answer when told it is ASCII (the CJK forms skipped)', () => {
    const sentences = [
      'Kan jag byta telefon?',
      'Sifre mi?',
      'Parola neden kilitlendi mi?',
      'Comment puis-je changer mon mot de passe?',
      'how do I reset MFA?',
    ];
    for (const s of sentences) assert.equal(asksInOtherLanguage(s, true), asksInOtherLanguage(s));
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        assert.equal(asksInOtherLanguage(s, true), asksInOtherLanguage(s));
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});
