import { inspect } from 'node:util';

const MASK = '[secret]';

/**
 * A value that must never be written anywhere: a Temporary Access Pass code. It can only be read
 * with `reveal()`, which the one place allowed to show it (the approver's own card) calls. Any
 * accidental serialisation (JSON, string templates, util.inspect, console.log) yields a mask, so
 * a slip in a log line, record or audit entry leaks nothing.
 */
export class SecretText {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return `SecretText(${MASK})`;
  }
}
