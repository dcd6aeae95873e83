/* ---
id: vpc_flow_logs_enabled
title: VPC has an active flow log delivering records
severity: medium
provider: aws
service: vpc
resource_type: AWS::EC2::VPC
rationale: >-
  VPC flow logs record the connections accepted and rejected in the VPC; without them there is no record to
  investigate an intrusion, data exfiltration or a misbehaving workload, and no baseline to spot anomalies
  against. A flow log counts when it is ACTIVE and its delivery has not failed (a flow log whose destination
  or role is broken records nothing). Flow logs on individual subnets or interfaces do not cover the VPC.
remediation:
  console: >-
    VPC console > Your VPCs > the VPC > Flow logs tab > Create flow log: filter All (or at least Reject), send
    to CloudWatch Logs (with an IAM role that may write to the log group) or to an S3 bucket. For a flow log
    whose delivery failed, fix the role or the destination named in its error message.
  cli: |-
    aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<log-bucket>/vpc-flow-logs/
  terraform: |-
    resource "aws_flow_log" "vpc" {
      vpc_id               = aws_vpc.main.id
      traffic_type         = "ALL"
      log_destination_type = "s3"
      log_destination      = aws_s3_bucket.flow_logs.arn
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.7: Ensure VPC flow logging is enabled in all VPCs"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.6: VPC flow logging should be enabled in all VPCs"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6
  - title: "Amazon VPC User Guide: Logging IP traffic using VPC Flow Logs"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
frameworks:
  soc2-2017: [CC7.2]
  pci-dss-4.0.1: [10.2.1]
  iso27001-2022: [A.8.15, A.8.16]
--- */
WITH vpcs AS (
  SELECT uid, name, region, config, json_type(config, '$.FlowLogs') AS logs_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::VPC'
), logs AS (
  SELECT vpcs.uid,
         json_extract(f.value, '$.FlowLogId') AS id,
         json_extract(f.value, '$.FlowLogStatus') AS status,
         json_extract(f.value, '$.DeliverLogsStatus') AS delivery,
         json_extract(f.value, '$.DeliverLogsErrorMessage') AS delivery_error,
         json_extract(f.value, '$.TrafficType') AS traffic,
         coalesce(json_extract(f.value, '$.LogDestinationType'), 'unknown destination') AS destination
  FROM vpcs, json_each(vpcs.config, '$.FlowLogs') f
  WHERE vpcs.logs_type = 'array'
), summary AS (
  SELECT uid,
         sum(status = 'ACTIVE' AND coalesce(delivery, '') IS NOT 'FAILED') AS working,
         count(*) AS total,
         group_concat(CASE WHEN status = 'ACTIVE' AND coalesce(delivery, '') IS NOT 'FAILED'
                           THEN id || ' (' || coalesce(traffic, 'unknown') || ' traffic to ' || destination || ')' END, ', ') AS working_text,
         group_concat(CASE WHEN NOT (status = 'ACTIVE' AND coalesce(delivery, '') IS NOT 'FAILED')
                           THEN id || ' (status ' || coalesce(status, 'not reported') || ', delivery ' ||
                                coalesce(delivery, 'not reported') || coalesce(': ' || delivery_error, '') || ')' END, ', ') AS broken_text,
         json_group_array(json_object('FlowLogId', id, 'FlowLogStatus', status, 'DeliverLogsStatus', delivery,
                                      'DeliverLogsErrorMessage', delivery_error, 'TrafficType', traffic,
                                      'LogDestinationType', destination)) AS evidence
  FROM logs
  GROUP BY uid
)
SELECT vpcs.uid AS resource_uid,
  CASE
    WHEN vpcs.logs_type IS NULL THEN 'error'
    WHEN vpcs.logs_type IS NOT 'array' THEN 'error'
    WHEN summary.working > 0 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN vpcs.logs_type IS NULL THEN
      'Flow logs of VPC ' || vpcs.name || ' in ' || vpcs.region || ' were not collected (DescribeFlowLogs failed)'
    WHEN vpcs.logs_type IS NOT 'array' THEN
      'Flow logs of VPC ' || vpcs.name || ' were collected in an unexpected form (FlowLogs is not a list)'
    WHEN summary.working > 0 THEN 'VPC ' || vpcs.name || ' has active flow log(s): ' || summary.working_text
    WHEN summary.total > 0 THEN 'VPC ' || vpcs.name || ' has no working flow log: ' || summary.broken_text
    ELSE 'VPC ' || vpcs.name || ' in ' || vpcs.region || ' has no flow log'
  END AS reason,
  json_object('VpcId', json_extract(vpcs.config, '$.VpcId'), 'IsDefault', json_extract(vpcs.config, '$.IsDefault'),
              'FlowLogs', json(coalesce(summary.evidence, '[]'))) AS evidence
FROM vpcs LEFT JOIN summary ON summary.uid = vpcs.uid;
