/* ---
id: ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389
title: Security group does not allow RDP (TCP 3389) from the internet
severity: high
provider: aws
service: ec2
resource_type: AWS::EC2::SecurityGroup
rationale: >-
  RDP exposed to 0.0.0.0/0 or ::/0 is a leading ransomware entry point; remote administration must be limited
  to known networks. Rules for all traffic (-1) and port ranges that include 3389 count as open.
remediation:
  console: >-
    VPC console > Security groups > the group > Inbound rules > Edit: delete the rule allowing port 3389 from
    0.0.0.0/0 or ::/0 (or narrow it to the administrators' network). Prefer SSM Session Manager or a
    bastion/VPN for RDP.
  cli: |-
    # Repeat with the exact protocol, port range and CIDR shown in the finding:
    aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=0.0.0.0/0}]'
    aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=10.0.0.0/16,Description=admin-network}]'
  terraform: |-
    resource "aws_vpc_security_group_ingress_rule" "rdp_admin" {
      security_group_id = aws_security_group.this.id
      ip_protocol       = "tcp"
      from_port         = 3389
      to_port           = 3389
      cidr_ipv4         = "10.0.0.0/16" # never 0.0.0.0/0
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 5.2: Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 5.3: Ensure no security groups allow ingress from ::/0 to remote server administration ports"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.14: Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14
  - title: "Amazon VPC User Guide: Control traffic to your AWS resources using security groups"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
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
  SELECT sg_uid,
         group_concat('Port 3389 open to ' || cidr || ' via rule ' ||
           CASE WHEN ip_protocol = '-1' THEN 'all traffic (-1)'
                WHEN from_port = to_port THEN ip_protocol || ' ' || from_port
                ELSE ip_protocol || ' ' || from_port || '-' || to_port END, '; ') AS text,
         json_group_array(json_object('IpProtocol', ip_protocol, 'FromPort', from_port, 'ToPort', to_port, 'Cidr', cidr)) AS rules
  FROM aws_sg_ingress
  WHERE snapshot_id = @snapshot_id
    AND cidr IN ('0.0.0.0/0', '::/0')
    AND ip_protocol IN ('tcp', '6', '-1')
    AND from_port <= 3389 AND to_port >= 3389
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
    WHEN open_rules.sg_uid IS NOT NULL THEN open_rules.text || ' in security group ' || sgs.name
    ELSE 'Security group ' || sgs.name || ' has no rule opening port 3389 to 0.0.0.0/0 or ::/0'
  END AS reason,
  json_object('GroupId', json_extract(sgs.config, '$.GroupId'), 'VpcId', json_extract(sgs.config, '$.VpcId'),
              'Port', 3389, 'OpenRules', json(coalesce(open_rules.rules, '[]'))) AS evidence
FROM sgs LEFT JOIN open_rules ON open_rules.sg_uid = sgs.uid;
