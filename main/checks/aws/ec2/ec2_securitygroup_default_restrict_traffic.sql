/* ---
id: ec2_securitygroup_default_restrict_traffic
title: Default security group of the VPC allows no inbound or outbound traffic
severity: medium
provider: aws
service: ec2
resource_type: AWS::EC2::SecurityGroup
rationale: >-
  Every VPC has a default security group, and any instance or interface launched without naming a group lands
  in it. AWS creates it allowing all traffic between its members and all traffic out; with no rules at all,
  a resource placed there by mistake is isolated instead of quietly reachable, and teams are pushed to use
  purpose-built groups with least-privilege rules. Only groups named "default" are judged.
remediation:
  console: >-
    VPC console > Security groups > filter on group name "default" > for each VPC's default group: Inbound rules
    > Edit > delete every rule; Outbound rules > Edit > delete every rule. First move any resource still using
    the default group to a purpose-built group.
  cli: |-
    # Repeat for the exact rules shown in the finding's evidence:
    aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions 'IpProtocol=-1,UserIdGroupPairs=[{GroupId=<default-sg-id>}]'
    aws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'
  terraform: |-
    # Adopts the VPC's default group and removes all of its rules (no ingress/egress blocks).
    resource "aws_default_security_group" "default" {
      vpc_id = aws_vpc.main.id
    }
references:
  - title: "CIS Amazon Web Services Foundations Benchmark v3.0.0, recommendation 5.4: Ensure the default security group of every VPC restricts all traffic"
    url: https://www.cisecurity.org/benchmark/amazon_web_services
  - title: "AWS Security Hub control EC2.2: VPC default security groups should not allow inbound or outbound traffic"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
  - title: "Amazon VPC User Guide: Default security groups for your VPCs"
    url: https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
frameworks:
  soc2-2017: [CC6.6]
  iso27001-2022: [A.8.20, A.8.22]
--- */
WITH sgs AS (
  SELECT uid, name, config,
         json_type(config, '$.GroupName') AS name_type,
         json_type(config, '$.IpPermissions') AS in_type,
         json_type(config, '$.IpPermissionsEgress') AS out_type,
         CASE json_type(config, '$.IpPermissions') WHEN 'array' THEN json_array_length(config, '$.IpPermissions') END AS in_count,
         CASE json_type(config, '$.IpPermissionsEgress') WHEN 'array' THEN json_array_length(config, '$.IpPermissionsEgress') END AS out_count
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::SecurityGroup'
    -- A group whose name was not reported may be a default group: it stays in the population as an error.
    AND (json_extract(config, '$.GroupName') = 'default' OR json_type(config, '$.GroupName') IS NULL)
)
SELECT uid AS resource_uid,
  CASE
    WHEN name_type IS NULL THEN 'error'
    WHEN in_count > 0 OR out_count > 0 THEN 'fail'
    WHEN in_type = 'array' AND out_type = 'array' THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN name_type IS NULL THEN
      'Name of security group ' || name || ' was not reported, so whether it is a VPC default group is unknown'
    WHEN in_count > 0 OR out_count > 0 THEN
      'Default security group ' || name || ' of ' || coalesce(json_extract(config, '$.VpcId'), 'an unknown VPC') ||
      ' has ' || coalesce(in_count, 'an unknown number of') || ' inbound and ' ||
      coalesce(out_count, 'an unknown number of') || ' outbound rule(s); it should have none'
    WHEN in_type IS NULL OR out_type IS NULL THEN
      'Rules of default security group ' || name || ' were not collected (' ||
      CASE WHEN in_type IS NULL AND out_type IS NULL THEN 'inbound and outbound'
           WHEN in_type IS NULL THEN 'inbound' ELSE 'outbound' END || ')'
    WHEN in_type IS NOT 'array' OR out_type IS NOT 'array' THEN
      'Rules of default security group ' || name || ' were collected in an unexpected form (not a list)'
    ELSE 'Default security group ' || name || ' of ' || coalesce(json_extract(config, '$.VpcId'), 'an unknown VPC') ||
         ' has no inbound and no outbound rules'
  END AS reason,
  json_object('GroupId', json_extract(config, '$.GroupId'), 'GroupName', json_extract(config, '$.GroupName'),
              'VpcId', json_extract(config, '$.VpcId'),
              'IpPermissions', json(CASE WHEN in_type IN ('array', 'object') THEN json_extract(config, '$.IpPermissions') END),
              'IpPermissionsEgress', json(CASE WHEN out_type IN ('array', 'object') THEN json_extract(config, '$.IpPermissionsEgress') END)) AS evidence
FROM sgs;
