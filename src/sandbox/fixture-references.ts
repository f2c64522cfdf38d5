import type { TenantFixture } from './fixture-schema';

/**
 * Cross-entity checks zod cannot express: ids are unique, and every reference (group members,
 * sign-in users, device owners, policy targets) points at something the fixture defines.
 * Each problem names the entry it was found in.
 */
export function checkReferences(f: TenantFixture): string[] {
  const problems: string[] = [];
  const users = new Map(f.users.map((u) => [u.id, u]));
  const groups = new Set(f.groups.map((g) => g.id));
  const devices = new Set(f.devices.map((d) => d.id));
  const policies = new Set(f.conditionalAccessPolicies.map((p) => p.id));
  const apps = new Set(f.teamsApps.map((a) => a.id));
  const label = (list: string, index: number, name: string) => `${list}[${index}] "${name}"`;

  const seen = new Map<string, string>();
  const unique = (id: string, where: string) => {
    const first = seen.get(id.toLowerCase());
    if (first) problems.push(`${where}: id ${id} is already used by ${first}`);
    else seen.set(id.toLowerCase(), where);
  };
  f.users.forEach((u, i) => unique(u.id, label('users', i, u.displayName)));
  f.groups.forEach((g, i) => unique(g.id, label('groups', i, g.displayName)));
  f.devices.forEach((d, i) => unique(d.id, label('devices', i, d.displayName)));
  f.directoryRoles.forEach((r, i) => unique(r.id, label('directoryRoles', i, r.displayName)));

  const upns = new Map<string, string>();
  f.users.forEach((u, i) => {
    const key = u.userPrincipalName.toLowerCase();
    const first = upns.get(key);
    if (first)
      problems.push(`${label('users', i, u.displayName)}: userPrincipalName also used by ${first}`);
    upns.set(key, label('users', i, u.displayName));
    u.teamwork.installedApps.forEach((inst, j) => {
      if (!apps.has(inst.teamsAppId)) {
        problems.push(
          `${label('users', i, u.displayName)}.teamwork.installedApps[${j}]: teamsAppId ${inst.teamsAppId} is not in teamsApps`,
        );
      }
    });
  });

  const isDirectoryObject = (id: string) => users.has(id) || groups.has(id) || devices.has(id);
  f.groups.forEach((g, i) =>
    g.members.forEach((m) => {
      if (!isDirectoryObject(m)) {
        problems.push(
          `${label('groups', i, g.displayName)}: member ${m} is not a user, group or device`,
        );
      }
      if (m === g.id)
        problems.push(`${label('groups', i, g.displayName)}: a group cannot contain itself`);
    }),
  );
  f.directoryRoles.forEach((r, i) =>
    r.members.forEach((m) => {
      if (!users.has(m) && !groups.has(m)) {
        problems.push(
          `${label('directoryRoles', i, r.displayName)}: member ${m} is not a user or group`,
        );
      }
    }),
  );
  f.devices.forEach((d, i) =>
    [...d.registeredOwners, ...d.registeredUsers].forEach((owner) => {
      if (!users.has(owner))
        problems.push(`${label('devices', i, d.displayName)}: owner ${owner} is not a user`);
    }),
  );
  f.managedDevices.forEach((d, i) => {
    const owner = users.get(d.userId);
    if (!owner)
      problems.push(
        `${label('managedDevices', i, d.deviceName)}: userId ${d.userId} is not a user`,
      );
    if (!f.devices.some((e) => e.deviceId === d.azureADDeviceId)) {
      problems.push(
        `${label('managedDevices', i, d.deviceName)}: azureADDeviceId ${d.azureADDeviceId} matches no device.deviceId`,
      );
    }
  });
  f.signIns.forEach((s, i) => {
    const where = `signIns[${i}] (${s.id})`;
    const owner = users.get(s.userId);
    if (!owner) problems.push(`${where}: userId ${s.userId} is not a user`);
    else if (owner.userPrincipalName !== s.userPrincipalName) {
      problems.push(`${where}: userPrincipalName differs from user ${s.userId}`);
    }
    s.appliedConditionalAccessPolicies.forEach((p) => {
      if (!policies.has(p.id))
        problems.push(`${where}: applied policy ${p.id} is not in conditionalAccessPolicies`);
    });
  });
  f.riskyUsers.forEach((r, i) => {
    const owner = users.get(r.id);
    const where = label('riskyUsers', i, r.userDisplayName);
    if (!owner) problems.push(`${where}: id ${r.id} is not a user`);
    else if (owner.userType === 'Guest')
      problems.push(`${where}: guests never appear in riskyUsers`);
  });
  f.riskDetections.forEach((d, i) => {
    if (!users.has(d.userId))
      problems.push(`riskDetections[${i}] (${d.id}): userId ${d.userId} is not a user`);
  });
  f.conditionalAccessPolicies.forEach((p, i) => {
    const where = label('conditionalAccessPolicies', i, p.displayName);
    const u = p.conditions.users;
    for (const id of [...u.includeUsers, ...u.excludeUsers]) {
      if (!['All', 'None', 'GuestsOrExternalUsers'].includes(id) && !users.has(id)) {
        problems.push(`${where}: user ${id} is not a user`);
      }
    }
    for (const id of [...u.includeGroups, ...u.excludeGroups]) {
      if (!groups.has(id)) problems.push(`${where}: group ${id} is not a group`);
    }
  });
  f.authenticationMethodsPolicy.authenticationMethodConfigurations.forEach((c) => {
    for (const t of [...(c.includeTargets ?? []), ...c.excludeTargets]) {
      const known =
        t.targetType === 'group' ? t.id === 'all_users' || groups.has(t.id) : users.has(t.id);
      if (!known)
        problems.push(`authenticationMethodConfigurations "${c.id}": target ${t.id} is unknown`);
    }
  });
  f.scenarios.forEach((s, i) => {
    const owner = users.get(s.userId);
    if (!owner) problems.push(`scenarios[${i}] "${s.id}": userId ${s.userId} is not a user`);
    else if (owner.userPrincipalName !== s.userPrincipalName) {
      problems.push(`scenarios[${i}] "${s.id}": userPrincipalName differs from user ${s.userId}`);
    }
  });
  return problems;
}
