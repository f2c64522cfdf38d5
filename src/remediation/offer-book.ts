import type { Clock, RecordStore } from '../ports';
import { MAX_BATCH, systemClock } from '../ports';
import type { ActionOffer } from './action-kinds';
import type { OfferCheck } from './ports';
import type { FailedSignIn } from './types';

export const OFFERS_TABLE = 'RemediationOffers';
const PARTITION = 'offer';

type StoredOffer = {
  kind: string;
  subjectId: string;
  targetId?: string;
  reason: string;
  until: string;
  signIn?: FailedSignIn;
};

/**
 * The offers diagnosis made, kept server-side for a while, so a request made from a diagnosis
 * card carries diagnosis's own "why" (the button carries ids only). The diagnosis route calls
 * `remember(diagnosis.offers)` when it shows the card; remediation asks `reasonFor` when the
 * button is clicked.
 *
 * `strict`: a fix that diagnosis did not offer (or offered too long ago) is refused instead of
 * being asked for with a standard reason.
 */
export class OfferBook implements OfferCheck {
  private readonly ttlMs: number;
  private readonly strict: boolean;

  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock = systemClock,
    options: { ttlMinutes?: number; strict?: boolean } = {},
  ) {
    this.ttlMs = (options.ttlMinutes ?? 24 * 60) * 60_000;
    this.strict = options.strict ?? false;
  }

  /**
   * The offers of one card are written together: one table transaction (one storage request)
   * when the store offers it, as they share a partition; an offer shown twice is kept once.
   */
  async remember(offers: readonly ActionOffer[]): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    const rows = new Map<string, StoredOffer>();
    for (const offer of offers) {
      const value: StoredOffer = {
        kind: offer.kind,
        subjectId: offer.subjectId,
        reason: offer.reason,
        until,
      };
      if (offer.targetId !== undefined) value.targetId = offer.targetId;
      if (offer.signIn !== undefined) value.signIn = offer.signIn;
      rows.set(keyOf(offer).row, value);
    }
    const batch = [...rows].map(([row, value]) => ({ row, value }));
    if (batch.length > 1 && this.records.upsertBatch) {
      for (let at = 0; at < batch.length; at += MAX_BATCH) {
        await this.records.upsertBatch(OFFERS_TABLE, PARTITION, batch.slice(at, at + MAX_BATCH));
      }
      return;
    }
    await Promise.all(
      batch.map(({ row, value }) =>
        this.records.upsert(OFFERS_TABLE, { partition: PARTITION, row }, value),
      ),
    );
  }

  async reasonFor(
    offer: Pick<ActionOffer, 'kind' | 'subjectId' | 'targetId'>,
  ): ReturnType<OfferCheck['reasonFor']> {
    const stored = await this.records.get<StoredOffer>(OFFERS_TABLE, keyOf(offer));
    const live = stored && Date.parse(stored.value.until) > this.clock.now().getTime();
    if (live) {
      const { reason, signIn } = stored.value;
      return signIn ? { fits: true, reason, signIn } : { fits: true, reason };
    }
    if (this.strict) {
      return {
        fits: false,
        message:
          'This fix was not suggested for this account recently. Paste the error again to get a fresh diagnosis.',
      };
    }
    return { fits: true };
  }
}

function keyOf(offer: Pick<ActionOffer, 'kind' | 'subjectId' | 'targetId'>): {
  partition: string;
  row: string;
} {
  return {
    partition: PARTITION,
    row: [offer.kind, offer.subjectId, offer.targetId ?? '-'].join('~'),
  };
}
