import assert from 'node:assert/strict';
import { buildCatalog, loadCatalog } from '../../src/triage/catalog';
import { decideCode } from '../../src/triage/decide-code';
import { APP_CHECK_STEP, isWeakCode } from '../../src/triage/precedence';
import messages from '../../src/triage/catalog/messages.json';
import { codeEntry, testCatalog } from './support/test-catalog';

const catalog = testCatalog();

describe('decideCode', () => {
  it('lets the cause win over a generic wrapper, wherever it appears', () => {
    assert.equal(decideCode([70002, 50126], catalog), 50126);
    assert.equal(decideCode([50126, 70002], catalog), 50126);
    assert.equal(decideCode([50000, 53003], catalog), 53003);
  });

  it('lets the cause win over sign-in interrupts', () => {
    assert.equal(decideCode([50058, 53003], catalog), 53003);
    assert.equal(decideCode([50140, 50126], catalog), 50126);
    assert.equal(decideCode([16000, 50097, 53000], catalog), 53000);
    assert.equal(decideCode([50076, 500121], catalog), 500121);
  });

  it('prefers an interrupt to a wrapper when nothing else is known', () => {
    assert.equal(decideCode([70002, 50076], catalog), 50076);
  });

  it('still decides on a wrapper or interrupt alone', () => {
    assert.equal(decideCode([70002], catalog), 70002);
    assert.equal(decideCode([50058], catalog), 50058);
  });

  it('between two causes, takes the one that blocks the person now', () => {
    assert.equal(decideCode([50126, 70002, 50053], catalog), 50053);
    assert.equal(decideCode([50126, 53003], catalog), 53003);
    assert.equal(decideCode([90072, 50126], catalog), 50126);
  });

  it('takes the earliest of equally ranked codes', () => {
    assert.equal(decideCode([50058, 16000], catalog), 50058);
    assert.equal(decideCode([16000, 50058], catalog), 16000);
  });

  it('decides on a code the catalog does not know only when no known code is there', () => {
    assert.equal(decideCode([99999, 50126], catalog), 50126);
    assert.equal(decideCode([99999, 70002], catalog), 70002);
    assert.equal(decideCode([99999, 88888], catalog), 99999);
    assert.equal(decideCode([], catalog), undefined);
  });
});

describe('decideCode between codes of the same kind (round 11)', () => {
  // Intents as the shipped catalog has them, fixed here so the tests do not move with its data.
  const codes = buildCatalog(
    [
      codeEntry(500113, 'app-misconfigured'), // no reply address registered
      codeEntry(50011, 'app-misconfigured'), // reply address does not match
      codeEntry(700016, 'app-misconfigured'), // app not found in the tenant
      codeEntry(700054, 'app-misconfigured'), // id_token response type not enabled
      codeEntry(65005, 'app-misconfigured'), // misconfigured application (not in APP_CHECK_STEP)
      codeEntry(7000215, 'app-misconfigured'), // invalid client secret
      codeEntry(7000222, 'app-misconfigured'), // expired client secret
      codeEntry(50006, 'app-misconfigured'), // invalid signature
      codeEntry(50008, 'other-known'), // invalid SAML token
      codeEntry(50199, 'other-known'), // the security confirmation interrupt
      codeEntry(70043, 'other-known'), // refresh token past the sign-in frequency
      codeEntry(90006, 'other-known'), // a dependent service was briefly unavailable
      codeEntry(650057, 'app-misconfigured'), // resource not in the required permissions
    ],
    messages,
  );

  it('lets the later app-registration check decide: the earlier one was passed since', () => {
    // A reply address must be registered before it can match.
    assert.equal(decideCode([500113, 50011], codes), 50011);
    assert.equal(decideCode([50011, 500113], codes), 50011);
    // The app is found before its secret is checked at the token endpoint.
    assert.equal(decideCode([700016, 7000215], codes), 7000215);
    assert.equal(decideCode([7000215, 700016], codes), 7000215);
    // Errors about the rest of the request are sent to a reply address that matched.
    assert.equal(decideCode([700054, 50011], codes), 700054);
    assert.equal(decideCode([50011, 700054], codes), 700054);
    assert.equal(decideCode([50011, 65005], codes), 65005);
  });

  it('keeps the earliest code between checks of the same step', () => {
    assert.equal(decideCode([7000215, 7000222], codes), 7000215);
    assert.equal(decideCode([7000222, 7000215], codes), 7000222);
  });

  it('orders only app-registration codes by step, never them against other codes', () => {
    assert.equal(decideCode([50008, 50006], codes), 50008);
    assert.equal(decideCode([50006, 50008], codes), 50006);
  });

  it("lets a cause win over Entra's interrupts and sign-in-again or retry codes", () => {
    assert.equal(decideCode([50199, 700016], codes), 700016);
    assert.equal(decideCode([70043, 7000222], codes), 7000222);
    assert.equal(decideCode([90006, 650057], codes), 650057);
  });

  it('still decides on such a code alone', () => {
    assert.equal(decideCode([50199], codes), 50199);
    assert.equal(decideCode([70043], codes), 70043);
  });
});

describe('the code-decision data against the shipped catalog', () => {
  const shipped = loadCatalog();

  it('treats every code Entra names as an interrupt as a weak code', () => {
    const interrupts = shipped.entries.filter((e) => /Interrupt/.test(e.name));
    assert.ok(interrupts.length >= 8);
    for (const entry of interrupts)
      assert.ok(isWeakCode(entry.code), `${entry.code} ${entry.name}`);
  });

  it('orders only codes the catalog files as app-registration problems', () => {
    for (const code of APP_CHECK_STEP.keys()) {
      assert.equal(shipped.byCode(code)?.intent, 'app-misconfigured', String(code));
    }
  });
});
