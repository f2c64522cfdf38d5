import type { Triage } from '../triage/types';
import type { InstantWords } from './format';
import { pastedInstant } from './sign-in-search';
import type { Evidence } from './types';

/**
 * What a paste said about its sign-in (app, device, time, ids), in the words a card shows, so a
 * person whose ids match nothing in the log still sees that the bot read what they sent.
 */
export function pastedFacts(triage: Triage, when: InstantWords): Evidence[] {
  const f = triage.fields;
  const facts: Evidence[] = [];
  const push = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') facts.push({ label, value });
  };
  if (triage.code !== undefined) push('Error code', `AADSTS${triage.code}`);
  push('App', f.appName ?? f.appId);
  const device = [f.devicePlatform, f.deviceState].filter((p) => p !== undefined).join(', ');
  push('Device', device === '' ? f.deviceId : device);
  const at = pastedInstant(triage);
  push('Time', at === undefined ? f.timestamp : when(at.toISOString()));
  push('Signed in as', f.upn);
  push('IP address', f.ip);
  push('Request ID', f.requestId);
  push('Correlation ID', f.correlationId);
  return facts;
}
