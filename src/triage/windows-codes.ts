/**
 * The Windows error codes a paste shows (an HRESULT such as 80090016 or 0x80090030, an NTSTATUS
 * such as 0xc000006d): eight hex digits whose first says failure (8 or C), standing alone, so
 * that a part of a GUID or a longer hex id is not one. Written as "0x…" lower case when pasted
 * so, else as pasted, in order of appearance, without repeats; at most MAX_CODES.
 */
const WINDOWS_CODE = /(?<![-\w])(0x)?([8c][0-9a-f]{7})(?![-\w])/gi;
const MAX_CODES = 6;
// The codes sit in the message near the top; a long log is not read further for them.
const MAX_CHARS = 8 * 1024;

export function windowsCodesOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.slice(0, MAX_CHARS).matchAll(WINDOWS_CODE)) {
    const code = `${match[1] === undefined ? '' : '0x'}${match[2]}`.toLowerCase();
    if (!found.some((f) => sameCode(f, code))) found.push(code);
    if (found.length === MAX_CODES) break;
  }
  return found;
}

/** Whether two codes are the same, with or without "0x". */
export function sameCode(a: string, b: string): boolean {
  return a.toLowerCase().replace(/^0x/, '') === b.toLowerCase().replace(/^0x/, '');
}

/** `{ windowsCodes }` when the paste shows any, else nothing: for spreading into a Triage. */
export function windowsCodesField(text: string): { windowsCodes?: string[] } {
  const codes = windowsCodesOf(text);
  return codes.length === 0 ? {} : { windowsCodes: codes };
}
