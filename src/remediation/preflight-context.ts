import { AppError } from '../errors';
import type { GroupMembership } from '../ports';
import type { TenantSettings } from './admin-changes/ports';
import type { ExclusionSchedule } from './exclusions';
import type { RemediationPolicy } from './policy';
import type { DirectoryUser, DirectoryWriter, RemediationReader } from './ports';
import type { ActionParams, Subject } from './types';

/**
 * What every check before a fix shares (the fixes' preflight and the admin changes' one): the
 * refusal, the context a check reads, the fix asked for and what a check prepares.
 */

/** A fix that must not run for this subject; nothing was changed. */
export class RemediationRefused extends AppError {
  constructor(userMessage: string) {
    super('action-invalid', `refused: ${userMessage}`, { userMessage, status: 422 });
    this.name = 'RemediationRefused';
  }
}

export interface ExecutionContext {
  reader: RemediationReader;
  writer: DirectoryWriter;
  policy: RemediationPolicy;
  exclusions: ExclusionSchedule;
  now: Date;
  /** Tenant settings, for the guided admin changes; without it they are refused. */
  tenant?: TenantSettings;
  /** Transitive group membership, as method policies target groups (nested groups included). */
  membership?: GroupMembership;
}

export interface FixRequest {
  /** The remediation request, recorded with a scheduled exclusion so its end can be reported. */
  requestId: string;
  params: ActionParams;
  subject: Subject;
  /** The tier the request was made under (types.ts); undefined when asked for just now. */
  tier?: 'admin';
  /** Checked while the request is being made, before it is stored (the tier is decided here). */
  asking?: boolean;
}

export interface Prepared {
  /** The subject's display name, from the directory. */
  subjectName?: string;
  user?: DirectoryUser;
  exclusionGroup?: { id: string; name: string };
  /** Display names, by id, of the groups and policies the parameters name, as the checks read them. */
  names?: Record<string, string>;
  /** The subject holds a directory role and the fix gives access back: the admin tier decides. */
  adminTier?: boolean;
}
