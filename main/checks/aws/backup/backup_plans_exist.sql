/* ---
id: backup_plans_exist
title: An AWS Backup plan exists in every region that holds backup-able data
severity: medium
provider: aws
service: backup
resource_type: AWS::Backup::RegionPlans
rationale: >-
  AWS Backup plans schedule backups, keep them for a set retention and copy them to other vaults, regions or
  accounts; without a plan, recovery depends on each service's own settings and on people remembering to take
  snapshots. Judged per region (backup plans are regional): a region with RDS instances or clusters, DynamoDB
  tables, EFS file systems or EBS volumes but no plan fails; a region with none of these and no plan is n/a,
  unless listing those resources failed there, in which case the answer is unknown (error). Whether a plan's
  resource selection covers every resource is not judged here.
remediation:
  console: >-
    AWS Backup console (in the region) > Backup plans > Create backup plan: start from a template (e.g. Daily-35day
    retention) or build one, then Assign resources (by tag or resource type).
  cli: |-
    aws backup create-backup-plan --backup-plan '{"BackupPlanName":"daily-35d","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 * * ? *)","Lifecycle":{"DeleteAfterDays":35}}]}'
    aws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection '{"SelectionName":"tagged","IamRoleArn":"<backup-role-arn>","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}'
  terraform: |-
    resource "aws_backup_plan" "daily" {
      name = "daily-35d"
      rule {
        rule_name         = "daily"
        target_vault_name = aws_backup_vault.main.name
        schedule          = "cron(0 5 * * ? *)"
        lifecycle { delete_after = 35 }
      }
    }
references:
  - title: "AWS Backup Developer Guide: Creating a backup plan"
    url: https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
frameworks:
  soc2-2017: [A1.2]
  iso27001-2022: [A.8.13]
--- */
WITH p AS (
  SELECT uid, region, json_type(config, '$.BackupPlans') AS plans_type,
         json_array_length(config, '$.BackupPlans') AS plans,
         (SELECT group_concat(json_extract(b.value, '$.BackupPlanName'), ', ') FROM json_each(config, '$.BackupPlans') b) AS plan_names
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::Backup::RegionPlans'
), stores AS (
  SELECT region, count(*) AS n,
         group_concat(DISTINCT type) AS types
  FROM resources
  WHERE snapshot_id = @snapshot_id
    AND type IN ('AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::EFS::FileSystem', 'AWS::EC2::Volume')
  GROUP BY region
), listing_gaps AS (
  SELECT region, group_concat(DISTINCT service || ':' || operation) AS operations
  FROM collection_errors
  WHERE snapshot_id = @snapshot_id
    AND ((service = 'rds' AND operation IN ('DescribeDBInstances', 'DescribeDBClusters'))
      OR (service = 'dynamodb' AND operation = 'ListTables')
      OR (service = 'elasticfilesystem' AND operation = 'DescribeFileSystems')
      OR (service = 'ec2' AND operation = 'DescribeVolumes'))
  GROUP BY region
)
SELECT p.uid AS resource_uid,
  CASE
    WHEN p.plans_type IS NOT 'array' THEN 'error'
    WHEN p.plans > 0 THEN 'pass'
    WHEN coalesce(stores.n, 0) > 0 THEN 'fail'
    WHEN listing_gaps.operations IS NOT NULL THEN 'error'
    ELSE 'n/a'
  END AS status,
  CASE
    WHEN p.plans_type IS NULL THEN 'Backup plans of ' || p.region || ' were not collected (ListBackupPlans failed)'
    WHEN p.plans_type <> 'array' THEN 'Backup plans of ' || p.region || ' are in an unexpected form'
    WHEN p.plans > 0 THEN p.plans || ' backup plan(s) in ' || p.region || ': ' || p.plan_names
    WHEN coalesce(stores.n, 0) > 0 THEN 'No AWS Backup plan in ' || p.region || ', which holds ' || stores.n ||
      ' backup-able resource(s) (' || stores.types || ')'
    WHEN listing_gaps.operations IS NOT NULL THEN 'No AWS Backup plan in ' || p.region ||
      ', and whether it holds data is unknown: ' || listing_gaps.operations || ' failed there'
    ELSE 'No AWS Backup plan in ' || p.region || ', and no RDS, DynamoDB, EFS or EBS data was found there'
  END AS reason,
  json_object('Region', p.region, 'BackupPlans', p.plans, 'BackupPlanNames', p.plan_names,
              'BackupableResources', coalesce(stores.n, 0), 'ResourceTypes', stores.types) AS evidence
FROM p
LEFT JOIN stores ON stores.region = p.region
LEFT JOIN listing_gaps ON listing_gaps.region = p.region;
