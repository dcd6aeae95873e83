/* ---
id: ec2_securitygroup_allow_ingress_from_internet_to_all_ports
title: Security group does not allow all ports from the internet
severity: high
provider: aws
service: ec2
resource_type: AWS::EC2::SecurityGroup
rationale: >-
  A rule opening every port (all traffic, or TCP/UDP 0-65535 / 1-65535) to 0.0.0.0/0 or ::/0 exposes every
  service on the attached instances, including ones nobody meant to publish (databases, admin consoles, debug
  ports). Internet-facing groups should open only the ports the service needs.
remediation:
  console: >-
    VPC console > Security groups > the group > Inbound rules > Edit: delete the rule allowing all traffic (or
    all ports) from 0.0.0.0/0 or ::/0 and add rules for the specific ports the service needs, from the sources
    that need them.
  cli: |-
    # Repeat with the exact protocol, port range and CIDR shown in the finding:
    aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
    aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'
    aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'
  terraform: |-
    resource "aws_vpc_security_group_ingress_rule" "https" {
      security_group_id = aws_security_group.this.id
      ip_protocol       = "tcp"
      from_port         = 443
      to_port           = 443
      cidr_ipv4         = "0.0.0.0/0" # one port, never ip_protocol = "-1" from the internet
    }
references:
  - title: "AWS Security Hub control EC2.18: Security groups should only allow unrestricted incoming traffic for authorized ports"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
  - title: "Amazon VPC User Guide: Security group rules"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1, 1.4.2]
  iso27001-2022: [A.8.20]
--- */
WITH sgs AS (
  SELECT uid, name, config, json_type(config, '$.IpPermissions') AS perms_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::SecurityGroup'
), open_rules AS (
  -- aws_sg_ingress gives all-traffic rules (-1) the range 0-65535. Port 0 is reserved, so 1-65535 is every
  -- port too. ICMP and other portless protocols are not "ports" and are left out.
  SELECT sg_uid,
         group_concat('all ports open to ' || cidr || ' via rule ' ||
           CASE WHEN ip_protocol = '-1' THEN 'all traffic (-1)'
                ELSE ip_protocol || ' ' || from_port || '-' || to_port END, '; ') AS text,
         json_group_array(json_object('IpProtocol', ip_protocol, 'FromPort', from_port, 'ToPort', to_port, 'Cidr', cidr)) AS rules
  FROM aws_sg_ingress
  WHERE snapshot_id = @snapshot_id
    AND cidr IN ('0.0.0.0/0', '::/0')
    AND ip_protocol IN ('-1', 'tcp', '6', 'udp', '17')
    AND from_port <= 1 AND to_port >= 65535
  GROUP BY sg_uid
)
SELECT sgs.uid AS resource_uid,
  CASE
    WHEN sgs.perms_type IS NULL THEN 'error'
    WHEN open_rules.sg_uid IS NOT NULL THEN 'fail'
    WHEN sgs.perms_type IS NOT 'array' THEN 'error'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN sgs.perms_type IS NULL THEN 'Ingress rules of security group ' || sgs.name || ' were not collected'
    WHEN open_rules.sg_uid IS NULL AND sgs.perms_type IS NOT 'array' THEN
      'Ingress rules of security group ' || sgs.name || ' were collected in an unexpected form (IpPermissions is not a list)'
    WHEN open_rules.sg_uid IS NOT NULL THEN 'Security group ' || sgs.name || ' has ' || open_rules.text
    ELSE 'Security group ' || sgs.name || ' has no rule opening all ports to 0.0.0.0/0 or ::/0'
  END AS reason,
  json_object('GroupId', json_extract(sgs.config, '$.GroupId'), 'VpcId', json_extract(sgs.config, '$.VpcId'),
              'OpenRules', json(coalesce(open_rules.rules, '[]'))) AS evidence
FROM sgs LEFT JOIN open_rules ON open_rules.sg_uid = sgs.uid;
