import type { EdgeHarness } from './edge-harness';

/** One forged or broken Authorization header and why the SDK must refuse it. */
export interface JwtCase {
  name: string;
  header(h: EdgeHarness): string | undefined;
  /** Sets the activity's serviceUrl when it must differ from the token's claim. */
  serviceUrl?: string;
}

const HOUR = 3600;
const now = (): number => Math.floor(Date.now() / 1000);

export const REFUSED_JWT_CASES: readonly JwtCase[] = [
  { name: 'missing', header: () => undefined },
  { name: 'not a bearer token', header: () => 'Basic dXNlcjpwYXNz' },
  { name: 'garbage', header: () => 'Bearer not.a.token' },
  {
    name: 'expired',
    header: (h) =>
      `Bearer ${h.authority.token(h.claims({ exp: now() - 2 * HOUR, nbf: now() - 3 * HOUR }))}`,
  },
  {
    name: 'not yet valid',
    header: (h) => `Bearer ${h.authority.token(h.claims({ nbf: now() + 2 * HOUR }))}`,
  },
  {
    name: 'wrong audience',
    header: (h) =>
      `Bearer ${h.authority.token(h.claims({ aud: '11111111-2222-4333-8444-555555555555' }))}`,
  },
  {
    name: 'wrong issuer',
    header: (h) => `Bearer ${h.authority.token(h.claims({ iss: 'https://issuer.invalid' }))}`,
  },
  {
    name: 'bad signature',
    header: (h) => `Bearer ${h.authority.token(h.claims(), { foreignKey: true })}`,
  },
  {
    name: 'tampered payload',
    header: (h) => {
      const [head, , signature] = h.authority.token(h.claims()).split('.');
      const payload = Buffer.from(
        JSON.stringify(h.claims({ aud: h.config.bot.appId, admin: true })),
      ).toString('base64url');
      return `Bearer ${head}.${payload}.${signature}`;
    },
  },
  {
    name: 'unknown key id',
    header: (h) => `Bearer ${h.authority.token(h.claims(), { kid: 'no-such-key' })}`,
  },
  { name: 'alg none', header: (h) => `Bearer ${h.authority.token(h.claims(), { alg: 'none' })}` },
  {
    name: 'HS256 with the public key',
    header: (h) => `Bearer ${h.authority.token(h.claims(), { alg: 'hs256-public' })}`,
  },
  {
    name: 'serviceurl claim differs from the activity',
    header: (h) => `Bearer ${h.authority.token(h.claims())}`,
    serviceUrl: 'https://attacker.invalid/',
  },
];
