/* ---
id: rds_instance_backup_enabled
title: RDS DB instance keeps automated backups for at least 7 days
severity: medium
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  Automated backups (daily snapshots plus transaction logs) are what point-in-time restore works from after a
  bad deployment, corruption or ransomware; a retention period of 0 turns them off, and a day or two is often
  gone before the problem is noticed. Seven days is the common minimum. For Aurora and Multi-AZ DB cluster
  members the retention is the cluster's, and that is what is judged.
remediation:
  console: >-
    RDS console > Databases > the instance (or, for Aurora, the cluster) > Modify > Backup: Backup retention
    period = 7 days or more; Continue, apply immediately.
  cli: |-
    aws rds modify-db-instance --db-instance-identifier <instance> --backup-retention-period 7 --apply-immediately
    aws rds modify-db-cluster --db-cluster-identifier <cluster> --backup-retention-period 7 --apply-immediately
  terraform: |-
    resource "aws_db_instance" "db" {
      backup_retention_period = 7
    }
references:
  - title: "AWS Security Hub control RDS.11: RDS instances should have automatic backups enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
  - title: "Amazon RDS User Guide: Introduction to backups"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
WITH i AS (
  SELECT r.uid, r.name, r.config,
         json_extract(r.config, '$.DBClusterIdentifier') AS cluster_id,
         c.uid AS cluster_uid, c.config AS cluster_config
  FROM resources r
  LEFT JOIN resources c
    ON c.snapshot_id = r.snapshot_id AND c.type = 'AWS::RDS::DBCluster' AND c.region = r.region
   AND json_extract(c.config, '$.DBClusterIdentifier') = json_extract(r.config, '$.DBClusterIdentifier')
  WHERE r.snapshot_id = @snapshot_id AND r.type = 'AWS::RDS::DBInstance'
), v AS (
  -- Cluster members (Aurora, Multi-AZ DB clusters) take this setting from their cluster.
  SELECT uid, name, cluster_id, cluster_uid,
         CASE WHEN cluster_id IS NULL THEN json_type(config, '$.BackupRetentionPeriod') ELSE json_type(cluster_config, '$.BackupRetentionPeriod') END AS t,
         CASE WHEN cluster_id IS NULL THEN json_extract(config, '$.BackupRetentionPeriod') ELSE json_extract(cluster_config, '$.BackupRetentionPeriod') END AS val,
         CASE WHEN cluster_id IS NULL THEN 'DB instance ' || name
              ELSE 'DB instance ' || name || ' (via its cluster ' || cluster_id || ')' END AS subject
  FROM i
)
SELECT uid AS resource_uid,
  CASE
    WHEN cluster_id IS NOT NULL AND cluster_uid IS NULL THEN 'error'
    WHEN t = 'integer' AND val >= 7 THEN 'pass'
    WHEN t = 'integer' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN cluster_id IS NOT NULL AND cluster_uid IS NULL
      THEN 'Backup retention of DB instance ' || name || ' is unknown: its cluster ' || cluster_id || ' was not collected'
    WHEN t = 'integer' AND val >= 7 THEN subject || ' keeps automated backups for ' || val || ' days'
    WHEN t = 'integer' AND val = 0 THEN subject || ' has automated backups disabled (retention period 0)'
    WHEN t = 'integer' THEN subject || ' keeps automated backups for only ' || val || ' day(s), fewer than 7'
    ELSE 'Backup retention period of ' || subject || ' was not reported'
  END AS reason,
  json_object('BackupRetentionPeriod', val, 'DBClusterIdentifier', cluster_id) AS evidence
FROM v;
