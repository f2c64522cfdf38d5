/**
 * Told to whoever typed free text (a note, a reply, a reason) in which something that looked like
 * a secret was masked before it was shown or kept (hideSecrets in src/logging/redaction.ts).
 */
export const SECRET_HIDDEN =
  'Part of what you wrote looked like a secret (a pass, a token or a key) and was hidden. ' +
  'Never send one in chat.';
