/**
 * The short reference people quote for a request ("RQ-3F9A1C" for a fix, "HD-3F9A1C" for a
 * request for help): the id's kind and the first six of its random characters, in capitals. It
 * is worked out from the id every time, never stored apart from it, so the two cannot disagree,
 * and requests kept before references existed have one too. Ids are `<kind>-<time>-<random>`
 * (src/remediation/request-store.ts, src/handoff/store.ts); six random hex characters are 16.7
 * million values: among 250 requests (a busy week) the chance that any two share one is about
 * 1 in 540, and a look-up by reference that finds two shows both.
 */

const ID = /^([a-z]{2})-[0-9a-z]+-([0-9a-f]{6})[0-9a-f]*$/i;

/** The short reference of a request id; an id of another form is its own reference. */
export function shortReference(id: string): string {
  const parts = ID.exec(id);
  return parts ? `${parts[1]}-${parts[2]}`.toUpperCase() : id;
}

/**
 * Whether what a person typed names this request: its short reference (any case, the dash
 * optional) or its whole id.
 */
export function namesRequest(id: string, typed: string): boolean {
  const text = typed.trim();
  if (text === '') return false;
  if (text.toLowerCase() === id.toLowerCase()) return true;
  const compact = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();
  return compact(text) === compact(shortReference(id));
}
