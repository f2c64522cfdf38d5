import type { GraphTransport } from '../graph/transport';
import { caUsersFromGraph } from '../conditional-access';
import { mapRead, readAll, readOne } from './graph-fetch';
import type {
  AuthenticatorPolicy,
  CaPolicy,
  FeatureSetting,
  Fido2Policy,
  GroupInfo,
  MethodTarget,
  OrganizationSync,
  PostureReader,
  Read,
  SecureScoreSnapshot,
  SmsPolicy,
  TapPolicy,
} from './reads';

/**
 * PostureReader over Microsoft Graph v1.0. Permissions (application, least privileged):
 * Policy.Read.All for Conditional Access, security defaults and authentication methods;
 * Organization.Read.All for the sync times; SecurityEvents.Read.All for Secure Score;
 * GroupMember.Read.All for group names and sizes.
 */

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);

function toPolicy(raw: Json): CaPolicy {
  const conditions = obj(raw.conditions);
  const apps = obj(conditions.applications);
  return {
    id: str(raw.id) ?? '',
    displayName: str(raw.displayName) ?? '(unnamed policy)',
    state: str(raw.state) ?? 'disabled',
    createdDateTime: str(raw.createdDateTime) ?? null,
    modifiedDateTime: str(raw.modifiedDateTime) ?? null,
    users: caUsersFromGraph(conditions.users),
    includeApplications: strings(apps.includeApplications),
    builtInControls: strings(obj(raw.grantControls).builtInControls),
  };
}

function targetsOf(raw: unknown): MethodTarget[] {
  return (Array.isArray(raw) ? raw : []).map((t) => {
    const target = obj(t);
    const out: MethodTarget = {
      id: str(target.id) ?? '',
      targetType: str(target.targetType) ?? 'group',
    };
    if (typeof target.isUsableForSignIn === 'boolean') {
      out.isUsableForSignIn = target.isUsableForSignIn;
    }
    return out;
  });
}

function feature(raw: unknown): FeatureSetting | undefined {
  if (raw === undefined || raw === null) return undefined;
  const f = obj(raw);
  const out: FeatureSetting = { state: str(f.state) ?? 'default' };
  const include = str(obj(f.includeTarget).id);
  const exclude = str(obj(f.excludeTarget).id);
  if (include) out.includeTargetId = include;
  if (exclude) out.excludeTargetId = exclude;
  return out;
}

const METHODS = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations';
const POLICY_READ = 'Policy.Read.All';

export class GraphPostureReader implements PostureReader {
  constructor(private readonly graph: GraphTransport) {}

  async conditionalAccessPolicies(): Promise<Read<CaPolicy[]>> {
    const read = await readAll<Json>(this.graph, {
      path: '/identity/conditionalAccess/policies',
      permission: POLICY_READ,
      operation: 'reading Conditional Access policies',
    });
    return mapRead(read, (list) => list.map(toPolicy));
  }

  async securityDefaultsEnabled(): Promise<Read<boolean>> {
    const read = await readOne<Json>(this.graph, {
      path: '/policies/identitySecurityDefaultsEnforcementPolicy',
      permission: POLICY_READ,
      operation: 'reading the security defaults setting',
    });
    return mapRead(read, (p) => p.isEnabled === true);
  }

  private method(id: string): Promise<Read<Json>> {
    return readOne<Json>(this.graph, {
      path: `${METHODS}/${id}`,
      permission: POLICY_READ,
      operation: `reading the ${id} authentication method policy`,
    });
  }

  async temporaryAccessPass(): Promise<Read<TapPolicy>> {
    return mapRead(await this.method('TemporaryAccessPass'), (c) => ({
      state: str(c.state) ?? 'disabled',
      isUsableOnce: c.isUsableOnce === true,
      defaultLifetimeInMinutes: num(c.defaultLifetimeInMinutes, 60),
      minimumLifetimeInMinutes: num(c.minimumLifetimeInMinutes, 60),
      maximumLifetimeInMinutes: num(c.maximumLifetimeInMinutes, 480),
      includeTargets: targetsOf(c.includeTargets),
    }));
  }

  async authenticator(): Promise<Read<AuthenticatorPolicy>> {
    return mapRead(await this.method('MicrosoftAuthenticator'), (c) => {
      const features = obj(c.featureSettings);
      const policy: AuthenticatorPolicy = {
        state: str(c.state) ?? 'disabled',
        includeTargets: targetsOf(c.includeTargets),
      };
      const app = feature(features.displayAppInformationRequiredState);
      const location = feature(features.displayLocationInformationRequiredState);
      const numbers = feature(features.numberMatchingRequiredState);
      if (app) policy.displayAppInformation = app;
      if (location) policy.displayLocationInformation = location;
      if (numbers) policy.numberMatching = numbers;
      return policy;
    });
  }

  async sms(): Promise<Read<SmsPolicy>> {
    return mapRead(await this.method('Sms'), (c) => ({
      state: str(c.state) ?? 'disabled',
      includeTargets: targetsOf(c.includeTargets),
    }));
  }

  async fido2(): Promise<Read<Fido2Policy>> {
    return mapRead(await this.method('Fido2'), (c) => {
      const k = obj(c.keyRestrictions);
      return {
        state: str(c.state) ?? 'disabled',
        isAttestationEnforced: c.isAttestationEnforced === true,
        isSelfServiceRegistrationAllowed: c.isSelfServiceRegistrationAllowed === true,
        keyRestrictions: {
          isEnforced: k.isEnforced === true,
          enforcementType: str(k.enforcementType) ?? 'block',
          aaGuids: strings(k.aaGuids),
        },
        includeTargets: targetsOf(c.includeTargets),
      };
    });
  }

  async organization(): Promise<Read<OrganizationSync>> {
    const read = await readAll<Json>(this.graph, {
      path: '/organization?$select=displayName,onPremisesSyncEnabled,onPremisesLastSyncDateTime,onPremisesLastPasswordSyncDateTime',
      permission: 'Organization.Read.All',
      operation: 'reading the organization record',
    });
    return mapRead(read, (list) => {
      const org = obj(list[0]);
      return {
        displayName: str(org.displayName) ?? '',
        onPremisesSyncEnabled:
          typeof org.onPremisesSyncEnabled === 'boolean' ? org.onPremisesSyncEnabled : null,
        onPremisesLastSyncDateTime: str(org.onPremisesLastSyncDateTime) ?? null,
        onPremisesLastPasswordSyncDateTime: str(org.onPremisesLastPasswordSyncDateTime) ?? null,
      };
    });
  }

  async latestSecureScore(): Promise<Read<SecureScoreSnapshot | undefined>> {
    const read = await readOne<{ value?: Json[] }>(this.graph, {
      path: '/security/secureScores?$top=1',
      permission: 'SecurityEvents.Read.All',
      operation: 'reading Secure Score',
    });
    return mapRead(read, (body) => {
      const latest = body.value?.[0];
      if (!latest) return undefined;
      return {
        currentScore: num(latest.currentScore),
        maxScore: num(latest.maxScore, 1),
        createdDateTime: str(latest.createdDateTime) ?? '',
      };
    });
  }

  async groups(ids: readonly string[]): Promise<Read<Map<string, GroupInfo>>> {
    const out = new Map<string, GroupInfo>();
    const wanted = [...new Set(ids)].filter((id) => id !== 'all_users');
    for (const id of wanted) {
      const spec = {
        permission: 'GroupMember.Read.All',
        operation: 'reading a group',
      };
      const group = await readOne<Json>(this.graph, {
        ...spec,
        path: `/groups/${encodeURIComponent(id)}?$select=id,displayName`,
      });
      if (!group.ok) {
        if (group.reason === 'forbidden') return group;
        continue;
      }
      const members = await readAll<Json>(this.graph, {
        ...spec,
        path: `/groups/${encodeURIComponent(id)}/members?$select=id&$top=999`,
      });
      if (!members.ok && members.reason === 'forbidden') return members;
      out.set(id, {
        displayName: str(group.value.displayName) ?? id,
        memberCount: members.ok ? members.value.length : 0,
      });
    }
    return { ok: true, value: out };
  }
}
