/* ---
id: defender_ensure_notify_emails_to_owners
title: Defender for Cloud notifies subscription owners of security alerts
severity: medium
provider: azure
service: defender
resource_type: Microsoft.Security/securityContacts
rationale: >-
  Subscription owners can act on an alert at once, and notifying them as well as the security mailbox makes sure
  an alert reaches someone who can. The security contact's properties.notificationsByRole says whether role
  holders are emailed (state On) and which roles (roles must include Owner). Read from SecurityContacts_List (api-
  version 2023-12-01-preview, the newest: no stable version exists). A subscription with no contact fails.
remediation:
  console: >-
    Azure portal > Microsoft Defender for Cloud > Environment settings > the subscription > Email notifications:
    under 'All users with the following roles' select Owner and Save.
  cli: |-
    az security contact create --name default --emails "secops@example.com" --alert-notifications on --alerts-admins on
    # Check:
    az security contact list --query "[].notificationsByRole"
  terraform: |-
    resource "azurerm_security_center_contact" "default" {
      name                = "default"
      email               = "secops@example.com"
      alert_notifications = true
      alerts_to_admins    = true # owners are notified
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.1.12: Ensure That 'All users with the following roles' is set to 'Owner'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark IR-2: Set up incident contact and notification"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-incident-response#ir-2-preparation---setup-incident-notification
  - title: "Microsoft Learn: Configure email notifications for security alerts"
    url: https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications
  - title: "Azure REST API: Security Contacts - List (2023-12-01-preview)"
    url: https://learn.microsoft.com/rest/api/defenderforcloud/security-contacts/list
frameworks:
  soc2-2017: [CC7.3]
  iso27001-2022: [A.5.24]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), contacts AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.isEnabled') AS enabled_type,
         json_type(config, '$.properties.notificationsByRole') AS nbr_type,
         json_extract(config, '$.properties.notificationsByRole.state') AS nbr_state,
         json_type(config, '$.properties.notificationsByRole.roles') AS roles_type,
         EXISTS (SELECT 1 FROM json_each(config, '$.properties.notificationsByRole.roles') r WHERE lower(r.value) = 'owner') AS owner_listed
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Security/securityContacts'
), failed AS (
  SELECT code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation = 'SecurityContacts_List' ORDER BY seq LIMIT 1
)
SELECT c.uid AS resource_uid,
  CASE
    WHEN c.enabled_type = 'false' THEN 'fail'
    WHEN c.nbr_type = 'object' AND c.nbr_state = 'On' AND c.roles_type = 'array' AND c.owner_listed THEN 'pass'
    WHEN c.nbr_type = 'object' AND (c.nbr_state = 'Off' OR (c.nbr_state = 'On' AND c.roles_type = 'array')) THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN c.enabled_type = 'false' THEN 'Security contact ' || c.name || ' is disabled (isEnabled false), so Defender for Cloud sends it no notification'
    WHEN c.nbr_type = 'object' AND c.nbr_state = 'On' AND c.roles_type = 'array' AND c.owner_listed THEN 'Security contact ' || c.name || ' notifies the roles ' || json_extract(c.config, '$.properties.notificationsByRole.roles') || ', Owner included'
    WHEN c.nbr_type = 'object' AND c.nbr_state = 'Off' THEN 'Security contact ' || c.name || ' notifies no role (notificationsByRole.state Off)'
    WHEN c.nbr_type = 'object' AND c.nbr_state = 'On' AND c.roles_type = 'array' THEN 'Security contact ' || c.name || ' notifies only ' || json_extract(c.config, '$.properties.notificationsByRole.roles') || ', not Owner'
    WHEN c.nbr_type IS NULL THEN 'Role notifications of security contact ' || c.name || ' were not reported (properties.notificationsByRole is absent), so owners being notified is unconfirmed'
    ELSE 'Role notifications of security contact ' || c.name || ' were reported in an unexpected form (' || coalesce(json_extract(c.config, '$.properties.notificationsByRole'), c.nbr_type) || ')'
  END AS reason,
  json_object('id', c.config ->> '$.id', 'notificationsByRole', c.config -> '$.properties.notificationsByRole', 'isEnabled', c.config -> '$.properties.isEnabled') AS evidence
FROM contacts c
UNION ALL
-- No contact to judge: none is configured (the list answered empty) or the list failed.
SELECT s.uid AS resource_uid, CASE WHEN f.code IS NULL THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN f.code IS NULL THEN 'Subscription ' || s.name || ' has no Defender for Cloud security contact, so subscription owners are not notified of security alerts'
    ELSE 'Security contacts of subscription ' || s.name || ' were not collected (SecurityContacts_List failed: ' || f.code || '), so subscription owners being notified is unconfirmed'
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', 'SecurityContacts_List', 'code', f.code) AS evidence
FROM subs s LEFT JOIN failed f ON 1
WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uid LIKE s.uid || '/%');
