import { TENANT_SUBJECT_ID, type AdminChangeKind } from '../action-kinds';
import type { ActionParams, Subject } from '../types';
import { parsePhoneRows, type RowProblem } from './phone-rows';

/** What the person gave for a guided admin change, beyond its kind and subject. */
export interface AdminInputs {
  /** tap-policy: lifetimes in minutes. */
  defaultLifetimeMinutes?: number;
  maximumLifetimeMinutes?: number;
  /** authenticator-context: one group first (a directory object id), or everyone. */
  groupId?: string;
  /** sms-sign-in: the bulk list, as CSV text (user, phone number). */
  csv?: string;
  /** guest-access-review: no sign-in in this many days. */
  inactiveDays?: number;
  /** policy-exclusion. */
  operation?: 'add' | 'remove';
}

export type AdminParamsResult =
  { ok: true; params: ActionParams; rowProblems: RowProblem[] } | { ok: false; problem: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A pass must outlive the first sign-in and the second one after Autopilot restarts. */
export const AUTOPILOT_PASS_MINUTES = 60;
const MAX_PASS_MINUTES = 43_200;
export const DEFAULT_INACTIVE_DAYS = 90;

/** What a change acts on: the tenant, a group (SMS sign-in) or a person (policy exclusion). */
export function adminSubjectType(kind: AdminChangeKind): Subject['type'] {
  if (kind === 'sms-sign-in') return 'group';
  if (kind === 'policy-exclusion') return 'user';
  return 'tenant';
}

function lifetime(value: number | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 10 || value > MAX_PASS_MINUTES) {
    return `The ${name} lifetime is between 10 minutes and 30 days (43200 minutes).`;
  }
  return undefined;
}

/**
 * Validates a guided admin change's inputs into parameters. Pure; each problem is written for the
 * person who asked. A bulk list keeps its valid rows and reports the others line by line.
 */
export function buildAdminParams(
  kind: AdminChangeKind,
  subjectId: string,
  targetId: string | undefined,
  inputs: AdminInputs,
): AdminParamsResult {
  const ok = (params: ActionParams, rowProblems: RowProblem[] = []): AdminParamsResult => ({
    ok: true,
    params,
    rowProblems,
  });
  const problem = (text: string): AdminParamsResult => ({ ok: false, problem: text });
  const type = adminSubjectType(kind);
  if (type === 'tenant' && subjectId !== TENANT_SUBJECT_ID) {
    return problem('This change is for the whole tenant, not for one person or group.');
  }
  if (type !== 'tenant' && !GUID.test(subjectId)) {
    return problem(type === 'group' ? 'Which group is it for?' : 'Who is it for?');
  }
  switch (kind) {
    case 'tap-policy': {
      const { defaultLifetimeMinutes: def, maximumLifetimeMinutes: max } = inputs;
      const bad = lifetime(def, 'default') ?? lifetime(max, 'maximum');
      if (bad) return problem(bad);
      if (def !== undefined && max !== undefined && def > max) {
        return problem('The default lifetime cannot be longer than the maximum.');
      }
      return ok({ kind, defaultLifetimeMinutes: def, maximumLifetimeMinutes: max });
    }
    case 'authenticator-context':
      if (inputs.groupId !== undefined && !GUID.test(inputs.groupId)) {
        return problem('The group must be a group of this tenant.');
      }
      return ok(inputs.groupId ? { kind, groupId: inputs.groupId } : { kind });
    case 'sms-sign-in': {
      const parsed = parsePhoneRows(inputs.csv ?? '');
      if (!parsed.ok) return problem(parsed.problem);
      return ok({ kind, rows: parsed.rows }, parsed.problems);
    }
    case 'guest-access-review': {
      const days = inputs.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
      if (!Number.isInteger(days) || days < 30 || days > 730) {
        return problem('Choose between 30 and 730 days without a sign-in.');
      }
      return ok({ kind, inactiveDays: days });
    }
    case 'policy-exclusion':
      if (!targetId || !GUID.test(targetId)) return problem('Which Conditional Access policy?');
      if (inputs.operation !== 'add' && inputs.operation !== 'remove') {
        return problem('Say whether to add the person to the exclusion or remove them from it.');
      }
      return ok({ kind, policyId: targetId, operation: inputs.operation });
  }
}
