/* ---
id: rds_instance_multi_az
title: RDS DB instance runs in more than one Availability Zone
severity: medium
provider: aws
service: rds
resource_type: AWS::RDS::DBInstance
rationale: >-
  A Multi-AZ deployment keeps a synchronous standby in another Availability Zone and fails over to it
  automatically when the primary's host, storage or zone fails, so an outage of one data centre does not take
  the database down or lose committed transactions. For Aurora and Multi-AZ DB cluster members the cluster's
  MultiAZ (replicas in more than one zone) is judged.
remediation:
  console: >-
    RDS console > Databases > the instance > Modify > Availability & durability: Create a standby instance;
    Continue. For Aurora, add a reader in another Availability Zone (Actions > Add reader).
  cli: |-
    aws rds modify-db-instance --db-instance-identifier <instance> --multi-az --apply-immediately
    aws rds create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier <cluster>-reader --engine <engine> --db-instance-class <class> --availability-zone <other-az>
  terraform: |-
    resource "aws_db_instance" "db" {
      multi_az = true
    }
references:
  - title: "AWS Security Hub control RDS.5: RDS DB instances should be configured with multiple Availability Zones"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5
  - title: "Amazon RDS User Guide: Configuring and managing a Multi-AZ deployment"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.14]
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
         CASE WHEN cluster_id IS NULL THEN json_type(config, '$.MultiAZ') ELSE json_type(cluster_config, '$.MultiAZ') END AS t,
         CASE WHEN cluster_id IS NULL THEN json_extract(config, '$.MultiAZ') ELSE json_extract(cluster_config, '$.MultiAZ') END AS val,
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
      THEN 'Multi-AZ state of DB instance ' || name || ' is unknown: its cluster ' || cluster_id || ' was not collected'
    WHEN t = 'true' THEN subject || ' is deployed in multiple Availability Zones'
    WHEN t = 'false' THEN subject || ' runs in a single Availability Zone: no standby to fail over to'
    ELSE 'Multi-AZ state of ' || subject || ' was not reported'
  END AS reason,
  json_object('MultiAZ', CASE t WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') END,
              'DBClusterIdentifier', cluster_id) AS evidence
FROM v;
