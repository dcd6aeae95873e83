import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedResource } from '../../main/collect/types';
import { checksOf, awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const ec2Checks = checksOf('ec2');

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function run(resources: CollectedResource[]) {
  fx = makeSnapshot({ resources, checks: ec2Checks });
  return (checkId: string, uid: string) => {
    const f = fx!.findings(checkId).find((x) => x.resourceUid === uid);
    if (!f) throw new Error(`no ${checkId} finding for ${uid}`);
    return f;
  };
}

const sgUid = (id: string) => `arn:aws:ec2:us-east-1:111122223333:security-group/${id}`;
const sg = (id: string, perms?: unknown[]) =>
  awsResource(
    'AWS::EC2::SecurityGroup',
    sgUid(id),
    perms ? { GroupId: id, VpcId: 'vpc-1', IpPermissions: perms } : { GroupId: id },
    { name: id },
  );
const tcp = (from: number, to: number, cidrs: string[], v6: string[] = []) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: cidrs.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
});

describe('security groups open to the internet on admin ports', () => {
  const ssh = 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22';
  const rdp = 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389';
  it('fails exact ports, ranges that include the port, all-traffic rules and IPv6; passes restricted rules', () => {
    const get = run([
      sg('sg-exact', [tcp(22, 22, ['0.0.0.0/0'])]),
      sg('sg-range', [tcp(0, 65535, ['0.0.0.0/0'])]),
      sg('sg-all', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }]),
      sg('sg-v6', [tcp(3389, 3389, [], ['::/0'])]),
      sg('sg-private', [
        tcp(22, 22, ['10.0.0.0/8']),
        tcp(443, 443, ['0.0.0.0/0']),
        { IpProtocol: 'udp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ]),
      sg('sg-sgref', [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          UserIdGroupPairs: [{ GroupId: 'sg-x' }],
          IpRanges: [],
        },
      ]),
      sg('sg-unknown'),
    ]);
    expect(get(ssh, sgUid('sg-exact'))).toMatchObject({
      status: 'fail',
      reason: 'Port 22 open to 0.0.0.0/0 via rule tcp 22 in security group sg-exact',
    });
    expect(get(rdp, sgUid('sg-exact'))).toMatchObject({
      status: 'pass',
      reason: 'Security group sg-exact has no rule opening port 3389 to 0.0.0.0/0 or ::/0',
    });

    const range = get(ssh, sgUid('sg-range'));
    expect(range).toMatchObject({
      status: 'fail',
      reason: 'Port 22 open to 0.0.0.0/0 via rule tcp 0-65535 in security group sg-range',
    });
    expect(range.evidence).toMatchObject({
      Port: 22,
      OpenRules: [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, Cidr: '0.0.0.0/0' }],
    });
    expect(get(rdp, sgUid('sg-range')).status).toBe('fail');

    expect(get(ssh, sgUid('sg-all'))).toMatchObject({
      status: 'fail',
      reason: 'Port 22 open to 0.0.0.0/0 via rule all traffic (-1) in security group sg-all',
    });
    expect(get(rdp, sgUid('sg-all')).status).toBe('fail');

    expect(get(rdp, sgUid('sg-v6'))).toMatchObject({
      status: 'fail',
      reason: 'Port 3389 open to ::/0 via rule tcp 3389 in security group sg-v6',
    });
    expect(get(ssh, sgUid('sg-v6')).status).toBe('pass');

    expect(get(ssh, sgUid('sg-private')).status).toBe('pass');
    expect(get(rdp, sgUid('sg-private')).status).toBe('pass');
    expect(get(ssh, sgUid('sg-sgref')).status).toBe('pass');

    expect(get(ssh, sgUid('sg-unknown'))).toMatchObject({
      status: 'error',
      reason: 'Ingress rules of security group sg-unknown were not collected',
    });
    expect(get(rdp, sgUid('sg-unknown')).status).toBe('error');
  });

  it('lists every offending rule', () => {
    const get = run([sg('sg-two', [tcp(20, 25, ['0.0.0.0/0']), tcp(22, 22, ['1.2.3.4/32'], ['::/0'])])]);
    expect(get(ssh, sgUid('sg-two')).reason).toBe(
      'Port 22 open to 0.0.0.0/0 via rule tcp 20-25; Port 22 open to ::/0 via rule tcp 22 in security group sg-two',
    );
  });
});

describe('ec2_ebs_volume_encryption', () => {
  const id = 'ec2_ebs_volume_encryption';
  const volUid = (v: string) => `arn:aws:ec2:us-east-1:111122223333:volume/${v}`;
  const vol = (v: string, config: Record<string, unknown>) =>
    awsResource('AWS::EC2::Volume', volUid(v), { VolumeId: v, ...config }, { name: v });
  it('passes encrypted, fails unencrypted, errors when not reported', () => {
    const get = run([
      vol('vol-enc', {
        Encrypted: true,
        KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
        Size: 8,
        State: 'in-use',
      }),
      vol('vol-plain', { Encrypted: false, Size: 100, State: 'available' }),
      vol('vol-unknown', { Size: 1 }),
    ]);
    expect(get(id, volUid('vol-enc'))).toMatchObject({
      status: 'pass',
      reason: 'Volume vol-enc is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key/k1',
    });
    expect(get(id, volUid('vol-plain'))).toMatchObject({
      status: 'fail',
      reason: 'Volume vol-plain (100 GiB, available) is not encrypted',
    });
    expect(get(id, volUid('vol-unknown')).status).toBe('error');
  });
});

describe('ec2_ebs_default_encryption', () => {
  const id = 'ec2_ebs_default_encryption';
  const uid = (r: string) => `arn:aws:ec2:${r}:111122223333:ebs-encryption-by-default`;
  const setting = (region: string, config: Record<string, unknown>) =>
    awsResource(
      'AWS::EC2::EbsEncryptionByDefault',
      uid(region),
      { Region: region, ...config },
      { region, name: region },
    );
  it('judges each region separately and errors when the setting was not collected', () => {
    const get = run([
      setting('us-east-1', { EbsEncryptionByDefault: true }),
      setting('eu-west-1', { EbsEncryptionByDefault: false }),
      setting('ap-south-1', {}),
    ]);
    expect(get(id, uid('us-east-1'))).toMatchObject({
      status: 'pass',
      reason: 'EBS encryption by default is enabled in us-east-1',
    });
    expect(get(id, uid('eu-west-1'))).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('disabled in eu-west-1'),
    });
    expect(get(id, uid('ap-south-1'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('GetEbsEncryptionByDefault failed'),
    });
  });
});
