/* ---
id: rds_instance_deletion_protection
title: RDS DB instance (or its cluster) has deletion protection enabled
severity: medium
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  Deletion protection makes RDS refuse to delete the database until the setting is turned off first, so a
  mistaken console click, script or Terraform destroy cannot remove a production database (and, unless a final
  snapshot is taken, its automated backups). For Aurora and Multi-AZ DB cluster members the protection is the
  cluster's setting, and that is what is judged.
remediation:
  console: >-
    RDS console > Databases > the instance (or, for Aurora, the cluster) > Modify > Deletion protection: Enable
    deletion protection; Continue, apply immediately.
  cli: |-
    aws rds modify-db-instance --db-instance-identifier <instance> --deletion-protection --apply-immediately
    aws rds modify-db-cluster --db-cluster-identifier <cluster> --deletion-protection --apply-immediately
  terraform: |-
    resource "aws_db_instance" "db" {
      deletion_protection = true
    }
    resource "aws_rds_cluster" "aurora" {
      deletion_protection = true
    }
references:
  - title: "AWS Security Hub control RDS.8: RDS DB instances should have deletion protection enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8
  - title: "AWS Security Hub control RDS.7: RDS clusters should have deletion protection enabled"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7
  - title: "Amazon RDS User Guide: Deletion protection"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
frameworks:
  soc2-2017: [A1.2]
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
         CASE WHEN cluster_id IS NULL THEN json_type(config, '$.DeletionProtection') ELSE json_type(cluster_config, '$.DeletionProtection') END AS t,
         CASE WHEN cluster_id IS NULL THEN json_extract(config, '$.DeletionProtection') ELSE json_extract(cluster_config, '$.DeletionProtection') END AS val,
         CASE WHEN cluster_id IS NULL THEN 'DB instance ' || name
              ELSE 'DB instance ' || name || ' (via its cluster ' || cluster_id || ')' END AS subject
  FROM i
)
SELECT uid AS resource_uid,
  CASE
    WHEN cluster_id IS NOT NULL AND cluster_uid IS NULL THEN 'error'
    WHEN t = 'true' THEN 'pass'
    WHEN t = 'false' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN cluster_id IS NOT NULL AND cluster_uid IS NULL
      THEN 'Deletion protection of DB instance ' || name || ' is unknown: its cluster ' || cluster_id || ' was not collected'
    WHEN t = 'true' THEN subject || ' has deletion protection enabled'
    WHEN t = 'false' THEN subject || ' has deletion protection disabled: one delete call removes the database'
    ELSE 'Deletion protection of ' || subject || ' was not reported'
  END AS reason,
  json_object('DeletionProtection', CASE t WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') END,
              'DBClusterIdentifier', cluster_id) AS evidence
FROM v;
