/* ---
id: elasticache_redis_cluster_in_transit_encryption_enabled
title: ElastiCache (Redis OSS / Valkey) replication group encrypts traffic in transit
severity: medium
provider: aws
service: elasticache
resource_type: AWS::ElastiCache::ReplicationGroup
rationale: >-
  Without in-transit encryption, clients talk to the cache, and the nodes replicate to each other, in plain
  text: session tokens, cached personal data and (when AUTH is used) the AUTH token itself can be read by
  anything that can observe the VPC traffic. TLS also prevents a man-in-the-middle from altering cached data.
remediation:
  console: >-
    ElastiCache console > Redis OSS / Valkey caches > the replication group > Modify > Security: Encryption in
    transit = enabled, Transit encryption mode = preferred (move clients to TLS), then modify again to required.
  cli: |-
    aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately
    aws elasticache modify-replication-group --replication-group-id <group> --transit-encryption-mode required --apply-immediately
  terraform: |-
    resource "aws_elasticache_replication_group" "cache" {
      transit_encryption_enabled = true
      transit_encryption_mode    = "required"
    }
references:
  - title: "AWS Security Hub control ElastiCache.5: ElastiCache replication groups should be encrypted in transit"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5
  - title: "Amazon ElastiCache User Guide: ElastiCache in-transit encryption (TLS)"
    url: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
frameworks:
  soc2-2017: [CC6.7]
  iso27001-2022: [A.8.24]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.TransitEncryptionEnabled') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.TransitEncryptionEnabled')
    WHEN 'true' THEN 'Replication group ' || name || ' encrypts traffic in transit' ||
                     coalesce(' (mode ' || json_extract(config, '$.TransitEncryptionMode') || ')', '')
    WHEN 'false' THEN 'Replication group ' || name || ' does not encrypt traffic in transit: clients and replicas talk in plain text'
    ELSE 'In-transit encryption of replication group ' || name || ' was not reported by DescribeReplicationGroups'
  END AS reason,
  json_object('Engine', json_extract(config, '$.Engine'),
              'TransitEncryptionEnabled', json_extract(config, '$.TransitEncryptionEnabled'),
              'TransitEncryptionMode', json_extract(config, '$.TransitEncryptionMode'),
              'AuthTokenEnabled', json_extract(config, '$.AuthTokenEnabled')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::ElastiCache::ReplicationGroup';
