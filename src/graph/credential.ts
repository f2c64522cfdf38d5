import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
} from '@azure/identity';

/** How the app signs in to Graph, as configured (src/config parses it). */
export type GraphCredentialConfig =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | {
      kind: 'client-certificate';
      tenantId: string;
      clientId: string;
      certificatePath: string;
      certificatePassword?: string;
    }
  | { kind: 'managed-identity'; clientId?: string }
  /** Local mode: the sandbox tenant accepts any bearer token. */
  | { kind: 'sandbox' };

/**
 * Token for the local sandbox tenant. The sandbox checks that a bearer token is present (as
 * Graph does) but has no identity provider to validate it against, so the token is a fixed,
 * recognisable, non-secret string.
 */
export class SandboxCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: 'sandbox-app-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** The one place a Graph credential is chosen from configuration. */
export function createCredential(config: GraphCredentialConfig): TokenCredential {
  switch (config.kind) {
    case 'client-secret':
      return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret);
    case 'client-certificate':
      return new ClientCertificateCredential(config.tenantId, config.clientId, {
        certificatePath: config.certificatePath,
        certificatePassword: config.certificatePassword,
      });
    case 'managed-identity':
      return config.clientId
        ? new ManagedIdentityCredential({ clientId: config.clientId })
        : new ManagedIdentityCredential();
    case 'sandbox':
      return new SandboxCredential();
  }
}
