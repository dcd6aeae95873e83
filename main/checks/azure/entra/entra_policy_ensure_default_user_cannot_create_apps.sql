/* ---
id: entra_policy_ensure_default_user_cannot_create_apps
title: "Users cannot register applications (Users can register applications: No)"
severity: high
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  When any user may register an application, anyone can create an identity (a service principal with its own
  credentials) that requests access to organisational data, outside any review. Registration should be reserved to
  administrators or the Application Developer role. The authorization policy's
  defaultUserRolePermissions.allowedToCreateApps is false when only they can.
remediation:
  console: >-
    Microsoft Entra admin center > Identity > Users > User settings: 'Users can register applications': No, Save.
    Grant the Application Developer role to those who need to register applications.
  cli: |-
    az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{"defaultUserRolePermissions": {"allowedToCreateApps": false}}'
  terraform: |-
    # The azuread provider has no resource for the authorization policy; use the admin center or this Graph call:
    # PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy
    # {"defaultUserRolePermissions": {"allowedToCreateApps": false}}
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.14: Ensure That 'Users Can Register Applications' Is Set to 'No'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark IM-1: Use centralized identity and authentication system"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-1-use-centralized-identity-and-authentication-system
  - title: "Microsoft Learn: Restrict who can create applications"
    url: https://learn.microsoft.com/entra/identity-platform/how-to-restrict-your-app-to-a-set-of-users
  - title: "Microsoft Graph v1.0: Get authorizationPolicy"
    url: https://learn.microsoft.com/graph/api/authorizationpolicy-get
frameworks:
  soc2-2017: [CC6.2]
  iso27001-2022: [A.5.16]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), tenant AS (
  SELECT uid, name, config, json_type(config, '$.authorizationPolicy') AS key_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Graph/organization'
), judged AS (
  SELECT t.*,
    json_type(t.config, '$.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps') AS v
  FROM tenant t
), failed AS (
  SELECT operation, code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation IN ('AuthorizationPolicy_Get') ORDER BY seq LIMIT 1
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.v = 'false' THEN 'pass'
    WHEN j.v = 'true' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.v = 'false' THEN 'Users of tenant ' || j.name || ' cannot register applications (allowedToCreateApps false)'
    WHEN j.v = 'true' THEN 'Any user of tenant ' || j.name || ' can register applications (allowedToCreateApps true)'
    WHEN j.key_type IS NULL THEN
      'The authorization policy of tenant ' || j.name || ' was not collected (' || coalesce(f.operation || ' failed: ' || f.code, 'authorizationPolicy is absent') || '), so users being unable to register applications is unconfirmed'
    WHEN j.v IS NULL THEN 'Whether users of tenant ' || j.name || ' can register applications was not reported (defaultUserRolePermissions.allowedToCreateApps is absent)'
    ELSE 'Whether users of tenant ' || j.name || ' can register applications was reported in an unexpected form (' || j.v || ')'
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'allowedToCreateApps', j.config -> '$.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps') AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
-- No tenant record: Graph was not reached (no permission, or a cloud without Graph).
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so users being unable to register applications is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
