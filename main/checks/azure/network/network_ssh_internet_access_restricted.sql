/* ---
id: network_ssh_internet_access_restricted
title: Network security group does not allow SSH (TCP 22) from the internet
severity: high
provider: azure
service: network
resource_type: Microsoft.Network/networkSecurityGroups
rationale: >-
  SSH reachable from the internet is scanned and brute-forced continuously; remote administration must be
  limited to known networks or go through Azure Bastion or just-in-time access. Azure evaluates a group's
  inbound rules (its custom securityRules and the built-in defaultSecurityRules) in priority order, lowest
  number first, and the first rule matching the traffic decides. So the group fails when the first inbound rule
  matching TCP port 22 from the internet (source *, Internet, Any, 0.0.0.0/0 or ::/0; port 22, *, a range or a
  list containing it; protocol TCP or *) is an Allow, and passes when a Deny comes first or no rule allows it.
remediation:
  console: >-
    Azure portal > Network security groups > the group > Inbound security rules: delete the rule allowing port
    22 from Any/Internet, or narrow its source to the administrators' network. Prefer Azure Bastion or
    Microsoft Defender for Cloud just-in-time VM access for SSH.
  cli: |-
    # Delete the rule named in the finding:
    az network nsg rule delete --resource-group <resource-group> --nsg-name <nsg> --name <rule>
    # Or restrict its source:
    az network nsg rule update --resource-group <resource-group> --nsg-name <nsg> --name <rule> --source-address-prefixes 10.0.0.0/16
  terraform: |-
    resource "azurerm_network_security_rule" "ssh_admin" {
      name                        = "ssh-from-admin-network"
      priority                    = 100
      direction                   = "Inbound"
      access                      = "Allow"
      protocol                    = "Tcp"
      source_port_range           = "*"
      destination_port_range      = "22"
      source_address_prefix       = "10.0.0.0/16" # never "*" or "Internet"
      destination_address_prefix  = "*"
      resource_group_name         = azurerm_resource_group.this.name
      network_security_group_name = azurerm_network_security_group.this.name
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.2: Ensure that SSH access from the Internet is evaluated and restricted"
    url: https://www.cisecurity.org/benchmark/azure
  - title: "Microsoft Learn: Network security groups - how security rules are evaluated"
    url: https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
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
), matching AS (
  -- Inbound TCP rules that cover port 22 from the internet, each with its priority and access
  -- (azure_nsg_inbound_rules: main/store/migrations/0010-check-chain-views.sql).
  SELECT r.nsg_uid AS uid, r.rule_set, r.rule_index, r.rule_name, r.access, r.priority, r.source, r.rule
  FROM azure_nsg_inbound_rules r
  WHERE r.snapshot_id = @snapshot_id AND r.protocol IN ('tcp', '*') AND r.from_internet
    AND EXISTS (SELECT 1 FROM json_each(r.port_ranges) p
                WHERE p.value ->> 'range' IN ('*', '22')
                   OR (instr(p.value ->> 'range', '-') > 0 AND p.value ->> 'from' <= 22 AND p.value ->> 'to' >= 22))
), deciding AS (
  -- Azure applies the matching rule with the lowest priority number.
  SELECT m.uid, m.rule_name, m.access, m.priority, m.source, m.rule
  FROM matching m
  WHERE m.priority = (SELECT min(priority) FROM matching x WHERE x.uid = m.uid)
)
SELECT n.uid AS resource_uid,
  CASE
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN 'error'
    WHEN d.access = 'allow' THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN n.custom_type IS NULL OR n.default_type IS NULL THEN
      'Rules of network security group ' || n.name || ' were not collected (properties.'
      || CASE WHEN n.custom_type IS NULL THEN 'securityRules' ELSE 'defaultSecurityRules' END || ' is absent)'
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN
      'Rules of network security group ' || n.name || ' were collected in an unexpected form (not a list)'
    WHEN d.access = 'allow' THEN
      'Rule ' || d.rule_name || ' (priority ' || d.priority || ') of network security group ' || n.name
      || ' allows TCP 22 from ' || d.source || ' before any rule denies it'
    WHEN d.access = 'deny' THEN
      'Network security group ' || n.name || ' denies TCP 22 from the internet first, by rule ' || d.rule_name
      || ' (priority ' || d.priority || ')'
    ELSE 'Network security group ' || n.name || ' has no inbound rule matching TCP 22 from the internet'
  END AS reason,
  json_object('id', n.config ->> '$.id', 'location', n.config ->> '$.location', 'Port', 22,
              'DecidingRule', CASE WHEN d.uid IS NULL THEN NULL ELSE json_object(
                'name', d.rule_name, 'priority', d.priority, 'access', json_extract(d.rule, '$.properties.access'),
                'sourceAddressPrefix', json_extract(d.rule, '$.properties.sourceAddressPrefix'),
                'sourceAddressPrefixes', d.rule -> '$.properties.sourceAddressPrefixes',
                'destinationPortRange', json_extract(d.rule, '$.properties.destinationPortRange'),
                'destinationPortRanges', d.rule -> '$.properties.destinationPortRanges') END,
              'AllowRulesMatching', (SELECT json_group_array(m.rule_name)
                                     FROM (SELECT * FROM matching m WHERE m.uid = n.uid AND m.access = 'allow'
                                           ORDER BY m.rule_set, m.rule_index) m)) AS evidence
FROM nsgs n LEFT JOIN deciding d ON d.uid = n.uid
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Network security groups of subscription ' || s.name || ' were not collected (NetworkSecurityGroups_ListAll failed: ' || e.code || '), so SSH being closed to the internet in every group is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'NetworkSecurityGroups_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
