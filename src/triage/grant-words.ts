/**
 * A saved sign-in that expired or was revoked, told in words without its AADSTS code: MSAL's
 * exception text ("invalid_grant: The provided grant has expired due to it being revoked, a fresh
 * auth token is needed") or Azure CLI's ("The refresh token has expired or is invalid"). Such a
 * message is the documented text of one code, and is read as that code, as a documented error
 * name is (error-names.ts):
 *
 * - revoked, or the password changed or was reset: AADSTS50173 (FreshTokenNeeded);
 * - expired after a time unused ("due to inactivity", "inactive for"): AADSTS700082;
 * - expired otherwise: AADSTS70008 (ExpiredOrRevokedGrant).
 *
 * It holds only when the words of a grant or token and the words of its end stand in the same
 * sentence or the next: `invalid_grant` alone ("invalid_grant: The redirect URI does not match")
 * says only that a token request was refused, not why, and is not read. Pure.
 */

import type { Catalog } from './catalog';
import { findNamedCodes } from './error-names';

/** The sign-in's saved grant, by the words tools use for it. */
const GRANT =
  /\binvalid_grant\b|\brefresh[ _-]?tokens?\b|\b(?:provided|authori[sz]ation) grant\b|\bgrant (?:has|had|is|was) (?:expired|been revoked)|\b(?:fresh |new )?auth(?:entication)? tokens?\b|\baccess tokens?\b/i;
const REVOKED =
  /\brevoked\b|\brevocation\b|\b(?:changed|reset) (?:their|your|his|her|the|my) password\b/i;
const INACTIVE =
  /\bdue to inactivity\b|\binactive for\b|\bwent unused\b|\bnot (?:been )?used for\b/i;
const EXPIRED =
  /\b(?:has|have|had|is|was) expired\b|\bexpired or (?:is |was )?(?:invalid|revoked)\b/i;

const REVOKED_CODE = 50173;
const INACTIVE_CODE = 700082;
const EXPIRED_CODE = 70008;

// Where a sentence ends; a window is one sentence and the next, as concepts.ts reads them.
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;
// A code-less message sits near the top of a paste; a long log is not read further for it.
const MAX_CHARS = 8 * 1024;

/** The code a code-less expired or revoked grant message stands for, or undefined. */
export function grantCodeOf(text: string): number | undefined {
  const sentences = text.slice(0, MAX_CHARS).split(SENTENCE_END);
  for (let i = 0; i < sentences.length; i++) {
    if (!GRANT.test(sentences[i])) continue;
    const window = `${sentences[i]} ${sentences[i + 1] ?? ''}`;
    if (REVOKED.test(window)) return REVOKED_CODE;
    if (INACTIVE.test(window)) return INACTIVE_CODE;
    if (EXPIRED.test(window)) return EXPIRED_CODE;
  }
  return undefined;
}

/**
 * Codes a code-less paste names: by their documented error name, or else by the words of an
 * expired or revoked saved sign-in (grant-words.ts), when the catalog knows that code.
 */
export function namedCodes(text: string, catalog: Catalog): number[] {
  const byName = findNamedCodes(text, catalog);
  if (byName.length > 0) return byName;
  const byGrant = grantCodeOf(text);
  return byGrant !== undefined && catalog.byCode(byGrant) !== undefined ? [byGrant] : [];
}
