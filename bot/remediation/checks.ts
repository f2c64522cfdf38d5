import { PromptEvidence } from '../../src/announcements/prompt-evidence';
import { recheckSignIn } from '../../src/diagnosis/recheck';
import type { GraphDirectoryReader } from '../../src/graph/directory-reader';
import type { TenantRateLimits } from '../../src/graph/rate-limiter';
import type { GraphTransport } from '../../src/graph/transport';
import { GraphWhatIfReader } from '../../src/graph/what-if-reader';
import type { Clock, GroupMembership, RecordStore } from '../../src/ports';
import type { OfferBook } from '../../src/remediation/offer-book';
import { SignInWatches } from '../../src/remediation/sign-in-watch';

/**
 * The checks around a fix, built on the tenant's shared limiter: the exclusion preview (What If),
 * the closed-loop check's watches (which re-diagnose a failure that came back) and the evidence a
 * prompt report carries. The sign-in reads go through diagnosis's own reader, so they queue in
 * its one fair line for Graph's sign-in budget.
 */
export function composeChecks(parts: {
  /** The one Graph transport (compose.ts), carrying the tenant's limiter. */
  graphCalls: GraphTransport;
  /** The directory reader diagnosis uses too: one sign-in line, one set of caches. */
  directory: GraphDirectoryReader;
  records: RecordStore;
  membership: GroupMembership;
  limits: TenantRateLimits;
  clock: Clock;
  offers: OfferBook;
}) {
  const { records, limits, clock } = parts;
  const signIns = parts.directory;
  return {
    whatIf: new GraphWhatIfReader(parts.graphCalls, parts.membership, limits),
    watches: new SignInWatches(records, signIns, {}, (userId, row) =>
      recheckSignIn({ reader: signIns, clock }, userId, row),
    ),
    evidence: new PromptEvidence(signIns, parts.offers),
  };
}
