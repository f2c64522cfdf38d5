import { selectSignIns } from '../diagnosis/sign-in-query';
import type { SignInQuery, SignInRecord } from '../diagnosis/ports';
import { PacedFairLine } from './fair-line';
import { refusalError, type TokenBucket } from './rate-limiter';

/**
 * Sign-in log look-ups under Graph's 5 requests / 10 s per tenant. One person's paste gets its own
 * precise query as soon as a token is free. When several look-ups are waiting for the same token
 * (a burst: many people blocked by one policy paste the same code), they are answered together by
 * one query for that error code over their combined time range, and each gets the rows that match
 * its own query. A look-up that the merged page cannot answer for sure (the page was full before
 * reaching its time range) goes back in line for a query of its own.
 *
 * The line is fair between people (FairLine, keyed by the user whose log is read): the tenant's
 * budget goes round-robin, so one person pasting again and again waits behind their own look-ups,
 * not in front of everyone else's, and holds at most PER_PERSON of them; beyond that a look-up
 * is refused at once as "busy" instead of queueing for minutes. So is a look-up whose turn would
 * come later than the bucket's wait budget (as for risk reads): one that merges with a waiting
 * look-up costs no turn of its own, so a burst of the same code is not refused for it.
 */

/** Look-ups one person may have waiting at once. */
export const PER_PERSON = 4;

/** What a refused person is told to wait: about one window of the report limit. */
const PERSON_RETRY_MS = 10_000;

/** Graph's largest sign-in page. */
export const SIGN_IN_PAGE = 1000;

export type SignInFetch = (filter: string, top: number) => Promise<SignInRecord[]>;

interface Waiting {
  query: SignInQuery;
  /** Set once a merged answer could not vouch for this look-up. */
  alone: boolean;
  resolve: (rows: SignInRecord[]) => void;
  reject: (error: unknown) => void;
}

const GUID32 = /^[0-9a-f]{32}$/i;

/** Graph wants GUIDs with dashes; pastes sometimes carry the 32-digit form. */
function guid(value: string): string {
  const v = value.replace(/[{}]/g, '');
  return GUID32.test(v)
    ? `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`
    : v;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function instant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The OData filter of one look-up. Only operators the sign-in log documents are used. */
export function signInFilter(query: SignInQuery): string {
  const parts = [`userId eq ${literal(guid(query.userId))}`];
  if (query.requestId !== undefined) parts.push(`id eq ${literal(guid(query.requestId))}`);
  if (query.correlationId !== undefined) {
    parts.push(`correlationId eq ${literal(guid(query.correlationId))}`);
  }
  if (query.errorCode !== undefined) parts.push(`status/errorCode eq ${query.errorCode}`);
  parts.push(`createdDateTime ge ${instant(query.since)}`);
  return parts.join(' and ');
}

function mergedFilter(errorCode: number, since: Date): string {
  return `status/errorCode eq ${errorCode} and createdDateTime ge ${instant(since)}`;
}

function normalised(query: SignInQuery): SignInQuery {
  return {
    ...query,
    userId: guid(query.userId),
    ...(query.requestId === undefined ? {} : { requestId: guid(query.requestId) }),
    ...(query.correlationId === undefined ? {} : { correlationId: guid(query.correlationId) }),
  };
}

/** Whose look-up it is, for fairness: the user whose sign-in log it reads. */
function personOf(w: Waiting): string {
  return w.query.userId.toLowerCase();
}

/** The code a look-up can be merged on: its filter, or else its hint. */
function mergeCode(query: SignInQuery): number | undefined {
  return query.errorCode ?? query.expectedErrorCode;
}

/**
 * With the next person's oldest look-up, every waiting look-up for the same error code when it
 * can merge (one query answers them all, so they cost nobody a turn).
 */
function mergeable(first: Waiting): ((w: Waiting) => boolean) | undefined {
  const code = mergeCode(first.query);
  if (code === undefined || first.alone) return undefined;
  return (w) => !w.alone && mergeCode(w.query) === code;
}

export class SignInQueue {
  private readonly line: PacedFairLine<Waiting>;

  constructor(
    private readonly fetch: SignInFetch,
    /** The tenant's sign-in report bucket; undefined means unpaced (tests of the merge alone). */
    bucket: TokenBucket | undefined,
    perPerson = PER_PERSON,
  ) {
    this.line = new PacedFairLine<Waiting>(bucket, perPerson, {
      serve: (group) => void this.dispatch(group),
      refuse: (group, error) => group.forEach((w) => w.reject(error)),
      companions: mergeable,
    });
  }

  find(query: SignInQuery): Promise<SignInRecord[]> {
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { query: normalised(query), alone: false, resolve, reject };
      const refused = this.line.push(personOf(waiting), waiting);
      if (refused) reject(refusalError('sign-in-reports', refused, PERSON_RETRY_MS));
    });
  }

  private async dispatch(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      try {
        only.resolve(await this.fetch(signInFilter(only.query), only.query.top));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    const code = mergeCode(group[0].query) as number;
    const since = new Date(Math.min(...group.map((w) => w.query.since.getTime())));
    let rows: SignInRecord[];
    try {
      rows = await this.fetch(mergedFilter(code, since), SIGN_IN_PAGE);
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    const full = rows.length >= SIGN_IN_PAGE;
    const oldest = full ? Math.min(...rows.map((r) => Date.parse(r.createdDateTime))) : -Infinity;
    for (const w of group) {
      const answer = selectSignIns(rows, w.query);
      // With only a hint, an empty answer proves nothing: the full answer may hold other codes.
      const vouched = answer.length > 0 || w.query.errorCode !== undefined;
      const covered = !full || answer.length >= w.query.top || w.query.since.getTime() >= oldest;
      if (vouched && covered) w.resolve(answer);
      else this.line.putBack(personOf(w), { ...w, alone: true });
    }
  }
}
