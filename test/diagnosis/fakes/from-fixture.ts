import * as wire from '../../../src/graph/wire';
import type { TenantState } from '../../../src/sandbox/server';
import { FakeDirectory } from './fake-directory';

/**
 * A FakeDirectory holding the same tenant as a sandbox state, read through the Graph adapter's own
 * wire mapping, so the contract suite can put the same questions to both and expect the same
 * answers.
 */
export function fakeFromSandbox(state: TenantState): FakeDirectory {
  const groupsOf = (id: string, seen = new Set<string>()): string[] => {
    const direct = state.groups.filter((g) => g.members.includes(id)).map((g) => g.id);
    const all: string[] = [];
    for (const g of direct) {
      if (seen.has(g)) continue;
      seen.add(g);
      all.push(g, ...groupsOf(g, seen));
    }
    return all;
  };
  const method = (type: string) => (m: object) =>
    wire.authenticationMethod({ '@odata.type': type, ...m });
  return new FakeDirectory({
    users: state.users.map(wire.user),
    signIns: state.signIns
      .filter((s) => s.signInEventTypes?.includes('interactiveUser') ?? s.isInteractive)
      .map(wire.signIn),
    riskyUsers: state.riskyUsers.map(wire.riskyUser),
    detections: state.riskDetections.map((d) => ({ ...wire.riskDetection(d), userId: d.userId })),
    caPolicies: state.conditionalAccessPolicies.map(wire.caPolicy),
    methods: Object.fromEntries(
      state.users.map((u) => [
        u.id,
        [
          ...u.authentication.passwordMethods.map(
            method('#microsoft.graph.passwordAuthenticationMethod'),
          ),
          ...u.authentication.phoneMethods.map(
            method('#microsoft.graph.phoneAuthenticationMethod'),
          ),
          ...u.authentication.microsoftAuthenticatorMethods.map(
            method('#microsoft.graph.microsoftAuthenticatorAuthenticationMethod'),
          ),
          ...u.authentication.fido2Methods.map(
            method('#microsoft.graph.fido2AuthenticationMethod'),
          ),
        ].filter((m) => m !== undefined),
      ]),
    ),
    managedDevices: state.managedDevices.map((d) => ({
      ...wire.managedDevice(d),
      userId: d.userId,
      policyStates: d.deviceCompliancePolicyStates.map(wire.compliancePolicyState),
    })),
    devices: state.devices.map((d) => ({
      ...wire.device(d),
      ownerIds: [...new Set([...d.registeredOwners, ...d.registeredUsers])],
    })),
    groups: Object.fromEntries(state.users.map((u) => [u.id, groupsOf(u.id)])),
    domains: state.domains.map((d) => wire.domain(d)),
  });
}
