import type { ActionKind } from './action-kinds';
import type { SecretText } from './secret';
import type { FailedSignIn } from './types';

/**
 * The ports remediation depends on. The DirectoryWriter is the only way remediation changes the
 * tenant, and the RemediationReader carries the few reads a fix must make right before writing
 * (is the user a guest, what does the TAP policy allow). Diagnosis never receives either. How
 * people hear of a change is events.ts.
 */

/** What every Graph write reports back: the Graph request-id, for the audit trail. */
export interface WriteReceipt {
  requestId?: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  userType: 'Member' | 'Guest';
  /** True when the account is synchronised from on-premises Active Directory. */
  onPremisesSyncEnabled: boolean;
}

export interface TapPolicy {
  enabled: boolean;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  /** The tenant allows one-time passes only. */
  isUsableOnce: boolean;
}

export interface IssuedTap extends WriteReceipt {
  methodId: string;
  /** The pass itself: returned by Graph once, never stored, logged or audited. */
  code: SecretText;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export interface ManagedDeviceInfo {
  id: string;
  deviceName: string;
  /** Entra object id of the primary user. */
  userId?: string;
}

/**
 * The reads a fix makes right before writing (preflight and the steps of a fix), kept apart from
 * the writes so the writer holds nothing but changes to the tenant.
 */
export interface RemediationReader {
  getUser(userId: string): Promise<DirectoryUser>;
  /** Whether the user holds any directory role (treated as a privileged admin). */
  holdsDirectoryRole(userId: string): Promise<boolean>;
  getGroupName(groupId: string): Promise<string>;
  getTapPolicy(): Promise<TapPolicy>;
  /** Ids of the user's Temporary Access Pass methods (at most one). */
  listTaps(userId: string): Promise<string[]>;
  getManagedDevice(deviceId: string): Promise<ManagedDeviceInfo>;
  /** The groups a Conditional Access policy excludes, and its name. */
  getPolicyExclusions(
    policyId: string,
  ): Promise<{ displayName: string; excludeGroupIds: string[] }>;
  /** Ids of the group's direct members, every page. */
  listGroupMembers(groupId: string): Promise<string[]>;
}

/** Every change remediation makes to the tenant; each reports Graph's request-id. */
export interface DirectoryWriter {
  deleteTap(userId: string, methodId: string): Promise<WriteReceipt>;
  createTap(
    userId: string,
    options: { lifetimeInMinutes: number; isUsableOnce: boolean },
  ): Promise<IssuedTap>;
  dismissRisk(userId: string): Promise<WriteReceipt>;
  confirmCompromised(userId: string): Promise<WriteReceipt>;
  revokeSessions(userId: string): Promise<WriteReceipt>;
  requirePasswordChange(userId: string): Promise<WriteReceipt>;
  syncDevice(deviceId: string): Promise<WriteReceipt>;
  /** Adds one member; `added` is false when the object was already a member. */
  addGroupMember(groupId: string, memberId: string): Promise<WriteReceipt & { added: boolean }>;
  /** Removes one member; `removed` is false when the object was not a member. */
  removeGroupMember(
    groupId: string,
    memberId: string,
  ): Promise<WriteReceipt & { removed: boolean }>;
  /** Adds up to 20 members in one request; fails as a whole when any of them cannot be added. */
  addGroupMembers(groupId: string, memberIds: readonly string[]): Promise<WriteReceipt>;
  /** Adds a mobile phone method; `phoneNumber` is already in Graph's "+{country} {number}" form. */
  addMobilePhone(userId: string, phoneNumber: string): Promise<WriteReceipt>;
}

/** One structured log line. Values are ids and plain words: never a secret. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  event: string;
  [field: string]: string | number | boolean | undefined;
}

export type Logger = (entry: LogEntry) => void;

export const silentLogger: Logger = () => undefined;

/**
 * Optional check against diagnosis at request time: does this fix fit this subject, and why?
 * Without it, or without a reason, the request gets the kind's standard description.
 */
export interface OfferCheck {
  reasonFor(offer: {
    kind: ActionKind;
    subjectId: string;
    targetId?: string;
  }): Promise<
    { fits: true; reason?: string; signIn?: FailedSignIn } | { fits: false; message: string }
  >;
}

/** One directory object a fix's form can offer: its id and the words shown for it. */
export interface DirectoryChoice {
  id: string;
  title: string;
}

/**
 * Typeahead over the tenant for a fix's form (which group to copy, which person): names that
 * start with what was typed. Read-only, and only ever asked on behalf of the helpdesk.
 */
export interface DirectorySearch {
  groups(text: string, top: number): Promise<DirectoryChoice[]>;
  users(text: string, top: number): Promise<DirectoryChoice[]>;
}
