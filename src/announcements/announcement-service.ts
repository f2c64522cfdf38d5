/**
 * What an author does: draft (with a preview of audience size and the tenant's Authenticator
 * settings), confirm, cancel, ask for status or the failures. Only members of the configured
 * helpdesk or admin groups may, checked through Graph at each step (a card button carries ids,
 * never authority).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import { hideSecrets } from '../logging/redaction';
import type { Clock, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { toCsv } from './csv';
import type { AudienceDirectory, AuthenticatorSettings, MessageComposer } from './ports';
import type { ReferenceStore } from './reference-store';
import { shardsFor } from './tables';
import type {
  RecipientStatus,
  Audience,
  AnnouncementRecord,
  DeliveryMessage,
  Person,
  StoredReference,
  TemplateId,
} from './types';

export interface DraftInput {
  template: TemplateId;
  activationDate: string;
  audience: Audience;
  note?: string;
  author: Person;
  /** The author's chat, for the preview and later the progress card. */
  authorReference?: StoredReference;
}

export interface Preview {
  announcement: AnnouncementRecord;
  /** Part of the author's note looked like a secret and was masked before it was kept. */
  secretHidden?: true;
  /** The tenant's Authenticator settings, or why they could not be read. */
  settings?: AuthenticatorSettings;
  settingsProblem?: string;
}

export interface AnnouncementServiceDeps {
  store: AnnouncementStore;
  references: ReferenceStore;
  directory: AudienceDirectory;
  queue: WorkQueue<DeliveryMessage>;
  clock: Clock;
  /** Groups whose members may announce (helpdesk, admins). Empty: nobody may. */
  authorGroupIds: string[];
  newId?: () => string;
  /** Recipients per partition of its rows (tables.ts ROWS_PER_SHARD unless a test says less). */
  rowsPerShard?: number;
  /** Renders the recipients' message, stored with the announcement at confirm (see types.ts). */
  compose?: MessageComposer;
}

const DAY_MS = 86_400_000;
/** Every status but sent: what the failures export lists. */
const NOT_SENT: readonly RecipientStatus[] = [
  'failed',
  'unreachable',
  'cancelled',
  'queued',
  'sending',
];

export function newAnnouncementId(now: Date): string {
  return `ann-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}

export class AnnouncementService {
  constructor(private readonly deps: AnnouncementServiceDeps) {}

  /** Throws not-authorized unless the person is in a helpdesk or admin group. */
  async authorize(actor: Person): Promise<void> {
    const groups = this.deps.authorGroupIds.filter((g) => g.trim() !== '');
    if (groups.length === 0) {
      throw notAuthorized(
        'no helpdesk or admin group is configured',
        'Announcements are switched off: no helpdesk or admin group is configured for the bot.',
      );
    }
    const member = await this.deps.directory.memberGroups(actor.objectId, groups);
    if (member.length === 0) {
      throw notAuthorized(
        `${actor.objectId} is in none of the author groups`,
        'Only helpdesk and admin team members can send announcements.',
      );
    }
  }

  async draft(input: DraftInput): Promise<Preview> {
    await this.authorize(input.author);
    const now = this.deps.clock.now();
    const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    if (input.activationDate < today) {
      throw new AppError(
        'input-invalid',
        `activation date ${input.activationDate} is in the past`,
        {
          userMessage: `The activation date ${input.activationDate} has already passed. Pick today or a later day.`,
        },
      );
    }
    const { size, label } = await this.sizeUp(input.audience);
    // The note goes to everyone in the audience: a pass or token typed into it by mistake is not.
    const note = hideSecrets(input.note ?? '');
    const announcement: AnnouncementRecord = {
      id: (this.deps.newId ?? (() => newAnnouncementId(now)))(),
      template: input.template,
      activationDate: input.activationDate,
      audience: input.audience,
      audienceLabel: label,
      previewSize: size,
      note: note.text || undefined,
      author: input.author,
      authorReference: input.authorReference,
      state: 'draft',
      createdAt: now.toISOString(),
      expanded: false,
      rowsFilterable: true,
      shards: shardsFor(size, this.deps.rowsPerShard),
      total: 0,
    };
    await this.deps.store.create(announcement);
    const told: Pick<Preview, 'secretHidden'> = note.hidden ? { secretHidden: true } : {};
    try {
      return { announcement, settings: await this.deps.directory.authenticatorSettings(), ...told };
    } catch (error) {
      const problem =
        error instanceof AppError
          ? error.userMessage
          : 'The Authenticator settings could not be read.';
      return { announcement, settingsProblem: problem, ...told };
    }
  }

  /**
   * Starts delivery. A second click, or a click on a stale card, changes nothing and returns the
   * announcement as it is.
   */
  async confirm(
    id: string,
    actor: Person,
    progress: { reference?: StoredReference; activityId?: string },
  ): Promise<AnnouncementRecord> {
    await this.authorize(actor);
    const now = this.deps.clock.now().toISOString();
    // The message is rendered from the draft as read here; stored only if the draft has not
    // changed since (else the workers render it, as for announcements confirmed before).
    const draft = this.deps.compose ? (await this.deps.store.require(id)).value : undefined;
    // A message that fails to render here is rendered by the workers, as before: confirming
    // never fails for it.
    const message =
      draft?.state === 'draft' && this.deps.compose
        ? await Promise.resolve(draft)
            .then(this.deps.compose)
            .catch(() => undefined)
        : undefined;
    await this.deps.store.markActive(id, now);
    let started = false;
    const updated = await this.deps.store.update(id, (current) => {
      started = current.state === 'draft';
      if (!started) return undefined;
      const same = message !== undefined && JSON.stringify(current) === JSON.stringify(draft);
      return {
        ...current,
        state: 'queued',
        confirmedAt: now,
        authorReference: progress.reference ?? current.authorReference,
        progressActivityId: progress.activityId ?? current.progressActivityId,
        ...(same ? { message } : {}),
      };
    });
    if (started) await this.deps.queue.send({ v: 1, kind: 'expand', announcementId: id });
    return updated.value;
  }

  /** A draft is discarded; a running announcement stops taking new recipients. */
  async cancel(id: string, actor: Person): Promise<AnnouncementRecord> {
    await this.authorize(actor);
    const updated = await this.deps.store.update(id, (current) => {
      if (current.state === 'draft') return { ...current, state: 'discarded', cancelledBy: actor };
      if (current.state === 'queued' || current.state === 'sending') {
        return { ...current, state: 'cancelling', cancelledBy: actor };
      }
      return undefined;
    });
    return updated.value;
  }

  async status(id: string, actor: Person): Promise<AnnouncementRecord> {
    await this.authorize(actor);
    return (await this.deps.store.require(id)).value;
  }

  /** Every recipient that did not get the message, as CSV. */
  async failuresCsv(id: string, actor: Person): Promise<{ csv: string; rows: number }> {
    await this.authorize(actor);
    const announcement = (await this.deps.store.require(id)).value;
    // Filtered by the table service when the rows keep their status column: a large run with
    // few failures is one request, not one per 1,000 recipients.
    const rows = (
      announcement.rowsFilterable
        ? await this.deps.store.recipientsWithStatus(id, NOT_SENT)
        : await this.deps.store.recipients(id)
    ).filter((r) => r.value.status !== 'sent');
    const csv = toCsv(
      [
        'recipient',
        'objectId',
        'displayName',
        'userPrincipalName',
        'status',
        'reason',
        'attempts',
        'updatedAt',
      ],
      rows.map((r) => [
        r.key.row,
        r.value.objectId,
        r.value.displayName,
        r.value.upn,
        r.value.status,
        r.value.reason,
        r.value.attempts,
        r.value.updatedAt,
      ]),
    );
    return { csv, rows: rows.length };
  }

  private async sizeUp(audience: Audience): Promise<{ size: number; label: string }> {
    if (audience.kind === 'installed') {
      return { size: await this.deps.references.countUsers(), label: 'Everyone who has the app' };
    }
    if (audience.kind === 'channel') {
      const team = await this.deps.references.team(audience.teamId);
      if (!team) {
        throw new AppError('input-invalid', `no reference for team ${audience.teamId}`, {
          userMessage:
            'The bot is not installed in that team, so it cannot post there. Add the app to the team first.',
        });
      }
      return { size: 1, label: `A post in ${team.teamName ?? 'the team'}` };
    }
    const seen = new Set<string>();
    for await (const page of this.deps.directory.groupMembers(audience.groupId)) {
      for (const user of page) seen.add(user.id.toLowerCase());
    }
    const name = await this.deps.directory.groupName(audience.groupId);
    return {
      size: seen.size,
      label: `Members of ${name ?? audience.groupId} (nested groups included)`,
    };
  }
}

function notAuthorized(message: string, userMessage: string): AppError {
  return new AppError('not-authorized', message, { userMessage, status: 403 });
}
