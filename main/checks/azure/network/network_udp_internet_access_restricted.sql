/* ---
id: network_udp_internet_access_restricted
title: Network security group does not allow UDP from the internet
severity: high
provider: azure
service: network
resource_type: Microsoft.Network/networkSecurityGroups
rationale: >-
  UDP services reachable from the internet (DNS, NTP, SNMP, syslog, SSDP, CLDAP, memcached...) are abused as
  reflection and amplification sources for denial-of-service attacks and are rarely meant to be public. Azure
  evaluates a group's inbound rules (custom and default) in priority order, lowest number first. The group fails
  when an inbound rule allows protocol UDP or * from the internet (source *, Internet, Any, 0.0.0.0/0 or ::/0) on
  some port range that no earlier Deny rule for UDP from the internet covers entirely; it passes otherwise. A range
  covered only by several Deny rules together is reported as open (review it).
remediation:
  console: >-
    Azure portal > Network security groups > the group > Inbound security rules: delete the rule allowing UDP (or
    Any protocol) from Any/Internet, or narrow its source to the networks that need it. Protect public UDP services
    with Azure DDoS Protection.
  cli: |-
    # Delete the rule named in the finding:
    az network nsg rule delete --resource-group <resource-group> --nsg-name <nsg> --name <rule>
    # Or restrict its source:
    az network nsg rule update --resource-group <resource-group> --nsg-name <nsg> --name <rule> --source-address-prefixes 10.0.0.0/16
  terraform: |-
    resource "azurerm_network_security_rule" "syslog_internal" {
      name                        = "syslog-from-vnet"
      priority                    = 200
      direction                   = "Inbound"
      access                      = "Allow"
      protocol                    = "Udp"
      source_port_range           = "*"
      destination_port_range      = "514"
      source_address_prefix       = "VirtualNetwork" # never "*" or "Internet"
      destination_address_prefix  = "*"
      resource_group_name         = azurerm_resource_group.this.name
      network_security_group_name = azurerm_network_security_group.this.name
    }
references:
  - title: "CIS Microsoft Azure Foundations Benchmark v3.0.0, recommendation 7.3: Ensure that UDP access from the Internet is evaluated and restricted"
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
  -- Inbound UDP rules whose source includes the whole internet (main/store/migrations/0010-check-chain-views.sql).
  SELECT r.nsg_uid AS uid, r.rule_set, r.rule_index, r.rule_name, r.access, r.priority, r.source, r.port_ranges, r.rule
  FROM azure_nsg_inbound_rules r
  WHERE r.snapshot_id = @snapshot_id AND r.protocol IN ('udp', '*') AND r.from_internet
), open_entries AS (
  -- Allowed UDP port entries from the internet that no earlier (lower priority number) Deny covers entirely:
  -- at least one UDP port they name reaches the group's resources.
  SELECT i.uid, i.rule_set, i.rule_index, i.rule_name, i.priority, i.source, i.rule, p.value ->> 'range' AS p
  FROM internet i, json_each(i.port_ranges) p
  WHERE i.access = 'allow'
    AND NOT EXISTS (SELECT 1 FROM internet d, json_each(d.port_ranges) dp
                    WHERE d.uid = i.uid AND d.access = 'deny' AND d.priority < i.priority
                      AND dp.value ->> 'from' <= p.value ->> 'from' AND dp.value ->> 'to' >= p.value ->> 'to')
), first_open AS (
  SELECT o.* FROM open_entries o
  WHERE o.priority = (SELECT min(priority) FROM open_entries x WHERE x.uid = o.uid)
)
SELECT n.uid AS resource_uid,
  CASE
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN 'error'
    WHEN EXISTS (SELECT 1 FROM open_entries o WHERE o.uid = n.uid) THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN n.custom_type IS NULL OR n.default_type IS NULL THEN
      'Rules of network security group ' || n.name || ' were not collected (properties.'
      || CASE WHEN n.custom_type IS NULL THEN 'securityRules' ELSE 'defaultSecurityRules' END || ' is absent)'
    WHEN n.custom_type IS NOT 'array' OR n.default_type IS NOT 'array' THEN
      'Rules of network security group ' || n.name || ' were collected in an unexpected form (not a list)'
    WHEN EXISTS (SELECT 1 FROM open_entries o WHERE o.uid = n.uid) THEN
      (SELECT 'Rule ' || f.rule_name || ' (priority ' || f.priority || ', protocol '
              || json_extract(f.rule, '$.properties.protocol') || ') of network security group ' || n.name
              || ' allows UDP port ' || group_concat(f.p, ', ') || ' from ' || f.source
              || ' with no earlier rule denying it'
       -- The first rule by name among those of the lowest priority, its ports in text order.
       FROM (SELECT * FROM first_open x
             WHERE x.uid = n.uid AND x.rule_name = (SELECT min(rule_name) FROM first_open y WHERE y.uid = n.uid)
             ORDER BY x.p) f)
    ELSE 'Network security group ' || n.name || ' has no inbound rule allowing UDP from the internet that an earlier Deny does not block'
  END AS reason,
  json_object('id', n.config ->> '$.id', 'location', n.config ->> '$.location',
              'OpenRules', (SELECT json_group_array(json_object('rule', o.rule_name, 'priority', o.priority,
                                                                'protocol', json_extract(o.rule, '$.properties.protocol'),
                                                                'port', o.p))
                            FROM (SELECT * FROM open_entries o WHERE o.uid = n.uid
                                  ORDER BY o.rule_set, o.rule_index, o.p) o)) AS evidence
FROM nsgs n
UNION ALL
-- The list itself failed: the population is unknown, so the subscription answers error rather than nothing.
SELECT s.uid AS resource_uid, 'error' AS status,
  'Network security groups of subscription ' || s.name || ' were not collected (NetworkSecurityGroups_ListAll failed: ' || e.code || '), so UDP being closed to the internet in every group is unconfirmed' AS reason,
  json_object('subscriptionId', s.config ->> '$.subscriptionId', 'operation', e.operation, 'code', e.code) AS evidence
FROM resources s
JOIN (SELECT operation, code FROM collection_errors
      WHERE snapshot_id = @snapshot_id AND operation = 'NetworkSecurityGroups_ListAll' ORDER BY seq LIMIT 1) e
WHERE s.snapshot_id = @snapshot_id AND s.type = 'Microsoft.Resources/subscriptions';
