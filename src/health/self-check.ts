import type { TokenCredential } from '@azure/identity';
import type { Group, Organization } from '@microsoft/microsoft-graph-types';
import type { AppConfig } from '../config';
import { isAppError } from '../errors';
import { path, type GraphTransport } from '../graph/transport';
import type { Clock, RecordStore } from '../ports';
import { describeAlternatives, satisfies } from '../graph/permissions';
import { checkBot, checkChannel } from './config-checks';
import { readConsent, type Consent } from './consent';
import { FEATURES, type FeatureId, type FeatureNeeds, type Requirement } from './features';
import type { CheckItem, HealthReport } from './types';

export interface SelfCheckDeps {
  config: AppConfig;
  /** The one Graph transport (its retries, pacing and error classification). */
  graph: GraphTransport;
  /** The Graph credential, to read the roles in its token. */
  credential?: TokenCredential;
  /** The Graph app's client id, to read its service principal's assignments. */
  graphAppId?: string;
  records: RecordStore;
  clock: Clock;
}

const GRANT_HOW =
  'grant it as an application permission to the Graph app registration, grant admin consent, ' +
  'then run `health` (or restart)';

/** Graph's status, as the transport classified the failure. */
function statusOf(error: unknown): number | undefined {
  return isAppError(error) ? error.status : undefined;
}

function reasonOf(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return status ? `${status}: ${message}` : message;
}

async function checkTenant(deps: SelfCheckDeps): Promise<CheckItem> {
  const title = 'Tenant';
  try {
    const { body } = await deps.graph.ok('GET', '/organization?$select=id,displayName', undefined, {
      operation: 'reading the tenant',
      permission: 'Organization.Read.All',
    });
    const answer = (body ?? {}) as { value?: Organization[] };
    const org = answer.value?.[0];
    if (!org?.id) return { id: 'tenant', title, status: 'fail', detail: 'Graph named no tenant' };
    const expected = [
      deps.config.bot.tenantId,
      deps.config.graph.credential.kind === 'client-secret' ||
      deps.config.graph.credential.kind === 'client-certificate'
        ? deps.config.graph.credential.tenantId
        : undefined,
    ].filter((t): t is string => t !== undefined);
    const other = expected.find((t) => t.toLowerCase() !== org.id?.toLowerCase());
    if (other) {
      return {
        id: 'tenant',
        title,
        status: 'fail',
        detail: `Graph answers for ${org.displayName ?? ''} (${org.id}), but ${other} is configured`,
        fix: 'set BOT_TENANT_ID and AZURE_TENANT_ID to the tenant the bot serves',
      };
    }
    return { id: 'tenant', title, status: 'ok', detail: `${org.displayName ?? ''} (${org.id})` };
  } catch (error) {
    return {
      id: 'tenant',
      title,
      status: 'fail',
      detail: `the tenant could not be read (${reasonOf(error)})`,
      fix:
        statusOf(error) === 403
          ? `grant Organization.Read.All: ${GRANT_HOW}`
          : 'check AZURE_TENANT_ID, AZURE_CLIENT_ID and the credential, and that Graph is reachable',
    };
  }
}

function missing(roles: readonly string[], requirements: readonly Requirement[]): Requirement[] {
  return requirements.filter((r) => !satisfies(roles, r.alternatives));
}

function firstChoice(r: Requirement): string {
  return describeAlternatives(r.alternatives.slice(0, 1));
}

function offReason(lacking: readonly Requirement[]): string {
  return `missing ${lacking.map(firstChoice).join(', ')} (to ${lacking.map((r) => r.purpose).join(', ')})`;
}

function featureItem(feature: FeatureNeeds, consent: Consent): CheckItem {
  const base = { id: `feature:${feature.id}`, title: feature.title };
  if (!consent.readable) {
    return { ...base, status: 'warn', detail: 'left on: consent could not be read' };
  }
  const lacking = missing(consent.roles, feature.required);
  if (lacking.length > 0) {
    const names = lacking.map(firstChoice).join(', ');
    return {
      ...base,
      status: 'off',
      detail: `switched off: ${offReason(lacking)}; ${feature.whenOff}`,
      fix: `grant ${names}: ${GRANT_HOW}`,
    };
  }
  const thin = missing(consent.roles, feature.optional ?? []);
  if (thin.length > 0) {
    const names = thin.map(firstChoice).join(', ');
    return {
      ...base,
      status: 'warn',
      detail: `on, but cannot ${thin.map((r) => r.purpose).join(', ')} (missing ${names})`,
      fix: `grant ${names}: ${GRANT_HOW}`,
    };
  }
  return { ...base, status: 'ok', detail: 'permissions granted' };
}

async function checkGroup(
  deps: SelfCheckDeps,
  id: string,
  title: string,
  variable: string,
  groupId: string | undefined,
  whenUnset: string,
): Promise<CheckItem> {
  if (!groupId) {
    return {
      id,
      title,
      status: 'warn',
      detail: `${variable} is not set: ${whenUnset}`,
      fix: `set ${variable} to the group's object id`,
    };
  }
  try {
    const { body } = await deps.graph.ok(
      'GET',
      `${path('groups', groupId)}?$select=id,displayName,securityEnabled`,
      undefined,
      { operation: 'reading the group', permission: 'GroupMember.Read.All' },
    );
    const group = (body ?? {}) as Group;
    return { id, title, status: 'ok', detail: `${group.displayName ?? ''} (${groupId})` };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      return {
        id,
        title,
        status: 'fail',
        detail: `${variable} ${groupId} names no group in this tenant`,
        fix: `set ${variable} to an existing group's object id (Entra admin center > Groups)`,
      };
    }
    return {
      id,
      title,
      status: 'fail',
      detail: `group ${groupId} could not be read (${reasonOf(error)})`,
      fix: status === 403 ? `grant GroupMember.Read.All: ${GRANT_HOW}` : 'check Graph access',
    };
  }
}

async function checkStorage(deps: SelfCheckDeps): Promise<CheckItem> {
  try {
    await deps.records.ping();
    return { id: 'storage', title: 'Storage', status: 'ok', detail: 'tables answer' };
  } catch (error) {
    return {
      id: 'storage',
      title: 'Storage',
      status: 'fail',
      detail: `tables do not answer (${reasonOf(error)})`,
      fix: 'check AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL, and that the identity holds Storage Table, Queue and Blob Data Contributor',
    };
  }
}

function consentItem(consent: Consent): CheckItem {
  if (consent.readable) {
    return {
      id: 'consent',
      title: 'Graph consent',
      status: 'ok',
      detail: `${consent.roles.length} application permissions, read from ${consent.source}`,
    };
  }
  return {
    id: 'consent',
    title: 'Graph consent',
    status: 'warn',
    detail: `consent could not be read (${consent.reason}); every feature is left on and says what it lacks when used`,
    fix: 'use a credential whose token carries roles (client secret, certificate or managed identity), or grant Application.Read.All',
  };
}

/**
 * Checks the configuration against the tenant: one item per check, each with its fix. Never
 * throws: a check that cannot run is itself an item. Features whose required permission is
 * missing are listed in `off`.
 */
export async function runSelfCheck(deps: SelfCheckDeps): Promise<HealthReport> {
  const consent = await readConsent({
    graph: deps.graph,
    credential: deps.credential,
    appId: deps.graphAppId,
  });
  const [tenant, helpdesk, admin, storage] = await Promise.all([
    checkTenant(deps),
    checkGroup(
      deps,
      'helpdesk-group',
      'Helpdesk group',
      'HELPDESK_GROUP_ID',
      deps.config.helpdeskGroupId,
      'nobody may approve fixes',
    ),
    checkGroup(
      deps,
      'admin-group',
      'Admin group',
      'ADMIN_GROUP_ID',
      deps.config.adminGroupId,
      'only the helpdesk group may announce and run health',
    ),
    checkStorage(deps),
  ]);
  const features = FEATURES.map((f) => featureItem(f, consent));
  const off: HealthReport['off'] = {};
  if (consent.readable) {
    for (const feature of FEATURES) {
      const lacking = missing(consent.roles, feature.required);
      if (lacking.length > 0) off[feature.id as FeatureId] = offReason(lacking);
    }
  }
  return {
    at: deps.clock.now().toISOString(),
    items: [
      checkBot(deps.config),
      tenant,
      consentItem(consent),
      ...features,
      helpdesk,
      admin,
      checkChannel(deps.config),
      storage,
    ],
    off,
  };
}
