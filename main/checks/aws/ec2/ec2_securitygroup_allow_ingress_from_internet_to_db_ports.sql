/* ---
id: ec2_securitygroup_allow_ingress_from_internet_to_db_ports
title: Security group does not allow database ports from the internet
severity: high
provider: aws
service: ec2
resource_type: AWS::EC2::SecurityGroup
rationale: >-
  Database and cache listeners exposed to 0.0.0.0/0 or ::/0 are found by internet-wide scans within hours and
  attacked with credential stuffing, unauthenticated access (Redis, Memcached, MongoDB and Elasticsearch often
  run without a password) and exploits. Data stores should be reachable only from the application tier. Ports
  judged (TCP): Microsoft SQL Server 1433, Oracle 1521 and 2483, MySQL/MariaDB 3306, PostgreSQL 5432, Redis
  6379, Cassandra 9042, Elasticsearch/OpenSearch 9200, Memcached 11211, MongoDB 27017. Rules for all traffic
  (-1) and port ranges that include one of them count as open.
remediation:
  console: >-
    VPC console > Security groups > the group > Inbound rules > Edit: delete the rule opening the database port
    to 0.0.0.0/0 or ::/0 and allow the port only from the application tier's security group (or a VPN range).
  cli: |-
    # Repeat with the exact protocol, port range and CIDR shown in the finding:
    aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=3306,ToPort=3306,IpRanges=[{CidrIp=0.0.0.0/0}]'
    aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=3306,ToPort=3306,UserIdGroupPairs=[{GroupId=<app-tier-sg-id>}]'
  terraform: |-
    resource "aws_vpc_security_group_ingress_rule" "mysql_from_app" {
      security_group_id            = aws_security_group.db.id
      ip_protocol                  = "tcp"
      from_port                    = 3306
      to_port                      = 3306
      referenced_security_group_id = aws_security_group.app.id # never cidr_ipv4 = "0.0.0.0/0"
    }
references:
  - title: "AWS Security Hub control EC2.19: Security groups should not allow unrestricted access to ports with high risk"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
  - title: "Amazon VPC User Guide: Security group rules for different use cases (database servers)"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.3.1, 1.4.2, 1.4.4]
  iso27001-2022: [A.8.20]
--- */
WITH db_ports(port, engine) AS (
  VALUES (1433, 'Microsoft SQL Server'), (1521, 'Oracle'), (2483, 'Oracle'), (3306, 'MySQL/MariaDB'),
         (5432, 'PostgreSQL'), (6379, 'Redis'), (9042, 'Cassandra'), (9200, 'Elasticsearch/OpenSearch'),
         (11211, 'Memcached'), (27017, 'MongoDB')
), sgs AS (
  SELECT uid, name, config, json_type(config, '$.IpPermissions') AS perms_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::SecurityGroup'
), hits AS (
  -- One row per open rule x source: the database ports it opens, in port order.
  SELECT i.sg_uid, i.rule_index, i.cidr, i.ip_protocol, i.from_port, i.to_port,
         group_concat(d.engine || ' ' || d.port, ', ') AS ports,
         json_group_array(d.port) AS port_list
  FROM aws_sg_ingress i JOIN (SELECT * FROM db_ports ORDER BY port) d
    ON d.port BETWEEN i.from_port AND i.to_port
  WHERE i.snapshot_id = @snapshot_id
    AND i.cidr IN ('0.0.0.0/0', '::/0')
    AND i.ip_protocol IN ('tcp', '6', '-1')
  GROUP BY i.sg_uid, i.rule_index, i.cidr
), open_rules AS (
  SELECT sg_uid,
         group_concat(ports || ' open to ' || cidr || ' via rule ' ||
           CASE WHEN ip_protocol = '-1' THEN 'all traffic (-1)'
                WHEN from_port = to_port THEN ip_protocol || ' ' || from_port
                ELSE ip_protocol || ' ' || from_port || '-' || to_port END, '; ') AS text,
         json_group_array(json_object('IpProtocol', ip_protocol, 'FromPort', from_port, 'ToPort', to_port,
                                      'Cidr', cidr, 'DatabasePorts', json(port_list))) AS rules
  FROM hits
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
    ELSE 'Security group ' || sgs.name || ' has no rule opening a database port to 0.0.0.0/0 or ::/0'
  END AS reason,
  json_object('GroupId', json_extract(sgs.config, '$.GroupId'), 'VpcId', json_extract(sgs.config, '$.VpcId'),
              'OpenRules', json(coalesce(open_rules.rules, '[]'))) AS evidence
FROM sgs LEFT JOIN open_rules ON open_rules.sg_uid = sgs.uid;
