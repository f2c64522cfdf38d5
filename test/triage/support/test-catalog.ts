import { buildCatalog, type Catalog } from '../../../src/triage/catalog';
import type { CatalogEntry } from '../../../src/triage/types';
import messages from '../../../src/triage/catalog/messages.json';

/** A valid catalog entry; tests pass only what they care about. */
export function codeEntry(
  code: number,
  intent: CatalogEntry['intent'],
  overrides: Partial<CatalogEntry> = {},
): CatalogEntry {
  return {
    code,
    name: `Code${code}`,
    intent,
    userText: `Something about code ${code} for the person who was blocked.`,
    helpdeskText: `What the helpdesk should check for code ${code}.`,
    nextSteps: [`Look at the sign-in log entry for code ${code}.`],
    diagnosis: 'sign-in',
    documented: true,
    ...overrides,
  };
}

/** Codes with the roles the engine cares about: causes, interrupts, wrappers, a general one. */
export const TEST_CODES: readonly CatalogEntry[] = [
  codeEntry(16000, 'other-known'),
  codeEntry(50000, 'other-known'),
  codeEntry(50034, 'user-not-found'),
  codeEntry(50053, 'account-locked'),
  codeEntry(50056, 'invalid-password'),
  codeEntry(50057, 'account-disabled'),
  codeEntry(50058, 'other-known'),
  codeEntry(50076, 'mfa-required-or-failed'),
  codeEntry(50097, 'device-not-domain-joined'),
  codeEntry(50126, 'invalid-password'),
  codeEntry(50140, 'other-known'),
  codeEntry(53000, 'device-noncompliant'),
  codeEntry(53003, 'ca-blocked'),
  codeEntry(65001, 'consent-required'),
  codeEntry(70002, 'other-known'),
  codeEntry(500121, 'mfa-required-or-failed'),
  codeEntry(700016, 'app-misconfigured'),
  codeEntry(7000215, 'app-misconfigured'),
  codeEntry(90072, 'other-known'),
];

/** The shipped messages with a fixed set of codes, so tests do not move with the catalog data. */
export function testCatalog(): Catalog {
  return buildCatalog(TEST_CODES, messages);
}
