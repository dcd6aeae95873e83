-- Evidence store, version 10: normalising views for three families of checks that used to repeat the same
-- long SQL (the CIS CloudWatch metric-filter checks, the network ACL port checks, the Azure NSG port checks).
-- Each view builds the shared chain once; each check keeps only what is its own (its CIS pattern, its port,
-- its protocol) and its own wording. Like 0002, views hold no data and span every snapshot in the workspace:
-- filter on snapshot_id.
-- Fail closed: the views never turn missing data into an answer. A key that was not collected stays visible
-- as a NULL or 0 "collected" column, so each check can still say 'error' for it.

-- One row per multi-region CloudTrail trail x its CloudWatch Logs log group x metric filter x metric
-- transformation, with the first alarm on that metric (CIS 4.1-4.15). The chain stops where it breaks:
--   trail_is_logging  1 logging, 0 not logging (or an unreadable flag), NULL = GetTrailStatus not collected;
--                     the log group is followed only from a logging trail that names one;
--   log_group_uid     NULL = the trail's log group was not collected (failed, or in another account);
--   filters_collected 0 = the group's MetricFilters key is absent (DescribeMetricFilters failed);
--   transformation_index NULL = no metric filter publishing a metric on this row;
--   pattern_terms     the filter pattern without whitespace, quotes, parentheses and braces, with "||" as "|"
--                     and "&&" as "|&|", framed by "|": every term sits between two "|" (for instr tests);
--   alarm / any_alarm the first alarm by name, in the log group's region, on the filter's metric with an
--                     enabled action / with or without one; alarms_collected 0 = DescribeAlarms failed there.
-- The chain is complete (CIS satisfied for the filter's pattern) when alarm is not NULL.
CREATE VIEW aws_cis_metric_alarm_chain AS
SELECT t.snapshot_id, t.trail_uid, t.trail_name, t.trail_is_logging, t.log_group_arn,
       lg.uid AS log_group_uid, lg.name AS log_group_name, lg.region AS log_group_region,
       CASE WHEN lg.uid IS NOT NULL THEN json_type(lg.config, '$.MetricFilters') IS NOT NULL END AS filters_collected,
       f.key AS filter_index,
       json_extract(f.value, '$.filterName') AS filter_name,
       json_extract(f.value, '$.filterPattern') AS filter_pattern,
       m.key AS transformation_index,
       json_extract(m.value, '$.metricName') AS metric_name,
       json_extract(m.value, '$.metricNamespace') AS metric_namespace,
       '|' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
                json_extract(f.value, '$.filterPattern'), ' ', ''), char(9), ''), char(10), ''), char(13), ''),
                '"', ''), '(', ''), ')', ''), '{', ''), '}', ''), '||', '|'), '&&', '|&|') || '|' AS pattern_terms,
       (SELECT a.name FROM resources a
         WHERE a.snapshot_id = lg.snapshot_id AND a.type = 'AWS::CloudWatch::Alarm' AND a.region = lg.region
           AND json_extract(a.config, '$.MetricName') = json_extract(m.value, '$.metricName')
           AND json_extract(a.config, '$.Namespace') = json_extract(m.value, '$.metricNamespace')
           AND coalesce(json_array_length(a.config, '$.AlarmActions'), 0) > 0
           AND coalesce(json_extract(a.config, '$.ActionsEnabled'), 1) = 1
         ORDER BY a.name LIMIT 1) AS alarm,
       (SELECT a.name FROM resources a
         WHERE a.snapshot_id = lg.snapshot_id AND a.type = 'AWS::CloudWatch::Alarm' AND a.region = lg.region
           AND json_extract(a.config, '$.MetricName') = json_extract(m.value, '$.metricName')
           AND json_extract(a.config, '$.Namespace') = json_extract(m.value, '$.metricNamespace')
         ORDER BY a.name LIMIT 1) AS any_alarm,
       CASE WHEN m.key IS NOT NULL THEN NOT EXISTS (
         SELECT 1 FROM collection_errors e
          WHERE e.snapshot_id = lg.snapshot_id AND lower(e.service) = 'monitoring' AND e.operation = 'DescribeAlarms'
            AND e.region = lg.region) END AS alarms_collected
FROM (
  SELECT snapshot_id, uid AS trail_uid, name AS trail_name,
         CASE WHEN json_type(config, '$.Status.IsLogging') IS NULL THEN NULL
              ELSE json_type(config, '$.Status.IsLogging') = 'true' END AS trail_is_logging,
         -- CloudTrail names the group as "<log group ARN>:*"; the log group's own ARN has no ":*".
         CASE WHEN json_extract(config, '$.CloudWatchLogsLogGroupArn') LIKE '%:*'
              THEN substr(json_extract(config, '$.CloudWatchLogsLogGroupArn'), 1,
                          length(json_extract(config, '$.CloudWatchLogsLogGroupArn')) - 2)
              ELSE json_extract(config, '$.CloudWatchLogsLogGroupArn') END AS log_group_arn
  FROM resources
  WHERE type = 'AWS::CloudTrail::Trail' AND coalesce(json_extract(config, '$.IsMultiRegionTrail'), 0) = 1
) t
LEFT JOIN resources lg
  ON lg.snapshot_id = t.snapshot_id AND lg.type = 'AWS::Logs::LogGroup' AND lg.uid = t.log_group_arn
 AND t.trail_is_logging = 1
LEFT JOIN json_each(lg.config, '$.MetricFilters') f
LEFT JOIN json_each(f.value, '$.metricTransformations') m;

-- One row per network ACL entry (inbound and outbound) of every ACL whose Entries were collected as a list.
-- egress: 1 outbound, 0 inbound, NULL unreadable; internet_source: '0.0.0.0/0' or '::/0' when the entry is
-- for the whole internet of that address family, else NULL; ports: an entry without a PortRange is read as
-- every port (the cautious reading; TCP and UDP entries always carry one). readable = 0 when the entry has
-- no direction, integer rule number or allow/deny action, so the evaluation order (lowest rule_number
-- first, the first matching entry decides) cannot be replayed. An ACL whose Entries key is absent or not a
-- list has no rows here: read its Entries type from resources.
CREATE VIEW aws_nacl_entries AS
SELECT r.snapshot_id, r.uid AS acl_uid, r.name AS acl_name,
       json_extract(r.config, '$.NetworkAclId') AS network_acl_id,
       json_extract(r.config, '$.VpcId') AS vpc_id,
       e.key AS entry_index,
       CASE json_type(e.value, '$.Egress') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END AS egress,
       json_extract(e.value, '$.RuleNumber') AS rule_number,
       lower(json_extract(e.value, '$.RuleAction')) AS rule_action,
       CAST(json_extract(e.value, '$.Protocol') AS TEXT) AS protocol,
       json_extract(e.value, '$.CidrBlock') AS cidr,
       json_extract(e.value, '$.Ipv6CidrBlock') AS ipv6_cidr,
       CASE WHEN json_extract(e.value, '$.CidrBlock') = '0.0.0.0/0' THEN '0.0.0.0/0'
            WHEN json_extract(e.value, '$.Ipv6CidrBlock') = '::/0' THEN '::/0' END AS internet_source,
       coalesce(json_extract(e.value, '$.PortRange.From'), 0) AS from_port,
       coalesce(json_extract(e.value, '$.PortRange.To'), 65535) AS to_port,
       coalesce(json_type(e.value, '$.Egress') IN ('true', 'false'), 0)
         AND json_type(json_extract(e.value, '$.RuleNumber')) IS 'integer'
         AND coalesce(lower(json_extract(e.value, '$.RuleAction')) IN ('allow', 'deny'), 0) AS readable
FROM resources r, json_each(r.config, '$.Entries') e
WHERE r.type = 'AWS::EC2::NetworkAcl' AND json_type(r.config, '$.Entries') = 'array';

-- One row per inbound rule of a network security group: its custom securityRules and its built-in
-- defaultSecurityRules (rule_set 'custom' / 'default'), each from a list that was collected; Azure applies
-- the matching rule with the lowest priority number. protocol is lower-cased ('tcp', 'udp', '*', ...);
-- source_prefixes are the rule's source prefixes trimmed and lower-cased, from_internet = 1 when one of them
-- is the whole internet (*, Internet, Any, 0.0.0.0/0, 0.0.0.0, ::/0); source is the prefix (or list) as
-- written; port_ranges lists every destination port entry as {"range": as written, "from", "to"} with '*'
-- as 0-65535 and a single port as from = to. Whether a group's rule lists were collected at all is in
-- resources (properties.securityRules / defaultSecurityRules absent = not collected): a group with no rule
-- rows here is not a group without rules.
CREATE VIEW azure_nsg_inbound_rules AS
WITH rules AS (
  SELECT n.snapshot_id, n.uid AS nsg_uid, n.name AS nsg_name, 'custom' AS rule_set, r.key AS rule_index,
         r.value AS rule
  FROM resources n, json_each(n.config, '$.properties.securityRules') r
  WHERE n.type = 'Microsoft.Network/networkSecurityGroups'
    AND json_type(n.config, '$.properties.securityRules') = 'array'
  UNION ALL
  SELECT n.snapshot_id, n.uid, n.name, 'default', r.key, r.value
  FROM resources n, json_each(n.config, '$.properties.defaultSecurityRules') r
  WHERE n.type = 'Microsoft.Network/networkSecurityGroups'
    AND json_type(n.config, '$.properties.defaultSecurityRules') = 'array'
)
SELECT snapshot_id, nsg_uid, nsg_name, rule_set, rule_index,
       -- ARM always names a rule; a nameless one still gets a name here, so no reason ever goes NULL (a NULL
       -- reason would stop the whole evaluation).
       coalesce(json_extract(rule, '$.name'), '(unnamed ' || rule_set || ' rule ' || rule_index || ')') AS rule_name,
       json_extract(rule, '$.properties.priority') AS priority,
       lower(json_extract(rule, '$.properties.access')) AS access,
       lower(json_extract(rule, '$.properties.protocol')) AS protocol,
       (SELECT json_group_array(src) FROM (
          SELECT lower(trim(json_extract(rule, '$.properties.sourceAddressPrefix'))) AS src
          WHERE json_type(rule, '$.properties.sourceAddressPrefix') = 'text'
          UNION ALL
          SELECT lower(trim(s.value)) FROM json_each(rule, '$.properties.sourceAddressPrefixes') s)) AS source_prefixes,
       EXISTS (SELECT 1 FROM (
                 SELECT lower(trim(json_extract(rule, '$.properties.sourceAddressPrefix'))) AS src
                 WHERE json_type(rule, '$.properties.sourceAddressPrefix') = 'text'
                 UNION ALL
                 SELECT lower(trim(s.value)) FROM json_each(rule, '$.properties.sourceAddressPrefixes') s)
               WHERE src IN ('*', 'internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0')) AS from_internet,
       coalesce(json_extract(rule, '$.properties.sourceAddressPrefix'),
                json_extract(rule, '$.properties.sourceAddressPrefixes')) AS source,
       (SELECT json_group_array(json_object(
                 'range', p,
                 'from', CASE WHEN p = '*' THEN 0
                              WHEN instr(p, '-') > 0 THEN CAST(substr(p, 1, instr(p, '-') - 1) AS INTEGER)
                              ELSE CAST(p AS INTEGER) END,
                 'to', CASE WHEN p = '*' THEN 65535
                            WHEN instr(p, '-') > 0 THEN CAST(substr(p, instr(p, '-') + 1) AS INTEGER)
                            ELSE CAST(p AS INTEGER) END))
        FROM (SELECT trim(json_extract(rule, '$.properties.destinationPortRange')) AS p
              WHERE json_type(rule, '$.properties.destinationPortRange') = 'text'
              UNION ALL
              SELECT trim(d.value) FROM json_each(rule, '$.properties.destinationPortRanges') d)) AS port_ranges,
       rule
FROM rules
WHERE lower(json_extract(rule, '$.properties.direction')) = 'inbound';
