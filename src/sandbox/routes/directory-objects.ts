import { notFound } from '../graph-error';
import type {
  FixtureDevice,
  FixtureDirectoryRole,
  FixtureGroup,
  FixtureUser,
} from '../fixture-schema';
import type { TenantState } from '../state';

/** Lookups and membership walks over users, groups, devices and directory roles. */

export type DirectoryObject =
  | { type: 'user'; entity: FixtureUser }
  | { type: 'group'; entity: FixtureGroup }
  | { type: 'device'; entity: FixtureDevice }
  | { type: 'directoryRole'; entity: FixtureDirectoryRole };

const USER_NAVIGATION = ['authentication', 'teamwork'];
const GROUP_NAVIGATION = ['members'];
const DEVICE_NAVIGATION = ['registeredOwners', 'registeredUsers'];

/** Properties Graph returns for a user when the request has no `$select`. */
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];

function omit(entity: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => !keys.includes(key)));
}

export const projectUser = (u: FixtureUser) => omit(u, USER_NAVIGATION);
export const projectGroup = (g: FixtureGroup) => omit(g, GROUP_NAVIGATION);
export const projectDevice = (d: FixtureDevice) => omit(d, DEVICE_NAVIGATION);
export const projectRole = (r: FixtureDirectoryRole) => omit(r, GROUP_NAVIGATION);

/** A directory object as it appears in a mixed collection (members, memberOf). */
export function projectTyped(obj: DirectoryObject): Record<string, unknown> {
  const type = { '@odata.type': `#microsoft.graph.${obj.type}` };
  switch (obj.type) {
    case 'user':
      return { ...type, ...projectUser(obj.entity) };
    case 'group':
      return { ...type, ...projectGroup(obj.entity) };
    case 'device':
      return { ...type, ...projectDevice(obj.entity) };
    case 'directoryRole':
      return { ...type, ...projectRole(obj.entity) };
  }
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Finds a user by object id or userPrincipalName (case-insensitive), or throws Graph's 404. */
export function findUser(state: TenantState, idOrUpn: string): FixtureUser {
  const user = state.users.find(
    (u) => sameId(u.id, idOrUpn) || sameId(u.userPrincipalName, idOrUpn),
  );
  if (!user) throw notFound(idOrUpn);
  return user;
}

export function findGroup(state: TenantState, id: string): FixtureGroup {
  const group = state.groups.find((g) => sameId(g.id, id));
  if (!group) throw notFound(id);
  return group;
}

export function findDirectoryObject(state: TenantState, id: string): DirectoryObject | undefined {
  const user = state.users.find((u) => sameId(u.id, id));
  if (user) return { type: 'user', entity: user };
  const group = state.groups.find((g) => sameId(g.id, id));
  if (group) return { type: 'group', entity: group };
  const device = state.devices.find((d) => sameId(d.id, id));
  if (device) return { type: 'device', entity: device };
  const role = state.directoryRoles.find((r) => sameId(r.id, id));
  if (role) return { type: 'directoryRole', entity: role };
  return undefined;
}

/** Groups and roles that list `id` as a direct member. */
export function directMemberOf(state: TenantState, id: string): DirectoryObject[] {
  return [
    ...state.groups
      .filter((g) => g.members.some((m) => sameId(m, id)))
      .map((entity) => ({ type: 'group' as const, entity })),
    ...state.directoryRoles
      .filter((r) => r.members.some((m) => sameId(m, id)))
      .map((entity) => ({ type: 'directoryRole' as const, entity })),
  ];
}

/** Every group and role `id` belongs to, through any depth of group nesting. */
export function transitiveMemberOf(state: TenantState, id: string): DirectoryObject[] {
  const found = new Map<string, DirectoryObject>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const parent of directMemberOf(state, current)) {
      if (found.has(parent.entity.id)) continue;
      found.set(parent.entity.id, parent);
      if (parent.type === 'group') queue.push(parent.entity.id);
    }
  }
  return [...found.values()];
}

export function directMembers(state: TenantState, group: FixtureGroup): DirectoryObject[] {
  return group.members
    .map((m) => findDirectoryObject(state, m))
    .filter((o): o is DirectoryObject => o !== undefined);
}

/** Members at any depth; nested groups are listed too, each object once. */
export function transitiveMembers(state: TenantState, group: FixtureGroup): DirectoryObject[] {
  const found = new Map<string, DirectoryObject>();
  const queue = [group];
  while (queue.length > 0) {
    const current = queue.shift() as FixtureGroup;
    for (const member of directMembers(state, current)) {
      if (found.has(member.entity.id) || member.entity.id === group.id) continue;
      found.set(member.entity.id, member);
      if (member.type === 'group') queue.push(member.entity);
    }
  }
  return [...found.values()];
}

/** Whether a user is covered by a group-or-user target list such as a method policy's. */
export function isTargeted(
  state: TenantState,
  userId: string,
  targets: readonly { targetType: string; id: string }[],
): boolean {
  const groups = new Set(transitiveMemberOf(state, userId).map((o) => o.entity.id.toLowerCase()));
  return targets.some((t) =>
    t.targetType === 'user'
      ? sameId(t.id, userId)
      : t.id === 'all_users' || groups.has(t.id.toLowerCase()),
  );
}
