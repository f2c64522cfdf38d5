import type { Catalog } from './catalog';

// Words that introduce something the person tried after the first failure ("then I tried the
// device code flow instead and got ..."). An app password is itself such a try: it exists only to
// get past the second step where an app cannot do it, so what it fails with is the workaround's.
const WORKAROUND =
  /\b(?:tried|trying|try|workaround|work around|instead|alternatively|as an alternative|switch(?:ed|ing)? to|fall(?:ing)? ?back|app[ -]?passwords?)\b/i;

/**
 * The codes that may decide a paste. When the first failure is a missing second factor and a
 * later code follows words like "tried" or "instead", the later code came from a workaround and
 * says nothing about why the person is stuck: it is left out here (and still listed among the
 * other errors). Every other paste keeps all its codes.
 */
export function decidingCandidates(
  codes: readonly number[],
  text: string,
  catalog: Pick<Catalog, 'byCode'>,
): readonly number[] {
  const mfa = codes.find((code) => catalog.byCode(code)?.intent === 'mfa-required-or-failed');
  if (mfa === undefined || codes.length < 2) return codes;
  const mfaAt = text.indexOf(String(mfa));
  if (mfaAt === -1) return codes;
  return codes.filter((code) => {
    if (code === mfa) return true;
    const at = text.indexOf(String(code), mfaAt + 1);
    return at === -1 || !WORKAROUND.test(text.slice(mfaAt, at));
  });
}
