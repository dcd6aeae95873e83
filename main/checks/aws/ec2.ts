// EC2 checks: security groups open to the internet on administrative ports, and EBS encryption (per volume
// and the per-region default). Ingress rules come from the aws_sg_ingress view (0002-aws-views.sql), which
// already turns "all traffic" and port ranges into from/to ports.
import type { CheckDefinition } from '../types';

const INTERNET_CIDRS = `('0.0.0.0/0', '::/0')`;

/** SQL for "no ingress from the internet to TCP <port>"; protocol -1 (all traffic) includes TCP. */
function sgPortOpenSql(port: number): string {
  return `
WITH sgs AS (
  SELECT uid, name, config, json_type(config, '$.IpPermissions') AS perms_type
  FROM resources
  WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::SecurityGroup'
), open_rules AS (
  SELECT sg_uid,
         group_concat('Port ${port} open to ' || cidr || ' via rule ' ||
           CASE WHEN ip_protocol = '-1' THEN 'all traffic (-1)'
                WHEN from_port = to_port THEN ip_protocol || ' ' || from_port
                ELSE ip_protocol || ' ' || from_port || '-' || to_port END, '; ') AS text,
         json_group_array(json_object('IpProtocol', ip_protocol, 'FromPort', from_port, 'ToPort', to_port, 'Cidr', cidr)) AS rules
  FROM aws_sg_ingress
  WHERE snapshot_id = @snapshot_id
    AND cidr IN ${INTERNET_CIDRS}
    AND ip_protocol IN ('tcp', '6', '-1')
    AND from_port <= ${port} AND to_port >= ${port}
  GROUP BY sg_uid
)
SELECT sgs.uid AS resource_uid,
  CASE WHEN sgs.perms_type IS NULL THEN 'error' WHEN open_rules.sg_uid IS NOT NULL THEN 'fail' ELSE 'pass' END AS status,
  CASE
    WHEN sgs.perms_type IS NULL THEN 'Ingress rules of security group ' || sgs.name || ' were not collected'
    WHEN open_rules.sg_uid IS NOT NULL THEN open_rules.text || ' in security group ' || sgs.name
    ELSE 'Security group ' || sgs.name || ' has no rule opening port ${port} to 0.0.0.0/0 or ::/0'
  END AS reason,
  json_object('GroupId', json_extract(sgs.config, '$.GroupId'), 'VpcId', json_extract(sgs.config, '$.VpcId'),
              'Port', ${port}, 'OpenRules', json(coalesce(open_rules.rules, '[]'))) AS evidence
FROM sgs LEFT JOIN open_rules ON open_rules.sg_uid = sgs.uid`;
}

function sgRemediation(port: number, service: string, fixedCidr: string): CheckDefinition['remediation'] {
  return {
    console:
      `VPC console > Security groups > the group > Inbound rules > Edit: delete the rule allowing port ${port} ` +
      `from 0.0.0.0/0 or ::/0 (or narrow it to the administrators' network). Prefer SSM Session Manager or a ` +
      `bastion/VPN for ${service}.`,
    cli:
      `# Repeat with the exact protocol, port range and CIDR shown in the finding:\n` +
      `aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions ` +
      `'IpProtocol=tcp,FromPort=${port},ToPort=${port},IpRanges=[{CidrIp=0.0.0.0/0}]'\n` +
      `aws ec2 authorize-security-group-ingress --group-id <sg-id> --ip-permissions ` +
      `'IpProtocol=tcp,FromPort=${port},ToPort=${port},IpRanges=[{CidrIp=${fixedCidr},Description=admin-network}]'`,
    terraform:
      `resource "aws_vpc_security_group_ingress_rule" "${service.toLowerCase()}_admin" {\n` +
      `  security_group_id = aws_security_group.this.id\n` +
      `  ip_protocol       = "tcp"\n` +
      `  from_port         = ${port}\n` +
      `  to_port           = ${port}\n` +
      `  cidr_ipv4         = "${fixedCidr}" # never 0.0.0.0/0\n` +
      `}`,
  };
}

export const ec2SgSshOpen: CheckDefinition = {
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
  provider: 'aws',
  service: 'ec2',
  title: 'Security group does not allow SSH (TCP 22) from the internet',
  severity: 'high',
  resourceType: 'AWS::EC2::SecurityGroup',
  rationale:
    'SSH exposed to 0.0.0.0/0 or ::/0 is scanned and brute-forced continuously; remote administration must be ' +
    'limited to known networks. Rules for all traffic (-1) and port ranges that include 22 count as open.',
  remediation: sgRemediation(22, 'SSH', '10.0.0.0/16'),
  sql: sgPortOpenSql(22),
};

export const ec2SgRdpOpen: CheckDefinition = {
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389',
  provider: 'aws',
  service: 'ec2',
  title: 'Security group does not allow RDP (TCP 3389) from the internet',
  severity: 'high',
  resourceType: 'AWS::EC2::SecurityGroup',
  rationale:
    'RDP exposed to 0.0.0.0/0 or ::/0 is a leading ransomware entry point; remote administration must be ' +
    'limited to known networks. Rules for all traffic (-1) and port ranges that include 3389 count as open.',
  remediation: sgRemediation(3389, 'RDP', '10.0.0.0/16'),
  sql: sgPortOpenSql(3389),
};

export const ec2EbsVolumeEncrypted: CheckDefinition = {
  id: 'ec2_ebs_volume_encryption',
  provider: 'aws',
  service: 'ec2',
  title: 'EBS volume is encrypted at rest',
  severity: 'high',
  resourceType: 'AWS::EC2::Volume',
  rationale:
    'An unencrypted volume exposes its data, and every snapshot taken from it, to anyone who gains access to the ' +
    'storage or a shared snapshot. EBS encryption with KMS has no performance cost.',
  remediation: {
    console:
      'A volume cannot be encrypted in place. EC2 console > Volumes > the volume > Create snapshot; Snapshots > the ' +
      'snapshot > Copy snapshot with "Encrypt this snapshot"; create a volume from the encrypted copy in the same AZ; ' +
      'stop the instance, detach the old volume, attach the new one on the same device name, start.',
    cli:
      'aws ec2 create-snapshot --volume-id <volume-id> --description pre-encryption\n' +
      'aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <kms-key-arn>\n' +
      'aws ec2 create-volume --snapshot-id <encrypted-snapshot-id> --availability-zone <az> --encrypted --kms-key-id <kms-key-arn>',
    terraform:
      'resource "aws_ebs_volume" "data" {\n' +
      '  availability_zone = "<az>"\n' +
      '  size              = 100\n' +
      '  encrypted         = true\n' +
      '  kms_key_id        = aws_kms_key.ebs.arn\n' +
      '}',
  },
  sql: `
SELECT uid AS resource_uid,
  CASE json_type(config, '$.Encrypted') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.Encrypted')
    WHEN 'true' THEN 'Volume ' || name || ' is encrypted' || coalesce(' with KMS key ' || json_extract(config, '$.KmsKeyId'), '')
    WHEN 'false' THEN 'Volume ' || name || ' (' || coalesce(json_extract(config, '$.Size') || ' GiB, ', '') ||
                      coalesce(json_extract(config, '$.State'), 'state unknown') || ') is not encrypted'
    ELSE 'Encryption status of volume ' || name || ' was not reported'
  END AS reason,
  json_object('Encrypted', json_extract(config, '$.Encrypted'), 'KmsKeyId', json_extract(config, '$.KmsKeyId'),
              'State', json_extract(config, '$.State')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Volume'`,
};

export const ec2EbsDefaultEncryption: CheckDefinition = {
  id: 'ec2_ebs_default_encryption',
  provider: 'aws',
  service: 'ec2',
  title: 'EBS encryption by default is enabled in the region',
  severity: 'medium',
  resourceType: 'AWS::EC2::EbsEncryptionByDefault',
  rationale:
    'With encryption by default on, every new volume and snapshot copy in the region is encrypted even when the ' +
    'person or template creating it forgets to ask; it is the preventive half of the volume encryption control.',
  remediation: {
    console:
      'EC2 console (in each region) > Dashboard > Account attributes > Data protection and security > Manage: ' +
      'tick "Always encrypt new EBS volumes", optionally choose a KMS key, update.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
    terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
  },
  sql: `
SELECT uid AS resource_uid,
  CASE json_type(config, '$.EbsEncryptionByDefault') WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE 'error' END AS status,
  CASE json_type(config, '$.EbsEncryptionByDefault')
    WHEN 'true' THEN 'EBS encryption by default is enabled in ' || region
    WHEN 'false' THEN 'EBS encryption by default is disabled in ' || region || ': new volumes are unencrypted unless requested'
    ELSE 'EBS encryption-by-default setting of ' || region || ' was not collected (GetEbsEncryptionByDefault failed)'
  END AS reason,
  json_object('Region', region, 'EbsEncryptionByDefault', json_extract(config, '$.EbsEncryptionByDefault')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::EbsEncryptionByDefault'`,
};

export const ec2Checks: readonly CheckDefinition[] = [
  ec2SgSshOpen,
  ec2SgRdpOpen,
  ec2EbsVolumeEncrypted,
  ec2EbsDefaultEncryption,
];
