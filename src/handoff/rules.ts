import type { Person } from '../remediation/types';
import type { Handoff, HandoffDraft, HandoffReply } from './types';

/**
 * Who may do what with a request for help, decided from the stored request at click time, and
 * the changes themselves. Pure: no storage, no clock.
 *
 * - take: a helpdesk member, while nobody has it. A second take (the same agent or another) is
 *   refused, so the person hears from one agent.
 * - reply: the agent who took it, while it is assigned.
 * - close: the agent who took it; while nobody has taken it, any helpdesk member.
 * - release: the agent who took it hands it back, open for another member to take.
 * - answer: the person who asked writes back, until the request is closed (helpdesk membership
 *   plays no part: it is their own request, and nobody else's).
 */

export type HandoffAct = 'take' | 'reply' | 'close' | 'release' | 'answer';

export type HandoffDenial =
  'not-helpdesk' | 'already-taken' | 'closed' | 'not-taken' | 'not-assignee' | 'not-asker';

export type HandoffDecision =
  { allowed: true } | { allowed: false; reason: HandoffDenial; message: string };

export interface HandoffActor extends Person {
  /** Member of the helpdesk group, checked against the directory at click time. */
  helpdesk: boolean;
}

export function nameOf(person: Person): string {
  return person.name?.trim() || 'someone';
}

function deny(reason: HandoffDenial, message: string): HandoffDecision {
  return { allowed: false, reason, message };
}

export function authorizeHandoff(
  actor: HandoffActor,
  handoff: Handoff,
  act: HandoffAct,
): HandoffDecision {
  if (act === 'answer') return authorizeAnswer(actor, handoff);
  if (!actor.helpdesk) {
    return deny(
      'not-helpdesk',
      'Only helpdesk members can take, answer or close requests for help. Nothing was changed.',
    );
  }
  if (handoff.state === 'closed') {
    const by = handoff.closedBy ? ` by ${nameOf(handoff.closedBy)}` : '';
    return deny('closed', `This request was already closed${by}. Nothing was changed.`);
  }
  const assignee = handoff.assignee;
  const mine = assignee?.id === actor.id;
  switch (act) {
    case 'take':
      if (!assignee) return { allowed: true };
      return deny(
        'already-taken',
        mine
          ? 'You have already taken this request.'
          : `${nameOf(assignee)} has already taken this request.`,
      );
    case 'reply':
      if (!assignee) {
        return deny('not-taken', 'Take this request first, so the person knows who is answering.');
      }
      if (!mine) {
        return deny('not-assignee', `${nameOf(assignee)} has this request; only they can reply.`);
      }
      return { allowed: true };
    case 'release':
      if (!assignee) return deny('not-taken', 'Nobody has taken this request; it is open already.');
      if (!mine) {
        return deny(
          'not-assignee',
          `${nameOf(assignee)} has this request; only they can hand it back.`,
        );
      }
      return { allowed: true };
    case 'close':
      if (assignee && !mine) {
        return deny(
          'not-assignee',
          `${nameOf(assignee)} has this request; only they can close it.`,
        );
      }
      return { allowed: true };
  }
}

function authorizeAnswer(actor: HandoffActor, handoff: Handoff): HandoffDecision {
  if (actor.id !== handoff.asker.id) {
    return deny('not-asker', 'Only the person who asked can answer here. Nothing was sent.');
  }
  if (handoff.state === 'closed') {
    return deny(
      'closed',
      'This request was closed. If the problem is still there, paste the error again and ask from the new card.',
    );
  }
  return { allowed: true };
}

/** Most replies a request keeps (the newest); older ones stay in the audit trail. */
export const MAX_REPLIES = 20;

export type HandoffChange =
  | { type: 'take'; by: Person; at: Date }
  | { type: 'reply'; by: Person; at: Date; text: string }
  | { type: 'close'; by: Person; at: Date; resolution?: string }
  | { type: 'release'; by: Person; at: Date }
  | { type: 'answer'; by: Person; at: Date; text: string };

/** The request after an allowed change; the caller writes it with compare-and-set. */
export function applyHandoff(handoff: Handoff, change: HandoffChange): Handoff {
  const at = change.at.toISOString();
  const next: Handoff = { ...handoff, version: handoff.version + 1, updatedAt: at };
  switch (change.type) {
    case 'take':
      return { ...next, state: 'assigned', assignee: change.by, assignedAt: at };
    case 'reply':
    case 'answer': {
      const reply: HandoffReply = { by: change.by, at, text: change.text };
      if (change.type === 'answer') reply.fromAsker = true;
      return { ...next, replies: [...handoff.replies, reply].slice(-MAX_REPLIES) };
    }
    case 'release': {
      const released: Handoff = { ...next, state: 'open' };
      delete released.assignee;
      delete released.assignedAt;
      return released;
    }
    case 'close': {
      const closed: Handoff = { ...next, state: 'closed', closedBy: change.by, closedAt: at };
      if (change.resolution) closed.resolution = change.resolution;
      return closed;
    }
  }
}

/** What the clicker typed with a click (a reply, an answer, a resolution), trimmed. */
export function typedOf(command: { act: HandoffAct; text?: string; resolution?: string }): string {
  if (command.act === 'reply' || command.act === 'answer') return command.text?.trim() ?? '';
  return command.act === 'close' ? (command.resolution?.trim() ?? '') : '';
}

/** What a request is about, in a line: the bot's reading, or that the person turned it down. */
export function askedAbout(handoff: Pick<Handoff, 'diagnosis' | 'notIt'>): string {
  return handoff.notIt
    ? `the person says it is not ${handoff.notIt}, and none of the listed problems fits`
    : handoff.diagnosis.headline;
}

/** Why "Ask the helpdesk" sends nothing, as the audit says it. */
export const ASK_REFUSALS = {
  unknown: { errorCode: 'unknown-card', why: 'not one of the cards they got recently' },
  changed: {
    errorCode: 'changed-card',
    why: 'the turned-down reading is not the one their card showed',
  },
} as const;

/**
 * Whether a click on "Ask the helpdesk" is refused: `unknown` when the card is not one of the
 * clicker's recent ones (someone else's, forged or forgotten); `changed` when it names a
 * turned-down reading (from "None of these") other than the one its card offered "That's not it"
 * on: only that one can be turned down, another name is a changed button.
 */
export function askRefusal(
  draft: Pick<HandoffDraft, 'reading'> | undefined,
  notIt: string | undefined,
): keyof typeof ASK_REFUSALS | undefined {
  if (draft === undefined) return 'unknown';
  return notIt !== undefined && notIt !== draft.reading ? 'changed' : undefined;
}
