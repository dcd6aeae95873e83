/* ---
id: app_ftp_deployment_disabled
title: App Service app does not allow plain FTP
severity: medium
provider: azure
service: app
resource_type: Microsoft.Web/sites
rationale: >-
  FTP sends the deployment credentials and the app's code in clear text; anyone on the path can capture them and
  then replace the app's code. The site configuration's ftpsState is AllAllowed (FTP and FTPS), FtpsOnly or
  Disabled; the check passes for FtpsOnly or Disabled.
remediation:
  console: >-
    Azure portal > App Services > the app > Settings > Configuration > General settings: set "FTP state" to
    "FTPS only" or "Disabled" and Save.
  cli: |-
    az webapp config set --resource-group <resource-group> --name <app> --ftps-state Disabled
  terraform: |-
    resource "azurerm_linux_web_app" "this" {
      # ...
      site_config {
        ftps_state = "Disabled" # or "FtpsOnly"
      }
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 9.3: Ensure 'FTP State' is set to 'FTPS Only' or 'Disabled'"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Deploy your app to Azure App Service using FTP/S - enforce FTPS"
    url: https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps
  - title: "Azure REST API: Web Apps - Get Configuration"
    url: https://learn.microsoft.com/rest/api/appservice/web-apps/get-configuration
  - title: "Microsoft cloud security benchmark DP-3: Encrypt sensitive data in transit"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-data-protection#dp-3-encrypt-sensitive-data-in-transit
frameworks:
  soc2-2017: [CC6.7]
  pci-dss-4.0.1: [2.2.7]
  iso27001-2022: [A.8.24]
--- */
WITH apps AS (
  SELECT uid, name, config, json_type(config, '$.webConfig') AS w_type,
         json_type(config, '$.webConfig.properties.ftpsState') AS v_type,
         json_extract(config, '$.webConfig.properties.ftpsState') AS v
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Web/sites'
)
SELECT uid AS resource_uid,
  CASE WHEN v_type = 'text' AND v IN ('FtpsOnly', 'Disabled') THEN 'pass' WHEN v_type = 'text' AND v = 'AllAllowed' THEN 'fail' ELSE 'error' END AS status,
  CASE
    WHEN v_type = 'text' AND v IN ('FtpsOnly', 'Disabled') THEN 'App ' || name || ' does not accept plain FTP (ftpsState ' || v || ')'
    WHEN v_type = 'text' AND v = 'AllAllowed' THEN 'App ' || name || ' accepts plain FTP deployments (ftpsState ' || v || ')'
    WHEN w_type IS NULL THEN 'Site configuration of app ' || name || ' was not collected (WebApps_GetConfiguration failed), so the FTP state is unconfirmed'
    WHEN v_type IS NULL OR v_type = 'null' THEN 'Setting ftpsState of app ' || name || ' was not reported in its site configuration, so the FTP state is unconfirmed'
    ELSE 'Setting ftpsState of app ' || name || ' was reported in an unexpected form (' || quote(v) || ')'
  END AS reason,
  json_object('id', config ->> '$.id', 'kind', config ->> '$.kind', 'ftpsState', config -> '$.webConfig.properties.ftpsState') AS evidence
FROM apps
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'App Service apps of subscription ' || s.name || ' were not collected (WebApps_List failed: ' || e.code || '), so the FTP state on every app is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'WebApps_List' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
