/* ---
id: app_ensure_http_is_redirected_to_https
title: App Service app accepts HTTPS only
severity: medium
provider: azure
service: app
resource_type: Microsoft.Web/sites
rationale: >-
  With HTTPS Only off, an app answers plain HTTP, so session cookies, tokens and form data can be read or
  altered on the network. With it on, App Service redirects every HTTP request to HTTPS. Resource Manager
  reports it as properties.httpsOnly on the app.
remediation:
  console: >-
    Azure portal > App Services > the app > Settings > Configuration > General settings: set "HTTPS Only" to On
    and Save.
  cli: |-
    az webapp update --resource-group <resource-group> --name <app> --https-only true
  terraform: |-
    resource "azurerm_linux_web_app" "this" {
      # ...
      https_only = true
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 9.1: Ensure 'HTTPS Only' is set to 'On'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Enforce HTTPS in Azure App Service"
    url: https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
  - title: "Azure REST API: Web Apps - List (properties.httpsOnly)"
    url: https://learn.microsoft.com/rest/api/appservice/web-apps/list
  - title: "Microsoft cloud security benchmark DP-3: Encrypt sensitive data in transit"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-3-encrypt-sensitive-data-in-transit
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.properties.httpsOnly') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.properties.httpsOnly')
    WHEN 'true' THEN 'App ' || name || ' redirects HTTP to HTTPS (httpsOnly true)'
    WHEN 'false' THEN 'App ' || name || ' accepts plain HTTP (httpsOnly false)'
    ELSE 'HTTPS Only setting of app ' || name || ' was not reported (properties.httpsOnly is ' || coalesce(json_type(config, '$.properties.httpsOnly'), 'absent') || '), so HTTP being refused is unconfirmed'
  END AS reason,
  json_object('id', config ->> '$.id', 'kind', config ->> '$.kind', 'httpsOnly', config -> '$.properties.httpsOnly') AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Web/sites'
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'App Service apps of subscription ' || s.name || ' were not collected (WebApps_List failed: ' || e.code || '), so HTTPS Only on every app is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'WebApps_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
