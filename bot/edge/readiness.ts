import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/** Header that carries READYZ_KEY to see readiness details in a deployment. */
export const READINESS_KEY_HEADER = 'x-readiness-key';

function sameKey(given: string, expected: string): boolean {
  // Hashing first makes the comparison constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * What /readyz may tell a caller. Locally everything (it listens on loopback for one person).
 * In a deployment a probe learns ready or not; part names, the tenant and endpoints only go to a
 * caller presenting READYZ_KEY, and to nobody when no key is configured.
 */
export function readinessView(
  mode: 'local' | 'production',
  key: string | undefined,
): (req: Request, body: { status: string; parts: unknown }) => unknown {
  return (req, body) => {
    if (mode === 'local') return body;
    const given = req.header(READINESS_KEY_HEADER);
    if (key !== undefined && typeof given === 'string' && sameKey(given, key)) return body;
    return { status: body.status };
  };
}
