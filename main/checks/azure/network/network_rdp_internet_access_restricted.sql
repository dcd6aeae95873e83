/* ---
id: network_rdp_internet_access_restricted
title: Network security group does not allow RDP (TCP 3389) from the internet
severity: high
provider: azure
service: network
resource_type: Microsoft.Network/networkSecurityGroups
rationale: >-
  RDP reachable from the internet is scanned and brute-forced continuously and has a history of pre-authentication
  vulnerabilities; remote desktop must be limited to known networks or go through Azure Bastion or just-in-time
  access. Azure evaluates a group's inbound rules (custom securityRules and the built-in defaultSecurityRules) in
  priority order, lowest number first, and the first rule matching the traffic decides. So the group fails when
  the first inbound rule matching TCP 3389 from the internet (source *, Internet, Any, 0.0.0.0/0 or ::/0; port
  3389, *, a range or a list containing it; protocol TCP or *) is an Allow, and passes when a Deny comes first or
  no rule allows it.
remediation:
  console: >-
    Azure portal > Network security groups > the group > Inbound security rules: delete the rule allowing port
    3389 from Any/Internet, or narrow its source to the administrators' network. Prefer Azure Bastion or Microsoft
    Defender for Cloud just-in-time VM access for RDP.
  cli: |-
    # Delete the rule named in the finding:
    az network nsg rule delete --resource-group <resource-group> --nsg-name <nsg> --name <rule>
    # Or restrict its source:
    az network nsg rule update --resource-group <resource-group> --nsg-name <nsg> --name <rule> --source-address-prefixes 10.0.0.0/16
  terraform: |-
    resource "azurerm_network_security_rule" "rdp_admin" {
      name                        = "rdp-admin"
      priority                    = 100
      direction                   = "Inbound"
      access                      = "Allow"
      protocol                    = "Tcp"
      source_port_range           = "*"
      destination_port_range      = "3389"
      source_address_prefix       = "10.0.0.0/16" # never "*" or "Internet"
      destination_address_prefix  = "*"
      resource_group_name         = azurerm_resource_group.this.name
      network_security_group_name = azurerm_network_security_group.this.name
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.1: Ensure that RDP access from the Internet is evaluated and restricted"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Network security groups - how security rules are evaluated"
    url: https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
  - title: "Microsoft cloud security benchmark NS-1: Establish network segmentation boundaries"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-1-establish-network-segmentation-boundaries
  - title: "Azure REST API: Network Security Groups - List All"
    url: https://learn.microsoft.com/rest/api/virtualnetwork/network-security-groups/list-all
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1, 1.4.2]
  iso27001-2022: [A.8.20]
--- */
WITH nsgs AS (
  SELECT uid, name, config,
         json_type(config, '$.properties.securityRules') AS custom_type,
         json_type(config, '$.properties.defaultSecurityRules') AS default_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'Microsoft.Network/networkSecurityGroups'
), internet AS (
  -- Inbound TCP rules whose source includes the whole internet (main/store/migrations/0010-check-chain-views.sql).
  SELECT r.nsg_uid AS uid, r.rule_set, r.rule_index, r.rule_name, r.access, r.priority, r.source, r.port_ranges, r.rule
  FROM azure_nsg_inbound_rules r
  WHERE r.snapshot_id = @snapshot_id AND r.protocol IN ('tcp', '*') AND r.from_internet
), targets(port) AS (VALUES (3389)
), matching AS (
  -- Inbound TCP rules covering each target port from the internet.
  SELECT t.port, i.uid, i.rule_set, i.rule_index, i.rule_name, i.access, i.priority, i.source, i.rule
  FROM internet i, targets t
  WHERE EXISTS (SELECT 1 FROM json_each(i.port_ranges) p
                WHERE p.value ->> 'from' <= t.port AND p.value ->> 'to' >= t.port)
), deciding AS (
  -- Azure applies, per port, the matching rule with the lowest priority number.
  SELECT m.* FROM matching m
  WHERE m.priority = (SELECT min(priority) FROM matching x WHERE x.uid = m.uid AND x.port = m.port)
), verdict AS (
  SELECT n.uid,
    (SELECT group_concat('TCP ' || d.port || ' by rule ' || d.rule_name || ' (priority ' || d.priority || ', source ' || d.source || ')', '; ')
     -- Port by port, then in the group's own rule order (custom, then default).
     FROM (SELECT * FROM deciding d WHERE d.uid = n.uid AND d.access = 'allow'
           ORDER BY d.port, d.rule_set, d.rule_index) d) AS allowed,
    (SELECT group_concat('TCP ' || t.port || ': ' || coalesce(
              (SELECT 'denied first by rule ' || d.rule_name || ' (priority ' || d.priority || ')'
               FROM deciding d WHERE d.uid = n.uid AND d.port = t.port AND d.access = 'deny'),
              'no inbound rule matches'), '; ')
     FROM targets t) AS closed,
    (SELECT json_group_array(json_object('port', d.port, 'rule', d.rule_name, 'priority', d.priority,
                                         'access', json_extract(d.rule, '$.properties.access')))
     FROM (SELECT * FROM deciding d WHERE d.uid = n.uid ORDER BY d.port, d.rule_set, d.rule_index) d) AS decisions
  FROM nsgs n
)
SELECT n.uid AS resource_uid,
  CASE
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN 'error'
    WHEN v.allowed IS NOT NULL THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN n.custom_type IS NULL OR n.default_type IS NULL THEN
      'Rules of network security group ' || n.name || ' were not collected (properties.'
      || CASE WHEN n.custom_type IS NULL THEN 'securityRules' ELSE 'defaultSecurityRules' END || ' is absent)'
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN
      'Rules of network security group ' || n.name || ' were collected in an unexpected form (not a list)'
    WHEN v.allowed IS NOT NULL THEN
      'Network security group ' || n.name || ' allows RDP from the internet: ' || v.allowed
    ELSE 'Network security group ' || n.name || ' does not allow RDP from the internet (' || v.closed || ')'
  END AS reason,
  json_object('id', n.config ->> '$.id', 'location', n.config ->> '$.location', 'Ports', json('[3389]'),
              'DecidingRules', json(coalesce(v.decisions, '[]'))) AS evidence
FROM nsgs n JOIN verdict v ON v.uid = n.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Network security groups of subscription ' || s.name || ' were not collected (NetworkSecurityGroups_ListAll failed: ' || e.code || '), so RDP being closed to the internet in every group is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'NetworkSecurityGroups_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
