// Sign-in Helpdesk in one resource group: a user-assigned managed identity (the bot's identity
// and the app's identity for Graph and storage), one storage account (tables for records,
// queues for announcement work; the bot keeps no turn state), Key Vault, Application Insights with its
// Log Analytics workspace, a Linux App Service running Node 20, and the Azure Bot with the
// Microsoft Teams channel. No client secret exists anywhere in this deployment.

@description('Lower-case letters and digits; every resource name starts with it. Storage allows 3-24 characters in all.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

param location string = resourceGroup().location

@description('Name people see for the bot in Azure.')
param botDisplayName string = 'Sign-in Helpdesk'

@description('App Service plan size. B1 suits a pilot; P0v3 or larger for a tenant.')
param appServiceSku string = 'B1'

@description('Bot instances. Two or more share the one storage account (scale-out is supported).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Object id of the Entra group whose members diagnose others and approve fixes.')
param helpdeskGroupId string

@description('Teams channel id for approval cards and incidents (19:...@thread.tacv2). Optional.')
param helpdeskChannelId string = ''

@description('Object id of the Entra group allowed to announce and run health. Optional.')
param adminGroupId string = ''

@description('Comma-separated group object ids a time-boxed Conditional Access exclusion may use.')
param caExclusionGroupIds string = ''

@description('Comma-separated user object ids no fix may touch (break-glass accounts).')
param protectedUserIds string = ''

@description('Per-fix approver groups: kind=helpdesk|admin|<group id>,... separated by ";". Empty: the defaults (README).')
param fixApprovers string = ''

@description('Fixes that always need a second person, comma-separated, or none. Empty: the defaults.')
param fixFourEyes string = ''

@description('Fixes that only the admin group may approve for a directory-role holder. Empty: the defaults.')
param adminTierFixes string = ''

@description('Conditional Access policy ids nobody may be excluded from, comma-separated.')
param caNeverExcludePolicyIds string = ''

@description('Longest time-boxed Conditional Access exclusion, in hours (1-168).')
param caExclusionMaxHours int = 72

@description('The app id in the org catalog, to install the app for people who never did. Optional.')
param teamsAppCatalogId string = ''

@description('Minutes a fix request waits for approval (5-10080).')
param requestTtlMinutes int = 1440

@description('Proactive sends per second for the whole app (1-50).')
param announceRatePerSecond int = 30

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Comma-separated object ids of the emergency-access accounts every CA policy must exclude.')
param emergencyAccessUserIds string = ''

@description('Or the object id of the group that holds them.')
param emergencyAccessGroupId string = ''

@description('Hours between scheduled posture checks (0 = off).')
param postureEveryHours int = 24

@description('Hours after which a directory or password sync counts as stale.')
param postureSyncStaleHours int = 3

@description('Days after which a report-only policy is a warning.')
param postureReportOnlyDays int = 30

@description('Per-minute limits "person,tenant" on pastes (RATE_PASTES); see SECURITY.md.')
param ratePastes string = '10,600'

@description('Per-minute limits "person,tenant" on fix requests (RATE_REQUESTS).')
param rateRequests string = '5,120'

@description('Per-minute limits "person,tenant" on approvals (RATE_APPROVALS).')
param rateApprovals string = '30,600'

@description('Turns one person may have running at once (MAX_TURNS_PER_PERSON).')
param maxTurnsPerPerson int = 2

@description('Turns the instance runs at once before it answers 503 (MAX_TURNS_IN_FLIGHT).')
param maxTurnsInFlight int = 64

var tenantId = tenant().tenantId
var storageName = take('${resourceBaseName}st', 24)

// Built-in role definition ids.
var roles = {
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Only Entra identities: account keys and SAS are refused.
    allowSharedKeyAccess: false
  }
}

// Data roles only (no control-plane rights), on this account only.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [
    roles.storageQueueDataContributor
    roles.storageTableDataContributor
  ]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource insightsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'appinsights-connection-string'
  properties: { value: insights.properties.ConnectionString }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node lib/bot/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMsi' }
        { name: 'BOT_TENANT_ID', value: tenantId }
        { name: 'AZURE_TENANT_ID', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_USE_MANAGED_IDENTITY', value: 'true' }
        { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'HELPDESK_GROUP_ID', value: helpdeskGroupId }
        { name: 'HELPDESK_CHANNEL_ID', value: helpdeskChannelId }
        { name: 'ADMIN_GROUP_ID', value: adminGroupId }
        { name: 'CA_EXCLUSION_GROUP_IDS', value: caExclusionGroupIds }
        { name: 'PROTECTED_USER_IDS', value: protectedUserIds }
        { name: 'FIX_APPROVERS', value: fixApprovers }
        { name: 'FIX_FOUR_EYES', value: fixFourEyes }
        { name: 'ADMIN_TIER_FIXES', value: adminTierFixes }
        { name: 'CA_NEVER_EXCLUDE_POLICY_IDS', value: caNeverExcludePolicyIds }
        { name: 'CA_EXCLUSION_MAX_HOURS', value: string(caExclusionMaxHours) }
        { name: 'REQUEST_TTL_MINUTES', value: string(requestTtlMinutes) }
        { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
        { name: 'ANNOUNCE_RATE_PER_SECOND', value: string(announceRatePerSecond) }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'EMERGENCY_ACCESS_USER_IDS', value: emergencyAccessUserIds }
        { name: 'EMERGENCY_ACCESS_GROUP_ID', value: emergencyAccessGroupId }
        { name: 'POSTURE_EVERY_HOURS', value: string(postureEveryHours) }
        { name: 'POSTURE_SYNC_STALE_HOURS', value: string(postureSyncStaleHours) }
        { name: 'POSTURE_REPORT_ONLY_DAYS', value: string(postureReportOnlyDays) }
        { name: 'ALLOWED_TENANT_IDS', value: tenantId }
        { name: 'RATE_PASTES', value: ratePastes }
        { name: 'RATE_REQUESTS', value: rateRequests }
        { name: 'RATE_APPROVALS', value: rateApprovals }
        { name: 'MAX_TURNS_PER_PERSON', value: string(maxTurnsPerPerson) }
        { name: 'MAX_TURNS_IN_FLIGHT', value: string(maxTurnsInFlight) }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(SecretUri=${insightsSecret.properties.secretUri})'
        }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
  dependsOn: [storageRoles, vaultRole]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Written by `atk provision` to env/.env.<env> under these names.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = web.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.id
output IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output APPLICATION_INSIGHTS_NAME string = insights.name
