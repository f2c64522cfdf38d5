/** Names no other test uses, so tests share one emulator without seeing each other's data. */
let counter = 0;
const run = Math.random().toString(36).slice(2, 8);

/** Letters and digits, starting with a letter: valid as a table name. */
export function uniqueTable(label = 't'): string {
  counter += 1;
  return `${label}${run}${counter}`;
}

/** Lowercase letters, digits and hyphens: valid as a queue or container name. */
export function uniqueQueue(label = 'q'): string {
  counter += 1;
  return `${label}-${run}-${counter}`;
}
