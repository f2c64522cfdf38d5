import * as http from 'node:http';
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * A stand-in for Bot Framework's token service on loopback: it publishes OpenID metadata and a
 * JWKS (the documents the SDK downloads to check signatures) and signs tokens the way the
 * channel does, so tests can present the SDK with valid and every kind of invalid token.
 */
export interface TokenAuthority {
  metadataUrl: string;
  issuer: string;
  /** Key id published in the JWKS. */
  kid: string;
  /** Signs `claims` with the published key (or, with `options`, in a forged way). */
  token(claims: Record<string, unknown>, options?: ForgeOptions): string;
  close(): Promise<void>;
}

export interface ForgeOptions {
  /** Header `kid`; defaults to the published one. */
  kid?: string;
  /** `none`: no signature; `hs256-public`: HMAC with the public key as the secret. */
  alg?: 'RS256' | 'none' | 'hs256-public';
  /** Sign with a key that is not the published one. */
  foreignKey?: boolean;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export async function startTokenAuthority(): Promise<TokenAuthority> {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `test-key-${randomUUID()}`;
  const jwk = pair.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const publicPem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const issuer = 'https://api.botframework.com';
  let base = '';
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;

  function token(claims: Record<string, unknown>, options: ForgeOptions = {}): string {
    const alg = options.alg ?? 'RS256';
    const header = {
      alg: alg === 'hs256-public' ? 'HS256' : alg,
      typ: 'JWT',
      kid: options.kid ?? kid,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (alg === 'none') return `${input}.`;
    if (alg === 'hs256-public') {
      return `${input}.${b64url(createHmac('sha256', publicPem).update(input).digest())}`;
    }
    const key: KeyObject = options.foreignKey ? foreign.privateKey : pair.privateKey;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
  }

  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    issuer,
    kid,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
