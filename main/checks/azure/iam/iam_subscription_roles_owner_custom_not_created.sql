/* ---
id: iam_subscription_roles_owner_custom_not_created
title: Custom role does not grant every action at subscription scope (no custom subscription administrator role)
severity: high
provider: azure
service: iam
resource_type: Microsoft.Authorization/roleDefinitions
rationale: >-
  A custom role whose actions include * and that can be assigned at the root, a management group or a subscription
  is a second Owner (or Contributor) that escapes the review built-in roles get, and is easily handed out. Custom
  roles should list the actions their holders need. Each custom role of RoleDefinitions_List (properties.type
  CustomRole) fails when an actions list of its permissions contains * and one of its assignableScopes is /, a
  management group or a subscription; notActions do not make such a role narrow enough to pass. When the list
  failed the subscription answers error.
remediation:
  console: >-
    Azure portal > Subscriptions > the subscription > Access control (IAM) > Roles, filter Type: CustomRole: open
    the role named in the finding, replace * in Actions with the specific actions needed (or delete the role after
    moving its assignments to a built-in role) and Save.
  cli: |-
    az role definition list --custom-role-only true --query "[?contains(permissions[0].actions, '*')].roleName"
    az role definition update --role-definition @narrowed-role.json
    # or: az role definition delete --name "<role name>"
  terraform: |-
    resource "azurerm_role_definition" "operator" {
      name  = "vm-operator"
      scope = data.azurerm_subscription.current.id
      permissions {
        actions     = ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/read"] # never "*"
        not_actions = []
      }
      assignable_scopes = [data.azurerm_subscription.current.id]
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 2.23: Ensure That No Custom Subscription Administrator Roles Exist"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark PA-7: Follow just enough administration (least privilege) principle"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-7-follow-just-enough-administration-least-privilege-principle
  - title: "Microsoft Learn: Azure custom roles"
    url: https://learn.microsoft.com/azure/role-based-access-control/custom-roles
  - title: "Azure REST API: Role Definitions - List"
    url: https://learn.microsoft.com/rest/api/authorization/role-definitions/list
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), roles AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.permissions') AS perms_type,
         json_type(config, '$.properties.assignableScopes') AS scopes_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Authorization/roleDefinitions'
), judged AS (
  SELECT r.*,
    EXISTS (SELECT 1 FROM json_each(r.config, '$.properties.permissions') p, json_each(p.value, '$.actions') a
            WHERE a.value = '*') AS all_actions,
    (SELECT json_group_array(sc.value) FROM json_each(r.config, '$.properties.assignableScopes') sc
     WHERE sc.value = '/'
        OR lower(sc.value) LIKE '/providers/microsoft.management/managementgroups/%'
        OR (lower(sc.value) LIKE '/subscriptions/%' AND instr(substr(sc.value, 16), '/') = 0)) AS broad_scopes
  FROM roles r
)
SELECT j.uid AS resource_uid,
  CASE
    WHEN j.perms_type IS NOT 'array' OR j.scopes_type IS NOT 'array' THEN 'error'
    WHEN j.all_actions AND json_array_length(j.broad_scopes) > 0 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN j.perms_type IS NULL OR j.scopes_type IS NULL THEN
      'The permissions of custom role ' || j.name || ' were not reported (properties.'
      || CASE WHEN j.perms_type IS NULL THEN 'permissions' ELSE 'assignableScopes' END || ' is absent), so it not being an administrator role is unconfirmed'
    WHEN j.perms_type IS NOT 'array' OR j.scopes_type IS NOT 'array' THEN
      'The permissions of custom role ' || j.name || ' were reported in an unexpected form (not a list)'
    WHEN j.all_actions AND json_array_length(j.broad_scopes) > 0 THEN
      'Custom role ' || j.name || ' allows every action (*) and is assignable at ' || j.broad_scopes
    WHEN j.all_actions THEN
      'Custom role ' || j.name || ' allows every action (*) but only below subscription level ('
      || json_extract(j.config, '$.properties.assignableScopes') || ')'
    ELSE 'Custom role ' || j.name || ' lists specific actions, not *'
  END AS reason,
  json_object('id', j.config ->> '$.id', 'roleName', j.config ->> '$.properties.roleName',
              'permissions', j.config -> '$.properties.permissions',
              'assignableScopes', j.config -> '$.properties.assignableScopes') AS evidence
FROM judged j
UNION ALL
-- The list itself failed: the custom roles are unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Role definitions of subscription ' || s.name || ' were not collected (RoleDefinitions_List failed: ' || e.code || '), so no custom subscription administrator role existing is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM subs s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'RoleDefinitions_List' ORDER BY seq LIMIT 1) e;
