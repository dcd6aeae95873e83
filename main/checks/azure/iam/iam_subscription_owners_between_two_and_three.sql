/* ---
id: iam_subscription_owners_between_two_and_three
title: Subscription has two or three owners
severity: medium
provider: azure
service: iam
resource_type: Microsoft.Resources/subscriptions
rationale: >-
  Owner has full control of a subscription, access management included. More than three owners widens the group
  that can do anything unreviewed; fewer than two leaves no one to act (or to recover access) when the single
  owner is away or compromised. Defender for Cloud makes the same two recommendations ('A maximum of 3 owners
  should be designated for your subscription', 'There should be more than one owner assigned to your
  subscription'). The check counts the distinct principals (users, groups, service principals; a group counts
  once) holding the built-in Owner role (8e3af657-a8ff-443c-a75c-2fe8c4bcb635) at the subscription or above it (a
  management group or /), from RoleAssignments_ListForSubscription; Owners of a resource group or resource only
  are not subscription owners. When the list failed the owner count is unknown and the check answers error.
remediation:
  console: >-
    Azure portal > Subscriptions > the subscription > Access control (IAM) > Role assignments, filter Role: Owner:
    remove Owner from principals that do not need it (grant a narrower role), or add a second owner (preferably a
    group with eligible assignment through Privileged Identity Management).
  cli: |-
    az role assignment list --scope /subscriptions/<subscription-id> --role Owner --include-inherited --query "[].{principal:principalName, scope:scope}"
    az role assignment delete --assignee <principal> --role Owner --scope /subscriptions/<subscription-id>
  terraform: |-
    resource "azurerm_role_assignment" "owners" {
      for_each             = toset(var.subscription_owner_object_ids) # two or three principals
      scope                = data.azurerm_subscription.current.id
      role_definition_name = "Owner"
      principal_id         = each.value
    }
references:
  - title: "Microsoft Defender for Cloud recommendations: A maximum of 3 owners should be designated for your subscription; There should be more than one owner assigned to your subscription"
    url: https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-identity-access
  - title: "Microsoft cloud security benchmark PA-1: Separate and limit highly privileged/administrative users"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-1-separate-and-limit-highly-privilegedadministrative-users
  - title: "Microsoft Learn: Best practices for Azure RBAC (limit the number of subscription owners)"
    url: https://learn.microsoft.com/azure/role-based-access-control/best-practices
  - title: "Azure REST API: Role Assignments - List For Subscription"
    url: https://learn.microsoft.com/rest/api/authorization/role-assignments/list-for-subscription
frameworks:
  soc2-2017: [CC6.3]
  pci-dss-4.0.1: [7.2.2]
  iso27001-2022: [A.8.2]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), owners AS (
  -- Owner assignments at the subscription or above it; one row per principal.
  SELECT s.uid AS sub_uid,
         json_extract(a.config, '$.properties.principalId') AS principal,
         min(json_extract(a.config, '$.properties.principalType')) AS principal_type,
         json_group_array(json_extract(a.config, '$.properties.scope')) AS scopes
  FROM subs s
  JOIN resources a ON a.snapshot_id = @snapshot_id AND a.type = 'Microsoft.Authorization/roleAssignments'
  WHERE lower(json_extract(a.config, '$.properties.roleDefinitionId'))
          LIKE '%/providers/microsoft.authorization/roledefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
    AND json_type(a.config, '$.properties.principalId') = 'text'
    AND (lower(json_extract(a.config, '$.properties.scope')) = s.uid
         OR json_extract(a.config, '$.properties.scope') = '/'
         OR lower(json_extract(a.config, '$.properties.scope')) LIKE '/providers/microsoft.management/managementgroups/%')
  GROUP BY s.uid, principal
), counted AS (
  SELECT s.uid, s.name, s.config,
         (SELECT count(*) FROM owners o WHERE o.sub_uid = s.uid) AS n,
         (SELECT json_group_array(json_object('principalId', o.principal, 'principalType', o.principal_type,
                                              'scopes', json(o.scopes)))
          FROM owners o WHERE o.sub_uid = s.uid) AS list
  FROM subs s
), failed AS (
  SELECT code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation = 'RoleAssignments_ListForSubscription' ORDER BY seq LIMIT 1
)
SELECT c.uid AS resource_uid,
  CASE WHEN f.code IS NOT NULL THEN 'error' WHEN c.n BETWEEN 2 AND 3 THEN 'pass' ELSE 'fail' END AS status,
  CASE
    WHEN f.code IS NOT NULL THEN
      'Role assignments of subscription ' || c.name || ' were not collected (RoleAssignments_ListForSubscription failed: ' || f.code || '), so the number of owners is unknown'
    WHEN c.n BETWEEN 2 AND 3 THEN 'Subscription ' || c.name || ' has ' || c.n || ' owners'
    WHEN c.n < 2 THEN 'Subscription ' || c.name || ' has ' || c.n || ' owner' || CASE c.n WHEN 1 THEN '' ELSE 's' END || ': fewer than 2, so no second owner can act or recover access'
    ELSE 'Subscription ' || c.name || ' has ' || c.n || ' owners: more than 3'
  END AS reason,
  json_object('subscriptionId', c.config ->> '$.subscriptionId', 'ownerCount', CASE WHEN f.code IS NULL THEN c.n END,
              'owners', json(c.list), 'operation', 'RoleAssignments_ListForSubscription', 'code', f.code) AS evidence
FROM counted c LEFT JOIN failed f ON 1;
