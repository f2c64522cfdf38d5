import type { OfferFormLimits } from '../../cards/diagnosis';
import type { RemediationPolicy } from '../../src/remediation/policy';
import type { RemediationReader } from '../../src/remediation/ports';

/**
 * The bounds a fix's form offers: the tenant's Temporary Access Pass policy (read from Graph,
 * kept for a few minutes: policy reads share a small per-tenant budget) and the longest
 * exclusion the configuration allows. When the policy cannot be read the form falls back to
 * Graph's own bounds; the server checks the value against the policy at click time either way.
 */
export function formLimitsSource(
  reader: Pick<RemediationReader, 'getTapPolicy'>,
  policy: RemediationPolicy,
  options: { ttlMs?: number; now?: () => number } = {},
): () => Promise<OfferFormLimits> {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; tap: OfferFormLimits['tap'] } | undefined;
  const exclusion = {
    maxHours: policy.caExclusion.maxHours,
    defaultHours: policy.caExclusion.defaultHours,
  };
  return async () => {
    if (cached === undefined || now() - cached.at > ttlMs) {
      const tap = await reader.getTapPolicy().then(
        (p) => ({
          min: p.minimumLifetimeInMinutes,
          max: p.maximumLifetimeInMinutes,
          default: policy.tap.defaultLifetimeMinutes,
          oneTimeOnly: p.isUsableOnce,
        }),
        () => undefined,
      );
      if (tap === undefined) return { exclusion };
      cached = { at: now(), tap };
    }
    return { tap: cached.tap, exclusion };
  };
}
