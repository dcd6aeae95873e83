/* ---
id: ec2_instance_imdsv2_enabled
title: EC2 instance requires IMDSv2 (or has the metadata service turned off)
severity: high
provider: aws
service: ec2
resource_type: AWS::EC2::Instance
rationale: >-
  The instance metadata service hands out the temporary credentials of the instance's IAM role. With IMDSv1
  still answering, a server-side request forgery or a misconfigured proxy on the instance lets an attacker
  fetch those credentials with a plain GET (the Capital One breach pattern). IMDSv2 requires a session token
  obtained with a PUT, which such requests cannot send. Stopped instances are judged too (they can be started
  as they are); terminated ones are not applicable.
remediation:
  console: >-
    EC2 console > Instances > the instance > Actions > Instance settings > Modify instance metadata options:
    IMDSv2 "Required" (or Instance metadata service "Disable" when nothing on it uses the service). Test the
    workload first: old SDKs and agents may only speak IMDSv1.
  cli: |-
    aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled
  terraform: |-
    resource "aws_instance" "this" {
      # ...
      metadata_options {
        http_endpoint = "enabled"
        http_tokens   = "required"
      }
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 5.6: Ensure that EC2 Metadata Service only allows IMDSv2"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.8: EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8
  - title: "Amazon EC2 User Guide: Use the Instance Metadata Service to access instance metadata"
    url: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
frameworks:
  soc2-2017: [CC6.1]
  pci-dss-4.0.1: [2.2.6]
  iso27001-2022: [A.8.9]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_extract(config, '$.State.Name') IN ('terminated', 'shutting-down') THEN 'n/a'
    WHEN json_extract(config, '$.MetadataOptions.HttpEndpoint') = 'disabled' THEN 'pass'
    WHEN json_extract(config, '$.MetadataOptions.HttpTokens') = 'required' THEN 'pass'
    WHEN json_extract(config, '$.MetadataOptions.HttpTokens') = 'optional' THEN 'fail'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_extract(config, '$.State.Name') IN ('terminated', 'shutting-down') THEN
      'Instance ' || name || ' is ' || json_extract(config, '$.State.Name')
    WHEN json_extract(config, '$.MetadataOptions.HttpEndpoint') = 'disabled' THEN
      'Instance ' || name || ' has the instance metadata service disabled'
    WHEN json_extract(config, '$.MetadataOptions.HttpTokens') = 'required' THEN
      'Instance ' || name || ' requires IMDSv2 session tokens (HttpTokens required)'
    WHEN json_extract(config, '$.MetadataOptions.HttpTokens') = 'optional' THEN
      'Instance ' || name || ' (' || coalesce(json_extract(config, '$.State.Name'), 'state unknown') ||
      ') still answers IMDSv1 requests (HttpTokens optional)'
    WHEN json_type(config, '$.MetadataOptions') IS NULL THEN
      'Metadata options of instance ' || name || ' were not reported'
    ELSE 'Metadata options of instance ' || name || ' were reported in an unexpected form (HttpTokens ' ||
         coalesce(json_extract(config, '$.MetadataOptions.HttpTokens'), 'not reported') || ')'
  END AS reason,
  json_object('InstanceId', json_extract(config, '$.InstanceId'), 'State', json_extract(config, '$.State.Name'),
              'HttpTokens', json_extract(config, '$.MetadataOptions.HttpTokens'),
              'HttpEndpoint', json_extract(config, '$.MetadataOptions.HttpEndpoint'),
              'HttpPutResponseHopLimit', json_extract(config, '$.MetadataOptions.HttpPutResponseHopLimit')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Instance';
