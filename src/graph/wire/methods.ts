import type {
  AuthenticationMethodKind,
  AuthenticationMethodRecord,
  AuthenticatorPolicyRecord,
  MethodTarget,
  TapMethodRecord,
  TapPolicyRecord,
} from '../../diagnosis/ports';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { obj, str, text, bool, num, list, type Wire, type Key } from './values';

/** Authentication methods and their policies (Temporary Access Pass, Authenticator). */

function targets(value: unknown): MethodTarget[] {
  return list(value).map((t) => {
    const o = obj<Graph.AuthenticationMethodTarget>(t);
    return { targetType: text(o, 'targetType'), id: text(o, 'id') };
  });
}

export function tapMethod(raw: unknown): TapMethodRecord {
  const o = obj<Graph.TemporaryAccessPassAuthenticationMethod>(raw);
  return {
    id: text(o, 'id'),
    createdDateTime: text(o, 'createdDateTime'),
    startDateTime: str(o, 'startDateTime') ?? text(o, 'createdDateTime'),
    lifetimeInMinutes: num(o, 'lifetimeInMinutes', 60),
    isUsableOnce: bool(o, 'isUsableOnce') ?? false,
    isUsable: bool(o, 'isUsable'),
    methodUsabilityReason: str(o, 'methodUsabilityReason'),
  };
}

export function tapPolicy(raw: unknown): TapPolicyRecord {
  const o = obj<Graph.TemporaryAccessPassAuthenticationMethodConfiguration>(raw);
  return {
    state: text(o, 'state'),
    isUsableOnce: bool(o, 'isUsableOnce') ?? false,
    defaultLifetimeInMinutes: num(o, 'defaultLifetimeInMinutes', 60),
    minimumLifetimeInMinutes: num(o, 'minimumLifetimeInMinutes', 60),
    maximumLifetimeInMinutes: num(o, 'maximumLifetimeInMinutes', 480),
    includeTargets: targets(o.includeTargets),
    excludeTargets: targets(o.excludeTargets),
  };
}

const METHOD_TYPES: Record<string, AuthenticationMethodKind> = {
  '#microsoft.graph.passwordAuthenticationMethod': 'password',
  '#microsoft.graph.phoneAuthenticationMethod': 'phone',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticator',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusiness',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPass',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOath',
  '#microsoft.graph.emailAuthenticationMethod': 'email',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'platformCredential',
};

/** A method as shown on a card: a phone only by its type and last digits. */
export function authenticationMethod(raw: unknown): AuthenticationMethodRecord | undefined {
  const o = obj(raw);
  const kind = METHOD_TYPES[text(o, '@odata.type')] ?? 'other';
  const record: AuthenticationMethodRecord = { id: text(o, 'id'), kind, label: null };
  if (kind === 'phone') {
    record.label = str(o, 'phoneType');
    const digits = text(o, 'phoneNumber').replace(/\D/g, '');
    if (digits.length >= 4) record.phoneEnding = digits.slice(-2);
  } else {
    record.label = str(o, 'displayName') ?? str(o, 'model');
  }
  const version = str(o, 'phoneAppVersion');
  if (kind === 'microsoftAuthenticator' && version !== null) record.appVersion = version;
  return record;
}

function featureState(
  settings: Wire<Graph.MicrosoftAuthenticatorFeatureSettings>,
  key: Key<Graph.MicrosoftAuthenticatorFeatureSettings>,
): string | null {
  return str(obj<Graph.AuthenticationMethodFeatureConfiguration>(settings[key]), 'state');
}

export function authenticatorPolicy(raw: unknown): AuthenticatorPolicyRecord {
  const o = obj<Graph.MicrosoftAuthenticatorAuthenticationMethodConfiguration>(raw);
  const features = obj<Graph.MicrosoftAuthenticatorFeatureSettings>(o.featureSettings);
  return {
    state: text(o, 'state'),
    includeTargets: targets(o.includeTargets),
    excludeTargets: targets(o.excludeTargets),
    displayAppInformationRequiredState: featureState(
      features,
      'displayAppInformationRequiredState',
    ),
    displayLocationInformationRequiredState: featureState(
      features,
      'displayLocationInformationRequiredState',
    ),
  };
}
