import { formatInstant } from '../dates';
import { formatMinutes, listWords } from '../diagnosis/format';
import { groupLabel } from '../posture/checks/context';
import type { GroupInfo, MethodTarget, PostureReader, Read, Unread } from '../posture/reads';

/**
 * What this tenant's own settings say about a playbook topic, read through Graph when a helpdesk
 * agent or an admin asks about it ("is TAP enabled in our tenant?", "what is our secure score").
 * Only the topics whose setting the posture reader already reads have facts; a read that fails
 * says so in one sentence instead of leaving the asker to guess. Undefined for other topics.
 */

export type TenantFactsReader = Pick<
  PostureReader,
  | 'temporaryAccessPass'
  | 'sms'
  | 'authenticator'
  | 'fido2'
  | 'organization'
  | 'latestSecureScore'
  | 'groups'
>;

function unreadText(what: string, read: Unread): string {
  const why =
    read.reason === 'forbidden'
      ? `the bot's app needs the Microsoft Graph permission ${read.permission}`
      : read.message;
  return `I could not read ${what}: ${why}.`;
}

/** Group names for the targets, best effort: an unreadable group is named by its id. */
async function whoText(
  reader: TenantFactsReader,
  targets: readonly MethodTarget[],
): Promise<string> {
  if (targets.length === 0) return 'nobody';
  const ids = targets.map((t) => t.id);
  const read: Read<Map<string, GroupInfo>> = await reader
    .groups(ids)
    .catch(() => ({ ok: false, reason: 'failed', message: 'unreadable' }) as const);
  const names = read.ok ? read.value : new Map<string, GroupInfo>();
  return listWords(ids.map((id) => groupLabel(id, names)));
}

async function tapFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.temporaryAccessPass();
  if (!read.ok) return unreadText('the Temporary Access Pass policy', read);
  const p = read.value;
  if (p.state !== 'enabled') {
    return 'Temporary Access Pass is turned off in this tenant: nobody can be issued a pass until it is enabled for a group.';
  }
  const who = await whoText(reader, p.includeTargets);
  return (
    `Temporary Access Pass is enabled in this tenant for ${who}. ` +
    `A pass lasts ${formatMinutes(p.defaultLifetimeInMinutes)} by default ` +
    `(${formatMinutes(p.minimumLifetimeInMinutes)} to ${formatMinutes(p.maximumLifetimeInMinutes)} allowed), ` +
    `and one-time use is ${p.isUsableOnce ? 'forced for every pass' : 'not forced by the policy'}.`
  );
}

async function smsFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.sms();
  if (!read.ok) return unreadText('the SMS method policy', read);
  const p = read.value;
  if (p.state !== 'enabled')
    return 'SMS is turned off in this tenant, for sign-in and as a second factor.';
  const signIn = p.includeTargets.filter((t) => t.isUsableForSignIn === true);
  const factor = await whoText(reader, p.includeTargets);
  const direct = signIn.length === 0 ? 'nobody' : await whoText(reader, signIn);
  return `SMS is enabled in this tenant as a second factor for ${factor}; SMS sign-in without a password is on for ${direct}.`;
}

async function authenticatorFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.authenticator();
  if (!read.ok) return unreadText('the Microsoft Authenticator policy', read);
  const p = read.value;
  if (p.state !== 'enabled') {
    return 'Microsoft Authenticator is turned off in this tenant, so nobody gets a push to match a number in.';
  }
  const shown = (setting: { state: string } | undefined) =>
    setting?.state === 'enabled' ? 'shown' : 'not shown';
  return (
    `Microsoft Authenticator is enabled in this tenant for ${await whoText(reader, p.includeTargets)}; ` +
    `its prompts have number matching, the app name ${shown(p.displayAppInformation)} and the location ${shown(p.displayLocationInformation)}.`
  );
}

async function secureScoreFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.latestSecureScore();
  if (!read.ok) return unreadText('the Secure Score', read);
  const score = read.value;
  if (!score) return 'This tenant has no Secure Score yet: the first appears within 48 hours.';
  const percent = Math.round((score.currentScore / score.maxScore) * 100);
  const when = score.createdDateTime ? `, calculated ${formatInstant(score.createdDateTime)}` : '';
  return `This tenant's Secure Score is ${score.currentScore} of ${score.maxScore} points (${percent}%)${when}.`;
}

async function passkeyFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.fido2();
  if (!read.ok) return unreadText('the passkey (FIDO2) policy', read);
  const p = read.value;
  if (p.state !== 'enabled') return 'Passkeys (FIDO2) are turned off in this tenant.';
  return (
    `Passkeys (FIDO2) are enabled in this tenant for ${await whoText(reader, p.includeTargets)}; ` +
    `people ${p.isSelfServiceRegistrationAllowed ? 'can' : 'cannot'} register their own.`
  );
}

async function syncFacts(reader: TenantFactsReader): Promise<string> {
  const read = await reader.organization();
  if (!read.ok) return unreadText('the directory sync times', read);
  const org = read.value;
  if (org.onPremisesSyncEnabled !== true) {
    return 'Directory sync is not turned on for this tenant: its accounts are cloud-only.';
  }
  const when = (iso: string | null) => (iso ? formatInstant(iso) : 'never');
  return (
    `Directory sync last ran ${when(org.onPremisesLastSyncDateTime)}; ` +
    `password hash sync last ran ${when(org.onPremisesLastPasswordSyncDateTime)}.`
  );
}

const FACTS: Readonly<Record<string, (reader: TenantFactsReader) => Promise<string>>> = {
  'tap-policy': tapFacts,
  'sms-sign-in': smsFacts,
  'number-matching': authenticatorFacts,
  'passwordless-rollout': passkeyFacts,
  'password-hash-sync-stalled': syncFacts,
  'secure-score': secureScoreFacts,
  'secure-score-not-updating': secureScoreFacts,
};

/** Whether the playbook entry has tenant facts to read. */
export function hasTenantFacts(entryId: string): boolean {
  return Object.hasOwn(FACTS, entryId);
}

/** The tenant's own setting for a playbook entry, in a sentence; undefined for other entries. */
export async function tenantFacts(
  entryId: string,
  reader: TenantFactsReader,
): Promise<string | undefined> {
  const facts = FACTS[entryId];
  if (!facts) return undefined;
  try {
    return await facts(reader);
  } catch {
    return 'I could not read this setting from the tenant just now; the posture command tries again.';
  }
}
