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

describe('security groups: all ports and database ports from the internet', () => {
  const allPorts = 'ec2_securitygroup_allow_ingress_from_internet_to_all_ports';
  const db = 'ec2_securitygroup_allow_ingress_from_internet_to_db_ports';
  const rule = (
    protocol: string,
    from: number | undefined,
    to: number | undefined,
    v4: string[],
    v6: string[] = [],
  ) => ({
    IpProtocol: protocol,
    ...(from === undefined ? {} : { FromPort: from, ToPort: to }),
    IpRanges: v4.map((CidrIp) => ({ CidrIp })),
    Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
  });
  it('counts all traffic and full TCP/UDP ranges as all ports, not ICMP or a range short of 65535', () => {
    const get = run([
      sg('sg-all', [rule('-1', undefined, undefined, ['0.0.0.0/0'])]),
      sg('sg-tcp1', [rule('tcp', 1, 65535, ['0.0.0.0/0'])]),
      sg('sg-udp6', [rule('udp', 0, 65535, [], ['::/0'])]),
      sg('sg-icmp', [rule('icmp', -1, -1, ['0.0.0.0/0'])]),
      sg('sg-short', [rule('tcp', 0, 65534, ['0.0.0.0/0'])]),
      sg('sg-private', [rule('-1', undefined, undefined, ['10.0.0.0/8'])]),
    ]);
    expect(get(allPorts, sgUid('sg-all'))).toMatchObject({
      status: 'fail',
      reason: 'Security group sg-all has all ports open to 0.0.0.0/0 via rule all traffic (-1)',
    });
    expect(get(allPorts, sgUid('sg-tcp1')).reason).toBe(
      'Security group sg-tcp1 has all ports open to 0.0.0.0/0 via rule tcp 1-65535',
    );
    expect(get(allPorts, sgUid('sg-udp6')).status).toBe('fail');
    for (const id of ['sg-icmp', 'sg-short', 'sg-private'])
      expect(get(allPorts, sgUid(id)).status).toBe('pass');
  });

  it('names each database port a rule opens, through ranges, all-traffic rules and IPv6', () => {
    const get = run([
      sg('sg-range', [rule('tcp', 3000, 3400, ['0.0.0.0/0'])]),
      sg('sg-redis6', [rule('tcp', 6379, 6379, [], ['::/0'])]),
      sg('sg-all', [rule('-1', undefined, undefined, ['0.0.0.0/0'])]),
      sg('sg-vpn', [rule('tcp', 5432, 5432, ['203.0.113.0/24'])]),
      sg('sg-udp', [rule('udp', 0, 65535, ['0.0.0.0/0'])]),
      sg('sg-web', [rule('tcp', 443, 443, ['0.0.0.0/0'])]),
      sg('sg-unknown'),
    ]);
    expect(get(db, sgUid('sg-range'))).toMatchObject({
      status: 'fail',
      reason: 'MySQL/MariaDB 3306 open to 0.0.0.0/0 via rule tcp 3000-3400 in security group sg-range',
    });
    expect(get(db, sgUid('sg-range')).evidence).toMatchObject({
      OpenRules: [
        { IpProtocol: 'tcp', FromPort: 3000, ToPort: 3400, Cidr: '0.0.0.0/0', DatabasePorts: [3306] },
      ],
    });
    expect(get(db, sgUid('sg-redis6')).reason).toBe(
      'Redis 6379 open to ::/0 via rule tcp 6379 in security group sg-redis6',
    );
    const all = get(db, sgUid('sg-all'));
    expect(all.status).toBe('fail');
    expect(all.reason).toContain('PostgreSQL 5432');
    expect(all.reason).toContain('MongoDB 27017');
    expect(all.reason).toContain('via rule all traffic (-1)');
    for (const id of ['sg-vpn', 'sg-udp', 'sg-web']) expect(get(db, sgUid(id)).status).toBe('pass');
    expect(get(db, sgUid('sg-unknown'))).toMatchObject({
      status: 'error',
      reason: 'Ingress rules of security group sg-unknown were not collected',
    });
  });
});

describe('ec2_securitygroup_default_restrict_traffic', () => {
  const id = 'ec2_securitygroup_default_restrict_traffic';
  const group = (gid: string, config: Record<string, unknown>) =>
    awsResource(
      'AWS::EC2::SecurityGroup',
      sgUid(gid),
      { GroupId: gid, VpcId: 'vpc-1', ...config },
      { name: gid },
    );
  const allOut = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
  it('judges only default groups: rules in either direction fail, none passes, unknowns are errors', () => {
    fx = makeSnapshot({
      resources: [
        group('sg-empty', { GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] }),
        group('sg-aws', {
          GroupName: 'default',
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-aws' }] }],
          IpPermissionsEgress: allOut,
        }),
        group('sg-outonly', { GroupName: 'default', IpPermissions: [], IpPermissionsEgress: allOut }),
        group('sg-app', { GroupName: 'app', IpPermissions: [], IpPermissionsEgress: allOut }),
        group('sg-noname', { IpPermissions: [], IpPermissionsEgress: [] }),
        group('sg-noout', { GroupName: 'default', IpPermissions: [] }),
      ],
      checks: ec2Checks,
    });
    const by = Object.fromEntries(fx.findings(id).map((f) => [f.resourceUid, f]));
    expect(Object.keys(by).sort()).toEqual(
      ['sg-aws', 'sg-empty', 'sg-noname', 'sg-noout', 'sg-outonly'].map(sgUid).sort(),
    );
    expect(by[sgUid('sg-empty')]).toMatchObject({
      status: 'pass',
      reason: 'Default security group sg-empty of vpc-1 has no inbound and no outbound rules',
    });
    expect(by[sgUid('sg-aws')]).toMatchObject({
      status: 'fail',
      reason:
        'Default security group sg-aws of vpc-1 has 1 inbound and 1 outbound rule(s); it should have none',
    });
    expect(by[sgUid('sg-outonly')].status).toBe('fail');
    expect(by[sgUid('sg-noname')]).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/not reported/),
    });
    expect(by[sgUid('sg-noout')]).toMatchObject({
      status: 'error',
      reason: 'Rules of default security group sg-noout were not collected (outbound)',
    });
  });
});

describe('network ACLs: SSH and RDP from the internet, in rule order', () => {
  const ssh = 'ec2_networkacl_allow_ingress_tcp_port_22';
  const rdp = 'ec2_networkacl_allow_ingress_tcp_port_3389';
  const aclUid = (a: string) => `arn:aws:ec2:us-east-1:111122223333:network-acl/${a}`;
  const acl = (a: string, entries?: unknown[]) =>
    awsResource(
      'AWS::EC2::NetworkAcl',
      aclUid(a),
      { NetworkAclId: a, VpcId: 'vpc-1', ...(entries ? { Entries: entries } : {}) },
      { name: a },
    );
  type E = {
    n: number;
    a: 'allow' | 'deny';
    p?: string;
    ports?: [number, number];
    v6?: boolean;
    cidr?: string;
    out?: boolean;
  };
  const e = ({ n, a, p = '6', ports, v6, cidr, out }: E) => ({
    RuleNumber: n,
    RuleAction: a,
    Protocol: p,
    Egress: out ?? false,
    ...(v6 ? { Ipv6CidrBlock: cidr ?? '::/0' } : { CidrBlock: cidr ?? '0.0.0.0/0' }),
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
  });
  const denyAll = [e({ n: 32767, a: 'deny', p: '-1' }), e({ n: 32768, a: 'deny', p: '-1', v6: true })];

  it('lets the lowest-numbered matching entry decide, whatever order the entries are listed in', () => {
    const get = run([
      // The allow (100) is listed after the later deny (200) but is evaluated first.
      acl('acl-allow-first', [
        e({ n: 200, a: 'deny', ports: [22, 22] }),
        ...denyAll,
        e({ n: 100, a: 'allow', ports: [22, 22] }),
      ]),
      // The deny (90) is listed last but wins over the broad allow (100).
      acl('acl-deny-first', [
        e({ n: 100, a: 'allow', p: '-1' }),
        ...denyAll,
        e({ n: 91, a: 'deny', ports: [3389, 3389] }),
        e({ n: 90, a: 'deny', ports: [22, 22] }),
      ]),
    ]);
    expect(get(ssh, aclUid('acl-allow-first'))).toMatchObject({
      status: 'fail',
      reason:
        'Network ACL acl-allow-first allows TCP 22 from the internet: rule 100 allow TCP 22-22 from 0.0.0.0/0 is the first matching inbound entry',
    });
    expect(get(rdp, aclUid('acl-allow-first'))).toMatchObject({
      status: 'pass',
      reason:
        'Network ACL acl-allow-first does not allow TCP 3389 from the internet (first matching inbound entries: rule 32767 deny all traffic from 0.0.0.0/0; rule 32768 deny all traffic from ::/0)',
    });
    expect(get(ssh, aclUid('acl-deny-first')).status).toBe('pass');
    expect(get(ssh, aclUid('acl-deny-first')).reason).toContain('rule 90 deny TCP 22-22 from 0.0.0.0/0');
    expect(get(rdp, aclUid('acl-deny-first')).status).toBe('pass');
    // ::/0 has no deny of its own before the catch-all: the broad allow is IPv4 only, so IPv6 stays denied.
    expect(get(ssh, aclUid('acl-deny-first')).evidence).toMatchObject({
      Port: 22,
      DecidingEntries: expect.arrayContaining([
        expect.objectContaining({ Source: '0.0.0.0/0', RuleNumber: 90, RuleAction: 'deny' }),
        expect.objectContaining({ Source: '::/0', RuleNumber: 32768, RuleAction: 'deny' }),
      ]),
    });
  });

  it('judges IPv4 and IPv6 separately, covers port ranges and all-traffic entries', () => {
    const get = run([
      // IPv4 denied for every TCP port, but IPv6 RDP allowed first.
      acl('acl-v6', [
        e({ n: 50, a: 'allow', v6: true, ports: [3389, 3389] }),
        e({ n: 100, a: 'deny', ports: [0, 65535] }),
        e({ n: 110, a: 'deny', p: '-1', v6: true }),
        ...denyAll,
      ]),
      acl('acl-range', [e({ n: 100, a: 'allow', ports: [1, 3399] }), ...denyAll]),
      acl('acl-default', [
        e({ n: 100, a: 'allow', p: '-1' }),
        e({ n: 101, a: 'allow', p: '-1', v6: true }),
        ...denyAll,
      ]),
    ]);
    expect(get(rdp, aclUid('acl-v6'))).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining(
        'rule 50 allow TCP 3389-3389 from ::/0 is the first matching inbound entry',
      ),
    });
    expect(get(ssh, aclUid('acl-v6')).status).toBe('pass');
    expect(get(ssh, aclUid('acl-range')).status).toBe('fail');
    expect(get(rdp, aclUid('acl-range')).status).toBe('fail');
    const dflt = get(ssh, aclUid('acl-default'));
    expect(dflt.status).toBe('fail');
    expect(dflt.reason).toBe(
      'Network ACL acl-default allows TCP 22 from the internet: rule 100 allow all traffic from 0.0.0.0/0; rule 101 allow all traffic from ::/0 is the first matching inbound entry',
    );
  });

  it('ignores outbound entries, other protocols and narrower sources', () => {
    const get = run([
      acl('acl-other', [
        e({ n: 10, a: 'allow', p: '-1', out: true }),
        e({ n: 20, a: 'allow', p: '17', ports: [0, 65535] }),
        e({ n: 30, a: 'allow', ports: [22, 22], cidr: '203.0.113.0/24' }),
        e({ n: 40, a: 'allow', p: '1' }),
        ...denyAll,
      ]),
    ]);
    expect(get(ssh, aclUid('acl-other')).status).toBe('pass');
    expect(get(rdp, aclUid('acl-other')).status).toBe('pass');
  });

  it('is an error when the entries were not collected or an entry cannot be placed in the order', () => {
    const get = run([
      acl('acl-missing'),
      acl('acl-odd', [
        { RuleNumber: 10, RuleAction: 'deny', Protocol: '6', CidrBlock: '0.0.0.0/0' },
        ...denyAll,
      ]),
    ]);
    expect(get(ssh, aclUid('acl-missing'))).toMatchObject({
      status: 'error',
      reason: 'Entries of network ACL acl-missing were not collected',
    });
    expect(get(rdp, aclUid('acl-odd'))).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/unexpected form/),
    });
  });
});

describe('vpc_flow_logs_enabled', () => {
  const id = 'vpc_flow_logs_enabled';
  const vpcUid = (v: string) => `arn:aws:ec2:eu-west-1:111122223333:vpc/${v}`;
  const vpc = (v: string, flowLogs?: unknown[]) =>
    awsResource(
      'AWS::EC2::VPC',
      vpcUid(v),
      { VpcId: v, ...(flowLogs ? { FlowLogs: flowLogs } : {}) },
      { name: v, region: 'eu-west-1' },
    );
  it('passes an active delivering flow log, fails none or only failing ones, errors when not collected', () => {
    fx = makeSnapshot({
      resources: [
        vpc('vpc-good', [
          {
            FlowLogId: 'fl-1',
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'SUCCESS',
            TrafficType: 'REJECT',
            LogDestinationType: 's3',
          },
        ]),
        vpc('vpc-none', []),
        vpc('vpc-broken', [
          {
            FlowLogId: 'fl-2',
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'FAILED',
            DeliverLogsErrorMessage: 'Access error',
          },
        ]),
        vpc('vpc-unknown'),
      ],
      checks: checksOf('vpc'),
    });
    const get = (v: string) => fx!.findings(id).find((f) => f.resourceUid === vpcUid(v))!;
    expect(get('vpc-good')).toMatchObject({
      status: 'pass',
      reason: 'VPC vpc-good has active flow log(s): fl-1 (REJECT traffic to s3)',
    });
    expect(get('vpc-none')).toMatchObject({
      status: 'fail',
      reason: 'VPC vpc-none in eu-west-1 has no flow log',
    });
    expect(get('vpc-broken')).toMatchObject({
      status: 'fail',
      reason: 'VPC vpc-broken has no working flow log: fl-2 (status ACTIVE, delivery FAILED: Access error)',
    });
    expect(get('vpc-unknown')).toMatchObject({
      status: 'error',
      reason: 'Flow logs of VPC vpc-unknown in eu-west-1 were not collected (DescribeFlowLogs failed)',
    });
  });
});

describe('instances: IMDSv2 and public IPv4 addresses', () => {
  const imds = 'ec2_instance_imdsv2_enabled';
  const pub = 'ec2_instance_public_ip';
  const iUid = (i: string) => `arn:aws:ec2:us-east-1:111122223333:instance/${i}`;
  const inst = (i: string, config: Record<string, unknown>) =>
    awsResource('AWS::EC2::Instance', iUid(i), { InstanceId: i, ...config }, { name: i });
  it('passes required tokens or a disabled endpoint, fails optional tokens, skips terminated instances', () => {
    const get = run([
      inst('i-v2', {
        State: { Name: 'running' },
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        PublicIpAddress: null,
      }),
      inst('i-off', {
        State: { Name: 'running' },
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' },
        PublicIpAddress: null,
      }),
      inst('i-v1', {
        State: { Name: 'stopped' },
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
        PublicIpAddress: '198.51.100.9',
        PublicDnsName: 'ec2-198-51-100-9.compute-1.amazonaws.com',
      }),
      inst('i-gone', { State: { Name: 'terminated' }, MetadataOptions: { HttpTokens: 'optional' } }),
      inst('i-unknown', { State: { Name: 'running' } }),
    ]);
    expect(get(imds, iUid('i-v2')).status).toBe('pass');
    expect(get(imds, iUid('i-off'))).toMatchObject({
      status: 'pass',
      reason: 'Instance i-off has the instance metadata service disabled',
    });
    expect(get(imds, iUid('i-v1'))).toMatchObject({
      status: 'fail',
      reason: 'Instance i-v1 (stopped) still answers IMDSv1 requests (HttpTokens optional)',
    });
    expect(get(imds, iUid('i-gone'))).toMatchObject({
      status: 'n/a',
      reason: 'Instance i-gone is terminated',
    });
    expect(get(imds, iUid('i-unknown'))).toMatchObject({
      status: 'error',
      reason: 'Metadata options of instance i-unknown were not reported',
    });

    expect(get(pub, iUid('i-v2'))).toMatchObject({
      status: 'pass',
      reason: 'Instance i-v2 has no public IPv4 address',
    });
    expect(get(pub, iUid('i-v1'))).toMatchObject({
      status: 'fail',
      reason:
        'Instance i-v1 (stopped) has public IPv4 address 198.51.100.9 (ec2-198-51-100-9.compute-1.amazonaws.com)',
    });
    expect(get(pub, iUid('i-gone')).status).toBe('n/a');
    expect(get(pub, iUid('i-unknown'))).toMatchObject({
      status: 'error',
      reason: 'Public IPv4 address of instance i-unknown was not reported',
    });
  });
});

describe('snapshots and AMIs', () => {
  const snapUid = (s: string) => `arn:aws:ec2:us-east-1::snapshot/${s}`;
  const snap = (s: string, config: Record<string, unknown>) =>
    awsResource('AWS::EC2::Snapshot', snapUid(s), { SnapshotId: s, ...config }, { name: s });
  it('fails public snapshots, passes private and account-shared ones, errors when permissions are unknown', () => {
    const id = 'ec2_ebs_public_snapshot';
    const get = run([
      snap('snap-public', { CreateVolumePermissions: [{ UserId: '444455556666' }, { Group: 'all' }] }),
      snap('snap-shared', { CreateVolumePermissions: [{ UserId: '444455556666' }] }),
      snap('snap-private', { CreateVolumePermissions: [] }),
      snap('snap-unknown', {}),
      snap('snap-odd', { CreateVolumePermissions: [{}] }),
    ]);
    expect(get(id, snapUid('snap-public'))).toMatchObject({
      status: 'fail',
      reason:
        'Snapshot snap-public is public: any AWS account may create volumes from it (createVolumePermission group all)',
    });
    expect(get(id, snapUid('snap-shared'))).toMatchObject({
      status: 'pass',
      reason: 'Snapshot snap-shared is not public; it is shared with account(s) 444455556666',
    });
    expect(get(id, snapUid('snap-private'))).toMatchObject({
      status: 'pass',
      reason: 'Snapshot snap-private is private',
    });
    expect(get(id, snapUid('snap-unknown'))).toMatchObject({
      status: 'error',
      reason: expect.stringContaining('DescribeSnapshotAttribute failed'),
    });
    expect(get(id, snapUid('snap-odd')).status).toBe('error');
  });

  it('judges snapshot encryption and AMI visibility from the collected flags', () => {
    const imgUid = 'arn:aws:ec2:us-east-1::image/ami-1';
    const get = run([
      snap('snap-plain', { Encrypted: false, VolumeId: 'vol-1', VolumeSize: 30 }),
      snap('snap-kms', { Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1' }),
      awsResource(
        'AWS::EC2::Image',
        imgUid,
        { ImageId: 'ami-1', Name: 'golden', Public: true },
        { name: 'golden (ami-1)' },
      ),
    ]);
    expect(get('ec2_ebs_snapshots_encrypted', snapUid('snap-plain'))).toMatchObject({
      status: 'fail',
      reason: 'Snapshot snap-plain (of volume vol-1, 30 GiB) is not encrypted',
    });
    expect(get('ec2_ebs_snapshots_encrypted', snapUid('snap-kms')).reason).toBe(
      'Snapshot snap-kms is encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key/k1',
    );
    expect(get('ec2_ami_public', imgUid)).toMatchObject({
      status: 'fail',
      reason: 'AMI golden (ami-1) is public: any AWS account may launch it',
    });
  });
});
