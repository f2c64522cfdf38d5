import type { Clock, RecordStore } from '../ports';
import { systemClock } from '../ports';
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

  async remember(offers: readonly ActionOffer[]): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
    await Promise.all(
      offers.map((offer) => {
        const value: StoredOffer = {
          kind: offer.kind,
          subjectId: offer.subjectId,
          reason: offer.reason,
          until,
        };
        if (offer.targetId !== undefined) value.targetId = offer.targetId;
        if (offer.signIn !== undefined) value.signIn = offer.signIn;
        return this.records.upsert(OFFERS_TABLE, keyOf(offer), value);
      }),
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
