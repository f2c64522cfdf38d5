import { formatInstant, rewriteInstants, type InstantWords } from '../dates';
import type { Diagnosis } from '../diagnosis/types';
import type { ActionOffer } from '../remediation/action-kinds';
import { readFromWordsAlone } from '../triage/correction';
import type { Triage } from '../triage/types';
import type { HandoffDiagnosis, HandoffFacts } from './types';

const MAX = 200;

function clip(value: string, max = MAX): string {
  const plain = value.replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/**
 * The facts a helpdesk agent asks for first: codes, ids, time, app, device and the account.
 * What the paste said comes first; what it left out is taken from the sign-in the diagnosis found
 * in the tenant's log (a bare "53003" then still carries the request id, app and device).
 */
export function handoffFacts(triage: Triage, diagnosis?: Diagnosis): HandoffFacts {
  const { fields } = triage;
  const logged = diagnosis?.signIn?.record;
  const codes = triage.codes.length > 0 ? triage.codes : logged ? [logged.status.errorCode] : [];
  const facts: HandoffFacts = {
    codes: codes
      .filter((c) => c > 0)
      .slice(0, 10)
      .map((c) => `AADSTS${c}`),
  };
  if (triage.code !== undefined && !triage.codes.includes(triage.code)) {
    facts.codes.unshift(`AADSTS${triage.code}`);
  }
  const set = (key: Exclude<keyof HandoffFacts, 'codes'>, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') facts[key] = clip(value);
  };
  const joined = (...parts: Array<string | null | undefined>): string | undefined =>
    parts
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .join(', ') || undefined;
  const loggedDevice = logged?.deviceDetail;
  set('correlationId', fields.correlationId ?? logged?.correlationId);
  set('requestId', fields.requestId ?? logged?.id);
  set('time', fields.timestamp ?? logged?.createdDateTime);
  set('app', fields.appName ?? fields.appId ?? logged?.appDisplayName);
  set(
    'device',
    joined(fields.devicePlatform, fields.deviceState, fields.deviceId) ??
      joined(loggedDevice?.displayName, loggedDevice?.operatingSystem, loggedDevice?.browser),
  );
  set(
    'signedInAs',
    fields.upn ?? logged?.userPrincipalName ?? diagnosis?.subject?.userPrincipalName,
  );
  set('ip', fields.ip ?? logged?.ipAddress);
  return facts;
}

/**
 * What the bot found, in plain words: the diagnosis, or the triage's explanation without one.
 * The diagnosis was written for the person who asked (their locale and time zone); the copy is
 * for the helpdesk channel, so the instants it names are written again in the channel's one form
 * (`when`) from the instants themselves.
 */
export function handoffDiagnosis(
  diagnosis: Diagnosis | undefined,
  explained: { headline: string },
  when: InstantWords = formatInstant,
): HandoffDiagnosis {
  if (!diagnosis) return { headline: clip(explained.headline, 400), causes: [], offers: [] };
  const forChannel = (text: string): string => rewriteInstants(text, diagnosis.instants, when);
  return {
    headline: clip(forChannel(diagnosis.headline), 400),
    causes: diagnosis.findings
      .filter((f) => f.kind === 'cause')
      .slice(0, 5)
      .map((f) => clip(forChannel(`${f.title}: ${f.detail}`), 400)),
    offers: diagnosis.offers.slice(0, 4).map((offer) => {
      const note = offerNote(diagnosis, offer);
      return note === undefined ? offer : { ...offer, note };
    }),
  };
}

/** Which policy an exclusion is from: two such buttons would otherwise look the same. */
function offerNote(d: Diagnosis, offer: ActionOffer): string | undefined {
  if (offer.kind !== 'ca-exclusion' || d.details.view !== 'conditional-access') return undefined;
  const policy = d.details.enforced.find((p) => p.id === offer.targetId);
  return policy === undefined ? undefined : clip(`From the policy "${policy.name}":`, 300);
}

/**
 * The draft's `reading`: the intent a card offers "That's not it" on (a reading from the paste's
 * words alone), so that a request from "None of these" can only name that one; empty otherwise.
 */
export function handoffReading(triage: Triage): { reading?: string } {
  return readFromWordsAlone(triage) ? { reading: triage.intent } : {};
}
