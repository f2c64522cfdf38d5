/**
 * Turning a question into comparable words: lower case, known phrases folded into one canonical
 * word (so "text message" and "SMS", "security key" and "passkey" meet), light stemming, and
 * common words dropped.
 */

const PHRASES: [RegExp, string][] = [
  [/\bconditional[\s-]+access\b/g, ' ca '],
  [/\btext(ed)?\s+messages?\b|\btexts?\b/g, ' sms '],
  [/\bsecurity\s+keys?\b|\bpass\s?keys?\b|\bfido\s?2?\b/g, ' fido2 '],
  [/\bwindows\s+hello(\s+for\s+business)?\b|\bwhfb\b/g, ' whfb '],
  [/\btemporary\s+access\s+pass(es)?\b/g, ' tap '],
  [
    /\bpassword\s+hash\s+sync\w*\b|\bhash\s+sync\w*\b|\bpassword\s+sync\w*\b/g,
    ' phs password sync ',
  ],
  [/\b(azure\s+ad|aad|entra|ad)\s+connect\b|\baadconnect\b/g, ' connect '],
  [/\bactive\s+directory\b|\bad\s?ds\b|\bon[\s-]?prem(ise)?s?\s+ad\b/g, ' ad '],
  [/\b(azure|windows)\s+virtual\s+desktops?\b|\bwvd\b/g, ' avd '],
  [/\bsecure\s?score\b/g, ' securescore '],
  [/\bidentity\s+protection\b/g, ' idprotection identity protection '],
  [/\bexchange\s*guid\b|\bmsexchmailboxguid\b|\bmailbox\s*guid\b/g, ' exchange guid '],
  [/\bexo\b/g, ' exchange online '],
  [/\bsign[\s-]?(in|on)s?\b|\blog[\s-]?(in|on)s?\b/g, ' sign '],
  [/\bsign[\s-]?outs?\b|\blog[\s-]?(off|out)s?\b/g, ' logoff '],
  [/\bmulti[\s-]?factor\b|\b2fa\b/g, ' mfa '],
  [/\bon[\s-]?prem(ise)?s?\b/g, ' premises '],
  [/\bpassword[\s-]?less\b/g, ' passwordless '],
];

const STOP = new Set(
  (
    'a an the and or but if of to in on at by for with from into about as is are was were be been ' +
    'being do does did doing have has had i me my we our us you your it its this that these those ' +
    'there here what which who whom how why when where can could should would will shall may might ' +
    'must so than too very just also any some all each every no nor only own same other such ' +
    'get gets got way need needs want wants please help hi hello thanks thank entra azure microsoft ' +
    'id aad 365 m365 o365 office'
  ).split(' '),
);

function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Distinct meaningful words of a text, stemmed. */
export function wordsOf(text: string): Set<string> {
  let t = ` ${text.toLowerCase()} `;
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  const out = new Set<string>();
  for (const raw of t.match(/[a-z0-9_]+/g) ?? []) {
    if (STOP.has(raw)) continue;
    const w = stem(raw);
    if (w.length > 1 && !STOP.has(w)) out.add(w);
  }
  return out;
}

/** A single vocabulary word, stemmed the same way (for knowledge-base anchors and keywords). */
export function stemWord(word: string): string {
  return stem(word.toLowerCase());
}
