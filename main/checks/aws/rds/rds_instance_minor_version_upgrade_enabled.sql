/* ---
id: rds_instance_minor_version_upgrade_enabled
title: RDS DB instance applies minor engine upgrades automatically
severity: medium
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  Minor engine versions carry security fixes. With automatic minor version upgrade on, RDS applies them in the
  instance's maintenance window; with it off, the engine stays on a vulnerable version until someone notices.
remediation:
  console: >-
    RDS console > Databases > the instance > Modify > Maintenance: Auto minor version upgrade = Enable; Continue.
  cli: |-
    aws rds modify-db-instance --db-instance-identifier <instance> --auto-minor-version-upgrade --apply-immediately
  terraform: |-
    resource "aws_db_instance" "db" {
      auto_minor_version_upgrade = true
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 2.3.2: Ensure Auto Minor Version Upgrade feature is Enabled for RDS Instances"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control RDS.13: RDS automatic minor version upgrades should be enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13
  - title: "Amazon RDS User Guide: Automatically upgrading the minor engine version"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
frameworks:
  pci-dss-4.0.1: [6.3.3]
  iso27001-2022: [A.8.8]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.AutoMinorVersionUpgrade') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.AutoMinorVersionUpgrade')
    WHEN 'true' THEN 'DB instance ' || name || ' has automatic minor version upgrades enabled'
    WHEN 'false' THEN 'DB instance ' || name || ' has automatic minor version upgrades disabled: engine security patches wait for someone to apply them by hand'
    ELSE 'AutoMinorVersionUpgrade of DB instance ' || name || ' was not reported by DescribeDBInstances'
  END AS reason,
  json_object('Engine', json_extract(config, '$.Engine'), 'AutoMinorVersionUpgrade', json_extract(config, '$.AutoMinorVersionUpgrade')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::RDS::DBInstance';
