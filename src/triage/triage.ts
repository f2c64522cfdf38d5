import { loadCatalog, type Catalog } from './catalog';
import { decideCode } from './decide-code';
import { extractCodes } from './extract-codes';
import { extractFields } from './extract-fields';
import { matchMessage } from './match-message';
import { normalize } from './normalize';
import { isWeakCode } from './precedence';
import { isUnexplainedSignInError } from './signals';
import type { CatalogEntry, Intent, MessageEntry, Triage } from './types';

// How sure each kind of evidence makes the matcher. A specific code is near certain; a known
// message without a code is strong; a code the catalog does not know says only "sign-in error".
const CONFIDENCE = {
  codeAndMessageAgree: 0.98,
  specificCode: 0.95,
  codeAgainstMessage: 0.85,
  generalCode: 0.85,
  messageOverGeneralCode: 0.8,
  message: 0.8,
  weakCodeOnly: 0.7,
  messageWithUnknownCode: 0.6,
  unknownCode: 0.3,
  nothing: 0.9,
} as const;

interface Decision {
  intent: Intent;
  message?: MessageEntry;
  confidence: number;
}

function fromCode(entry: CatalogEntry, message: MessageEntry | undefined): Decision {
  const specific = !isWeakCode(entry.code) && entry.intent !== 'other-known';
  if (message !== undefined && !specific) {
    // A generic code next to a known message: the message says more about the cause.
    return { intent: message.intent, message, confidence: CONFIDENCE.messageOverGeneralCode };
  }
  const intent = entry.intent;
  const agrees = message !== undefined && message.intent === intent;
  const confidence = agrees
    ? CONFIDENCE.codeAndMessageAgree
    : message !== undefined
      ? CONFIDENCE.codeAgainstMessage
      : isWeakCode(entry.code)
        ? CONFIDENCE.weakCodeOnly
        : specific
          ? CONFIDENCE.specificCode
          : CONFIDENCE.generalCode;
  return { intent, message: agrees ? message : undefined, confidence };
}

/**
 * Reads a pasted sign-in error and says what it is. A known code decides (the real cause over
 * wrappers and interrupts, see decide-code.ts); a known message decides when there is no code or
 * only a generic one; codes the catalog does not know, or a sign-in error page whose code is not
 * an AADSTS code, give `other-known`; anything else is `unrelated`: the matcher never guesses.
 * `code` is set whenever the paste has a code; `entry` only when the catalog knows that code.
 * Pure, apart from loading the shipped catalog once when none is given. Reads at most
 * MAX_PASTE_CHARS and says so in `truncated`.
 */
export function triage(text: string, catalog: Catalog = loadCatalog()): Triage {
  const paste = normalize(text);
  const codes = extractCodes(paste.text, catalog);
  const fields = extractFields(paste.text);
  const message = matchMessage(paste.flat, catalog.messages);
  const code = decideCode(codes, catalog);
  const entry = code === undefined ? undefined : catalog.byCode(code);
  const found = { codes, fields };
  if (entry !== undefined) {
    const decided = fromCode(entry, message);
    return {
      intent: decided.intent,
      code: entry.code,
      ...found,
      confidence: decided.confidence,
      truncated: paste.truncated,
      entry,
      ...(decided.message === undefined ? {} : { message: decided.message }),
    };
  }
  // From here on any code is one the catalog does not know: it is reported, never explained.
  const unknown = code === undefined ? {} : { code };
  if (message !== undefined) {
    const confidence = codes.length > 0 ? CONFIDENCE.messageWithUnknownCode : CONFIDENCE.message;
    return {
      intent: message.intent,
      ...unknown,
      ...found,
      confidence,
      truncated: paste.truncated,
      message,
    };
  }
  if (codes.length > 0 || isUnexplainedSignInError(paste.text, fields)) {
    return {
      intent: 'other-known',
      ...unknown,
      ...found,
      confidence: CONFIDENCE.unknownCode,
      truncated: paste.truncated,
    };
  }
  return {
    intent: 'unrelated',
    ...found,
    confidence: CONFIDENCE.nothing,
    truncated: paste.truncated,
  };
}
