/* ---
id: ec2_ami_public
title: AMI owned by the account is not public
severity: critical
provider: aws
service: ec2
resource_type: AWS::EC2::Image
rationale: >-
  A public AMI can be launched by any AWS account, which then has a copy of its disks: baked-in credentials,
  keys, internal hostnames and application code. Images are shared with specific accounts or an organisation,
  never with everyone, unless publishing an image is the business.
remediation:
  console: >-
    EC2 console > AMIs > the image > Actions > Edit AMI permissions: choose "Private" (add specific accounts or
    the organisation if they need it). Turn on "Block public access for AMIs" in EC2 console > Dashboard > Data
    protection and security for every region.
  cli: |-
    aws ec2 modify-image-attribute --image-id <ami-id> --launch-permission "Remove=[{Group=all}]"
    aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing --region <region>
  terraform: |-
    resource "aws_ec2_image_block_public_access" "this" {
      state = "block-new-sharing"
    }
    # and remove any aws_ami_launch_permission with group = "all"
references:
  - title: "Amazon EC2 User Guide: Make your AMI publicly available (and block public access to AMIs)"
    url: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
  - title: "Amazon EC2 User Guide: Understand block public access for AMIs"
    url: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.8.3]
--- */
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Public') WHEN 'true' THEN 'fail' WHEN 'false' THEN 'pass' ELSE 'error' END AS status,
  CASE json_type(config, '$.Public')
    WHEN 'true' THEN 'AMI ' || name || ' is public: any AWS account may launch it'
    WHEN 'false' THEN 'AMI ' || name || ' is not public'
    ELSE 'Whether AMI ' || name || ' is public was not reported'
  END AS reason,
  json_object('ImageId', json_extract(config, '$.ImageId'), 'Name', json_extract(config, '$.Name'),
              'Public', json_extract(config, '$.Public'), 'State', json_extract(config, '$.State'),
              'CreationDate', json_extract(config, '$.CreationDate')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Image';
