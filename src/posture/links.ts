/** Admin pages a fix points to (Microsoft Entra admin center and Defender portal). */
export const ADMIN_LINKS = {
  conditionalAccess:
    'https://entra.microsoft.com/#view/Microsoft_AAD_ConditionalAccess/ConditionalAccessBlade/~/Policies',
  securityDefaults: 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView',
  authenticationMethods:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/AuthenticationMethodsMenuBlade/~/AdminAuthMethods',
  entraConnect:
    'https://entra.microsoft.com/#view/Microsoft_AAD_Connect_Provisioning/AADConnectMenuBlade/~/GetStarted',
  secureScore: 'https://security.microsoft.com/securescore',
  enterpriseApps:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview',
  riskyUsers: 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SecurityMenuBlade/~/RiskyUsers',
  accessReviews: 'https://entra.microsoft.com/#view/Microsoft_AAD_ERM/DashboardBlade/~/Controls',
  groups:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/GroupsManagementMenuBlade/~/AllGroups',
  passwordProtection:
    'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/AuthenticationMethodsMenuBlade/~/PasswordProtection',
} as const;
