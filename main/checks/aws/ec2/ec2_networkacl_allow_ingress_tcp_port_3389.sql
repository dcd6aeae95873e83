/* ---
id: ec2_networkacl_allow_ingress_tcp_port_3389
title: Network ACL does not allow RDP (TCP 3389) from the internet
severity: medium
provider: aws
service: ec2
resource_type: AWS::EC2::NetworkAcl
rationale: >-
  A network ACL is the subnet's stateless edge filter and a second line of defence behind security groups.
  RDP reachable from 0.0.0.0/0 or ::/0 at that edge leaves remote administration protected by one layer
  only. Entries are evaluated in rule-number order and the first entry that matches the traffic decides, so
  an allow numbered below a deny wins; this check replays that order for TCP 3389 from any IPv4 address
  (entries for 0.0.0.0/0) and any IPv6 address (entries for ::/0). Entries for narrower ranges do not decide
  what the whole internet may reach and are not counted either way.
remediation:
  console: >-
    VPC console > Network ACLs > the ACL > Inbound rules > Edit: add a deny rule for TCP port 3389 from
    0.0.0.0/0 (and ::/0 when the VPC has IPv6) with a rule number LOWER than the allowing rule named in the
    finding, or narrow the allowing rule to the administrators' network.
  cli: |-
    aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <lower-number> --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny
    aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <lower-number+1> --protocol tcp --port-range From=3389,To=3389 --ipv6-cidr-block ::/0 --rule-action deny
  terraform: |-
    resource "aws_network_acl_rule" "deny_rdp_v4" {
      network_acl_id = aws_network_acl.this.id
      rule_number    = 90 # below any broader allow
      egress         = false
      protocol       = "tcp"
      rule_action    = "deny"
      cidr_block     = "0.0.0.0/0"
      from_port      = 3389
      to_port        = 3389
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 5.1: Ensure no Network ACLs allow ingress from 0.0.0.0/0 to remote server administration ports"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.21: Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21
  - title: "Amazon VPC User Guide: Control subnet traffic with network access control lists (rule evaluation)"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1, 1.4.2]
  iso27001-2022: [A.8.20]
--- */
WITH acls AS (
  SELECT uid, name, config, json_type(config, '$.Entries') AS entries_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::NetworkAcl'
), unreadable AS (
  -- Without direction, number or action an entry cannot be placed in the evaluation order.
  SELECT acl_uid AS uid, count(*) AS n
  FROM aws_nacl_entries
  WHERE snapshot_id = @snapshot_id AND NOT readable
  GROUP BY acl_uid
), matching AS (
  -- Inbound entries for the whole internet that cover TCP 3389 (main/store/migrations/0010-check-chain-views.sql).
  SELECT acl_uid AS uid, internet_source AS source, rule_number, rule_action AS action, protocol, from_port, to_port
  FROM aws_nacl_entries
  WHERE snapshot_id = @snapshot_id AND egress = 0 AND internet_source IS NOT NULL
    AND (protocol = '-1' OR (protocol IN ('6', 'tcp') AND from_port <= 3389 AND to_port >= 3389))
), deciding AS (
  -- Per address family, the lowest-numbered matching inbound entry decides.
  SELECT m.*,
         'rule ' || m.rule_number || ' ' || m.action || ' ' ||
         CASE WHEN m.protocol = '-1' THEN 'all traffic' ELSE 'TCP ' || m.from_port || '-' || m.to_port END ||
         ' from ' || m.source AS text
  FROM matching m
  WHERE m.rule_number = (SELECT min(x.rule_number) FROM matching x WHERE x.uid = m.uid AND x.source = m.source)
), verdict AS (
  SELECT uid,
         max(action = 'allow') AS allowed,
         group_concat(CASE WHEN action = 'allow' THEN text END, '; ') AS allow_text,
         group_concat(text, '; ') AS all_text,
         json_group_array(json_object('Source', source, 'RuleNumber', rule_number, 'RuleAction', action,
                                      'Protocol', protocol, 'FromPort', from_port, 'ToPort', to_port)) AS decided
  FROM deciding
  GROUP BY uid
)
SELECT acls.uid AS resource_uid,
  CASE
    WHEN acls.entries_type IS NULL THEN 'error'
    WHEN acls.entries_type IS NOT 'array' THEN 'error'
    WHEN unreadable.n > 0 THEN 'error'
    WHEN verdict.allowed = 1 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN acls.entries_type IS NULL THEN 'Entries of network ACL ' || acls.name || ' were not collected'
    WHEN acls.entries_type IS NOT 'array' THEN
      'Entries of network ACL ' || acls.name || ' were collected in an unexpected form (Entries is not a list)'
    WHEN unreadable.n > 0 THEN
      unreadable.n || ' entry(ies) of network ACL ' || acls.name ||
      ' were collected in an unexpected form (no direction, rule number or action), so the evaluation order is unknown'
    WHEN verdict.allowed = 1 THEN
      'Network ACL ' || acls.name || ' allows TCP 3389 from the internet: ' || verdict.allow_text ||
      ' is the first matching inbound entry'
    ELSE 'Network ACL ' || acls.name || ' does not allow TCP 3389 from the internet (first matching inbound entries: ' ||
         coalesce(verdict.all_text, 'none, so the implicit deny applies') || ')'
  END AS reason,
  json_object('NetworkAclId', json_extract(acls.config, '$.NetworkAclId'), 'VpcId', json_extract(acls.config, '$.VpcId'),
              'IsDefault', json_extract(acls.config, '$.IsDefault'), 'Port', 3389,
              'Subnets', (SELECT json_group_array(json_extract(a.value, '$.SubnetId'))
                          FROM json_each(acls.config, '$.Associations') a),
              'DecidingEntries', json(coalesce(verdict.decided, '[]'))) AS evidence
FROM acls
LEFT JOIN unreadable ON unreadable.uid = acls.uid
LEFT JOIN verdict ON verdict.uid = acls.uid;
