import { randomUUID } from 'node:crypto';
import type { SandboxTenant } from '../../src/sandbox/server';

/**
 * A smart lock-out (50053) of this user reaches the sandbox's sign-in log `at`: a copy of one of
 * the user's own rows with a new id, the time and the lock-out status, no Conditional Access.
 */
export function addLockout(sandbox: SandboxTenant, userId: string, at: Date): void {
  const model = sandbox.state.signIns.find((s) => s.userId === userId);
  if (model === undefined) throw new Error(`the sandbox has no sign-in of ${userId} to copy`);
  const lockout = structuredClone(model);
  lockout.id = randomUUID();
  lockout.createdDateTime = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  lockout.status = {
    errorCode: 50053,
    failureReason: 'The account is locked after too many failed sign-in attempts.',
    additionalDetails: null,
  };
  lockout.conditionalAccessStatus = 'notApplied';
  lockout.appliedConditionalAccessPolicies = [];
  sandbox.state.signIns.push(lockout);
}
