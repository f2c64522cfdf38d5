/**
 * Fixed identifiers of the demo tenant the sandbox serves. The Agents Playground configuration,
 * the sandbox fixture and the end-to-end tests all refer to these, so a chat in the Playground
 * lands on a known sandbox user.
 */
export const DEMO_TENANT = {
  id: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10',
  name: 'Sandbox Tenant',
  domain: 'sandbox.example',
} as const;

export const DEMO_USERS = {
  /** Ordinary member; the Playground's current user. */
  member: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a01', upn: 'user@sandbox.example' },
  /** Helpdesk agent; member of the helpdesk approvers group. */
  helpdesk: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a02', upn: 'helpdesk@sandbox.example' },
  /** Tenant administrator (privileged role holder). */
  admin: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a03', upn: 'admin@sandbox.example' },
  /** Emergency access account, excluded from Conditional Access. */
  breakGlass: { id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a04', upn: 'breakglass@sandbox.example' },
  /** B2B guest whose home tenant is elsewhere. */
  guest: {
    id: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a05',
    upn: 'guest_partner.example#EXT#@sandbox.example',
  },
} as const;

export const DEMO_GROUPS = {
  helpdeskApprovers: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d01', name: 'Helpdesk Approvers' },
  allStaff: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d02', name: 'All Staff' },
  caExclusions: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d03', name: 'CA Temporary Exclusions' },
  /** Approvers of guided admin changes: the tenant admin and the helpdesk agent. */
  tenantAdmins: { id: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d07', name: 'Tenant Admins' },
} as const;
