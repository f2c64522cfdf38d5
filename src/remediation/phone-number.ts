/**
 * Phone numbers in the form Graph accepts for phone authentication methods:
 * `+{country code} {subscriber number}` with an optional `x{extension}`. People type numbers in
 * many ways (`+44 (0)7700 900123`, `+1-206-555-0100`, `+33612345678`), so the input is read
 * leniently and written strictly. Without a separator after the country code the code is found
 * from the ITU assignment pattern: 1 and 7 are one digit, the two-digit codes below, the rest three.
 */

const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 ' +
    '65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

/** Graph's documented pattern, also enforced by the sandbox tenant. */
export const GRAPH_PHONE_NUMBER = /^\+[1-9]\d{0,2} \d{4,14}(x\d{1,6})?$/;

export type PhoneNumberResult = { ok: true; phoneNumber: string } | { ok: false; problem: string };

function countryCodeOf(digits: string): string {
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  const two = digits.slice(0, 2);
  return TWO_DIGIT_CODES.has(two) ? two : digits.slice(0, 3);
}

const EXAMPLE = 'Write it with the country code first, for example +44 7700900123.';

export function normalizePhoneNumber(input: string): PhoneNumberResult {
  const trimmed = input.trim();
  const extensionMatch = /^(.*?)(?:\s*(?:x|ext\.?|extension)\s*(\d{1,6}))?$/i.exec(trimmed);
  const main = extensionMatch?.[1] ?? trimmed;
  const extension = extensionMatch?.[2];
  if (!/^\+/.test(main)) {
    return { ok: false, problem: `The number must start with + and the country code. ${EXAMPLE}` };
  }
  if (/[^\d\s().+-]/.test(main.slice(1))) {
    return { ok: false, problem: `The number may hold only digits, spaces and dashes. ${EXAMPLE}` };
  }
  // A separator right after "+digits" marks the country code explicitly.
  const explicit = /^\+(\d{1,3})[\s.-]+(.*)$/.exec(main);
  let country: string;
  let rest: string;
  if (explicit) {
    country = explicit[1];
    rest = explicit[2];
  } else {
    const digits = main.replace(/\D/g, '');
    country = countryCodeOf(digits);
    rest = digits.slice(country.length);
  }
  // A trunk prefix written in brackets, as in +44 (0)7700..., is not dialled internationally.
  const subscriber = rest.replace(/\(0\)/g, '').replace(/\D/g, '');
  const phoneNumber = `+${country} ${subscriber}${extension ? `x${extension}` : ''}`;
  if (country.startsWith('0') || !GRAPH_PHONE_NUMBER.test(phoneNumber)) {
    return {
      ok: false,
      problem: `That does not look like a complete phone number (4 to 14 digits after the country code). ${EXAMPLE}`,
    };
  }
  return { ok: true, phoneNumber };
}

/** The number with all but the last four digits hidden, for audit entries and shared cards. */
export function maskPhoneNumber(phoneNumber: string): string {
  const match = /^(\+\d{1,3}) (\d+)(x\d+)?$/.exec(phoneNumber);
  if (!match) return '(hidden)';
  const digits = match[2];
  return `${match[1]} ${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
