import assert from 'node:assert/strict';
import { buildCatalog, CatalogError, loadCatalog } from '../../src/triage/catalog';
import { INTENTS } from '../../src/triage/types';
import { codeEntry } from './support/test-catalog';

const message = {
  id: 'account-locked',
  intent: 'account-locked',
  phrases: ['your account has been locked'],
  userText: 'Your account is locked for a while.',
  helpdeskText: 'Smart lockout locked the account.',
  nextSteps: ['Check the failed attempts in the sign-in log.'],
  diagnosis: 'user-account',
};

describe('catalog', () => {
  it('indexes entries by code and keeps messages in order', () => {
    const catalog = buildCatalog(
      [codeEntry(53003, 'ca-blocked'), codeEntry(50126, 'invalid-password')],
      [message],
    );
    assert.equal(catalog.byCode(53003)?.intent, 'ca-blocked');
    assert.equal(catalog.byCode(50126)?.intent, 'invalid-password');
    assert.equal(catalog.byCode(99999), undefined);
    assert.deepEqual(
      catalog.entries.map((e) => e.code),
      [53003, 50126],
    );
    assert.deepEqual(
      catalog.messages.map((m) => m.id),
      ['account-locked'],
    );
  });

  it('names the entry and the field when an entry is invalid', () => {
    const bad = { ...codeEntry(53003, 'ca-blocked'), userText: 'short' };
    assert.throws(
      () => buildCatalog([bad], []),
      (error: unknown) =>
        error instanceof CatalogError &&
        /^catalog entry 53003: userText: expected/.test(error.message),
    );
  });

  it('names an entry without a code by its position', () => {
    const { code: _omitted, ...noCode } = codeEntry(1, 'ca-blocked');
    assert.throws(
      () => buildCatalog([codeEntry(50126, 'invalid-password'), noCode], []),
      /catalog entry at position 1: code/,
    );
  });

  it('rejects unknown fields, intents and diagnoses', () => {
    assert.throws(
      () => buildCatalog([{ ...codeEntry(50126, 'invalid-password'), extra: 1 }], []),
      /catalog entry 50126/,
    );
    assert.throws(
      () => buildCatalog([{ ...codeEntry(50126, 'invalid-password'), intent: 'nope' }], []),
      /catalog entry 50126: intent/,
    );
    assert.throws(
      () => buildCatalog([{ ...codeEntry(50126, 'invalid-password'), intent: 'unrelated' }], []),
      /catalog entry 50126: intent/,
    );
  });

  it('rejects a repeated code', () => {
    assert.throws(
      () =>
        buildCatalog(
          [codeEntry(50126, 'invalid-password'), codeEntry(50126, 'account-locked')],
          [],
        ),
      /catalog entry 50126: duplicate code/,
    );
  });

  it('names a bad message entry and rejects a repeated message id', () => {
    assert.throws(
      () => buildCatalog([], [{ ...message, phrases: ['Upper Case Phrase'] }]),
      /message entry account-locked: phrases\.0: expected a lower-case phrase/,
    );
    assert.throws(
      () => buildCatalog([], [message, message]),
      /message entry account-locked: duplicate id/,
    );
  });

  it('rejects data that is not a list', () => {
    assert.throws(() => buildCatalog({}, []), CatalogError);
    assert.throws(() => buildCatalog([], 'x'), CatalogError);
  });

  it('loads the shipped catalog once and shares it', () => {
    const first = loadCatalog();
    assert.equal(loadCatalog(), first);
    for (const entry of first.entries) assert.equal(first.byCode(entry.code), entry);
  });

  it('ships a message for every intent a code-less paste can have', () => {
    const covered = new Set(loadCatalog().messages.map((m) => m.intent));
    const expected = INTENTS.filter(
      (i) =>
        i !== 'unrelated' && i !== 'other-known' && i !== 'app-misconfigured' && i !== 'question',
    );
    assert.deepEqual(
      expected.filter((i) => !covered.has(i)),
      [],
    );
  });
});
