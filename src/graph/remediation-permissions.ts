/** The least-privileged application permission per operation, named in a 403 message. */
export const PERMISSION = {
  userRead: 'User.Read.All',
  groupRead: 'GroupMember.Read.All',
  policyRead: 'Policy.Read.AuthenticationMethod (or Policy.Read.All)',
  tapRead: 'UserAuthMethod-TAP.Read.All',
  tapWrite: 'UserAuthMethod-TAP.ReadWrite.All',
  riskWrite: 'IdentityRiskyUser.ReadWrite.All',
  revoke: 'User.RevokeSessions.All (or User.ReadWrite.All)',
  passwordProfile: 'User-PasswordProfile.ReadWrite.All (or User.ReadWrite.All)',
  deviceRead: 'DeviceManagementManagedDevices.Read.All',
  deviceSync: 'DeviceManagementManagedDevices.PrivilegedOperations.All',
  caRead: 'Policy.Read.ConditionalAccess (or Policy.Read.All)',
  memberWrite: 'GroupMember.ReadWrite.All',
  phoneWrite: 'UserAuthMethod-Phone.ReadWrite.All',
} as const;
