import { loadCatalog, type Catalog } from './catalog';
import { decideCode } from './decide-code';
import { othersOf } from './other-errors';
import { extractCodes } from './extract-codes';
import { extractFields } from './extract-fields';
import { matchedPhrase, matchMessages } from './match-message';
import { normalize, type NormalizedPaste } from './normalize';
import { shippedModel } from './model';
import { isWeakCode } from './precedence';
import { readQuestion } from './question';
import { pasteOrigin } from './paste-client';
import { namedCodes } from './grant-words';
import { withLearnedFallback } from './fallback';
import { decidingCandidates } from './workarounds';
import { isAccessBlockPage, isMailClientSignIn, isUnexplainedSignInError } from './signals';
import { conceptFor, MFA_LOCKOUT_CUES, SECOND_STEP_CUES, similarFor } from './word-readings';
import { PROMPTS_NOT_STARTED_CUE, saysNotStarted } from './not-started-words';
import {
  isAnyProductsAccountState,
  isEverydayChatter,
  isOtherServiceMessage,
  isOtherVendorText,
} from './signals-once';
import type { CatalogEntry, Intent, MessageEntry, Triage } from './types';

// How sure each kind of evidence makes the matcher. A specific code is near certain; a known
// message without a code is strong; a code the catalog does not know says only "sign-in error".
const CONFIDENCE = {
  codeAndMessageAgree: 0.98,
  specificCode: 0.95,
  namedCode: 0.9,
  codeAgainstMessage: 0.85,
  generalCode: 0.85,
  messageOverGeneralCode: 0.8,
  message: 0.8,
  question: 0.75,
  concept: 0.65,
  weakCodeOnly: 0.7,
  messageWithUnknownCode: 0.6,
  accessBlockPage: 0.5,
  unknownCode: 0.3,
  nothing: 0.9,
} as const;
// A matched phrase this long is an error message, not a topic named in a question.
const QUOTED_ERROR_WORDS = 4;
// A matched phrase this long is Microsoft's own sentence, not words any product's message uses.
const OWN_SENTENCE_WORDS = 6;
// A localised form covered this far is the page's own sentence.
const OWN_FORM_COVER = 0.95;
// A message found by similarity is as sure as its cover, scaled below an exact phrase.
const SIMILAR_CONFIDENCE_SCALE = 0.75;

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
 * wrappers and interrupts, see decide-code.ts), also when only its documented name is given;
 * a known message decides when there is no code or only a generic one, found exactly or, failing
 * that, in other words (similar.ts), in any language the catalog lists. A how-to question gets
 * intent `question` and is never read as the asker's own failure (question.ts). Codes the catalog
 * does not know, or a sign-in error page whose code is not an AADSTS code, give `other-known`;
 * anything else is `unrelated`. A lead too weak to act on is reported in `unsure`, never acted
 * on: the matcher never guesses. Other errors in the same paste are listed in `others`.
 * Pure, apart from loading the shipped catalog once when none is given. Reads at most
 * MAX_PASTE_CHARS and says so in `truncated`. When all that finds nothing or only a weak lead, a
 * small learned model may still name the error if it is sure or names the same lead, and may tell
 * a how-to question from a word-list diagnosis (fallback.ts); `triageByRules` is triage without it.
 */
export function triage(text: string, catalog: Catalog = loadCatalog()): Triage {
  const paste = normalize(text);
  return withLearnedFallback(byRules(paste, catalog), text, catalog, shippedModel(), paste.flat);
}

/** Triage by codes, messages and word lists alone, without the learned fallback. */
export function triageByRules(text: string, catalog: Catalog = loadCatalog()): Triage {
  return byRules(normalize(text), catalog);
}

function byRules(paste: NormalizedPaste, catalog: Catalog): Triage {
  const extracted = extractCodes(paste.text, catalog);
  const named = extracted.length === 0 ? namedCodes(paste.text, catalog) : [];
  const codes = extracted.length > 0 ? extracted : named;
  const fields = extractFields(paste.text);
  const exact = matchMessages(paste.flat, catalog.messages);
  const candidates = decidingCandidates(codes, paste.text, catalog);
  const code = decideCode(candidates, catalog);
  const entry = code === undefined ? undefined : catalog.byCode(code);
  const base = { codes, fields, ...pasteOrigin(paste.text), truncated: paste.truncated };

  // A question that quotes a whole error message ("what does 'your account or password is
  // incorrect' mean?") is about an error the asker saw.
  const quotesError = exact.some(
    (m) => (matchedPhrase(paste.flat, m)?.split(' ').length ?? 0) >= QUOTED_ERROR_WORDS,
  );
  // Chat about a meeting's password or a locked door is neither a question nor a failure.
  const chatter = codes.length === 0 && !quotesError && isEverydayChatter(paste.text);
  const question = quotesError || chatter ? undefined : readQuestion(paste.text, fields);
  if (question !== undefined) {
    const mentions = entry === undefined ? {} : { mentionsCode: entry.code };
    return {
      intent: 'question',
      ...base,
      ...(code === undefined ? {} : { code }),
      ...(entry === undefined ? {} : { entry }),
      question: { ...question, ...mentions },
      confidence: CONFIDENCE.question,
    };
  }

  // A generic code or none at all: the words of the paste may say more.
  const needWords = exact.length === 0 && entry === undefined && !chatter;
  const similar = needWords ? similarFor(paste.text, catalog) : undefined;
  // Any product's lock-out (signals.ts) is a lead, unless Microsoft's own sentence matched whole.
  const anyProduct = (m?: MessageEntry): boolean =>
    m !== undefined && entry === undefined && isAnyProductsAccountState(m.intent, paste.text);
  const words = (m: MessageEntry): number => matchedPhrase(paste.flat, m)?.split(' ').length ?? 0;
  // Two messages' phrases in one paste: the longer phrase says more ("administrator approval
  // required" over the MFA prompt's "approval request"); on a tie the catalog's order stands.
  const first = exact.reduce<MessageEntry | undefined>(
    (best, m) => (best === undefined || words(m) > words(best) ? m : best),
    undefined,
  );
  // Another company's "your account was locked" is worth a question, never a decision. Only an
  // exact phrase can be withheld for it (below, nothing else reads `withheld` without one), so the
  // word lists are not read for a paste without one.
  const foreign =
    first !== undefined &&
    entry === undefined &&
    codes.length === 0 &&
    (isOtherServiceMessage(paste.text) || isOtherVendorText(paste.text));
  const withheld =
    foreign || (first !== undefined && anyProduct(first) && words(first) < OWN_SENTENCE_WORDS);
  // A lock-out phrase whose stated cause is the second step (concepts.ts): the cause decides.
  const byCause =
    !withheld && first?.intent === 'account-locked' && codes.length === 0
      ? conceptFor(paste.text, catalog, MFA_LOCKOUT_CUES)
      : undefined;
  const exactLead = withheld || byCause !== undefined ? undefined : first;
  // A localised page's whole sentence, nearly all of it there, is Microsoft's own, like a long
  // exact phrase: any product's lock-out wording inside it does not make it a lead.
  const ownForm =
    similar?.kind === 'localised' &&
    similar.score >= OWN_FORM_COVER &&
    similar.form.split(' ').length >= OWN_SENTENCE_WORDS;
  const sureSimilar =
    similar?.sure === true && (ownForm || !anyProduct(similar.message))
      ? similar.message
      : undefined;
  // Nothing known matched: the paste's own words may still name the problem (concepts.ts).
  const concept =
    byCause ??
    (needWords && sureSimilar === undefined ? conceptFor(paste.text, catalog) : undefined);
  const conceptLead = concept?.sure === true ? concept.message : undefined;
  const found = exactLead ?? sureSimilar ?? conceptLead;
  const message =
    found?.intent === 'invalid-password' && codes.length === 0 && isMailClientSignIn(paste.text)
      ? (catalog.messages.find((m) => m.intent === 'legacy-auth-blocked') ?? found)
      : found;
  const messageBy =
    exactLead !== undefined ? 'phrase' : sureSimilar !== undefined ? 'similar' : 'concept';
  // The second step's own message ("Approve sign in request", "push notification") told as
  // requests the person did not start, a phone lost or replaced, or requests that never arrive:
  // the cue says so, as it does when the words alone name the problem.
  const secondStepWords =
    message?.intent === 'mfa-required-or-failed' && messageBy !== 'concept' && codes.length === 0
      ? conceptFor(paste.text, catalog, SECOND_STEP_CUES)
      : undefined;
  const cue = messageBy === 'concept' ? concept?.cue : secondStepWords?.cue;
  const messageConfidence =
    exactLead !== undefined
      ? undefined
      : sureSimilar !== undefined && similar !== undefined
        ? similar.score * SIMILAR_CONFIDENCE_SCALE
        : conceptLead !== undefined
          ? CONFIDENCE.concept
          : undefined;
  // A concept cue held whole in one stretch of the paste (every group of words present) names the
  // problem more surely than a message covered only in part, so its lead comes first.
  const weakLead =
    withheld && first !== undefined
      ? { intent: first.intent, score: 1 }
      : concept !== undefined && !concept.sure
        ? { intent: concept.message.intent, score: CONFIDENCE.concept }
        : similar !== undefined && sureSimilar === undefined
          ? { intent: similar.message.intent, score: round(similar.score) }
          : undefined;
  const unsure = weakLead === undefined ? {} : { unsure: weakLead };

  if (entry !== undefined) {
    // The message of a code set aside as a workaround's (workarounds.ts) does not speak over the
    // code that blocked the person either.
    const aside = codes.filter((c) => !candidates.includes(c)).map((c) => catalog.byCode(c));
    const ownMessage = aside.some((e) => e?.intent === message?.intent) ? undefined : message;
    const decided = fromCode(entry, ownMessage);
    const others = othersOf(codes, entry.code, exact, decided.intent, catalog);
    const byMessage = decided.message !== undefined && decided.intent !== entry.intent;
    // A second-step code beside words saying the person did not start the sign-in: the requests
    // are someone else's, and the cue says so as it does for the words alone.
    const codeNotStarted =
      decided.intent === 'mfa-required-or-failed' && saysNotStarted(paste.flat)
        ? { cue: PROMPTS_NOT_STARTED_CUE }
        : {};
    return {
      intent: decided.intent,
      code: entry.code,
      ...base,
      confidence:
        named.length > 0 && !byMessage
          ? CONFIDENCE.namedCode
          : byMessage && messageConfidence !== undefined
            ? Math.min(decided.confidence, messageConfidence)
            : decided.confidence,
      entry,
      matchedBy: byMessage ? messageBy : named.length > 0 ? 'name' : 'code',
      ...(decided.message === undefined ? {} : { message: decided.message }),
      ...codeNotStarted,
      ...(others.length > 0 ? { others } : {}),
      ...(decided.message === undefined ? unsure : {}),
    };
  }
  // From here on any code is one the catalog does not know: it is reported, never explained.
  const unknown = code === undefined ? {} : { code };
  if (message !== undefined) {
    const others = othersOf(codes, code, exact, message.intent, catalog);
    const confidence =
      codes.length > 0
        ? CONFIDENCE.messageWithUnknownCode
        : (messageConfidence ?? CONFIDENCE.message);
    return {
      intent: message.intent,
      ...unknown,
      ...base,
      confidence,
      message,
      matchedBy: messageBy,
      ...(cue === undefined ? {} : { cue }),
      ...(others.length > 0 ? { others } : {}),
    };
  }
  if (codes.length === 0 && isAccessBlockPage(paste.text, fields)) {
    // The details block of the page shown when access is refused after sign-in (device details,
    // no code, no message): an access rule; the sign-in log named by its ids says which.
    return {
      intent: 'ca-blocked',
      ...base,
      confidence: CONFIDENCE.accessBlockPage,
      matchedBy: 'page',
      ...unsure,
    };
  }
  if (codes.length > 0 || isUnexplainedSignInError(paste.text, fields)) {
    const others = othersOf(codes, code, [], 'other-known', catalog);
    return {
      intent: 'other-known',
      ...unknown,
      ...base,
      confidence: CONFIDENCE.unknownCode,
      ...(codes.length > 0 ? { matchedBy: 'code' as const } : {}),
      ...(others.length > 0 ? { others } : {}),
      ...unsure,
    };
  }
  return {
    intent: 'unrelated',
    ...base,
    confidence: CONFIDENCE.nothing,
    ...unsure,
  };
}

const round = (value: number): number => Math.round(value * 100) / 100;
