/* ---
id: entra_security_defaults_or_conditional_access_mfa_enabled
title: "Entra ID requires MFA for every user: security defaults on, or a Conditional Access policy requiring MFA for all users and apps"
severity: critical
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  A password alone is phished, sprayed and reused; multi-factor authentication stops most account takeovers. Entra
  ID enforces MFA tenant-wide either with security defaults (identitySecurityDefaultsEnforcementPolicy isEnabled
  true) or, when those are off, with Conditional Access. The tenant passes when security defaults are on, or when
  an enabled (not report-only) Conditional Access policy includes all users and all applications and grants access
  only with MFA (builtInControls contains mfa with operator AND or as the only control, or an authentication
  strength). Excluded break-glass accounts are allowed. When security defaults are off and the policies were not
  collected (or the reverse without a qualifying policy) the answer is error.
remediation:
  console: >-
    Microsoft Entra admin center > Identity > Overview > Properties > Manage security defaults: Enabled. Or, with
    Entra ID P1: Protection > Conditional Access > New policy: Users All users (exclude break-glass accounts),
    Target resources All cloud apps, Grant: Require multifactor authentication, Enable policy On.
  cli: |-
    # Security defaults (Microsoft Graph):
    az rest --method patch --url https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy --body '{"isEnabled": true}'
    # Check:
    az rest --method get --url https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy
  terraform: |-
    resource "azuread_conditional_access_policy" "mfa_all_users" {
      display_name = "Require MFA for all users"
      state        = "enabled"
      conditions {
        client_app_types = ["all"]
        applications { included_applications = ["All"] }
        users {
          included_users = ["All"]
          excluded_users = [var.break_glass_object_id]
        }
      }
      grant_controls {
        operator          = "OR"
        built_in_controls = ["mfa"]
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.1.1: Ensure Security Defaults is enabled on Microsoft Entra ID"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.2.5: Ensure that A Multi-factor Authentication Policy Exists for All Users"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark IM-6: Use strong authentication controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-6-use-strong-authentication-controls
  - title: "Microsoft Learn: Security defaults in Microsoft Entra ID"
    url: https://learn.microsoft.com/entra/fundamentals/security-defaults
  - title: "Microsoft Learn: Require MFA for all users with Conditional Access"
    url: https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [8.4.1, 8.4.2]
  iso27001-2022: [A.8.5]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), tenant AS (
  SELECT uid, name, config,
         json_type(config, '$.securityDefaults.isEnabled') AS sd_type,
         json_type(config, '$.conditionalAccessPolicies') AS ca_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Graph/organization'
), mfa_policies AS (
  -- Enabled policies for all users and all apps whose grant can only be met with MFA.
  SELECT t.uid, json_extract(p.value, '$.displayName') AS policy
  FROM tenant t, json_each(t.config, '$.conditionalAccessPolicies') p
  WHERE t.ca_type = 'array'
    AND json_extract(p.value, '$.state') = 'enabled'
    AND EXISTS (SELECT 1 FROM json_each(p.value, '$.conditions.users.includeUsers') u WHERE u.value = 'All')
    AND EXISTS (SELECT 1 FROM json_each(p.value, '$.conditions.applications.includeApplications') a WHERE a.value = 'All')
    AND (json_type(p.value, '$.grantControls.authenticationStrength') = 'object'
         OR (EXISTS (SELECT 1 FROM json_each(p.value, '$.grantControls.builtInControls') c WHERE c.value = 'mfa')
             AND (json_extract(p.value, '$.grantControls.operator') = 'AND'
                  OR json_array_length(p.value, '$.grantControls.builtInControls') = 1)))
), judged AS (
  SELECT t.*, (SELECT json_group_array(m.policy) FROM mfa_policies m WHERE m.uid = t.uid) AS policies,
         (SELECT count(*) FROM mfa_policies m WHERE m.uid = t.uid) AS n
  FROM tenant t
), failed AS (
  SELECT group_concat(operation || ' failed: ' || code, '; ') AS what FROM (
    SELECT DISTINCT operation, code FROM collection_errors
    WHERE snapshot_id = @snapshot_id
      AND operation IN ('IdentitySecurityDefaultsEnforcementPolicy_Get', 'ConditionalAccessPolicies_List'))
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.sd_type = 'true' OR j.n > 0 THEN 'pass'
    WHEN j.sd_type = 'false' AND j.ca_type = 'array' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.sd_type = 'true' THEN 'Security defaults are enabled in tenant ' || j.name || ', so every user must register and use MFA'
    WHEN j.n > 0 THEN 'Conditional Access requires MFA for all users and all apps in tenant ' || j.name || ' (' || j.policies || ')'
    WHEN j.sd_type = 'false' AND j.ca_type = 'array' THEN
      'Security defaults are off in tenant ' || j.name || ' and none of its ' || json_array_length(j.config, '$.conditionalAccessPolicies')
      || ' Conditional Access policies requires MFA for all users and all apps while enabled'
    WHEN j.sd_type IS NOT NULL AND j.sd_type NOT IN ('true', 'false') THEN
      'Security defaults of tenant ' || j.name || ' were reported in an unexpected form (isEnabled is ' || j.sd_type || ')'
    ELSE 'MFA enforcement in tenant ' || j.name || ' is unconfirmed: '
      || CASE WHEN j.sd_type IS NULL THEN 'security defaults were not collected' ELSE 'security defaults are off' END
      || CASE WHEN j.ca_type IS NULL THEN ' and Conditional Access policies were not collected' ELSE ' and no Conditional Access policy requires MFA for everyone' END
      || coalesce(' (' || f.what || ')', '')
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'securityDefaultsEnabled', j.config -> '$.securityDefaults.isEnabled',
              'conditionalAccessPoliciesCollected', j.ca_type = 'array', 'mfaPolicies', json(j.policies)) AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so MFA being required for every user is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
