/**
 * Conversation references the bot may write to, kept from install events. A user's personal
 * chat is keyed by Entra object id (what audiences list), a team by team id. The newest
 * serviceUrl seen per tenant is kept too: opening a chat with a user who never wrote to the bot
 * needs one, and the regional value from a real activity beats any well-known fallback.
 */
import { systemClock, type Clock, type RecordStore } from '../ports';
import { TABLES } from './tables';
import type { StoredReference } from './types';

type ReferenceRow = { reference: StoredReference; savedAt: string; source: string };
type TenantRow = { serviceUrl: string; botId: string; savedAt: string };

export class ReferenceStore {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async saveUser(objectId: string, reference: StoredReference, source: string): Promise<void> {
    await this.save({ partition: 'user', row: objectId.toLowerCase() }, reference, source);
  }

  async saveTeam(teamId: string, reference: StoredReference, source: string): Promise<void> {
    await this.save({ partition: 'team', row: teamId }, reference, source);
  }

  async saveChat(
    conversationId: string,
    reference: StoredReference,
    source: string,
  ): Promise<void> {
    await this.save({ partition: 'chat', row: conversationId }, reference, source);
  }

  async user(objectId: string): Promise<StoredReference | undefined> {
    const row = await this.records.get<ReferenceRow>(TABLES.references, {
      partition: 'user',
      row: objectId.toLowerCase(),
    });
    return row?.value.reference;
  }

  async team(teamId: string): Promise<StoredReference | undefined> {
    const row = await this.records.get<ReferenceRow>(TABLES.references, {
      partition: 'team',
      row: teamId,
    });
    return row?.value.reference;
  }

  /** Every user with a stored personal chat, as (object id, reference) pairs. */
  async users(): Promise<{ objectId: string; reference: StoredReference }[]> {
    const rows = await this.records.list<ReferenceRow>(TABLES.references, 'user');
    return rows.map((row) => ({ objectId: row.key.row, reference: row.value.reference }));
  }

  async countUsers(): Promise<number> {
    return (await this.records.list<ReferenceRow>(TABLES.references, 'user')).length;
  }

  async forgetUser(objectId: string): Promise<void> {
    await this.records.delete(TABLES.references, {
      partition: 'user',
      row: objectId.toLowerCase(),
    });
  }

  async forgetTeam(teamId: string): Promise<void> {
    await this.records.delete(TABLES.references, { partition: 'team', row: teamId });
  }

  async forgetChat(conversationId: string): Promise<void> {
    await this.records.delete(TABLES.references, { partition: 'chat', row: conversationId });
  }

  /** The service URL and bot id to use for a tenant when no reference is stored. */
  async tenant(tenantId: string): Promise<{ serviceUrl: string; botId: string } | undefined> {
    const row = await this.records.get<TenantRow>(TABLES.references, {
      partition: 'tenant',
      row: tenantId,
    });
    return row && { serviceUrl: row.value.serviceUrl, botId: row.value.botId };
  }

  private async save(
    key: { partition: string; row: string },
    reference: StoredReference,
    source: string,
  ): Promise<void> {
    const savedAt = this.clock.now().toISOString();
    await this.records.upsert<ReferenceRow>(TABLES.references, key, { reference, savedAt, source });
    if (reference.tenantId) {
      await this.records.upsert<TenantRow>(
        TABLES.references,
        { partition: 'tenant', row: reference.tenantId },
        { serviceUrl: reference.serviceUrl, botId: reference.botId, savedAt },
      );
    }
  }
}
