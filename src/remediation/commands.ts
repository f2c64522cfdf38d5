import type { ReaderPlace } from '../dates';
import type { ActionKind } from './action-kinds';
import type { DenialReason } from './authorize';
import type { TapHandout } from './execute';
import type { RowProblem } from './admin-changes/phone-rows';
import type { CreateInputs } from './params';
import type { ChatAddress, Person, RemediationRequest } from './types';

/** What the channel side hands the remediation use cases (typed, never raw card data), and what it gets back. */

export interface CreateCommand {
  actor: Person;
  kind: ActionKind;
  /** The user (or, for copy-group-members, the destination group; then it may come as an input). */
  subjectId: string;
  targetId?: string;
  mode: 'request' | 'run';
  inputs: CreateInputs;
  /** The requester's own words for the approver (kept with anything like a secret masked). */
  note?: string;
  /** Where the requester clicked, to tell them the outcome later. */
  chat?: ChatAddress;
  /** The requester's locale and time zone, for the times the bot tells them later. */
  place?: ReaderPlace;
}

export type Verdict = 'approve' | 'reject' | 'cancel';

export interface DecideCommand {
  actor: Person;
  requestId: string;
  /** The request version the clicked card showed. */
  version: number;
}

export interface DecisionCommand extends DecideCommand {
  verdict: Verdict;
  /** Why, for a rejection (required there; kept with anything like a secret masked). */
  reason?: string;
}

/**
 * `secretHidden`: part of what the clicker typed (the requester's note, the approver's reason)
 * looked like a secret and was masked before it was kept; the writer is told.
 */
export type CreateResult =
  | {
      status: 'created';
      request: RemediationRequest;
      /** Whether the approval card reached the helpdesk channel (the sweeper retries when not). */
      channel: 'posted' | 'not-configured' | 'failed';
      /** Lines of a bulk list left out, and why. */
      rowProblems?: RowProblem[];
      secretHidden?: true;
    }
  | { status: 'duplicate'; request: RemediationRequest }
  | { status: 'denied'; reason: DenialReason; message: string }
  | { status: 'invalid'; message: string }
  | { status: 'refused'; message: string }
  | {
      status: 'completed';
      request: RemediationRequest;
      tap?: TapHandout;
      rowProblems?: RowProblem[];
      secretHidden?: true;
    };

export type DecideResult =
  | { status: 'unknown' }
  | { status: 'denied'; reason: DenialReason; message: string; request: RemediationRequest }
  | { status: 'invalid'; message: string; request: RemediationRequest }
  | { status: 'conflict'; message: string; request: RemediationRequest }
  | { status: 'rejected'; request: RemediationRequest; secretHidden?: true }
  | { status: 'cancelled'; request: RemediationRequest }
  | { status: 'completed'; request: RemediationRequest; tap?: TapHandout };

/** Who is looking at a request, as far as the buttons they get are concerned. */
export type Viewer = 'approver' | 'requester' | 'other';

export type ViewResult =
  | { status: 'unknown' }
  | { status: 'denied'; message: string }
  | {
      status: 'ok';
      request: RemediationRequest;
      /** `helpdesk`: the viewer is a helpdesk member or an approver of this fix. */
      view: { viewer: Viewer; notice?: string; helpdesk: boolean };
    };

export interface SweepReport {
  expired: number;
  abandoned: number;
  interrupted: number;
  exclusionsEnded: number;
  /** Held channel-card edits made now (see RemediationRequest.channelEditDueAt). */
  channelEdits: number;
  errors: number;
}
