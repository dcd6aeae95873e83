/* ---
id: defender_additional_email_configured_with_a_security_contact
title: Defender for Cloud emails security alerts to an additional security contact address
severity: medium
provider: azure
service: defender
resource_type: Microsoft.Security/securityContacts
rationale: >-
  Defender for Cloud emails its security alerts to the subscription's security contact. Without an additional
  address the alerts reach at most the subscription owners, who may not be the people who respond to incidents,
  and an attack can go unnoticed. The contact is read from SecurityContacts_List (api-version 2023-12-01-preview,
  the newest: no stable version exists): properties.emails holds the addresses separated by semicolons. A
  subscription with no contact, an empty emails value or a disabled contact fails.
remediation:
  console: >-
    Azure portal > Microsoft Defender for Cloud > Environment settings > the subscription > Email notifications:
    enter the security team's address(es) in 'Additional email addresses (separated by commas)' and Save.
  cli: |-
    az security contact create --name default --emails "secops@example.com" --alert-notifications on
  terraform: |-
    resource "azurerm_security_center_contact" "default" {
      name                = "default"
      email               = "secops@example.com"
      alert_notifications = true
      alerts_to_admins    = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 3.1.13: Ensure 'Additional email addresses' is Configured with a Security Contact Email"
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
         json_type(config, '$.properties.emails') AS emails_type,
         trim(json_extract(config, '$.properties.emails')) AS emails
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Security/securityContacts'
), failed AS (
  SELECT code FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND operation = 'SecurityContacts_List' ORDER BY seq LIMIT 1
)
SELECT c.uid AS resource_uid,
  CASE
    WHEN c.enabled_type = 'false' THEN 'fail'
    WHEN c.emails_type = 'text' AND replace(replace(c.emails, ';', ''), ' ', '') <> '' THEN 'pass'
    WHEN c.emails_type = 'text' OR c.emails_type = 'null' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN c.enabled_type = 'false' THEN 'Security contact ' || c.name || ' is disabled (isEnabled false), so Defender for Cloud sends it no notification'
    WHEN c.emails_type = 'text' AND replace(replace(c.emails, ';', ''), ' ', '') <> '' THEN 'Security contact ' || c.name || ' sends alerts to ' || c.emails
    WHEN c.emails_type = 'text' OR c.emails_type = 'null' THEN 'Security contact ' || c.name || ' has no email address (emails is empty)'
    WHEN c.emails_type IS NULL THEN 'The email addresses of security contact ' || c.name || ' were not reported (properties.emails is absent), so alerts reaching a security mailbox is unconfirmed'
    ELSE 'The email addresses of security contact ' || c.name || ' were reported in an unexpected form (' || c.emails_type || ')'
  END AS reason,
  json_object('id', c.config ->> '$.id', 'emails', c.config -> '$.properties.emails', 'isEnabled', c.config -> '$.properties.isEnabled') AS evidence
FROM contacts c
UNION ALL
-- No contact to judge: none is configured (the list answered empty) or the list failed.
SELECT s.uid AS resource_uid, CASE WHEN f.code IS NULL THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN f.code IS NULL THEN 'Subscription ' || s.name || ' has no Defender for Cloud security contact, so no additional address receives security alerts'
    ELSE 'Security contacts of subscription ' || s.name || ' were not collected (SecurityContacts_List failed: ' || f.code || '), so an additional email address receiving alerts is unconfirmed'
  END AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', 'SecurityContacts_List', 'code', f.code) AS evidence
FROM subs s LEFT JOIN failed f ON 1
WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.uid LIKE s.uid || '/%');
