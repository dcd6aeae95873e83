/* ---
id: ec2_instance_public_ip
title: EC2 instance has no public IPv4 address
severity: medium
provider: aws
service: ec2
resource_type: AWS::EC2::Instance
rationale: >-
  An instance with a public IPv4 address is directly addressable from the internet; only its security groups
  and network ACL stand between it and every scanner. Workloads belong in private subnets behind a load
  balancer, NAT gateway or VPN, so that what is exposed is chosen rather than accidental. Terminated instances
  are not applicable.
remediation:
  console: >-
    An instance's auto-assigned public address cannot be removed in place. Launch a replacement in a private
    subnet (subnet setting "Auto-assign public IPv4 address" off, or the launch template's network interface
    with AssociatePublicIpAddress false) and publish the service through a load balancer; release any Elastic
    IP associated with the old instance (EC2 console > Elastic IPs > Disassociate).
  cli: |-
    aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch
    aws ec2 disassociate-address --association-id <eip-association-id>
  terraform: |-
    resource "aws_instance" "this" {
      # ...
      subnet_id                   = aws_subnet.private.id
      associate_public_ip_address = false
    }
references:
  - title: "AWS Security Hub control EC2.9: Amazon EC2 instances should not have a public IPv4 address"
    url: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9
  - title: "Amazon EC2 User Guide: Amazon EC2 instance IP addressing (public IPv4 addresses)"
    url: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
frameworks:
  soc2-2017: [CC6.6]
  iso27001-2022: [A.8.20]
--- */
SELECT uid AS resource_uid,
  CASE
    WHEN json_extract(config, '$.State.Name') IN ('terminated', 'shutting-down') THEN 'n/a'
    WHEN json_type(config, '$.PublicIpAddress') = 'text' THEN 'fail'
    WHEN json_type(config, '$.PublicIpAddress') = 'null' THEN 'pass'
    ELSE 'error'
  END AS status,
  CASE
    WHEN json_extract(config, '$.State.Name') IN ('terminated', 'shutting-down') THEN
      'Instance ' || name || ' is ' || json_extract(config, '$.State.Name')
    WHEN json_type(config, '$.PublicIpAddress') = 'text' THEN
      'Instance ' || name || ' (' || coalesce(json_extract(config, '$.State.Name'), 'state unknown') ||
      ') has public IPv4 address ' || json_extract(config, '$.PublicIpAddress') ||
      coalesce(' (' || nullif(json_extract(config, '$.PublicDnsName'), '') || ')', '')
    WHEN json_type(config, '$.PublicIpAddress') = 'null' THEN 'Instance ' || name || ' has no public IPv4 address'
    WHEN json_type(config, '$.PublicIpAddress') IS NULL THEN 'Public IPv4 address of instance ' || name || ' was not reported'
    ELSE 'Public IPv4 address of instance ' || name || ' was reported in an unexpected form'
  END AS reason,
  json_object('InstanceId', json_extract(config, '$.InstanceId'), 'State', json_extract(config, '$.State.Name'),
              'PublicIpAddress', json_extract(config, '$.PublicIpAddress'),
              'PublicDnsName', json_extract(config, '$.PublicDnsName'),
              'SubnetId', json_extract(config, '$.SubnetId'), 'VpcId', json_extract(config, '$.VpcId')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Instance';
