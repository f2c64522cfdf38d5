import type { Catalog } from './catalog';
import {
  APP_CHECK_STEP,
  INTENT_PRECEDENCE,
  INTERRUPT_CODES,
  REQUEST_STEP,
  WRAPPER_CODES,
} from './precedence';

type KnownCodes = Pick<Catalog, 'byCode'>;

const INTENT_RANK = new Map(INTENT_PRECEDENCE.map((intent, index) => [intent, index]));
const UNLISTED_INTENT = INTENT_PRECEDENCE.length;

/**
 * Rank of a code; lower decides. First its tier: a code that names a cause beats an interrupt,
 * which beats a generic wrapper (see precedence.ts), which beats a code the catalog does not know.
 * Then, within a tier, its intent in INTENT_PRECEDENCE.
 */
function rank(code: number, catalog: KnownCodes): number {
  const entry = catalog.byCode(code);
  const tier =
    entry === undefined ? 3 : WRAPPER_CODES.has(code) ? 2 : INTERRUPT_CODES.has(code) ? 1 : 0;
  const intent =
    entry === undefined ? UNLISTED_INTENT : (INTENT_RANK.get(entry.intent) ?? UNLISTED_INTENT);
  return tier * (UNLISTED_INTENT + 1) + intent;
}

/** The sign-in check an app-registration code comes from (APP_CHECK_STEP); other codes have none. */
function appStep(code: number, catalog: KnownCodes): number | undefined {
  if (catalog.byCode(code)?.intent !== 'app-misconfigured') return undefined;
  return APP_CHECK_STEP.get(code) ?? REQUEST_STEP;
}

/**
 * The code that explains a paste: the best-ranked code the catalog knows, the earliest one on a
 * tie (codes arrive in order of appearance). So "AADSTS70002: Error validating credentials.
 * AADSTS50126: ..." decides 50126, while a paste holding only 70002 still decides 70002, and
 * a paste with 50126 and then 50053 (locked after retries) decides 50053. When the earliest of
 * the tie is an app-registration code, the app-registration code of the tie raised by the latest
 * check of the sign-in decides instead: "no reply address is registered" (500113) and then a
 * reply-address mismatch (50011) decide 50011. A code the catalog does not know decides only
 * when no known code is present (the sign-in log can still be searched for it); `undefined` when
 * there are no codes.
 */
export function decideCode(codes: readonly number[], catalog: KnownCodes): number | undefined {
  let best: number | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const code of codes) {
    const r = rank(code, catalog);
    if (r < bestRank) {
      best = code;
      bestRank = r;
    }
  }
  let bestStep = best === undefined ? undefined : appStep(best, catalog);
  if (bestStep === undefined) return best;
  for (const code of codes) {
    const step = appStep(code, catalog);
    if (step !== undefined && step > bestStep && rank(code, catalog) === bestRank) {
      best = code;
      bestStep = step;
    }
  }
  return best;
}
