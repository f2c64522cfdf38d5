import type { Triage } from '../triage/types';
import { accountCheckTriage } from './account-check';

/** Letters left besides the labels, for a paste that is nothing but labelled ids. */
const LABELS_ONLY_LETTERS = 40;

/**
 * The troubleshooting details of an Entra sign-in page pasted without the error above them (its
 * request id, correlation id, timestamp, app, device state, in any of the page's languages), or
 * just its ids: triage finds no sign-in error in them, but the ids point at the sign-in itself,
 * so the bot looks it up rather than saying the message is not a sign-in error. It takes the
 * block (three or more of its details, one of them an id) or ids with little else beside them;
 * a message that only mentions an id among other words stays as triage read it.
 */
export function isTroubleshootingDetails(text: string, result: Triage): boolean {
  if (result.intent !== 'unrelated' || result.unsure !== undefined) return false;
  const { fields } = result;
  if (fields.requestId === undefined && fields.correlationId === undefined) return false;
  const values = Object.values(fields).filter((v): v is string => typeof v === 'string');
  if (values.length >= 3) return true;
  let rest = text;
  for (const value of values) rest = rest.split(value).join(' ');
  return rest.replace(/[^\p{L}]/gu, '').length <= LABELS_ONLY_LETTERS;
}

/**
 * The look-up of the sign-in the ids point at: the account check ("diagnose …"), carrying the
 * ids, which diagnosis already answers from the sign-in they find (see kinds/sign-in.ts).
 */
export function troubleshootingDetailsTriage(result: Triage): Triage {
  return { ...accountCheckTriage(), fields: result.fields, truncated: result.truncated };
}
