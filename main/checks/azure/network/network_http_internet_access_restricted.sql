/* ---
id: network_http_internet_access_restricted
title: Network security group does not allow HTTP(S) (TCP 80/443) from the internet
severity: medium
provider: azure
service: network
resource_type: Microsoft.Network/networkSecurityGroups
rationale: >-
  Web ports open to the whole internet on a virtual machine expose its web server directly to scanning and
  exploitation; internet-facing web traffic belongs behind Azure Application Gateway with WAF, Azure Front Door or
  a load balancer, with the VMs' groups admitting only those. Azure evaluates a group's inbound rules (custom and
  default) in priority order and the first rule matching decides, per port. The group fails when, for TCP 80 or
  TCP 443, the first inbound rule matching from the internet (source *, Internet, Any, 0.0.0.0/0 or ::/0;
  protocol TCP or *) is an Allow; it passes when each port is denied first or allowed by no rule. A group that
  fronts a deliberately public web service fails too: the finding is the record that it was evaluated.
remediation:
  console: >-
    Azure portal > Network security groups > the group > Inbound security rules: delete or narrow the rule
    allowing port 80/443 from Any/Internet (e.g. to the AzureFrontDoor.Backend or GatewayManager service tag, or the
    Application Gateway subnet), and publish web applications through Application Gateway or Front Door.
  cli: |-
    # Narrow the rule named in the finding to the front end's subnet or service tag:
    az network nsg rule update --resource-group <resource-group> --nsg-name <nsg> --name <rule> --source-address-prefixes AzureFrontDoor.Backend
    # Or delete it:
    az network nsg rule delete --resource-group <resource-group> --nsg-name <nsg> --name <rule>
  terraform: |-
    resource "azurerm_network_security_rule" "https_from_front_door" {
      name                        = "https-from-front-door"
      priority                    = 100
      direction                   = "Inbound"
      access                      = "Allow"
      protocol                    = "Tcp"
      source_port_range           = "*"
      destination_port_range      = "443"
      source_address_prefix       = "AzureFrontDoor.Backend" # never "*" or "Internet"
      destination_address_prefix  = "*"
      resource_group_name         = azurerm_resource_group.this.name
      network_security_group_name = azurerm_network_security_group.this.name
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.4: Ensure that HTTP(S) access from the Internet is evaluated and restricted"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Network security groups - how security rules are evaluated"
    url: https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
  - title: "Microsoft cloud security benchmark NS-1: Establish network segmentation boundaries"
    url: https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-1-establish-network-segmentation-boundaries
  - title: "Azure REST API: Network Security Groups - List All"
    url: https://learn.microsoft.com/rest/api/virtualnetwork/network-security-groups/list-all
frameworks:
  soc2-2017: [CC6.6]
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
), targets(port) AS (VALUES (80), (443)
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
      'Network security group ' || n.name || ' allows HTTP(S) from the internet: ' || v.allowed
    ELSE 'Network security group ' || n.name || ' does not allow HTTP(S) from the internet (' || v.closed || ')'
  END AS reason,
  json_object('id', n.config ->> '$.id', 'location', n.config ->> '$.location', 'Ports', json('[80, 443]'),
              'DecidingRules', json(coalesce(v.decisions, '[]'))) AS evidence
FROM nsgs n JOIN verdict v ON v.uid = n.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Network security groups of subscription ' || s.name || ' were not collected (NetworkSecurityGroups_ListAll failed: ' || e.code || '), so HTTP(S) being closed to the internet in every group is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'NetworkSecurityGroups_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
