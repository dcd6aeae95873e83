/* ---
id: defender_ensure_notify_alerts_severity_is_high
title: Defender for Cloud emails alerts of high severity (minimal severity High or lower)
severity: high
provider: azure
service: defender
resource_type: Microsoft.Security/securityContacts
rationale: >-
  Defender for Cloud emails an alert only when its severity is at least the contact's minimal severity. The
  contact's properties.notificationsSources holds one entry per notification source; alert emails are on when an
  entry has sourceType Alert, and minimalSeverity High, Medium or Low all include high-severity alerts. Without an
  Alert entry no alert is emailed at all. Read from SecurityContacts_List (api-version 2023-12-01-preview, the
  newest: no stable version exists). A subscription with no contact fails.
remediation:
  console: >-
    Azure portal > Microsoft Defender for Cloud > Environment settings > the subscription > Email notifications:
    tick 'Notify about alerts with the following severity (or higher)', choose High (or lower) and Save.
  cli: |-
    az security contact create --name default --emails "secops@example.com" --alert-notifications on
    # Check (notificationsSources needs the 2023-12-01-preview API):
    az rest --method get --url "https://management.azure.com/subscriptions/<subscription-id>/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview"
  terraform: |-
    resource "azurerm_security_center_contact" "default" {
      name                = "default"
      email               = "secops@example.com"
      alert_notifications = true # the provider sets minimal severity High
      alerts_to_admins    = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.1.14: Ensure That 'Notify about alerts with the following severity' is Set to 'High'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft cloud security benchmark IR-2: Set up incident contact and notification"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-incident-response#ir-2-preparation---setup-incident-notification
  - title: "Microsoft Learn: Configure email notifications for security alerts"
    url: https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications
  - title: "Azure REST API: Security Contacts - List (2023-12-01-preview)"
    url: https://learn.microsoft.com/rest/api/defenderforcloud/security-contacts/list
frameworks:
  soc2-2017: [CC7.3]
  iso27001-2022: [A.5.25]
--- */
WITH subs AS (
  SELECT uid, name, config FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Resources/subscriptions'
), contacts AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.isEnabled') AS enabled_type,
         json_type(config, '$.properties.notificationsSources') AS src_type,
         (SELECT json_extract(s.value, '$.minimalSeverity') FROM json_each(config, '$.properties.notificationsSources') s
          WHERE json_extract(s.value, '$.sourceType') = 'Alert' LIMIT 1) AS alert_severity,
         EXISTS (SELECT 1 FROM json_each(config, '$.properties.notificationsSources') s
                 WHERE json_extract(s.value, '$.sourceType') = 'Alert') AS has_alert
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Security/securityContacts'
), failed AS (
  SELECT code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation = 'SecurityContacts_List' ORDER BY seq LIMIT 1
)
SELECT c.uid AS resource_uid,
  CASE
    WHEN c.enabled_type = 'false' THEN 'fail'
    WHEN c.src_type = 'array' AND c.has_alert AND c.alert_severity IN ('High', 'Medium', 'Low') THEN 'pass'
    WHEN c.src_type = 'array' AND NOT c.has_alert THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN c.enabled_type = 'false' THEN 'Security contact ' || c.name || ' is disabled (isEnabled false), so Defender for Cloud sends it no notification'
    WHEN c.src_type = 'array' AND c.has_alert AND c.alert_severity IN ('High', 'Medium', 'Low') THEN 'Security contact ' || c.name || ' emails alerts of severity ' || c.alert_severity || ' and above'
    WHEN c.src_type = 'array' AND NOT c.has_alert THEN 'Security contact ' || c.name || ' has no Alert notification source, so no security alert is emailed'
    WHEN c.src_type IS NULL THEN 'Notification sources of security contact ' || c.name || ' were not reported (properties.notificationsSources is absent), so alert emails are unconfirmed'
    ELSE 'Alert notifications of security contact ' || c.name || ' were reported in an unexpected form (minimalSeverity ' || coalesce(quote(c.alert_severity), 'absent') || ')'
  END AS reason,
  json_object('id', c.config ->> '$.id', 'notificationsSources', c.config -> '$.properties.notificationsSources', 'isEnabled', c.config -> '$.properties.isEnabled') AS evidence
FROM contacts c
UNION ALL
-- No contact to judge: none is configured (the list answered empty) or the list failed.
SELECT s.uid AS resource_uid, CASE WHEN f.code IS NULL THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN f.code IS NULL THEN 'Subscription ' || s.name || ' has no Defender for Cloud security contact, so no security alert is emailed'
    ELSE 'Security contacts of subscription ' || s.name || ' were not collected (SecurityContacts_List failed: ' || f.code || '), so high-severity alerts being emailed is unconfirmed'
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', 'SecurityContacts_List', 'code', f.code) AS evidence
FROM subs s LEFT JOIN failed f ON 1
WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uid LIKE s.uid || '/%');
