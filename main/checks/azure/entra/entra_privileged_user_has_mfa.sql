/* ---
id: entra_privileged_user_has_mfa
title: Every administrator has registered a multi-factor authentication method
severity: high
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  An administrator without a registered second factor cannot be made to use MFA (and security defaults or
  Conditional Access will let the first sign-in register one, which an attacker holding the password can do). The
  authentication methods registration report (userRegistrationDetails) marks each user holding an Entra ID
  administrator role (isAdmin) and whether a method usable for MFA is registered (isMfaRegistered). The tenant
  fails naming every administrator without one; a report listing no administrator cannot confirm anything and
  answers error.
remediation:
  console: >-
    Microsoft Entra admin center > Protection > Authentication methods > User registration details: filter Admin =
    Yes and Multifactor authentication capable = Not capable; have each named administrator register a method (or
    issue a Temporary Access Pass to register one) and enforce MFA for administrators with Conditional Access.
  cli: |-
    az rest --method get --url "https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails?$filter=isAdmin eq true and isMfaRegistered eq false" --query "value[].userPrincipalName"
  terraform: |-
    # Registration is done by each user; enforce it for administrators with Conditional Access:
    resource "azuread_conditional_access_policy" "admins_mfa" {
      display_name = "Require MFA for administrators"
      state        = "enabled"
      conditions {
        client_app_types = ["all"]
        applications { included_applications = ["All"] }
        users { included_roles = ["62e90394-69f5-4237-9190-012177145e10"] }
      }
      grant_controls {
        operator          = "OR"
        built_in_controls = ["mfa"]
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.1.2: Ensure that 'Multi-Factor Auth Status' is 'Enabled' for all Privileged Users"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark IM-6: Use strong authentication controls"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-identity-management#im-6-use-strong-authentication-controls
  - title: "Microsoft Learn: Authentication methods activity (user registration details)"
    url: https://learn.microsoft.com/entra/identity/authentication/howto-authentication-methods-activity
  - title: "Microsoft Graph v1.0: List userRegistrationDetails"
    url: https://learn.microsoft.com/graph/api/authenticationmethodsroot-list-userregistrationdetails
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.5]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), tenant AS (
  SELECT uid, name, config, json_type(config, '$.userRegistrationDetails') AS key_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Graph/organization'
), judged AS (
  SELECT t.*,
    (SELECT count(*) FROM json_each(t.config, '$.userRegistrationDetails') u WHERE json_extract(u.value, '$.isAdmin') = 1
       AND json_type(u.value, '$.isAdmin') = 'true') AS admins,
    (SELECT json_group_array(json_extract(u.value, '$.userPrincipalName')) FROM json_each(t.config, '$.userRegistrationDetails') u
     WHERE json_type(u.value, '$.isAdmin') = 'true' AND json_type(u.value, '$.isMfaRegistered') = 'false') AS without_mfa,
    (SELECT json_group_array(json_extract(u.value, '$.userPrincipalName')) FROM json_each(t.config, '$.userRegistrationDetails') u
     WHERE json_type(u.value, '$.isAdmin') = 'true' AND json_type(u.value, '$.isMfaRegistered') IS NOT 'true'
       AND json_type(u.value, '$.isMfaRegistered') IS NOT 'false') AS unknown_mfa
  FROM tenant t
), failed AS (
  SELECT operation, code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation IN ('UserRegistrationDetails_List') ORDER BY seq LIMIT 1
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.key_type = 'array' AND json_array_length(j.without_mfa) > 0 THEN 'fail'
    WHEN j.key_type = 'array' AND j.admins > 0 AND json_array_length(j.unknown_mfa) = 0 THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.key_type = 'array' AND json_array_length(j.without_mfa) > 0 THEN 'Administrators of tenant ' || j.name || ' without a registered MFA method: ' || j.without_mfa
    WHEN j.key_type = 'array' AND j.admins > 0 AND json_array_length(j.unknown_mfa) = 0 THEN 'All ' || j.admins || ' administrators of tenant ' || j.name || ' have registered an MFA method'
    WHEN j.key_type IS NULL THEN
      'The MFA registration report of tenant ' || j.name || ' was not collected (' || coalesce(f.operation || ' failed: ' || f.code, 'userRegistrationDetails is absent') || '), so administrators having MFA registered is unconfirmed'
    WHEN j.key_type = 'array' AND j.admins = 0 THEN 'The MFA registration report of tenant ' || j.name || ' lists no administrator, so administrators having MFA registered is unconfirmed'
    WHEN j.key_type = 'array' THEN 'MFA registration of administrators ' || j.unknown_mfa || ' of tenant ' || j.name || ' was not reported (isMfaRegistered is absent)'
    ELSE 'The MFA registration report of tenant ' || j.name || ' was reported in an unexpected form (not a list)'
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'administrators', j.admins, 'withoutMfa', json(j.without_mfa), 'mfaUnknown', json(j.unknown_mfa)) AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
-- No tenant record: Graph was not reached (no permission, or a cloud without Graph).
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so administrators having MFA registered is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
