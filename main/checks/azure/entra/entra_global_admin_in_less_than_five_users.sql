/* ---
id: entra_global_admin_in_less_than_five_users
title: Fewer than 5 members hold the Global Administrator role
severity: high
provider: azure
service: entra
resource_type: Microsoft.Graph/organization
rationale: >-
  A Global Administrator controls the whole tenant and, by elevating access, every Azure subscription in it. Each
  additional holder is one more account whose compromise is total. CIS asks for fewer than five (and at least two,
  for redundancy). The check counts the members of the Global Administrator directory role (template
  62e90394-69f5-4237-9190-012177145e10) from Microsoft Graph: users, groups and service principals with an active
  assignment; eligible (Privileged Identity Management) assignments are not members until activated.
remediation:
  console: >-
    Microsoft Entra admin center > Identity > Roles & admins > Global Administrator > Assignments: remove the role
    from members who do not need it (assign a least-privileged role instead), keeping two to four, ideally as
    eligible PIM assignments.
  cli: |-
    az rest --method get --url "https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId='62e90394-69f5-4237-9190-012177145e10')/members" --query "value[].userPrincipalName"
  terraform: |-
    resource "azuread_directory_role_assignment" "global_admin" {
      for_each            = toset(var.global_admin_object_ids) # two to four
      role_id             = azuread_directory_role.global_admin.template_id
      principal_object_id = each.value
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.26: Ensure fewer than 5 users have global administrator assignment"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark PA-1: Separate and limit highly privileged/administrative users"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-1-separate-and-limit-highly-privilegedadministrative-users
  - title: "Microsoft Learn: Best practices for Microsoft Entra roles (limit the number of Global Administrators)"
    url: https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices
  - title: "Microsoft Graph v1.0: List members of a directory role"
    url: https://learn.microsoft.com/graph/api/directoryrole-list-members
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), tenant AS (
  SELECT uid, name, config, json_type(config, '$.globalAdministrators') AS key_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Graph/organization'
), judged AS (
  SELECT t.*,
    (SELECT json_group_array(coalesce(json_extract(m.value, '$.userPrincipalName'), json_extract(m.value, '$.displayName'), json_extract(m.value, '$.id')))
     FROM json_each(t.config, '$.globalAdministrators') m) AS members
  FROM tenant t
), failed AS (
  SELECT operation, code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation IN ('GlobalAdministrators_ListMembers') ORDER BY seq LIMIT 1
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.key_type = 'array' AND json_array_length(j.config, '$.globalAdministrators') < 5 THEN 'pass'
    WHEN j.key_type = 'array' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN j.key_type = 'array' AND json_array_length(j.config, '$.globalAdministrators') < 5 THEN 'Tenant ' || j.name || ' has ' || json_array_length(j.config, '$.globalAdministrators') || ' Global Administrator(s): ' || j.members
    WHEN j.key_type = 'array' THEN 'Tenant ' || j.name || ' has ' || json_array_length(j.config, '$.globalAdministrators') || ' Global Administrators (5 or more): ' || j.members
    WHEN j.key_type IS NULL THEN
      'The Global Administrator membership of tenant ' || j.name || ' was not collected (' || coalesce(f.operation || ' failed: ' || f.code, 'globalAdministrators is absent') || '), so the number of Global Administrators is unconfirmed'
    ELSE 'The Global Administrator members of tenant ' || j.name || ' were reported in an unexpected form (not a list)'
  END AS reason,
  json_object('tenantId', j.config ->> '$.id', 'count', CASE WHEN j.key_type = 'array' THEN json_array_length(j.config, '$.globalAdministrators') END, 'members', json(j.members)) AS evidence
FROM judged j LEFT JOIN failed f ON 1
UNION ALL
-- No tenant record: Graph was not reached (no permission, or a cloud without Graph).
SELECT s.uid AS resource_uid, 'error' AS status,
  'The Entra ID tenant of subscription ' || s.name || ' was not collected ('
  || coalesce((SELECT 'Organization_List failed: ' || code FROM collection_errors
               WHERE snapshot_id = @snapshot_id AND operation = 'Organization_List' ORDER BY seq LIMIT 1),
              'no organization record from Microsoft Graph')
  || '), so the number of Global Administrators is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'tenantId', s.config ->> '$.tenantId') AS evidence
FROM subs s
WHERE NOT EXISTS (SELECT 1 FROM tenant);
