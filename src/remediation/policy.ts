import { ACTION_KINDS, isAdminChangeKind, type ActionKind } from './action-kinds';

/**
 * Who may ask for, approve and run each fix, and the limits on each fix. Built once by the
 * composition root from the configuration (src/config); nothing here reads the environment.
 *
 * Tiers: each fix has its approver groups (the helpdesk by default; confirming a compromise the
 * admin group). A four-eyes fix always needs a second person, even when a helpdesk approver asks.
 * A fix that gives a directory-role holder their access back (a pass, dismissing risk, an
 * exclusion...) is decided by the admin tier only, whoever the fix's usual approvers are.
 */
export interface RemediationPolicy {
  /** Members of any of these groups are helpdesk: they may ask for fixes for anyone. */
  helpdeskGroupIds: readonly string[];
  /** The admin tier. Empty: fixes that need it are refused. */
  adminGroupIds: readonly string[];
  /** Members of any listed group may approve (or run directly) that kind; empty means nobody. */
  approverGroupIds: Readonly<Record<ActionKind, readonly string[]>>;
  /** Kinds that always need a second person: nobody may run them directly. */
  fourEyesKinds: readonly ActionKind[];
  /** Kinds an end user may ask for, for themselves only. */
  selfServiceKinds: readonly ActionKind[];
  /** Accounts no fix may touch (emergency access accounts). */
  protectedUserIds: readonly string[];
  /** Kinds that, for a subject holding a directory role, only the admin tier may approve. */
  roleHolderAdminKinds: readonly ActionKind[];
  /** Conditional Access policies nobody may be excluded from (admin protection, Azure management). */
  neverExcludePolicyIds: readonly string[];
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

/** A group named in settings: the helpdesk group, the admin group, or a group object id. */
export type GroupRef = 'helpdesk' | 'admin' | (string & {});

export interface PolicyOptions {
  helpdeskGroupId: string;
  adminGroupId?: string;
  /** Groups used for temporary Conditional Access exclusions. */
  exclusionGroupIds?: readonly string[];
  /** Per-kind approver groups replacing the defaults. */
  approverOverrides?: Partial<Record<ActionKind, readonly GroupRef[]>>;
  /** Replaces DEFAULT_FOUR_EYES. */
  fourEyesKinds?: readonly ActionKind[];
  /** Replaces DEFAULT_ROLE_HOLDER_ADMIN_KINDS. */
  roleHolderAdminKinds?: readonly ActionKind[];
  protectedUserIds?: readonly string[];
  neverExcludePolicyIds?: readonly string[];
  requestTtlMinutes?: number;
  /** Longest time-boxed exclusion, in hours (default 72). */
  maxExclusionHours?: number;
}

/** Fixes the admin group decides by default (the helpdesk decides the rest). */
export const DEFAULT_ADMIN_KINDS: readonly ActionKind[] = ['confirm-compromised'];
/** Fixes that need a second person by default. */
export const DEFAULT_FOUR_EYES: readonly ActionKind[] = ['confirm-compromised', 'ca-exclusion'];
/** Fixes that give a role holder access back: admin tier only. */
export const DEFAULT_ROLE_HOLDER_ADMIN_KINDS: readonly ActionKind[] = [
  'issue-tap',
  'dismiss-risk',
  'ca-exclusion',
  'add-sms-method',
  'require-password-change',
];

/** The defaults: see the constants above; end users may ask for all but group copies. */
export function createRemediationPolicy(options: PolicyOptions): RemediationPolicy {
  const admin = options.adminGroupId ? [options.adminGroupId] : [];
  const resolve = (refs: readonly GroupRef[]): string[] => [
    ...new Set(
      refs.flatMap((ref) =>
        ref === 'helpdesk' ? [options.helpdeskGroupId] : ref === 'admin' ? admin : [ref],
      ),
    ),
  ];
  const approvers = {} as Record<ActionKind, readonly string[]>;
  for (const kind of ACTION_KINDS) {
    // Guided admin changes: the admin group only (nobody without one); confirming a compromise
    // the admin group when there is one; the rest the helpdesk.
    const usual: GroupRef =
      isAdminChangeKind(kind) || (DEFAULT_ADMIN_KINDS.includes(kind) && admin.length > 0)
        ? 'admin'
        : 'helpdesk';
    approvers[kind] = resolve(options.approverOverrides?.[kind] ?? [usual]);
  }
  return {
    helpdeskGroupIds: [options.helpdeskGroupId],
    adminGroupIds: admin,
    approverGroupIds: approvers,
    fourEyesKinds: options.fourEyesKinds ?? DEFAULT_FOUR_EYES,
    selfServiceKinds: ACTION_KINDS.filter(
      (kind) => kind !== 'copy-group-members' && !isAdminChangeKind(kind),
    ),
    protectedUserIds: options.protectedUserIds ?? [],
    roleHolderAdminKinds: options.roleHolderAdminKinds ?? DEFAULT_ROLE_HOLDER_ADMIN_KINDS,
    neverExcludePolicyIds: options.neverExcludePolicyIds ?? [],
    requestTtlMinutes: options.requestTtlMinutes ?? 24 * 60,
    tap: { defaultLifetimeMinutes: 60, approverViewSeconds: 120 },
    caExclusion: {
      groupIds: options.exclusionGroupIds ?? [],
      defaultHours: Math.min(4, options.maxExclusionHours ?? 72),
      maxHours: options.maxExclusionHours ?? 72,
    },
  };
}

/** Who decides on a request: the admin tier for a role holder's access, else the fix's approvers. */
export function approversOf(
  request: { kind: ActionKind; tier?: 'admin' },
  policy: RemediationPolicy,
): readonly string[] {
  return request.tier === 'admin' ? policy.adminGroupIds : policy.approverGroupIds[request.kind];
}

/** Every group whose membership matters for `kind`: helpdesk, admin tier and its approvers. */
export function groupsToCheck(policy: RemediationPolicy, kind?: ActionKind): string[] {
  const kinds = kind ? [kind] : ACTION_KINDS;
  const ids = [
    ...policy.helpdeskGroupIds,
    ...policy.adminGroupIds,
    ...kinds.flatMap((k) => policy.approverGroupIds[k]),
  ];
  return [...new Set(ids)];
}
