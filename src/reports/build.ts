import { ADMIN_LINKS } from '../posture/links';
import { couldNotCheck, type Read } from '../posture/reads';
import type { ReportReader, TimedExclusion } from './reads';
import type { Report } from './types';

/**
 * The four admin reports. Each reads what it needs, decides from an injected `now`, and says in
 * its summary what it could not read instead of failing.
 */

/** Tenants that own Microsoft's first-party apps (Microsoft Services, Microsoft). */
export const MICROSOFT_TENANTS: ReadonlySet<string> = new Set([
  'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
]);

const DAY_MS = 86_400_000;
const dateOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const olderThan = (iso: string | null | undefined, cutoff: number) =>
  iso === null || iso === undefined || Date.parse(iso) < cutoff;
const fileName = (kind: string, now: Date) => `${kind}-${now.toISOString().slice(0, 10)}.csv`;

function failed(
  kind: Report['kind'],
  title: string,
  read: Read<unknown>,
  now: Date,
  url: string,
): Report {
  return {
    kind,
    title,
    summary: read.ok ? [] : [couldNotCheck(read)],
    columns: [],
    rows: [],
    previewColumns: [],
    fileName: fileName(kind, now),
    url,
  };
}

export async function staleAppsReport(
  reader: ReportReader,
  days: number,
  now: Date,
): Promise<Report> {
  const title = `Enterprise apps unused for ${days} days`;
  const apps = await reader.enterpriseApps();
  if (!apps.ok) return failed('stale-apps', title, apps, now, ADMIN_LINKS.enterpriseApps);
  const cutoff = now.getTime() - days * DAY_MS;
  const candidates = apps.value.filter(
    (app) =>
      app.servicePrincipalType === 'Application' &&
      !(app.appOwnerOrganizationId && MICROSOFT_TENANTS.has(app.appOwnerOrganizationId)) &&
      olderThan(app.createdDateTime, cutoff),
  );
  const signIns = await reader.appSignIns();
  const summary: string[] = [];
  if (!signIns.ok) summary.push(`Sign-ins not considered. ${couldNotCheck(signIns)}`);
  const rows: string[][] = [];
  for (const app of candidates) {
    const last = signIns.ok ? (signIns.value.get(app.appId) ?? null) : undefined;
    if (last !== undefined && !olderThan(last, cutoff)) continue;
    const assigned = await reader.assignmentCount(app.id);
    if (!assigned.ok) {
      summary.push(`${app.displayName}: ${couldNotCheck(assigned)}`);
      continue;
    }
    if (assigned.value > 0) continue;
    rows.push([
      app.displayName,
      app.appId,
      app.id,
      app.appOwnerOrganizationId ?? '',
      dateOf(app.createdDateTime),
      last === undefined ? 'unknown' : last === null ? 'never' : dateOf(last),
    ]);
  }
  summary.unshift(
    rows.length === 0
      ? `None of the ${apps.value.length} enterprise apps is both not Microsoft's and unused (no assigned users, no sign-in in ${days} days).`
      : `${rows.length} of ${apps.value.length} enterprise app${apps.value.length === 1 ? '' : 's'} ${rows.length === 1 ? 'is' : 'are'} not Microsoft's, ${rows.length === 1 ? 'has' : 'have'} no assigned users and no sign-in in ${days} days.`,
  );
  return {
    kind: 'stale-apps',
    title,
    summary,
    columns: ['App', 'Application ID', 'Object ID', 'Owner tenant', 'Created', 'Last sign-in'],
    rows,
    previewColumns: [5, 4],
    fileName: fileName('stale-apps', now),
    url: ADMIN_LINKS.enterpriseApps,
  };
}

export async function guestsReport(reader: ReportReader, days: number, now: Date): Promise<Report> {
  const title = `Guests without a sign-in for ${days} days`;
  const guests = await reader.guests();
  if (!guests.ok) return failed('guests', title, guests, now, ADMIN_LINKS.accessReviews);
  const cutoff = now.getTime() - days * DAY_MS;
  const stale = guests.value.filter(
    (g) => olderThan(g.lastSignInDateTime, cutoff) && olderThan(g.createdDateTime, cutoff),
  );
  return {
    kind: 'guests',
    title,
    summary: [
      guests.value.length === 0
        ? 'The tenant has no guests.'
        : stale.length === 0
          ? `No guest has gone ${days} days without a sign-in (${guests.value.length} in all).`
          : `${stale.length} of ${guests.value.length} guest${guests.value.length === 1 ? '' : 's'} ${stale.length === 1 ? 'has' : 'have'} not signed in for ${days} days.`,
      'An access review of inactive guests (block, then remove) keeps this list short.',
    ],
    columns: ['Name', 'Sign-in name', 'Email', 'Invited', 'Last sign-in', 'Enabled'],
    previewColumns: [1, 4],
    rows: stale.map((g) => [
      g.displayName,
      g.userPrincipalName,
      g.mail ?? '',
      dateOf(g.createdDateTime),
      g.lastSignInDateTime ? dateOf(g.lastSignInDateTime) : 'never',
      g.accountEnabled === false ? 'no' : 'yes',
    ]),
    fileName: fileName('guests', now),
    url: ADMIN_LINKS.accessReviews,
    change: { kind: 'guest-access-review', days },
  };
}

/** Graph's risk states in words (the ones the report reads); anything newer is shown as Graph says it. */
const RISK_STATES: Record<string, string> = {
  atRisk: 'at risk',
  confirmedCompromised: 'confirmed compromised',
};

export async function riskyUsersReport(reader: ReportReader, now: Date): Promise<Report> {
  const title = 'Risky users';
  const risky = await reader.riskyUsers();
  if (!risky.ok) return failed('risky-users', title, risky, now, ADMIN_LINKS.riskyUsers);
  const high = risky.value.filter((r) => r.riskLevel === 'high').length;
  const count = risky.value.length;
  return {
    kind: 'risky-users',
    title,
    summary: [
      count === 0
        ? 'Nobody is at risk or confirmed compromised.'
        : `${count} ${count === 1 ? 'person is' : 'people are'} at risk or confirmed compromised (${high} at high risk).`,
      'A helpdesk agent can dismiss risk after checking with the person, through approval.',
    ],
    columns: ['Name', 'Sign-in name', 'Risk level', 'Risk state', 'Detail', 'Last updated'],
    previewColumns: [2, 3],
    rows: risky.value.map((r) => [
      r.userDisplayName,
      r.userPrincipalName,
      r.riskLevel,
      RISK_STATES[r.riskState] ?? r.riskState,
      r.riskDetail,
      r.riskLastUpdatedDateTime,
    ]),
    fileName: fileName('risky-users', now),
    url: ADMIN_LINKS.riskyUsers,
  };
}

/**
 * Who is excluded from which policy and until when: single users excluded directly, and every
 * member of an excluded group. "Until" is the end of the bot's own time-boxed exclusion, or
 * "no end date" for anything an admin added by hand.
 */
export async function exclusionsReport(
  reader: ReportReader,
  timed: readonly TimedExclusion[],
  now: Date,
): Promise<Report> {
  const title = 'Conditional Access exclusions';
  const policies = await reader.conditionalAccessPolicies();
  if (!policies.ok)
    return failed('exclusions', title, policies, now, ADMIN_LINKS.conditionalAccess);
  const active = policies.value.filter((p) => p.state !== 'disabled');
  const ends = new Map(timed.map((t) => [`${t.groupId}~${t.userId}`, t.endsAt]));
  const summary: string[] = [];
  const rows: string[][] = [];
  const people = new Map<string, { displayName: string; userPrincipalName: string }>();
  const groupCache = new Map<
    string,
    {
      name: string;
      members: Read<{ id: string; displayName: string; userPrincipalName: string }[]>;
    }
  >();
  for (const policy of active) {
    for (const userId of policy.users.excludeUsers) {
      if (!people.has(userId)) {
        const p = await reader.person(userId);
        people.set(userId, p.ok ? p.value : { displayName: '', userPrincipalName: userId });
      }
      const p = people.get(userId)!;
      rows.push([
        policy.displayName,
        policy.state,
        p.displayName,
        p.userPrincipalName,
        'directly',
        'no end date',
      ]);
    }
    for (const groupId of policy.users.excludeGroups) {
      if (!groupCache.has(groupId)) {
        const name = await reader.groupName(groupId);
        groupCache.set(groupId, {
          name: name.ok ? name.value : groupId,
          members: await reader.groupMembers(groupId),
        });
      }
      const group = groupCache.get(groupId)!;
      if (!group.members.ok) {
        summary.push(`Members of ${group.name}: ${couldNotCheck(group.members)}`);
        continue;
      }
      for (const m of group.members.value) {
        const end = ends.get(`${groupId}~${m.id}`);
        rows.push([
          policy.displayName,
          policy.state,
          m.displayName,
          m.userPrincipalName,
          `group ${group.name}`,
          end ?? 'no end date',
        ]);
      }
    }
  }
  const timedRows = rows.filter((r) => r[5] !== 'no end date').length;
  const ending =
    timedRows === 0
      ? 'none is time-boxed by the helpdesk'
      : timedRows === 1
        ? '1 ends on its own (time-boxed by the helpdesk)'
        : `${timedRows} end on their own (time-boxed by the helpdesk)`;
  summary.unshift(
    `${rows.length} exclusion${rows.length === 1 ? '' : 's'} across ${active.length} enabled or report-only ${active.length === 1 ? 'policy' : 'policies'}; ${ending}.`,
  );
  return {
    kind: 'exclusions',
    title,
    summary,
    columns: ['Policy', 'Policy state', 'Name', 'Sign-in name', 'Excluded', 'Until'],
    previewColumns: [3, 5],
    rows,
    fileName: fileName('exclusions', now),
    url: ADMIN_LINKS.conditionalAccess,
  };
}
