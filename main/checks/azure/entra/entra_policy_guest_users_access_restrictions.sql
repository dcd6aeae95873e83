/* ---
id: entra_policy_guest_users_access_restrictions
title: Guest users can see only their own directory objects (guest user access restricted)
severity: medium
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  Guests (B2B collaborators) are outside the organisation's joiner-leaver process. With the Entra ID default
  ('limited access') a guest can still enumerate users, groups and other directory objects it can reach, useful
  reconnaissance for an attacker holding a guest account. The authorization policy's guestUserRoleId says which
  level applies: 2af84b1e-32c8-42b7-82bc-daa82404023b (restricted to their own objects) passes;
  10dae51f-b6af-4016-8d66-8c2a99b929b3 (limited, the default) and a0b1b346-4d3e-4e8b-98f8-753987be4970 (same as
  members) fail, as CIS asks for the most restrictive level.
remediation:
  console: >-
    Microsoft Entra admin center > Identity > External Identities > External collaboration settings: Guest user
    access: 'Guest user access is restricted to properties and memberships of their own directory objects (most
    restrictive)', Save.
  cli: |-
    az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{"guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b"}'
  terraform: |-
    # The azuread provider has no resource for the authorization policy; use the admin center or this Graph call:
    # PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy
    # {"guestUserRoleId": "2af84b1e-32c8-42b7-82bc-daa82404023b"}
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.15: Ensure That 'Guest users access restrictions' is set to 'Guest user access is restricted to properties and memberships of their own directory objects'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark PA-7: Follow just enough administration (least privilege) principle"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-7-follow-just-enough-administration-least-privilege-principle
  - title: "Microsoft Learn: Restrict guest access permissions in Microsoft Entra ID"
    url: https://learn.microsoft.com/entra/identity/users/users-restrict-guest-permissions
  - title: "Microsoft Graph v1.0: Get authorizationPolicy"
    url: https://learn.microsoft.com/graph/api/authorizationpolicy-get
frameworks:
  soc2-2017: [CC6.3]
  iso27001-2022: [A.5.15]
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
    json_type(t.config, '$.authorizationPolicy.guestUserRoleId') AS role_type,
    json_extract(t.config, '$.authorizationPolicy.guestUserRoleId') AS role_id
  FROM tenant t
), failed AS (
  SELECT operation, code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation IN ('AuthorizationPolicy_Get') ORDER BY seq LIMIT 1
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.role_type = 'text' AND j.role_id = '2af84b1e-32c8-42b7-82bc-daa82404023b' THEN 'pass'
    WHEN j.role_type = 'text' AND j.role_id IN ('10dae51f-b6af-4016-8d66-8c2a99b929b3', 'a0b1b346-4d3e-4e8b-98f8-753987be4970') THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.role_type = 'text' AND j.role_id = '2af84b1e-32c8-42b7-82bc-daa82404023b' THEN 'Guests in tenant ' || j.name || ' see only their own directory objects (guestUserRoleId 2af84b1e-32c8-42b7-82bc-daa82404023b, restricted)'
    WHEN j.role_type = 'text' AND j.role_id = '10dae51f-b6af-4016-8d66-8c2a99b929b3' THEN 'Guests in tenant ' || j.name || ' have limited access (guestUserRoleId 10dae51f-b6af-4016-8d66-8c2a99b929b3, the default): they can read other directory objects'
    WHEN j.role_type = 'text' AND j.role_id = 'a0b1b346-4d3e-4e8b-98f8-753987be4970' THEN 'Guests in tenant ' || j.name || ' have the same directory access as members (guestUserRoleId a0b1b346-4d3e-4e8b-98f8-753987be4970)'
    WHEN j.key_type IS NULL THEN
      'The authorization policy of tenant ' || j.name || ' was not collected (' || coalesce(f.operation || ' failed: ' || f.code, 'authorizationPolicy is absent') || '), so the guest user access level is unconfirmed'
    WHEN j.role_type IS NULL THEN 'The guest user access level of tenant ' || j.name || ' was not reported (guestUserRoleId is absent), so guest access being restricted is unconfirmed'
    ELSE 'The guest user access level of tenant ' || j.name || ' was reported in an unexpected form (' || coalesce(quote(j.role_id), j.role_type) || ')'
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'guestUserRoleId', j.config -> '$.authorizationPolicy.guestUserRoleId') AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
-- No tenant record: Graph was not reached (no permission, or a cloud without Graph).
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so the guest user access level is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
