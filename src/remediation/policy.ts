import { ACTION_KINDS, isAdminChangeKind, type ActionKind } from './action-kinds';

/**
 * Who may ask for, approve and run each fix, and the limits on each fix. Built once by the
 * composition root; nothing here reads the environment.
 */
export interface RemediationPolicy {
  /** Members of any of these groups are helpdesk: they may ask for fixes for anyone. */
  helpdeskGroupIds: readonly string[];
  /** Members of any listed group may approve (or run directly) that kind; empty means nobody. */
  approverGroupIds: Readonly<Record<ActionKind, readonly string[]>>;
  /** Kinds an end user may ask for, for themselves only. */
  selfServiceKinds: readonly ActionKind[];
  /** Accounts no fix may touch (emergency access accounts). */
  protectedUserIds: readonly string[];
  /** Kinds refused when the subject holds a directory role (takeover of an admin account). */
  roleHolderProtectedKinds: readonly ActionKind[];
  /** A pending request expires this long after it was made. */
  requestTtlMinutes: number;
  tap: {
    /**
     * Multi-use and short by default: a one-time pass is spent by the first sign-in, which breaks
     * Autopilot and anyone who signs out too soon. Clamped to the tenant policy's bounds.
     */
    defaultLifetimeMinutes: number;
    /**
     * How long the approver's own view (the only place the pass is shown) is left alone before
     * the shared channel card is edited: an edit replaces the message for every viewer, the
     * approver included, and Teams does not refresh a user-specific view right after a click.
     */
    approverViewSeconds?: number;
  };
  caExclusion: {
    /** The only groups a user may be added to; each must already be excluded from the policy. */
    groupIds: readonly string[];
    defaultHours: number;
    maxHours: number;
  };
}

export interface PolicyOptions {
  helpdeskGroupId: string;
  /** Groups used for temporary Conditional Access exclusions. */
  exclusionGroupIds?: readonly string[];
  /**
   * The admin group (ADMIN_GROUP_ID): the approvers of the guided admin changes. Without it
   * nobody may approve those changes, so they are refused rather than left to the helpdesk.
   */
  adminGroupId?: string;
  /** Per-kind approver groups replacing the defaults. */
  approverOverrides?: Partial<Record<ActionKind, readonly string[]>>;
  protectedUserIds?: readonly string[];
  requestTtlMinutes?: number;
}

/**
 * The default approvers of a kind: the admin group for guided admin changes (tenant settings and
 * permanent policy exclusions), the helpdesk group for every fix to one person's sign-in.
 */
export function defaultApprovers(kind: ActionKind, options: PolicyOptions): readonly string[] {
  if (isAdminChangeKind(kind)) return options.adminGroupId ? [options.adminGroupId] : [];
  return [options.helpdeskGroupId];
}

/**
 * The defaults: the helpdesk group approves fixes and the admin group admin changes; end users
 * may ask for fixes to their own account, never for group copies or admin changes.
 */
export function createRemediationPolicy(options: PolicyOptions): RemediationPolicy {
  const approvers = Object.fromEntries(
    ACTION_KINDS.map((kind) => [
      kind,
      options.approverOverrides?.[kind] ?? defaultApprovers(kind, options),
    ]),
  ) as Record<ActionKind, readonly string[]>;
  return {
    helpdeskGroupIds: [options.helpdeskGroupId],
    approverGroupIds: approvers,
    selfServiceKinds: ACTION_KINDS.filter(
      (kind) => kind !== 'copy-group-members' && !isAdminChangeKind(kind),
    ),
    protectedUserIds: options.protectedUserIds ?? [],
    roleHolderProtectedKinds: ['issue-tap', 'add-sms-method', 'require-password-change'],
    requestTtlMinutes: options.requestTtlMinutes ?? 24 * 60,
    tap: { defaultLifetimeMinutes: 60, approverViewSeconds: 120 },
    caExclusion: { groupIds: options.exclusionGroupIds ?? [], defaultHours: 4, maxHours: 72 },
  };
}

/** Every group whose membership matters for `kind`: helpdesk groups and its approvers. */
export function groupsToCheck(policy: RemediationPolicy, kind?: ActionKind): string[] {
  const kinds = kind ? [kind] : ACTION_KINDS;
  const ids = [...policy.helpdeskGroupIds, ...kinds.flatMap((k) => policy.approverGroupIds[k])];
  return [...new Set(ids)];
}
