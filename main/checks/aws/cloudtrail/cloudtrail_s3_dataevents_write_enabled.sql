/* ---
id: cloudtrail_s3_dataevents_write_enabled
title: A logging multi-region trail records S3 object-level write events for all buckets
severity: low
provider: aws
service: cloudtrail
resource_type: AWS::Account
rationale: >-
  Management events do not show who uploaded, overwrote or deleted objects. Object-level write data events are the only
  record of changes to stored data, which an investigation of tampering or ransomware needs.
remediation:
  console: >-
    CloudTrail console > Trails > the multi-region trail > Data events > Edit: add data event type S3, log all
    current and future buckets, Write events (or both), save.
  cli: |-
    aws cloudtrail put-event-selectors --trail-name <trail-name> --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 write","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["false"]}]}]'
  terraform: |-
    resource "aws_cloudtrail" "account_audit" {
      name                  = "account-audit"
      s3_bucket_name        = aws_s3_bucket.trail_logs.id
      is_multi_region_trail = true
      event_selector {
        read_write_type           = "WriteOnly"
        include_management_events = false
        data_resource {
          type   = "AWS::S3::Object"
          values = ["arn:aws:s3"]
        }
      }
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.8: Ensure that Object-level logging for write events is enabled for S3 bucket"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control S3.22: S3 general purpose buckets should log object-level write events"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-22
  - title: "AWS CloudTrail User Guide: Logging data events"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1.1]
  iso27001-2022: [A.8.15]
--- */
WITH acct AS (
  SELECT uid, json_extract(config, '$.AccountId') AS account_id
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Account'
), trails AS (
  SELECT uid, name, config,
         coalesce(json_extract(config, '$.IsMultiRegionTrail'), 0) = 1 AS multi_region,
         json_type(config, '$.Status.IsLogging') AS logging_type,
         coalesce(json_extract(config, '$.Status.IsLogging'), 0) = 1 AS logging,
         json_type(config, '$.Selectors') IS NOT NULL AS selectors_collected
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::CloudTrail::Trail'
), sel AS (
  SELECT t.uid, 'classic' AS kind, e.value AS s
  FROM trails t, json_each(t.config, '$.Selectors.EventSelectors') e
  UNION ALL
  SELECT t.uid, 'advanced', a.value
  FROM trails t, json_each(t.config, '$.Selectors.AdvancedEventSelectors') a
), adv AS (
  -- One row per advanced selector and field: (selector, field, the values it Equals as a JSON array).
  SELECT sel.uid, sel.s, json_extract(f.value, '$.Field') AS field, json_extract(f.value, '$.Equals') AS equals,
         json_type(f.value, '$.NotEquals') IS NOT NULL OR json_type(f.value, '$.StartsWith') IS NOT NULL
           OR json_type(f.value, '$.EndsWith') IS NOT NULL OR json_type(f.value, '$.NotStartsWith') IS NOT NULL
           OR json_type(f.value, '$.NotEndsWith') IS NOT NULL AS other_operator
  FROM sel, json_each(sel.s, '$.FieldSelectors') f
  WHERE sel.kind = 'advanced'
), judged AS (
  SELECT t.*,
    t.multi_region AND t.logging AND (
      -- classic: AWS::S3::Object data resources for every bucket, with write events
      EXISTS (SELECT 1 FROM sel, json_each(sel.s, '$.DataResources') d
               WHERE sel.uid = t.uid AND sel.kind = 'classic'
                 AND json_extract(sel.s, '$.ReadWriteType') IN ('All', 'WriteOnly')
                 AND json_extract(d.value, '$.Type') = 'AWS::S3::Object'
                 AND EXISTS (SELECT 1 FROM json_each(d.value, '$.Values') v WHERE v.value IN ('arn:aws:s3', 'arn:aws:s3:::')))
      -- advanced: eventCategory = Data, resources.type = AWS::S3::Object, no narrowing by ARN or operator,
      -- readOnly absent or = false
      OR EXISTS (SELECT 1 FROM adv a WHERE a.uid = t.uid AND a.field = 'eventCategory'
                   AND EXISTS (SELECT 1 FROM json_each(a.equals) q WHERE q.value = 'Data')
                   AND EXISTS (SELECT 1 FROM adv b WHERE b.uid = t.uid AND b.s = a.s AND b.field = 'resources.type'
                                 AND EXISTS (SELECT 1 FROM json_each(b.equals) q WHERE q.value = 'AWS::S3::Object'))
                   AND NOT EXISTS (SELECT 1 FROM adv b WHERE b.uid = t.uid AND b.s = a.s
                                     AND (b.other_operator OR b.field NOT IN ('eventCategory', 'resources.type', 'readOnly')
                                          OR (b.field = 'readOnly' AND coalesce(json_array_length(b.equals), 0) = 1
                                              AND json_extract(b.equals, '$[0]') <> 'false'))))
    ) AS good
  FROM trails t
), gaps AS (
  SELECT count(*) AS n, group_concat(DISTINCT operation) AS operations
  FROM collection_errors
  WHERE snapshot_id = @snapshot_id AND lower(service) = 'cloudtrail'
), summary AS (
  SELECT group_concat(CASE WHEN good THEN name END, ', ') AS good_names,
         group_concat(CASE WHEN multi_region AND (logging_type IS NULL OR NOT selectors_collected) THEN name END, ', ') AS unknown_names,
         group_concat(CASE WHEN multi_region AND logging AND selectors_collected AND NOT good THEN name END, ', ') AS short_names,
         group_concat(CASE WHEN multi_region AND logging_type IS NOT NULL AND NOT logging THEN name END, ', ') AS stopped_names,
         count(*) AS total,
         json_group_array(json_object('Name', name, 'IsMultiRegionTrail', multi_region, 'IsLogging', CASE WHEN logging_type IS NOT NULL THEN logging END,
                                      'Qualifies', good, 'Selectors', json_extract(config, '$.Selectors'))) AS trails_json
  FROM judged
)
SELECT acct.uid AS resource_uid,
  CASE WHEN summary.good_names IS NOT NULL THEN 'pass'
       WHEN summary.unknown_names IS NOT NULL OR gaps.n > 0 THEN 'error'
       ELSE 'fail' END AS status,
  CASE
    WHEN summary.good_names IS NOT NULL THEN 'Account ' || acct.account_id || ': multi-region trail(s) ' || summary.good_names || ' record S3 object-level write events for all buckets'
    WHEN summary.unknown_names IS NOT NULL THEN 'Account ' || acct.account_id || ': the status or event selectors of multi-region trail(s) ' ||
      summary.unknown_names || ' were not collected, so whether they record S3 object-level write events is unknown'
    WHEN gaps.n > 0 THEN 'Account ' || acct.account_id || ': CloudTrail could not be fully collected (' || gaps.n || ' error(s) in ' || gaps.operations ||
      '), so the absence of a trail that records S3 object-level write events for all buckets is unconfirmed'
    ELSE 'Account ' || acct.account_id || ': no logging multi-region trail records S3 object-level write events for all buckets' ||
      CASE WHEN summary.short_names IS NOT NULL THEN ' (selectors of ' || summary.short_names || ' do not)' ELSE '' END ||
      CASE WHEN summary.stopped_names IS NOT NULL THEN ' (stopped: ' || summary.stopped_names || ')' ELSE '' END ||
      CASE WHEN summary.total = 0 THEN ' (no trail exists)' ELSE '' END
  END AS reason,
  json_object('Trails', json(summary.trails_json), 'CloudTrailCollectionErrors', gaps.n) AS evidence
FROM acct, summary, gaps;
