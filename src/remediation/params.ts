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
  /** copy-group-members, chosen in the form: where the members come from and go to. */
  sourceGroupId?: string;
  targetGroupId?: string;
  /** The inputs of a guided admin change (admin-changes/params.ts). */
  admin?: AdminInputs;
}

/** The bounds Graph puts on any pass; the tenant's own policy narrows them (checked in preflight). */
export const TAP_LIFETIME = { min: 10, max: 43_200 } as const;

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
      if (
        lifetime !== undefined &&
        (!Number.isInteger(lifetime) || lifetime < TAP_LIFETIME.min || lifetime > TAP_LIFETIME.max)
      ) {
        return problem(
          'A Temporary Access Pass lasts a whole number of minutes, from 10 minutes to 30 days (43200).',
        );
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
      if (!Number.isInteger(hours) || hours < 1 || hours > policy.caExclusion.maxHours) {
        return problem(
          `An exclusion lasts a whole number of hours, from 1 to ${policy.caExclusion.maxHours}.`,
        );
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
        return problem('Choose the group to copy the members from.');
      }
      return ok({ kind, sourceGroupId: targetId });
  }
}
