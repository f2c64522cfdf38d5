import { DEMO_USERS } from './demo-ids';

/**
 * Identifiers of the seeded sign-in problems in the demo fixture (fixtures/demo-tenant.json),
 * for diagnosis and end-to-end tests. A test in test/sandbox checks that these agree with the
 * fixture, so the JSON stays the single source and this file cannot drift silently.
 */

export const SCENARIO_USERS = {
  /** 53003 from an unallowed country (CA001), plus a report-only failure (CA003). */
  caBlocked: DEMO_USERS.member,
  /** Guest blocked by CA004; absent from riskyUsers; no TAP possible. */
  guestBlocked: DEMO_USERS.guest,
  /** Synced user; Intune device SALES-LT-014 noncompliant; 53000 under CA006. */
  deviceNoncompliant: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a06', upn: 'sales@sandbox.example' },
  /** Device FINANCE-HOME-PC is Workplace-registered only; 53001 under CA007. */
  deviceNotHybridJoined: {
    id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a07',
    upn: 'finance@sandbox.example',
  },
  /** riskLevel high, riskState atRisk; 53003 under CA005. */
  riskyUser: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a08', upn: 'marketing@sandbox.example' },
  /** Multi-use TAP that has expired; no phone method. */
  tapExpired: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a09', upn: 'support@sandbox.example' },
  /** One-time TAP already used, still inside its lifetime. */
  tapUsed: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0a', upn: 'newhire@sandbox.example' },
  /** Authenticator push denied (500121); mobile phone method and old Authenticator app. */
  mfaDenied: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0b', upn: 'field@sandbox.example' },
  /** 50126 three times, then 50053 (locked). */
  accountLocked: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0c', upn: 'warehouse@sandbox.example' },
  /** accountEnabled false and synced from on-premises; 50057. */
  accountDisabledSynced: {
    id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0d',
    upn: 'former@sandbox.example',
  },
  /** Synced; non-interactive 50173 after an on-premises password change (beta only). */
  tokenRevokedSynced: {
    id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a0e',
    upn: 'engineering@sandbox.example',
  },
  adminRoleHolder: DEMO_USERS.admin,
  breakGlass: DEMO_USERS.breakGlass,
  helpdeskApprover: DEMO_USERS.helpdesk,
} as const;

export const SCENARIO_GROUPS = {
  /** Nested inside All Staff; holds the synced sales and engineering users. */
  syncedStaff: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d04', name: 'On-Premises Synced Staff' },
  financeAppsUsers: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d05', name: 'Finance Apps Users' },
  /** Dynamic membership: adding members by hand answers 400. */
  allMembersDynamic: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d06', name: 'All Members (dynamic)' },
} as const;

export const SCENARIO_POLICIES = {
  blockCountries: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c01',
  mfaAdmins: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c02',
  mfaAllReportOnly: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c03',
  blockGuestsAzure: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c04',
  blockHighRisk: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c05',
  compliantDevice: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c06',
  hybridJoinedFinance: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c07',
  legacyDisabled: '4c1a2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c08',
} as const;

/** Failing sign-ins: `id` is the Request ID an error page shows, `correlationId` the other. */
export const SCENARIO_SIGN_INS = {
  caBlocked: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d03',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f02',
  },
  guestBlocked: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d07',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f07',
  },
  deviceNoncompliant: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d08',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f08',
  },
  deviceNotHybridJoined: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d09',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f09',
  },
  riskyUser: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d10',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f10',
  },
  mfaDenied: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d11',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f11',
  },
  accountLocked: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d15',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f15',
  },
  accountDisabledSynced: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d16',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f16',
  },
  tokenRevokedSynced: {
    id: 'b7e1c5d2-0f3a-4c6b-9d8e-7f6a5b4c3d17',
    correlationId: 'c4f2a9e1-6b3d-4e7a-8c5f-2d1b0a9e8f17',
  },
} as const;

export const SCENARIO_DEVICES = {
  /** Intune managed device id of SALES-LT-014 (noncompliant). */
  salesManagedDevice: '6e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a602',
  /** Entra deviceId (the sign-in log's deviceDetail.deviceId) of SALES-LT-014, trustType ServerAd. */
  salesDeviceId: '8e3c4d5f-7a81-4b92-8c3d-4e5f6a7b8c02',
  /** Entra deviceId of FINANCE-HOME-PC, trustType Workplace. */
  financeDeviceId: '8e3c4d5f-7a81-4b92-8c3d-4e5f6a7b8c03',
  /** Intune managed device id of MKT-MAC-003 (inGracePeriod). */
  marketingManagedDevice: '6e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a605',
} as const;

/** The bot in the Teams app catalog: `externalId` is the manifest id, `id` the catalog id. */
export const SCENARIO_TEAMS_APP = {
  catalogId: 'f3a9c1d5-2b7e-4c8a-9d1f-6e5b4a3c2d10',
  externalId: '00000000-0000-0000-0000-0000000000b0',
} as const;
