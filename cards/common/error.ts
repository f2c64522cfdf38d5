import { z } from 'zod';
import type { AppError, ErrorCode } from '../../src/errors';
import type { CardTemplate } from '../render';
import json from './error.json';

/**
 * A failure told plainly. Only sentences written for people go in here: never an exception
 * message or a stack trace. `reference` lets an admin find the failing Graph call.
 */
export interface ErrorCardData {
  title: string;
  message: string;
  /** Graph request-id (or another correlation id) of the failing call. */
  reference?: string;
  /** When and whether trying again makes sense. */
  retryHint?: string;
}

const line = z.string().trim().min(1);

const schema = z
  .object({
    title: line.max(120),
    message: line.max(1000),
    reference: line.max(128).optional(),
    retryHint: line.max(300).optional(),
  })
  .strict();

export const errorTemplate: CardTemplate<ErrorCardData> = {
  name: 'common/error',
  json,
  schema,
};

const TITLES: Record<ErrorCode, string> = {
  'config-invalid': 'The bot is not set up correctly',
  'input-invalid': 'That could not be read',
  'input-too-large': 'That message is too long',
  'graph-forbidden': 'The bot is missing a permission',
  'graph-not-found': 'Not found in the directory',
  'graph-throttled': 'The directory is busy',
  'graph-unavailable': 'The directory is not answering',
  'graph-failed': 'The directory lookup failed',
  'store-conflict': 'Someone else acted first',
  'store-not-found': 'Not found',
  'store-unavailable': 'Storage is not reachable',
  'not-authorized': 'You cannot do that',
  'action-invalid': 'This button is out of date',
  internal: 'Something went wrong',
};

/** Wording for a wait, rounded the way a person would say it. */
function waitText(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

/** The card data for a typed error: its user message, a title for its code, its request id. */
export function errorCardData(error: AppError): ErrorCardData {
  const data: ErrorCardData = { title: TITLES[error.code], message: error.userMessage };
  if (error.requestId !== undefined && error.requestId !== '') data.reference = error.requestId;
  if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
    data.retryHint = `Please try again in ${waitText(error.retryAfterSeconds)}.`;
  } else if (error.missingPermission !== undefined) {
    data.retryHint = `An administrator needs to grant the ${error.missingPermission} permission before this can work.`;
  }
  return data;
}

export const errorSample: ErrorCardData = {
  title: TITLES['graph-throttled'],
  message:
    'Microsoft Graph asked the bot to slow down, so your sign-in record could not be read yet.',
  reference: '8d3f2a61-4b7c-4e19-9a05-6c2e1f0b7d34',
  retryHint: `Please try again in ${waitText(30)}.`,
};
