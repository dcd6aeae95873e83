/* ---
id: app_minimum_tls_version_12
title: App Service app refuses TLS versions older than 1.2
severity: medium
provider: azure
service: app
resource_type: Microsoft.Web/sites
rationale: >-
  TLS 1.0 and 1.1 are deprecated (RFC 8996). The app's site configuration (config/web) holds minTlsVersion, the
  oldest TLS version its front ends accept (1.0, 1.1, 1.2 or 1.3). The app list carries only a sparse
  siteConfig, so the check reads config/web.
remediation:
  console: >-
    Azure portal > App Services > the app > Settings > Configuration > General settings: set "Minimum Inbound
    TLS Version" to 1.2 and Save.
  cli: |-
    az webapp config set --resource-group <resource-group> --name <app> --min-tls-version 1.2
  terraform: |-
    resource "azurerm_linux_web_app" "this" {
      # ...
      site_config {
        minimum_tls_version = "1.2"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 9.4: Ensure Web App is using the latest version of TLS encryption"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Enforce TLS versions in Azure App Service"
    url: https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions
  - title: "Azure REST API: Web Apps - Get Configuration"
    url: https://learn.microsoft.com/rest/api/appservice/web-apps/get-configuration
  - title: "Microsoft cloud security benchmark DP-3: Encrypt sensitive data in transit"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-3-encrypt-sensitive-data-in-transit
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [4.2.1]
  iso27001-2022: [A.8.24]
--- */
WITH apps AS (
  SELECT uid, name, config, json_type(config, '$.webConfig') AS w_type,
         json_type(config, '$.webConfig.properties.minTlsVersion') AS v_type,
         json_extract(config, '$.webConfig.properties.minTlsVersion') AS v
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Web/sites'
)
SELECT uid AS resource_uid,
  CASE WHEN v_type = 'text' AND v IN ('1.2', '1.3') THEN 'pass' WHEN v_type = 'text' AND v IN ('1.0', '1.1') THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN v_type = 'text' AND v IN ('1.2', '1.3') THEN 'App ' || name || ' requires at least TLS 1.2 (minTlsVersion ' || v || ')'
    WHEN v_type = 'text' AND v IN ('1.0', '1.1') THEN 'App ' || name || ' accepts TLS older than 1.2 (minTlsVersion ' || v || ')'
    WHEN w_type IS NULL THEN 'Site configuration of app ' || name || ' was not collected (WebApps_GetConfiguration failed), so the minimum TLS version is unconfirmed'
    WHEN v_type IS NULL OR v_type = 'null' THEN 'Setting minTlsVersion of app ' || name || ' was not reported in its site configuration, so the minimum TLS version is unconfirmed'
    ELSE 'Setting minTlsVersion of app ' || name || ' was reported in an unexpected form (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'kind', config ->> '$.kind', 'minTlsVersion', config -> '$.webConfig.properties.minTlsVersion') AS evidence
FROM apps
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'App Service apps of subscription ' || s.name || ' were not collected (WebApps_List failed: ' || e.code || '), so the minimum TLS version on every app is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'WebApps_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
