import type { Diagnosis } from '../diagnosis/types';
import type { Triage } from '../triage/types';
import type { HandoffDiagnosis, HandoffFacts } from './types';

const MAX = 200;

function clip(value: string, max = MAX): string {
  const plain = value.replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/**
 * The facts of a paste a helpdesk agent asks for first: codes, ids, time, app, device and the
 * account. `signedInAs` falls back to the directory account the diagnosis looked at.
 */
export function handoffFacts(triage: Triage, diagnosis?: Diagnosis): HandoffFacts {
  const { fields } = triage;
  const facts: HandoffFacts = { codes: triage.codes.slice(0, 10).map((c) => `AADSTS${c}`) };
  if (triage.code !== undefined && !triage.codes.includes(triage.code)) {
    facts.codes.unshift(`AADSTS${triage.code}`);
  }
  const set = (key: Exclude<keyof HandoffFacts, 'codes'>, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') facts[key] = clip(value);
  };
  set('correlationId', fields.correlationId);
  set('requestId', fields.requestId);
  set('time', fields.timestamp);
  set('app', fields.appName ?? fields.appId);
  const device = [fields.devicePlatform, fields.deviceState, fields.deviceId]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(', ');
  set('device', device);
  set('signedInAs', fields.upn ?? diagnosis?.subject?.userPrincipalName);
  set('ip', fields.ip);
  return facts;
}

/** What the bot found, in plain words: the diagnosis, or the triage's explanation without one. */
export function handoffDiagnosis(
  diagnosis: Diagnosis | undefined,
  explained: { headline: string },
): HandoffDiagnosis {
  if (!diagnosis) return { headline: clip(explained.headline, 400), causes: [], offers: [] };
  return {
    headline: clip(diagnosis.headline, 400),
    causes: diagnosis.findings
      .filter((f) => f.kind === 'cause')
      .slice(0, 5)
      .map((f) => clip(`${f.title}: ${f.detail}`, 400)),
    offers: diagnosis.offers.slice(0, 4),
  };
}
