import assert from 'node:assert/strict';
import { loadCatalog } from '../../src/triage/catalog';
import { findSimilar } from '../../src/triage/similar';
import { prefixStem, tokens } from '../../src/triage/tokens';
import { triage } from '../../src/triage/triage';
import {
  DEV_EXTRA_PATH,
  DEV_ROUND4_PATH,
  DEV_ROUND4_QUESTIONS_PATH,
  DEV_SET_PATH,
  readDevSet,
  readQuestions,
  type DevCase,
} from './support/dev-set';

// Pastes and questions from sources no other set uses, many of them localised help pages
// (dev-round4.jsonl). Known misses stay in the fixture so the benchmark shows them.
const KNOWN_MISSES = new Set([
  // Another product's own sign-in notice or feature asked as a question (Owl Practice,
  // LinShare, Adyen): labelled look-alikes, read as how-to questions.
  'page-owlpractice-fr-echec-connexion',
  'gh-linshare-137-lockout-feature',
  'page-adyen-fr-code-2fa',
  // "interaction_required" with "corporate MFA": no word the matcher reads as a second step.
  'gh-storage-explorer-1429-interaction-required-mfa',
  // Keycloak's passkey/OTP enrolment and HENNGE's access-policy page: other identity products.
  'gh-keycloak-40837-passkey-first-2fa',
  'page-hennge-ja-access-policy-403',
  // A student software store's "Why is my account disabled or expired?".
  'page-onthehub-imagine-disabled-expired',
  // "Enroll now" redirects in a loop, asked with "Suggestions?": read as a question.
  'gh-memdocs-36-enroll-now-loop',
  // "Plötzlich sind Sie ausgesperrt" after the Authenticator sign-in fails: the loose "locked
  // out" wins over the cause (held-out half, never tuned on).
  'page-silverpc-de-ausgesperrt-authenticator',
  // Errors on every new password variant, asked with "what are the character requirements?".
  'page-system2wiki-ja-password-variations',
  // An admin query that hits a PowerShell error; a doc remark stated, not asked; a request to
  // explain a setting that names compliant devices.
  'q-gh-azure-docs-40493-find-users-without-mfa',
  'q-gh-azure-docs-110879-lockout-increase',
  'q-gh-azure-docs-101512-trust-compliant-devices',
]);

function devCase(path: string, id: string): DevCase {
  const found = (readDevSet(path) ?? []).find((c) => c.id === id);
  assert.ok(found, `${id} is in ${path}`);
  return found;
}

describe('triage on localised pages and new sources (dev round 4)', () => {
  const cases = readDevSet(DEV_ROUND4_PATH) ?? [];
  const questions = readQuestions(DEV_ROUND4_QUESTIONS_PATH) ?? [];

  it('has pastes and questions to test', () => {
    assert.ok(cases.length >= 45);
    assert.ok(questions.length >= 15);
  });

  for (const item of cases.filter((c) => !KNOWN_MISSES.has(c.id))) {
    it(`${item.id}${item.lang === undefined ? '' : ` (${item.lang})`} lands on ${item.intent}`, () => {
      const result = triage(item.text);
      assert.equal(result.intent, item.intent);
      if (item.code !== undefined) assert.equal(result.code, item.code);
    });
  }

  for (const item of questions.filter((q) => !KNOWN_MISSES.has(q.id))) {
    it(`${item.id} gets the question outcome`, () => {
      assert.equal(triage(item.text).intent, 'question');
    });
  }
});

describe('what generalises from round 4', () => {
  it('compares words by their stem across inflections and languages', () => {
    const stems = ['información', 'informações', 'informazioni', 'information'].map(prefixStem);
    assert.equal(new Set(stems).size, 1);
    assert.equal(prefixStem('organización'), prefixStem('organization'));
    assert.equal(prefixStem('gesperrte'), prefixStem('gesperrt'));
    // Short words are left as they are, so "mas" and "más" meet but "konto" stays whole.
    assert.equal(prefixStem('más'), 'mas');
    assert.equal(prefixStem('konto'), 'konto');
    assert.deepEqual(tokens('notificación'), tokens('notificacion'));
  });

  it('finds a quoted localised page by similarity with the page in the catalog', () => {
    const item = devCase(DEV_ROUND4_PATH, 'page-silverpc-es-su-organizacion-necesita');
    const similar = findSimilar(item.text, loadCatalog());
    assert.equal(similar?.sure, true);
    assert.equal(similar?.kind, 'localised');
    assert.equal(similar?.message.intent, 'mfa-required-or-failed');
    assert.equal(triage(item.text).matchedBy, 'similar');
  });

  it('decides on a short localised sentence only when every word is there', () => {
    // "Necesito más información sobre el menú" shares three stems with "su organización
    // necesita más información": not enough to call a cafeteria question an MFA page.
    const cafeteria = devCase(DEV_EXTRA_PATH, 'loc2-es-unrelated-57');
    assert.notEqual(findSimilar(cafeteria.text, loadCatalog())?.sure, true);
    assert.equal(triage(cafeteria.text).intent, 'unrelated');
  });

  it('reads a device switched off by the organisation as a device problem', () => {
    const item = devCase(DEV_ROUND4_PATH, 'page-silverpc-de-synchronisierung-deaktiviert');
    assert.equal(triage(item.text).intent, 'device-noncompliant');
    // A disabled account is still a disabled account.
    const disabled = devCase(DEV_ROUND4_PATH, 'page-umatechnology-disabled-see-admin');
    assert.equal(triage(disabled.text).intent, 'account-disabled');
  });

  it('reads Chinese lock-out wording and Chinese questions', () => {
    assert.equal(
      triage(devCase(DEV_ROUND4_PATH, 'page-teams-th-zh-web-locked').text).intent,
      'account-locked',
    );
    assert.equal(
      triage(devCase(DEV_ROUND4_PATH, 'page-thewindowsclub-zh-no-code').text).intent,
      'mfa-required-or-failed',
    );
    assert.equal(triage('问题: 如何为特定用户组启用条件访问策略?').intent, 'question');
  });

  it('takes an error counted in an analytics tool as the object of a question', () => {
    const sentinel = (readQuestions(DEV_ROUND4_QUESTIONS_PATH) ?? []).find(
      (q) => q.id === 'q-gh-azure-docs-113969-500133-vs-50133',
    );
    assert.ok(sentinel);
    assert.equal(triage(sentinel.text).intent, 'question');
    // Errors the asker sees in the sign-in logs are still read as theirs.
    const ownLogs = devCase(DEV_SET_PATH, 'gh-azure-docs-8750-51005-exchange');
    assert.equal(triage(ownLogs.text).intent, 'other-known');
  });

  it('lets a named code decide over risk words around it', () => {
    const item = devCase(DEV_ROUND4_PATH, 'gh-search-openai-demo-1538-50076-risky-user');
    const result = triage(item.text);
    assert.equal(result.code, 50076);
    assert.equal(result.intent, 'mfa-required-or-failed');
  });

  it('reads a lost or changed phone behind the second step in other languages', () => {
    const gone = devCase(DEV_ROUND4_PATH, 'page-silverpc-de-handywechsel-office-portal');
    assert.equal(triage(gone.text).intent, 'mfa-required-or-failed');
    const refused = devCase(DEV_ROUND4_PATH, 'page-silverpc-de-nonprofit-verweigert');
    assert.equal(triage(refused.text).intent, 'mfa-required-or-failed');
  });

  it('reads characters a password may not contain as a refused password', () => {
    const item = devCase(DEV_ROUND4_PATH, 'page-smart-operations-ja-forbidden-character');
    assert.equal(triage(item.text).intent, 'password-banned');
  });

  it('keeps a run-together identifier apart from the word it starts with', () => {
    assert.notEqual(prefixStem('accountenabled'), prefixStem('account'));
    assert.deepEqual(tokens('accountenabled'), ['accountenabled']);
    // A tool's report that a trust setting "evaluates as false" is no disabled account.
    const report = devCase(DEV_ROUND4_PATH, 'gh-guardrails-993-mfa-trust-false');
    assert.equal(triage(report.text).intent, 'unrelated');
  });

  it('keeps every localised form lower case and attached to a message that has phrases', () => {
    for (const message of loadCatalog().messages) {
      for (const form of message.forms ?? []) {
        assert.equal(form, form.toLowerCase(), `${message.id}: ${form}`);
      }
      assert.ok(message.phrases.length > 0);
    }
  });
});
