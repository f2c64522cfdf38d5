import type { AuditLog } from '../audit/audit-log';
import { ConflictError } from '../errors';
import { hideSecrets } from '../logging/redaction';
import { systemClock, type Clock, type GroupMembership } from '../ports';
import type { PostedCard } from '../conversation';
import type { Person } from '../remediation/types';
import {
  applyHandoff,
  ASK_REFUSALS,
  askedAbout,
  askRefusal,
  authorizeHandoff,
  nameOf,
  typedOf,
  type HandoffActor,
  type HandoffChange,
} from './rules';
import type { ActCommand, ActResult, AskCommand, AskResult, Asking } from './commands';
import { HandoffStore, newHandoffId, referenceOf, type Stored } from './store';
import type { Handoff, HandoffDraft } from './types';

export type { ActCommand, ActResult, AskCommand, AskResult } from './commands';

export interface HandoffDeps {
  store: HandoffStore;
  membership: GroupMembership;
  /** Members of this group are the helpdesk: they take, answer and close requests. */
  helpdeskGroupId?: string;
  audit: AuditLog;
  clock?: Clock;
}

const AUDIT_EVENT = {
  take: 'help-taken',
  reply: 'help-replied',
  close: 'help-closed',
  release: 'help-released',
  answer: 'help-answered',
} as const;

/**
 * "Ask the helpdesk": a person turns the card they got into a request for a human; a helpdesk
 * member takes it, replies through the bot and closes it. Decides and records only: the bot
 * renders and delivers what the results say.
 *
 * Every change is a compare-and-set on the stored request, so double clicks and two instances
 * act once; every change and every refused click is appended to the audit trail. Reply texts are
 * never written to the audit (only who replied, when and how long). What people type (note,
 * reply, answer, resolution) is kept and shown with anything that looks like a secret masked.
 */
export class HandoffService {
  private readonly clock: Clock;

  constructor(private readonly deps: HandoffDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Keeps what a card may be turned into, under the id its "Ask the helpdesk" button carries. */
  async prepare(id: string, draft: Omit<HandoffDraft, 'createdAt'>): Promise<void> {
    await this.deps.store.saveDraft(id, { ...draft, createdAt: this.clock.now().toISOString() });
  }

  async ask(command: AskCommand): Promise<AskResult> {
    const note = hideSecrets(command.note ?? '');
    const result = await this.askOnce({ ...command, note: note.text || undefined });
    return note.hidden && result.status === 'created' ? { ...result, secretHidden: true } : result;
  }

  private async askOnce(command: AskCommand): Promise<AskResult> {
    const { store } = this.deps;
    // Looked up among the clicker's own cards: someone else's card id finds nothing.
    const draft = await store.draft(command.actor.id, command.draftId);
    const refused = askRefusal(draft?.value, command.notIt?.reading);
    if (refused !== undefined || draft === undefined) {
      const { errorCode, why } = ASK_REFUSALS[refused ?? 'unknown'];
      await this.deps.audit.append({
        event: 'denied',
        actorId: command.actor.id,
        actorName: command.actor.name,
        summary: `Refused to send a request for help for ${nameOf(command.actor)}: ${why}.`,
        errorCode,
      });
      return { status: refused ?? 'unknown' };
    }
    const sent = draft.value.handoffId;
    if (sent) {
      // A crash between marking the draft and writing the request is finished here.
      const existing = (await store.get(sent)) ?? (await this.create(sent, draft.value, command));
      return { status: 'already', handoff: existing.value };
    }
    const id = newHandoffId(this.clock.now());
    try {
      await store.markDraftSent(command.actor.id, command.draftId, draft, id);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.askOnce(command);
    }
    const created = await this.create(id, draft.value, command);
    return { status: 'created', handoff: created.value };
  }

  private async create(id: string, draft: HandoffDraft, command: Asking): Promise<Stored<Handoff>> {
    const at = this.clock.now().toISOString();
    const handoff: Handoff = {
      id,
      reference: referenceOf(id),
      state: 'open',
      version: 1,
      asker: command.actor.name ? command.actor : draft.asker,
      facts: draft.facts,
      diagnosis: draft.diagnosis,
      createdAt: at,
      updatedAt: at,
      replies: [],
    };
    if (draft.subject) handoff.subject = draft.subject;
    if (command.note) handoff.note = command.note;
    if (command.notIt) handoff.notIt = command.notIt.words;
    if (command.askerChat) handoff.askerChat = command.askerChat;
    let stored: Stored<Handoff>;
    try {
      stored = await this.deps.store.insert(handoff);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const existing = await this.deps.store.get(id);
      if (!existing) throw error;
      return existing;
    }
    await this.audit(handoff, 'help-asked', command.actor, {
      summary: `${nameOf(command.actor)} asked the helpdesk (${handoff.reference}): ${askedAbout(handoff)}`,
    });
    return stored;
  }

  /** Where the request's card went in the helpdesk channel, so changes edit it for everyone. */
  async recordChannelCard(id: string, posted: PostedCard): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const found = await this.deps.store.get(id);
      if (!found) return;
      try {
        await this.deps.store.replace({ ...found.value, channelCard: posted }, found.etag);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  async get(id: string): Promise<Handoff | undefined> {
    return (await this.deps.store.get(id))?.value;
  }

  /** Take, reply or close: authorised against the stored request, then compare-and-set. */
  async act(command: ActCommand): Promise<ActResult> {
    const found = await this.deps.store.get(command.handoffId);
    if (!found) {
      await this.deps.audit.append({
        event: 'denied',
        actorId: command.actor.id,
        actorName: command.actor.name,
        requestId: command.handoffId,
        summary: `Refused a click by ${nameOf(command.actor)} on a request for help that does not exist.`,
        errorCode: 'unknown-request',
      });
      return { status: 'unknown' };
    }
    const handoff = found.value;
    const actor = await this.actorOf(command.actor);
    const decision = authorizeHandoff(actor, handoff, command.act);
    if (!decision.allowed) {
      await this.audit(handoff, 'denied', command.actor, {
        summary: `Refused to let ${nameOf(command.actor)} ${command.act} ${handoff.reference}: ${decision.message}`,
        errorCode: decision.reason,
      });
      return { status: 'denied', reason: decision.reason, message: decision.message, handoff };
    }
    const typed = hideSecrets(typedOf(command));
    if ((command.act === 'reply' || command.act === 'answer') && !typed.text) {
      const what = command.act === 'reply' ? 'reply' : 'answer';
      return { status: 'invalid', message: `Write your ${what} in the box first.`, handoff };
    }
    const next = applyHandoff(handoff, this.changeOf(command, typed.text));
    let stored: Stored<Handoff>;
    try {
      stored = await this.deps.store.replace(next, found.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = (await this.deps.store.get(handoff.id))?.value ?? handoff;
      return {
        status: 'conflict',
        message: 'Someone else changed this request at the same moment. Nothing was done twice.',
        handoff: latest,
      };
    }
    await this.audit(stored.value, AUDIT_EVENT[command.act], command.actor, {
      summary: summaryOf(command, stored.value, typed.text),
    });
    const done = { status: 'done' as const, act: command.act, handoff: stored.value };
    return typed.hidden ? { ...done, secretHidden: true } : done;
  }

  private changeOf(command: ActCommand, text: string): HandoffChange {
    const by = command.actor;
    const at = this.clock.now();
    switch (command.act) {
      case 'take':
      case 'release':
        return { type: command.act, by, at };
      case 'reply':
      case 'answer':
        return { type: command.act, by, at, text };
      case 'close':
        return { type: 'close', by, at, resolution: text || undefined };
    }
  }

  /** Requests not yet closed, oldest first; helpdesk members only. */
  async openRequests(
    person: Person,
    limit = 25,
  ): Promise<{ status: 'ok'; handoffs: Handoff[] } | { status: 'denied' }> {
    if (!(await this.actorOf(person)).helpdesk) return { status: 'denied' };
    return { status: 'ok', handoffs: await this.deps.store.open(limit) };
  }

  async isHelpdesk(person: Person): Promise<boolean> {
    return (await this.actorOf(person)).helpdesk;
  }

  now(): Date {
    return this.clock.now();
  }

  private async actorOf(person: Person): Promise<HandoffActor> {
    const group = this.deps.helpdeskGroupId;
    const groups = group ? await this.deps.membership.memberOf(person.id, [group]) : [];
    return { ...person, helpdesk: group !== undefined && groups.includes(group) };
  }

  private async audit(
    handoff: Handoff,
    event: Parameters<AuditLog['append']>[0]['event'],
    actor: Person,
    fields: { summary: string; errorCode?: string },
  ): Promise<void> {
    await this.deps.audit.append({
      event,
      actorId: actor.id,
      actorName: actor.name,
      requestId: handoff.id,
      subjectId: handoff.subject?.id,
      subjectName: handoff.subject?.name,
      ...fields,
    });
  }
}

function summaryOf(command: ActCommand, handoff: Handoff, text: string): string {
  const by = nameOf(command.actor);
  switch (command.act) {
    case 'take':
      return `${by} took ${handoff.reference} from ${nameOf(handoff.asker)}.`;
    case 'reply':
      return `${by} replied to ${nameOf(handoff.asker)} on ${handoff.reference} (${text.length} characters).`;
    case 'close':
      return `${by} closed ${handoff.reference}.${handoff.resolution ? ` Resolution: ${handoff.resolution}` : ''}`;
    case 'release':
      return `${by} handed ${handoff.reference} back to the helpdesk queue.`;
    case 'answer':
      return `${by} answered the helpdesk on ${handoff.reference} (${text.length} characters).`;
  }
}
