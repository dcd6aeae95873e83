/* ---
id: entra_policy_restricts_user_consent_for_apps
title: "Users cannot consent to applications (user consent: Do not allow)"
severity: high
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  Consent phishing tricks users into granting a malicious application access to their mail, files or profile; the
  grant outlives a password reset. With user consent off, an administrator reviews every application's permissions
  first (the admin consent workflow lets users ask). The authorization policy's
  defaultUserRolePermissions.permissionGrantPoliciesAssigned lists the permission grant policies users hold: any
  ManagePermissionGrantsForSelf.* policy (for example microsoft-user-default-legacy or -low) lets them consent for
  themselves and fails; ManagePermissionGrantsForOwnedResource.* (group and team owners) is not user consent.
remediation:
  console: >-
    Microsoft Entra admin center > Identity > Applications > Enterprise applications > Consent and permissions >
    User consent settings: 'Do not allow user consent', Save. Turn on the admin consent workflow so users can
    request access.
  cli: |-
    az rest --method patch --url https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body '{"defaultUserRolePermissions": {"permissionGrantPoliciesAssigned": []}}'
  terraform: |-
    # The azuread provider has no resource for the authorization policy; use the admin center or this Graph call:
    # PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy
    # {"defaultUserRolePermissions": {"permissionGrantPoliciesAssigned": []}}
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.12: Ensure 'User consent for applications' is set to 'Do not allow user consent'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark PA-7: Follow just enough administration (least privilege) principle"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-7-follow-just-enough-administration-least-privilege-principle
  - title: "Microsoft Learn: Configure how users consent to applications"
    url: https://learn.microsoft.com/entra/identity/enterprise-apps/configure-user-consent
  - title: "Microsoft Graph v1.0: Get authorizationPolicy"
    url: https://learn.microsoft.com/graph/api/authorizationpolicy-get
frameworks:
  soc2-2017: [CC6.1]
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
    json_type(t.config, '$.authorizationPolicy.defaultUserRolePermissions.permissionGrantPoliciesAssigned') AS v,
    (SELECT json_group_array(p.value) FROM json_each(t.config, '$.authorizationPolicy.defaultUserRolePermissions.permissionGrantPoliciesAssigned') p
     WHERE p.value LIKE 'ManagePermissionGrantsForSelf.%') AS self_policies
  FROM tenant t
), failed AS (
  SELECT operation, code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation IN ('AuthorizationPolicy_Get') ORDER BY seq LIMIT 1
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.v = 'array' AND json_array_length(j.self_policies) = 0 THEN 'pass'
    WHEN j.v = 'array' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.v = 'array' AND json_array_length(j.self_policies) = 0 THEN 'Users of tenant ' || j.name || ' cannot consent to applications for themselves (no ManagePermissionGrantsForSelf policy assigned)'
    WHEN j.v = 'array' THEN 'Users of tenant ' || j.name || ' can consent to applications for themselves (' || j.self_policies || ')'
    WHEN j.key_type IS NULL THEN
      'The authorization policy of tenant ' || j.name || ' was not collected (' || coalesce(f.operation || ' failed: ' || f.code, 'authorizationPolicy is absent') || '), so user consent to applications being off is unconfirmed'
    WHEN j.v IS NULL THEN 'The consent policies of tenant ' || j.name || ' were not reported (defaultUserRolePermissions.permissionGrantPoliciesAssigned is absent), so user consent being off is unconfirmed'
    ELSE 'The consent policies of tenant ' || j.name || ' were reported in an unexpected form (not a list)'
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'permissionGrantPoliciesAssigned', j.config -> '$.authorizationPolicy.defaultUserRolePermissions.permissionGrantPoliciesAssigned') AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
-- No tenant record: Graph was not reached (no permission, or a cloud without Graph).
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so user consent to applications being off is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
