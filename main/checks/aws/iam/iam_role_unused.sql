/* ---
id: iam_role_unused
title: IAM roles older than 90 days have been used in the last 90 days
severity: low
provider: aws
service: iam
resource_type: AWS::IAM::Role
rationale: >-
  A role nobody has assumed for 90 days (or ever, once it is 90 days old) is standing access with no owner
  watching it; its trust and permissions still work for whoever finds it. Unused roles should be reviewed and
  deleted. Last use is IAM's RoleLastUsed (GetRole; IAM tracks the last 400 days). Roles created in the last
  90 days pass. AWS service-linked roles are not applicable (AWS manages them).
remediation:
  console: >-
    IAM console > Roles: sort by "Last activity"; for each unused role confirm with its owner, then Delete (IAM
    shows the role's last access per service under Access Advisor first).
  cli: |-
    aws iam get-role --role-name <role> --query Role.RoleLastUsed
    aws iam list-attached-role-policies --role-name <role>   # detach each, delete inline policies, then:
    aws iam delete-role --role-name <role>
  terraform: |-
    # Remove the aws_iam_role block (and its policy attachments) of the unused role, then terraform apply.
references:
  - title: "IAM User Guide: Refine permissions in AWS using last accessed information"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
  - title: "IAM User Guide: Security best practices in IAM (regularly review and remove unused users, roles, permissions)"
    url: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
frameworks:
  soc2-2017: [CC6.2]
  iso27001-2022: [A.5.18]
--- */
WITH roles AS (
  SELECT uid, name,
         json_extract(config, '$.ServiceLinked') AS service_linked,
         json_type(config, '$.RoleLastUsed') AS last_used_type,
         json_extract(config, '$.RoleLastUsed.LastUsedDate') AS last_used,
         json_extract(config, '$.CreateDate') AS created
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::IAM::Role'
), aged AS (
  SELECT roles.*,
         CAST(julianday(@as_of) - julianday(created) AS INTEGER) AS age_days,
         CAST(julianday(@as_of) - julianday(last_used) AS INTEGER) AS idle_days
  FROM roles
)
SELECT uid AS resource_uid,
  CASE
    WHEN service_linked = 1 THEN 'n/a'
    WHEN last_used_type IS NOT 'object' OR age_days IS NULL OR (last_used IS NOT NULL AND idle_days IS NULL) THEN 'error'
    WHEN last_used IS NULL AND age_days > 90 THEN 'fail'
    WHEN idle_days > 90 THEN 'fail'
    ELSE 'pass'
  END AS status,
  CASE
    WHEN service_linked = 1 THEN 'IAM role ' || name || ' is a service-linked role managed by AWS'
    WHEN last_used_type IS NOT 'object' THEN 'When IAM role ' || name || ' was last used was not collected (GetRole failed)'
    WHEN age_days IS NULL THEN 'The creation date of IAM role ' || name || ' was not reported'
    WHEN last_used IS NOT NULL AND idle_days IS NULL THEN 'The last-used date of IAM role ' || name || ' is in an unexpected form: ' || last_used
    WHEN last_used IS NULL AND age_days > 90 THEN 'IAM role ' || name || ' has no recorded use and was created ' || age_days || ' days ago'
    WHEN idle_days > 90 THEN 'IAM role ' || name || ' was last used ' || idle_days || ' days ago'
    WHEN last_used IS NULL THEN 'IAM role ' || name || ' has no recorded use but was created only ' || age_days || ' days ago'
    ELSE 'IAM role ' || name || ' was last used ' || idle_days || ' days ago'
  END AS reason,
  json_object('asOf', @as_of, 'CreateDate', created, 'LastUsedDate', last_used) AS evidence
FROM aged;
