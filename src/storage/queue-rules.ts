/**
 * Azure Queue storage rules, checked before any request and shared with the in-memory fake.
 * Bodies travel as base64 of their JSON text: base64 survives the service's XML envelope for any
 * content, and it is what other Azure tooling (Functions, Storage Explorer) expects.
 */
import { AppError } from '../errors';
import { invalidValue, toJsonValue, type JsonValue } from './json-value';

const QUEUE_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;
/** A message holds 64 KiB of text. */
export const MAX_MESSAGE_CHARS = 64 * 1024;
export const MAX_RECEIVE = 32;
export const MAX_VISIBILITY_SECONDS = 7 * 24 * 60 * 60;

export function queueName(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (!QUEUE_NAME.test(full)) {
    throw invalidValue(
      `queue name "${full}" is not allowed: expected 3-63 lowercase letters, digits and single` +
        ' hyphens, starting and ending with a letter or digit',
    );
  }
  return full;
}

export interface EncodedMessage {
  /** The body a receiver gets (see json-value.ts). */
  body: JsonValue;
  text: string;
}

export function encodeMessage(body: unknown): EncodedMessage {
  if (body === undefined) throw invalidValue('a message body cannot be undefined');
  const normalized = toJsonValue(body, 'body');
  const text = Buffer.from(JSON.stringify(normalized), 'utf8').toString('base64');
  if (text.length > MAX_MESSAGE_CHARS) {
    throw new AppError(
      'input-too-large',
      `message needs ${text.length} characters encoded; a queue message holds ${MAX_MESSAGE_CHARS}`,
      { userMessage: 'This is too large to queue. Please send less at once.' },
    );
  }
  return { body: normalized, text };
}

/** The body, or undefined when the text is not base64 JSON (a message someone else sent). */
export function decodeMessage(text: string): JsonValue | undefined {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as JsonValue;
  } catch {
    return undefined;
  }
}

export function checkReceive(max: number, visibilityTimeoutSeconds: number): void {
  if (!Number.isInteger(max) || max < 1 || max > MAX_RECEIVE) {
    throw invalidValue(`receive takes 1 to ${MAX_RECEIVE} messages at a time, got ${max}`);
  }
  checkSeconds('visibility timeout', visibilityTimeoutSeconds, 1);
}

export function checkSeconds(what: string, seconds: number, min: number): void {
  if (!Number.isInteger(seconds) || seconds < min || seconds > MAX_VISIBILITY_SECONDS) {
    throw invalidValue(
      `${what} must be a whole number of seconds from ${min} to ${MAX_VISIBILITY_SECONDS}, got ${seconds}`,
    );
  }
}
