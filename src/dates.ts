const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The English name of a month numbered 1 to 12; undefined outside that range. */
export function monthName(month: number): string | undefined {
  return Number.isInteger(month) ? MONTH_NAMES[month - 1] : undefined;
}
