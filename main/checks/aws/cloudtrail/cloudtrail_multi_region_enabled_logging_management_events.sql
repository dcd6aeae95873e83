/* ---
id: cloudtrail_multi_region_enabled_logging_management_events
title: A logging multi-region trail records read and write management events
severity: high
provider: aws
service: cloudtrail
resource_type: AWS::Account
rationale: >-
  A trail only audits what its event selectors record. A multi-region trail that records only write events
  (or excludes management events) misses reconnaissance such as List/Describe/Get calls, which is often the
  first sign of a compromised credential.
remediation:
  console: >-
    CloudTrail console > Trails > the multi-region trail > Management events > Edit: API activity Read and
    Write, save. Make sure the trail is logging.
  cli: |-
    aws cloudtrail put-event-selectors --trail-name <trail-name> --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'
  terraform: |-
    resource "aws_cloudtrail" "account_audit" {
      name                  = "account-audit"
      s3_bucket_name        = aws_s3_bucket.trail_logs.id
      is_multi_region_trail = true
      event_selector {
        read_write_type           = "All"
        include_management_events = true
      }
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.1: Ensure CloudTrail is enabled in all regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control CloudTrail.1: CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1
  - title: "AWS CloudTrail User Guide: Logging management events"
    url: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1, 10.2.1.2, 10.2.1.4, 10.2.1.5, 10.2.1.6, 10.2.1.7]
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
      -- classic: a selector with management events, read and write
      EXISTS (SELECT 1 FROM sel WHERE sel.uid = t.uid AND sel.kind = 'classic'
                AND json_extract(sel.s, '$.IncludeManagementEvents') = 1 AND json_extract(sel.s, '$.ReadWriteType') = 'All')
      -- advanced: eventCategory = Management with no readOnly restriction
      OR EXISTS (SELECT 1 FROM adv a WHERE a.uid = t.uid AND a.field = 'eventCategory'
                   AND EXISTS (SELECT 1 FROM json_each(a.equals) q WHERE q.value = 'Management')
                   AND NOT EXISTS (SELECT 1 FROM adv b WHERE b.uid = t.uid AND b.s = a.s AND b.field = 'readOnly'))
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
    WHEN summary.good_names IS NOT NULL THEN 'Account ' || acct.account_id || ': multi-region trail(s) ' || summary.good_names || ' record read and write management events'
    WHEN summary.unknown_names IS NOT NULL THEN 'Account ' || acct.account_id || ': the status or event selectors of multi-region trail(s) ' ||
      summary.unknown_names || ' were not collected, so whether they record read and write management events is unknown'
    WHEN gaps.n > 0 THEN 'Account ' || acct.account_id || ': CloudTrail could not be fully collected (' || gaps.n || ' error(s) in ' || gaps.operations ||
      '), so the absence of a trail that records read and write management events is unconfirmed'
    ELSE 'Account ' || acct.account_id || ': no logging multi-region trail records read and write management events' ||
      CASE WHEN summary.short_names IS NOT NULL THEN ' (selectors of ' || summary.short_names || ' do not)' ELSE '' END ||
      CASE WHEN summary.stopped_names IS NOT NULL THEN ' (stopped: ' || summary.stopped_names || ')' ELSE '' END ||
      CASE WHEN summary.total = 0 THEN ' (no trail exists)' ELSE '' END
  END AS reason,
  json_object('Trails', json(summary.trails_json), 'CloudTrailCollectionErrors', gaps.n) AS evidence
FROM acct, summary, gaps;
