/* ---
id: config_recorder_all_regions_enabled
title: AWS Config records all resource types in the region and delivers them
severity: medium
provider: aws
service: config
resource_type: AWS::Config::RegionRecording
rationale: >-
  AWS Config keeps the configuration history of every resource: what a security group or bucket policy looked
  like on a given day, and who changed it. Without a recorder that records all supported types, is running,
  last delivered successfully and has a delivery channel, that history has gaps exactly where nobody looks.
remediation:
  console: >-
    AWS Config console (in the region) > Settings > Edit: Record all resources supported in this region,
    include globally recorded resource types in one region, choose an S3 bucket (delivery channel), save, and
    make sure recording is on.
  cli: |-
    aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true
    aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<config-bucket>
    aws configservice start-configuration-recorder --configuration-recorder-name default
  terraform: |-
    resource "aws_config_configuration_recorder" "this" {
      name     = "default"
      role_arn = aws_iam_role.config.arn
      recording_group {
        all_supported                 = true
        include_global_resource_types = true
      }
    }
    resource "aws_config_delivery_channel" "this" {
      name           = "default"
      s3_bucket_name = aws_s3_bucket.config.id
      depends_on     = [aws_config_configuration_recorder.this]
    }
    resource "aws_config_configuration_recorder_status" "this" {
      name       = aws_config_configuration_recorder.this.name
      is_enabled = true
      depends_on = [aws_config_delivery_channel.this]
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 3.3: Ensure AWS Config is enabled in all regions"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control Config.1: AWS Config should be enabled and use the service-linked role for resource recording"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1
  - title: "AWS Config Developer Guide: Managing the configuration recorder"
    url: https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
frameworks:
  soc2-2017: [CC7.1, CC8.1]
  iso27001-2022: [A.8.9]
--- */
WITH r AS (
  SELECT uid, region, config,
         json_type(config, '$.ConfigurationRecorders') AS rec_type,
         json_type(config, '$.ConfigurationRecordersStatus') AS status_type,
         json_type(config, '$.DeliveryChannels') AS chan_type,
         coalesce(json_array_length(config, '$.ConfigurationRecorders'), 0) AS n_rec,
         coalesce(json_array_length(config, '$.DeliveryChannels'), 0) AS n_chan,
         (SELECT count(*) FROM json_each(config, '$.ConfigurationRecorders') e
           WHERE json_extract(e.value, '$.recordingGroup.allSupported') = 1) AS n_all,
         (SELECT count(*) FROM json_each(config, '$.ConfigurationRecordersStatus') e
           WHERE json_extract(e.value, '$.recording') = 1 AND upper(json_extract(e.value, '$.lastStatus')) = 'SUCCESS') AS n_ok,
         (SELECT group_concat(json_extract(e.value, '$.name') || ': recording=' ||
                   CASE json_extract(e.value, '$.recording') WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'unknown' END ||
                   ', last status ' || coalesce(json_extract(e.value, '$.lastStatus'), 'unknown'), '; ')
            FROM json_each(config, '$.ConfigurationRecordersStatus') e) AS status_text
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Config::RegionRecording'
)
SELECT uid AS resource_uid,
  CASE
    WHEN rec_type = 'array' AND n_rec = 0 THEN 'fail'
    WHEN rec_type IS NOT 'array' OR status_type IS NOT 'array' OR chan_type IS NOT 'array' THEN 'error'
    WHEN n_all > 0 AND n_ok > 0 AND n_chan > 0 THEN 'pass'
    ELSE 'fail'
  END AS status,
  CASE
    WHEN rec_type = 'array' AND n_rec = 0 THEN 'AWS Config has no configuration recorder in ' || region
    WHEN rec_type IS NOT 'array' THEN 'AWS Config recorders in ' || region || ' were not collected (DescribeConfigurationRecorders failed)'
    WHEN status_type IS NOT 'array' THEN 'AWS Config recorder status in ' || region || ' was not collected (DescribeConfigurationRecorderStatus failed)'
    WHEN chan_type IS NOT 'array' THEN 'AWS Config delivery channels in ' || region || ' were not collected (DescribeDeliveryChannels failed)'
    WHEN n_all > 0 AND n_ok > 0 AND n_chan > 0 THEN 'AWS Config records all supported resource types in ' || region || ' (' || status_text || ') and has a delivery channel'
    ELSE 'AWS Config in ' || region || ' is incomplete:' ||
      CASE WHEN n_all = 0 THEN ' the recorder does not record all supported resource types;' ELSE '' END ||
      CASE WHEN n_ok = 0 THEN ' no recorder is recording with last status SUCCESS (' || coalesce(status_text, 'no status') || ');' ELSE '' END ||
      CASE WHEN n_chan = 0 THEN ' there is no delivery channel;' ELSE '' END
  END AS reason,
  json_object('ConfigurationRecorders', json_extract(config, '$.ConfigurationRecorders'),
              'ConfigurationRecordersStatus', json_extract(config, '$.ConfigurationRecordersStatus'),
              'DeliveryChannels', json_extract(config, '$.DeliveryChannels')) AS evidence
FROM r;
