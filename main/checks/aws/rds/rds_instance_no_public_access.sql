/* ---
id: rds_instance_no_public_access
title: RDS DB instance is not publicly accessible
severity: critical
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  A publicly accessible DB instance gets a public IP address and a DNS name that resolves to it from the
  internet; one permissive security group rule then exposes the database listener to password guessing and
  engine vulnerabilities. Databases are reached from inside the VPC (application tier, VPN, bastion).
remediation:
  console: >-
    RDS console > Databases > the instance > Modify > Connectivity > Additional configuration: Public access
    = Not publicly accessible; Continue, apply immediately.
  cli: |-
    aws rds modify-db-instance --db-instance-identifier <instance> --no-publicly-accessible --apply-immediately
  terraform: |-
    resource "aws_db_instance" "db" {
      publicly_accessible = false
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.3.3: Ensure that public access is not given to RDS Instance"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control RDS.2: RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
  - title: "Amazon RDS User Guide: Working with a DB instance in a VPC"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
frameworks:
  soc2-2017: [CC6.6]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.20]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.PubliclyAccessible') WHEN 'false' THEN 'pass' WHEN 'true' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.PubliclyAccessible')
    WHEN 'false' THEN 'DB instance ' || name || ' is not publicly accessible: its endpoint resolves to private addresses only'
    WHEN 'true' THEN 'DB instance ' || name || ' is publicly accessible: its endpoint resolves to a public IP address, so only security groups stand between the database and the internet'
    ELSE 'PubliclyAccessible of DB instance ' || name || ' was not reported by DescribeDBInstances'
  END AS reason,
  json_object('Engine', json_extract(config, '$.Engine'), 'PubliclyAccessible', json_extract(config, '$.PubliclyAccessible')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::RDS::DBInstance';
