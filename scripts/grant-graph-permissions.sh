#!/usr/bin/env bash
# Grants Microsoft Graph application permissions to a service principal (the bot's managed
# identity), idempotently. Needs the Azure CLI signed in as a Privileged Role Administrator or
# Global Administrator of the tenant.
#
#   scripts/grant-graph-permissions.sh <principal object id> "<Permission.One> <Permission.Two> ..."
set -euo pipefail

principal="${1:?usage: grant-graph-permissions.sh <principal object id> \"<permissions>\"}"
permissions="${2:?no permissions given}"
graph_app_id=00000003-0000-0000-c000-000000000000

graph_sp=$(az ad sp show --id "$graph_app_id" --query id -o tsv)
existing=$(az rest --method GET \
  --url "https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments?\$top=999" \
  --query "value[].appRoleId" -o tsv)

for permission in $permissions; do
  role=$(az ad sp show --id "$graph_app_id" --query "appRoles[?value=='${permission}'].id | [0]" -o tsv)
  if [ -z "$role" ]; then
    echo "unknown Graph application permission: ${permission}" >&2
    exit 1
  fi
  if grep -qx "$role" <<<"$existing"; then
    echo "already granted: ${permission}"
    continue
  fi
  az rest --method POST \
    --url "https://graph.microsoft.com/v1.0/servicePrincipals/${principal}/appRoleAssignments" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"${principal}\",\"resourceId\":\"${graph_sp}\",\"appRoleId\":\"${role}\"}" \
    --output none
  echo "granted: ${permission}"
done
