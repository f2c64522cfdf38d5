import { loadCatalog, type Catalog } from './catalog';
import { hasEntraWording } from './signals';
import { collectStandalone, type Found } from './standalone-codes';

type KnownCodes = Pick<Catalog, 'byCode'>;

// The AADSTS prefix, also when the first letters were lost in a partial copy ("DSTS53003").
// The full prefix may touch anything (URL-encoded text puts "%20" right before it); a cut-down
// prefix must start a word so that ordinary words ending in "dsts" do not count, and so must a
// prefix whose "A"s and "D"s were mistyped, one too many or too few ("ADDSTS50020").
const PREFIXED = /(?:aadsts|(?<![a-z0-9])a{0,2}d{1,2}sts)[ \t:#_-]{0,3}(\d{4,7})(?!\d)/gi;
// "STS50076" and "TS50076": only upper case, glued to the digits and starting a word, because
// these short prefixes also occur in ordinary text.
const SHORT_PREFIXED = /(?<![A-Za-z0-9])S?TS(\d{5,7})(?!\d)/g;
// JSON or query-string lists: "error_codes": [50126, 70002].
const CODE_LIST = /error_?codes["']?[ \t]*[:=][ \t]*\[([^\]\n]{0,300})\]/gi;
const LIST_ITEM = /(?<!\d)\d{4,7}(?!\d)/g;
// "Error Code: 53003", "error code 53003", "errorCode": 50126, "Sign-in error code 50126", the
// sign-in log's result column as queries name it ("ResultType: 50057"), and
// the label on localised pages ("Fehlercode", "Foutcode", "Código de erro", "エラー コード").
// The value may sit on a following line, as in the sign-in log's details pane.
// A few words may come between ("error code is 53003", "error code missing: 500172").
const LABELLED =
  /(?:error[ _-]?code|result[ _-]?type|fehler-?code|fout-?code|code d'erreur|c[oó]digo de erro[r]?|codice (?:di )?errore|felkod|エラー ?コード|エラーコード)(?:[ \t]+(?:is|was|of|missing|shown|listed|returned|reported))?["']?[ \t]*[:=#]?[ \t]*(?:\n[ \t]*){0,2}["']?(\d{4,7})(?![\d.:/-]\d|\d)/gi;
// A GitHub Actions log copied from the web page can carry a line-number link in the middle of a
// code: "AADSTS700[21](https://github.com/…)1" is AADSTS700211. Only a link whose text is digits
// and that sits right after a prefixed code's digits is taken out.
const LINE_LINK_IN_CODE = /((?:aadsts|dsts)[ \t:#_-]{0,3}\d{1,6})\[(\d{1,5})\]\([^()\s]{0,300}\)/gi;

function withoutLineLinks(text: string): string {
  return text.includes('](') ? text.replace(LINE_LINK_IN_CODE, '$1$2') : text;
}

function collect(pattern: RegExp, text: string, found: Found[], accept: (code: number) => boolean) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const code = Number(m[1]);
    if (accept(code)) found.push({ index: m.index, code });
  }
}

function collectLists(text: string, found: Found[]): void {
  CODE_LIST.lastIndex = 0;
  for (let m = CODE_LIST.exec(text); m !== null; m = CODE_LIST.exec(text)) {
    const start = m.index + m[0].indexOf('[');
    LIST_ITEM.lastIndex = 0;
    const items = m[1] ?? '';
    for (let item = LIST_ITEM.exec(items); item !== null; item = LIST_ITEM.exec(items)) {
      found.push({ index: start + item.index, code: Number(item[0]) });
    }
  }
}

/**
 * Every AADSTS code in a normalised paste, in order of first appearance, without duplicates.
 * Prefixed codes and JSON `error_codes` always count. A labelled number ("Error Code: 53003")
 * counts when the catalog knows it or the paste otherwise looks like an Entra error. A number on
 * its own counts only when the catalog knows it and the paste is short, calls it an error or
 * code, or talks about signing in; never inside a date, port, address, path, version or GUID.
 */
export function extractCodes(pasted: string, catalog: KnownCodes = loadCatalog()): number[] {
  const text = withoutLineLinks(pasted);
  const found: Found[] = [];
  const always = (): boolean => true;
  collect(PREFIXED, text, found, always);
  collect(SHORT_PREFIXED, text, found, always);
  collectLists(text, found);
  const entra = hasEntraWording(text);
  collect(LABELLED, text, found, (code) => entra || catalog.byCode(code) !== undefined);
  collectStandalone(text, found, catalog);
  found.sort((a, b) => a.index - b.index);
  const codes: number[] = [];
  const seen = new Set<number>();
  for (const { code } of found) {
    if (!seen.has(code)) {
      seen.add(code);
      codes.push(code);
    }
  }
  return codes;
}
