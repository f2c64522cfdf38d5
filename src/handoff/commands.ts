import type { ConversationAddress } from '../conversation';
import type { Person } from '../remediation/types';
import type { HandoffAct, HandoffDenial } from './rules';
import type { Handoff } from './types';

/** What HandoffService is asked to do, and what it answers (service.ts). */

export type AskCommand = {
  draftId: string;
  actor: Person;
  note?: string;
  /** From "None of these": the turned-down reading (the card's, see askRefusal) and its words. */
  notIt?: { reading: string; words: NonNullable<Handoff['notIt']> };
  askerChat?: ConversationAddress;
};

export type Asking = Omit<AskCommand, 'draftId'>;

/**
 * `unknown` and `changed`: refused, nothing sent (rules.ts askRefusal).
 * `secretHidden`: part of what the writer typed looked like a secret and was masked.
 */
export type AskResult =
  | { status: 'created'; handoff: Handoff; secretHidden?: true }
  | { status: 'already'; handoff: Handoff }
  | { status: 'unknown' }
  | { status: 'changed' };

export type ActCommand =
  | { act: 'take'; actor: Person; handoffId: string }
  | { act: 'reply'; actor: Person; handoffId: string; text?: string }
  | { act: 'close'; actor: Person; handoffId: string; resolution?: string }
  | { act: 'release'; actor: Person; handoffId: string }
  | { act: 'answer'; actor: Person; handoffId: string; text?: string };

export type ActResult =
  | { status: 'done'; act: HandoffAct; handoff: Handoff; secretHidden?: true }
  | { status: 'unknown' }
  | { status: 'denied'; reason: HandoffDenial; message: string; handoff: Handoff }
  | { status: 'invalid'; message: string; handoff: Handoff }
  | { status: 'conflict'; message: string; handoff: Handoff };
