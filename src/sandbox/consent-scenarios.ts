import type { TenantState } from './state';

/**
 * Admin-consent situations a deployment meets, as named changes to the sandbox app's granted
 * permissions, for the self-check's tests and for trying `health` locally
 * (`npx tsx src/sandbox/main.ts --consent read-only`).
 */

/** The sandbox app's id (fixtures/demo-tenant.json `app.appId`). */
export const SANDBOX_APP_ID = '00000000-0000-0000-0000-0000000000b0';

const without =
  (...patterns: RegExp[]) =>
  (granted: readonly string[]): string[] =>
    granted.filter((p) => !patterns.some((pattern) => pattern.test(p)));

export const CONSENT_SCENARIOS = {
  /** Everything the demo fixture grants. */
  full: (granted: readonly string[]) => [...granted],
  /** Each write replaced by its read: every fix is off, diagnosis and announcements keep working. */
  'read-only': (granted: readonly string[]) => [
    ...new Set(
      granted
        .filter((p) => !/PrivilegedOperations|ReadWriteSelfForUser/.test(p))
        .map((p) => p.replace('.ReadWrite.', '.Read.')),
    ),
  ],
  /** No Teams app installation or catalog rights: announcements reach only existing chats. */
  'no-app-installation': without(/^TeamsAppInstallation\./, /^AppCatalog\./),
  /** No group membership reads: nobody is recognised as helpdesk; announcements are off. */
  'no-group-read': without(/^GroupMember\./, /^Group\./),
  /** Pass issuing not consented: the Temporary Access Pass fix is off. */
  'no-tap-write': without(/^UserAuthMethod-TAP\.ReadWrite/, /^UserAuthenticationMethod\.ReadWrite/),
  /** The consent itself cannot be read (no Application.Read.All): the check says so. */
  'consent-unreadable': without(/^Application\.Read/, /^Directory\.Read/),
  /** Nothing consented at all. */
  none: () => [],
} as const satisfies Record<string, (granted: readonly string[]) => string[]>;

export type ConsentScenario = keyof typeof CONSENT_SCENARIOS;

export function isConsentScenario(name: string): name is ConsentScenario {
  return Object.hasOwn(CONSENT_SCENARIOS, name);
}

/** Changes the live tenant's grants; `reset()` on the sandbox brings the fixture back. */
export function applyConsentScenario(state: TenantState, scenario: ConsentScenario): void {
  state.app.grantedPermissions = CONSENT_SCENARIOS[scenario](state.app.grantedPermissions);
}
