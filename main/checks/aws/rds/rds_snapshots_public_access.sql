/* ---
id: rds_snapshots_public_access
title: Manual RDS DB and cluster snapshots are not public
severity: critical
provider: aws
service: rds
resource_type: AWS::RDS::DBSnapshot
rationale: >-
  A manual DB snapshot or DB cluster snapshot whose "restore" attribute contains "all" can be copied and
  restored by any AWS account, which hands over a complete copy of the database. Snapshots shared with named
  accounts are not public (the accounts are listed in the evidence). Both DB snapshots and Aurora cluster
  snapshots (AWS::RDS::DBClusterSnapshot) are judged.
remediation:
  console: >-
    RDS console > Snapshots > Manual (or the cluster snapshot) > the snapshot > Actions > Share snapshot:
    DB snapshot visibility = Private; remove accounts that should not restore it; Save.
  cli: |-
    aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all
    aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all
  terraform: |-
    # Terraform does not manage snapshot sharing attributes (aws_db_snapshot has no sharing argument);
    # use the CLI above, and alert on ModifyDBSnapshotAttribute with "all" via an EventBridge rule.
    resource "aws_db_snapshot" "manual" {
      db_instance_identifier = aws_db_instance.db.identifier
      db_snapshot_identifier = "manual-snapshot"
    }
references:
  - title: "AWS Security Hub control RDS.1: RDS snapshot should be private"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1
  - title: "Amazon RDS User Guide: Sharing a DB snapshot"
    url: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [1.4.4]
  iso27001-2022: [A.8.3]
--- */
WITH s AS (
  SELECT uid, name, config,
         CASE type WHEN 'AWS::RDS::DBClusterSnapshot' THEN 'DB cluster snapshot ' ELSE 'DB snapshot ' END || name AS subject,
         json_type(config, '$.Attributes') AS attrs_type,
         (SELECT count(*) FROM json_each(config, '$.Attributes') a, json_each(a.value, '$.AttributeValues') v
           WHERE json_extract(a.value, '$.AttributeName') = 'restore' AND v.value = 'all') AS public_grants,
         (SELECT group_concat(v.value, ', ') FROM json_each(config, '$.Attributes') a, json_each(a.value, '$.AttributeValues') v
           WHERE json_extract(a.value, '$.AttributeName') = 'restore' AND v.value <> 'all') AS shared_with
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type IN ('AWS::RDS::DBSnapshot', 'AWS::RDS::DBClusterSnapshot')
)
SELECT uid AS resource_uid,
  CASE WHEN attrs_type IS NOT 'array' THEN 'error' WHEN public_grants > 0 THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN attrs_type IS NULL THEN 'Restore permissions of ' || subject || ' were not collected (Describe*SnapshotAttributes failed)'
    WHEN attrs_type <> 'array' THEN 'Restore permissions of ' || subject || ' are in an unexpected form'
    WHEN public_grants > 0 THEN subject || ' is public: its restore attribute contains "all", so any AWS account can restore it'
    WHEN shared_with IS NOT NULL THEN subject || ' is not public; it is shared with account(s) ' || shared_with
    ELSE subject || ' is private (shared with no other account)'
  END AS reason,
  json_object('Attributes', json(json_extract(config, '$.Attributes')),
              'Encrypted', coalesce(json_extract(config, '$.Encrypted'), json_extract(config, '$.StorageEncrypted'))) AS evidence
FROM s;
