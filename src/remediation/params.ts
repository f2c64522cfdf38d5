import { isAdminChangeKind, type ActionKind } from './action-kinds';
import { buildAdminParams, type AdminInputs } from './admin-changes/params';
import type { RowProblem } from './admin-changes/phone-rows';
import { normalizePhoneNumber } from './phone-number';
import type { RemediationPolicy } from './policy';
import type { ActionParams } from './types';

/** What the person chose on the card, beyond the fix and its subject. */
export interface CreateInputs {
  hours?: number;
  lifetimeMinutes?: number;
  oneTimeUse?: boolean;
  phoneNumber?: string;
  /** The inputs of a guided admin change (admin-changes/params.ts). */
  admin?: AdminInputs;
}

export type ParamsResult =
  { ok: true; params: ActionParams; rowProblems?: RowProblem[] } | { ok: false; problem: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns a fix, its target and the card inputs into validated parameters, with defaults from the
 * policy. Pure; the problem text is written for the person who clicked.
 */
export function buildParams(
  kind: ActionKind,
  targetId: string | undefined,
  inputs: CreateInputs,
  policy: RemediationPolicy,
  subjectId = '',
): ParamsResult {
  if (isAdminChangeKind(kind))
    return buildAdminParams(kind, subjectId, targetId, inputs.admin ?? {});
  const ok = (params: ActionParams): ParamsResult => ({ ok: true, params });
  const problem = (text: string): ParamsResult => ({ ok: false, problem: text });
  switch (kind) {
    case 'issue-tap': {
      const lifetime = inputs.lifetimeMinutes;
      if (lifetime !== undefined && (lifetime < 10 || lifetime > 43_200)) {
        return problem('A Temporary Access Pass lasts between 10 minutes and 30 days.');
      }
      return ok({ kind, oneTimeUse: inputs.oneTimeUse ?? false, lifetimeMinutes: lifetime });
    }
    case 'dismiss-risk':
    case 'confirm-compromised':
    case 'revoke-sessions':
    case 'require-password-change':
      return ok({ kind });
    case 'sync-device':
      if (!targetId || !GUID.test(targetId)) return problem('Which device should be synced?');
      return ok({ kind, deviceId: targetId });
    case 'ca-exclusion': {
      const hours = inputs.hours ?? policy.caExclusion.defaultHours;
      if (hours < 1 || hours > policy.caExclusion.maxHours) {
        return problem(`Choose between 1 and ${policy.caExclusion.maxHours} hours.`);
      }
      if (targetId !== undefined && !GUID.test(targetId)) {
        return problem('The Conditional Access policy id is not valid.');
      }
      return ok(targetId ? { kind, hours, policyId: targetId } : { kind, hours });
    }
    case 'add-sms-method': {
      if (!inputs.phoneNumber) return problem('Which mobile number should be added?');
      const phone = normalizePhoneNumber(inputs.phoneNumber);
      if (!phone.ok) return problem(phone.problem);
      return ok({ kind, phoneNumber: phone.phoneNumber });
    }
    case 'copy-group-members':
      if (!targetId || !GUID.test(targetId)) {
        return problem('Which group should the members be copied from?');
      }
      return ok({ kind, sourceGroupId: targetId });
  }
}
