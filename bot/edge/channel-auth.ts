import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import type { SecurityConfig } from '../../src/security/config';

/**
 * Settings for the SDK's own inbound validation (ConfigurationBotFrameworkAuthentication), merged
 * into the adapter's configuration. With no override the SDK's public-cloud defaults apply and
 * this adds nothing. With an override the SDK switches to its parameterised mode, where every
 * setting must be given, so the public-cloud values are spelled out and only where signing keys
 * come from (and which issuer they sign as) changes. Tokens are never checked by this app itself.
 */
export function channelAuthSettings(security: SecurityConfig): Record<string, string> {
  const override = security.channelAuth;
  if (!override) return {};
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer:
      override.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: override.openIdMetadataUrl,
    // Tokens in the emulator's shape are checked against the same keys, never the public ones.
    ToBotFromEmulatorOpenIdMetadataUrl: override.openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
