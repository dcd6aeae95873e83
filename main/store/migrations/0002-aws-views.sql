-- Evidence store, version 2: normalising views over the AWS resources collected into snapshots.
-- Why views: the checks (main/checks/aws/*.ts) and any auditor re-performing them with a plain SQLite client
-- read the same facts, one row per thing that matters (a rule, a statement, a key, a grant), instead of each
-- query re-implementing JSON unnesting. Views hold no data, so they never touch snapshot immutability.
-- Every view keeps snapshot_id: filter on it, views span all snapshots in the workspace.

-- One row per security-group ingress rule x source CIDR (IPv4 and IPv6). Rules that only reference other
-- security groups or prefix lists have no CIDR and no row. Ports: IpProtocol '-1' (all traffic) and protocols
-- without ports come back as 0-65535 so "does this rule include port N" is one range test.
CREATE VIEW aws_sg_ingress AS
WITH rules AS (
  SELECT r.snapshot_id, r.uid AS sg_uid, r.region,
         json_extract(r.config, '$.GroupId') AS group_id,
         json_extract(r.config, '$.GroupName') AS group_name,
         p.key AS rule_index,
         p.value AS rule
  FROM resources r, json_each(r.config, '$.IpPermissions') p
  WHERE r.type = 'AWS::EC2::SecurityGroup'
),
ranged AS (
  SELECT rules.*,
         CAST(json_extract(rule, '$.IpProtocol') AS TEXT) AS ip_protocol,
         CASE WHEN json_extract(rule, '$.IpProtocol') = '-1' OR json_type(rule, '$.FromPort') IS NULL
                   OR json_extract(rule, '$.FromPort') = -1
              THEN 0 ELSE json_extract(rule, '$.FromPort') END AS from_port,
         CASE WHEN json_extract(rule, '$.IpProtocol') = '-1' OR json_type(rule, '$.ToPort') IS NULL
                   OR json_extract(rule, '$.ToPort') = -1
              THEN 65535 ELSE json_extract(rule, '$.ToPort') END AS to_port
  FROM rules
)
SELECT ranged.snapshot_id, ranged.sg_uid, ranged.region, ranged.group_id, ranged.group_name, ranged.rule_index,
       ranged.ip_protocol, ranged.from_port, ranged.to_port,
       'ipv4' AS cidr_family, json_extract(c.value, '$.CidrIp') AS cidr
FROM ranged, json_each(ranged.rule, '$.IpRanges') c
WHERE json_extract(c.value, '$.CidrIp') IS NOT NULL
UNION ALL
SELECT ranged.snapshot_id, ranged.sg_uid, ranged.region, ranged.group_id, ranged.group_name, ranged.rule_index,
       ranged.ip_protocol, ranged.from_port, ranged.to_port,
       'ipv6' AS cidr_family, json_extract(c.value, '$.CidrIpv6') AS cidr
FROM ranged, json_each(ranged.rule, '$.Ipv6Ranges') c
WHERE json_extract(c.value, '$.CidrIpv6') IS NOT NULL;

-- One row per customer-managed policy statement x action x resource. IAM allows Statement, Action and
-- Resource to be either a single value or an array; both forms are unnested here. A statement using
-- NotAction/NotResource instead still gets one row (action or resource NULL) so it stays visible, and the
-- whole statement is kept as JSON for the reader.
CREATE VIEW aws_iam_policy_statements AS
WITH docs AS (
  SELECT snapshot_id, uid AS policy_uid,
         json_extract(config, '$.PolicyName') AS policy_name,
         json_extract(config, '$.AttachmentCount') AS attachment_count,
         CASE json_type(config, '$.Document.Statement')
           WHEN 'array' THEN json_extract(config, '$.Document.Statement')
           WHEN 'object' THEN '[' || json_extract(config, '$.Document.Statement') || ']'
           ELSE '[]'
         END AS statements
  FROM resources
  WHERE type = 'AWS::IAM::ManagedPolicy'
),
stmts AS (
  SELECT docs.snapshot_id, docs.policy_uid, docs.policy_name, docs.attachment_count,
         s.key AS statement_index, s.value AS statement
  FROM docs, json_each(docs.statements) s
)
SELECT stmts.snapshot_id, stmts.policy_uid, stmts.policy_name, stmts.attachment_count, stmts.statement_index,
       json_extract(stmts.statement, '$.Sid') AS sid,
       json_extract(stmts.statement, '$.Effect') AS effect,
       a.value AS action,
       res.value AS resource,
       stmts.statement AS statement
FROM stmts,
     json_each(CASE json_type(stmts.statement, '$.Action')
                 WHEN 'array' THEN json_extract(stmts.statement, '$.Action')
                 WHEN 'text' THEN json_array(json_extract(stmts.statement, '$.Action'))
                 ELSE '[null]'
               END) a,
     json_each(CASE json_type(stmts.statement, '$.Resource')
                 WHEN 'array' THEN json_extract(stmts.statement, '$.Resource')
                 WHEN 'text' THEN json_array(json_extract(stmts.statement, '$.Resource'))
                 ELSE '[null]'
               END) res;

-- One row per IAM user access key. last_used_collected = 0 means GetAccessKeyLastUsed failed for the key
-- (gap convention: key absent), as opposed to last_used_date NULL = collected, never used.
CREATE VIEW aws_iam_access_keys AS
SELECT r.snapshot_id, r.uid AS user_uid,
       json_extract(r.config, '$.UserName') AS user_name,
       json_extract(k.value, '$.AccessKeyId') AS access_key_id,
       json_extract(k.value, '$.Status') AS key_status,
       json_extract(k.value, '$.CreateDate') AS create_date,
       json_extract(k.value, '$.LastUsedDate') AS last_used_date,
       json_type(k.value, '$.LastUsedDate') IS NOT NULL AS last_used_collected
FROM resources r, json_each(r.config, '$.AccessKeys') k
WHERE r.type = 'AWS::IAM::User';

-- One row per S3 bucket ACL grant; public_group names the AWS-wide groups that make a grant public.
CREATE VIEW aws_s3_bucket_grants AS
SELECT r.snapshot_id, r.uid AS bucket_uid,
       json_extract(r.config, '$.Name') AS bucket_name,
       json_extract(g.value, '$.Grantee.Type') AS grantee_type,
       json_extract(g.value, '$.Grantee.URI') AS grantee_uri,
       json_extract(g.value, '$.Grantee.ID') AS grantee_id,
       json_extract(g.value, '$.Permission') AS permission,
       CASE json_extract(g.value, '$.Grantee.URI')
         WHEN 'http://acs.amazonaws.com/groups/global/AllUsers' THEN 'AllUsers'
         WHEN 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' THEN 'AuthenticatedUsers'
       END AS public_group
FROM resources r, json_each(r.config, '$.Acl.Grants') g
WHERE r.type = 'AWS::S3::Bucket';

-- One row per CloudTrail trail with the facts the trail checks decide on. status_collected = 0 means
-- GetTrailStatus failed for the trail, so is_logging is unknown rather than false.
CREATE VIEW aws_cloudtrail_trails AS
SELECT snapshot_id, uid AS trail_uid, name, region,
       json_extract(config, '$.HomeRegion') AS home_region,
       coalesce(json_extract(config, '$.IsMultiRegionTrail'), 0) AS is_multi_region,
       json_extract(config, '$.LogFileValidationEnabled') AS log_file_validation,
       json_type(config, '$.Status') IS NOT NULL AS status_collected,
       coalesce(json_extract(config, '$.Status.IsLogging'), 0) AS is_logging,
       json_extract(config, '$.Status.LatestDeliveryTime') AS latest_delivery_time
FROM resources
WHERE type = 'AWS::CloudTrail::Trail';
