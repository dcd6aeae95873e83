/* ---
id: elasticache_redis_cluster_rest_encryption_enabled
title: ElastiCache (Redis OSS / Valkey) replication group is encrypted at rest
severity: medium
provider: aws
service: elasticache
resource_type: AWS::ElastiCache::ReplicationGroup
rationale: >-
  At-rest encryption protects what the cache writes to disk: swap during synchronisation and the backups
  (snapshots) exported to S3 or kept by ElastiCache. It can only be chosen when the replication group is
  created; an unencrypted group is migrated by restoring a backup into a new, encrypted group.
remediation:
  console: >-
    At-rest encryption cannot be turned on in place. ElastiCache console > the replication group > Actions >
    Backup; then Backups > the backup > Restore, with Encryption at rest enabled (optionally a KMS key); switch
    clients to the new endpoint and delete the old group.
  cli: |-
    aws elasticache create-snapshot --replication-group-id <group> --snapshot-name <group>-migrate
    aws elasticache create-replication-group --replication-group-id <group>-enc --replication-group-description "<description>" --snapshot-name <group>-migrate --at-rest-encryption-enabled --transit-encryption-enabled
  terraform: |-
    resource "aws_elasticache_replication_group" "cache" {
      at_rest_encryption_enabled = true
      kms_key_id                 = aws_kms_key.cache.arn
    }
references:
  - title: "AWS Security Hub control ElastiCache.4: ElastiCache replication groups should be encrypted at rest"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4
  - title: "Amazon ElastiCache User Guide: At-rest encryption in ElastiCache"
    url: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.AtRestEncryptionEnabled') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.AtRestEncryptionEnabled')
    WHEN 'true' THEN 'Replication group ' || name || ' is encrypted at rest' || coalesce(' with KMS key ' || json_extract(config, '$.KmsKeyId'), '')
    WHEN 'false' THEN 'Replication group ' || name || ' is not encrypted at rest: its disk data and backups are unencrypted'
    ELSE 'At-rest encryption of replication group ' || name || ' was not reported by DescribeReplicationGroups'
  END AS reason,
  json_object('Engine', json_extract(config, '$.Engine'),
              'AtRestEncryptionEnabled', json_extract(config, '$.AtRestEncryptionEnabled'),
              'KmsKeyId', json_extract(config, '$.KmsKeyId')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::ElastiCache::ReplicationGroup';
