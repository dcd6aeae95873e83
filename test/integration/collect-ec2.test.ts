// The ec2 group through the REAL EC2 client against the replay server: VPCs with their flow logs, network
// ACLs, instances, snapshots (with createVolumePermission) and AMIs; pagination; a denied DescribeFlowLogs
// in one region; and the checks' verdicts over the collected demo account, as the estate's comments predict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EC2_TYPES } from '../../main/collect/aws/ec2-shapes';
import { EC2_ESTATE } from '../../main/demo/estate/data/ec2';
import { northwindDev } from '../../main/demo/estate/northwind-dev';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { checksOf, makeSnapshot } from '../helpers/snapshot-fixture';

const estate = EC2_ESTATE['111122223333'];
const checks = [...checksOf('ec2'), ...checksOf('vpc')];

/** check id -> resource name (the Name tag or id, before " (") -> status. */
function verdicts(h: Harness) {
  const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks });
  try {
    const names = new Map(h.buffer.resources.map((r) => [r.uid, r.name.split(' (')[0]]));
    const out: Record<string, Record<string, string>> = {};
    for (const f of fx.findings())
      (out[f.checkId] ??= {})[names.get(f.resourceUid) ?? f.resourceUid] = f.status;
    return { out, findings: fx.findings() };
  } finally {
    fx.close();
  }
}

describe('ec2 group over the demo account', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.collect();
  });
  afterAll(() => h.close());

  const calls = (operation: string, region?: string) =>
    h.server.requests.filter((r) => r.operation === operation && (!region || r.region === region)).length;

  it('collects every VPC, network ACL, instance, own snapshot and own AMI, across pages', () => {
    expect(byType(h.buffer, EC2_TYPES.vpc)).toHaveLength(estate.vpcs.length);
    expect(byType(h.buffer, EC2_TYPES.networkAcl)).toHaveLength(estate.networkAcls.length);
    expect(byType(h.buffer, EC2_TYPES.instance)).toHaveLength(estate.instances.length);
    expect(byType(h.buffer, EC2_TYPES.snapshot)).toHaveLength(estate.snapshots.length);
    expect(byType(h.buffer, EC2_TYPES.image)).toHaveLength(estate.images.length);
    // The replay pages are small: these regions need more than one page each.
    expect(calls('DescribeInstances', 'us-east-1')).toBe(2); // 4 reservations, 2 a page
    expect(calls('DescribeSnapshots', 'us-east-1')).toBe(2); // 3 snapshots, 2 a page
    expect(calls('DescribeNetworkAcls', 'eu-west-1')).toBe(2); // 3 ACLs, 2 a page
    expect(calls('DescribeFlowLogs', 'eu-west-1')).toBe(2); // 2 flow logs, 1 a page
    expect(calls('DescribeVpcs', 'eu-west-1')).toBe(2);
    expect(calls('DescribeSnapshotAttribute')).toBe(estate.snapshots.length);
    // Only the account's own snapshots and images are asked for.
    for (const op of ['DescribeSnapshots', 'DescribeImages']) {
      const raws = h.buffer.raws.filter((r) => r.operation === op);
      expect(raws.length).toBeGreaterThan(0);
      for (const r of raws) expect(JSON.stringify(r.params)).toMatch(/"Owner(Id)?s":\["self"\]/);
    }
  });

  it('keeps the SDK configs with flow logs, entries, metadata options and permissions attached', () => {
    const prod = resourceNamed(h.buffer, EC2_TYPES.vpc, 'nwh-prod');
    expect(prod.uid).toBe('arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0a11b22c33d44e551');
    expect(prod.config).toMatchObject({
      CidrBlock: '10.10.0.0/16',
      IsDefault: false,
      FlowLogs: [
        {
          FlowLogId: 'fl-0a1b2c3d4e5f60001',
          FlowLogStatus: 'ACTIVE',
          DeliverLogsStatus: 'SUCCESS',
          TrafficType: 'ALL',
        },
      ],
    });
    expect(resourceNamed(h.buffer, EC2_TYPES.vpc, 'nwh-analytics').config.FlowLogs).toEqual([]);

    const dmz = resourceNamed(h.buffer, EC2_TYPES.networkAcl, 'legacy-dmz').config as { Entries: unknown[] };
    expect(dmz.Entries).toContainEqual({
      RuleNumber: 50,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      Ipv6CidrBlock: '::/0',
      PortRange: { From: 3389, To: 3389 },
    });
    expect(dmz.Entries).toContainEqual(
      expect.objectContaining({
        RuleNumber: 32768,
        RuleAction: 'deny',
        Egress: false,
        Ipv6CidrBlock: '::/0',
      }),
    );

    const bastion = resourceNamed(h.buffer, EC2_TYPES.instance, 'bastion');
    expect(bastion.uid).toBe('arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60003');
    expect(bastion.config).toMatchObject({
      State: { Name: 'running', Code: 16 },
      PublicIpAddress: '198.51.100.23',
      MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      SecurityGroups: [{ GroupId: 'sg-0e1a2b3c4d5e60003', GroupName: 'bastion-ssh' }],
      OwnerId: '111122223333',
    });
    expect(resourceNamed(h.buffer, EC2_TYPES.instance, 'api-1').config.PublicIpAddress).toBeNull();

    const snaps = Object.fromEntries(byType(h.buffer, EC2_TYPES.snapshot).map((s) => [s.name, s]));
    expect(snaps['snap-0c1d2e3f4a5b60001'].config).toMatchObject({
      Encrypted: false,
      CreateVolumePermissions: [{ Group: 'all' }],
    });
    expect(snaps['db-weekly (snap-0a1b2c3d4e5f60003)'].config.CreateVolumePermissions).toEqual([
      { UserId: '444455556666' },
    ]);
    expect(snaps['db-weekly (snap-0a1b2c3d4e5f60003)'].uid).toBe(
      'arn:aws:ec2:us-east-1::snapshot/snap-0a1b2c3d4e5f60003',
    );
    expect(resourceNamed(h.buffer, EC2_TYPES.image, 'nwh-legacy-ftp-base').config).toMatchObject({
      Public: true,
      OwnerId: '111122223333',
    });
    expect(h.buffer.gaps.filter((g) => g.service === 'ec2')).toEqual([]);
  });

  it('gives the verdicts the estate comments predict, and every check passes and fails in this account', () => {
    const { out, findings } = verdicts(h);
    expect(out.vpc_flow_logs_enabled).toEqual({
      'nwh-prod': 'pass',
      'nwh-analytics': 'fail',
      'nwh-eu': 'pass',
      'vpc-0d44e55f66a77b884': 'fail',
    });
    expect(out.ec2_networkacl_allow_ingress_tcp_port_22).toEqual({
      'nwh-public-edge': 'pass',
      'acl-0a1b2c3d4e5f60002': 'pass',
      'analytics-default': 'fail',
      'legacy-dmz': 'pass',
      'acl-0c1d2e3f4a5b60002': 'fail',
      'acl-0c1d2e3f4a5b60003': 'pass',
    });
    expect(out.ec2_networkacl_allow_ingress_tcp_port_3389).toMatchObject({
      'analytics-default': 'pass',
      'legacy-dmz': 'fail',
      'acl-0c1d2e3f4a5b60002': 'fail',
      'nwh-public-edge': 'pass',
    });
    expect(out.ec2_instance_imdsv2_enabled).toMatchObject({
      bastion: 'fail',
      'emr-master': 'fail',
      'legacy-ftp': 'fail',
      'api-1': 'pass',
      'eu-api-2': 'pass',
      'ml-train-1': 'pass',
      'batch-once': 'n/a',
    });
    expect(
      Object.entries(out.ec2_instance_public_ip)
        .filter(([, s]) => s === 'fail')
        .map(([n]) => n)
        .sort(),
    ).toEqual(['bastion', 'jump-win', 'legacy-ftp']);
    expect(out.ec2_ebs_public_snapshot).toMatchObject({
      'snap-0c1d2e3f4a5b60001': 'fail',
      'db-weekly': 'pass',
    });
    expect(out.ec2_ebs_snapshots_encrypted).toMatchObject({
      'snap-0a1b2c3d4e5f60002': 'fail',
      'snap-0c1d2e3f4a5b60001': 'fail',
      'api-1-nightly': 'pass',
    });
    expect(out.ec2_ami_public).toEqual({
      'nwh-api-golden-2025-05': 'pass',
      'nwh-emr-base': 'pass',
      'nwh-legacy-ftp-base': 'fail',
    });
    expect(out.ec2_securitygroup_default_restrict_traffic).toEqual({ default: expect.any(String) });
    expect(out.ec2_securitygroup_allow_ingress_from_internet_to_db_ports).toMatchObject({
      'reporting-mysql': 'fail',
      'analytics-emr': 'fail',
      'db-postgres': 'pass',
    });
    expect(out.ec2_securitygroup_allow_ingress_from_internet_to_all_ports).toMatchObject({
      'analytics-emr': 'fail',
      'legacy-ftp': 'pass',
    });
    for (const c of checks) {
      const statuses = new Set(findings.filter((f) => f.checkId === c.id).map((f) => f.status));
      expect([c.id, statuses.has('pass'), statuses.has('fail')]).toEqual([c.id, true, true]);
    }
  });

  it('judges the three default security groups apart', () => {
    const { findings } = verdicts(h);
    const dflt = findings.filter((f) => f.checkId === 'ec2_securitygroup_default_restrict_traffic');
    expect(dflt.map((f) => [f.resourceUid.split('/')[1], f.status]).sort()).toEqual([
      ['sg-0a3c4d5e6f7a80001', 'pass'],
      ['sg-0e1a2b3c4d5e60001', 'fail'],
      ['sg-0f2b3c4d5e6f70001', 'fail'],
    ]);
  });
});

describe('DescribeFlowLogs denied in one region', () => {
  it('records a gap naming region and operation; the VPCs of that region answer error, the others are judged', async () => {
    const h = await startHarness({
      faults: [{ service: 'ec2', operation: 'DescribeFlowLogs', region: 'eu-west-1', kind: 'access-denied' }],
    });
    try {
      await h.collect();
      const gaps = h.buffer.gaps.filter((g) => g.operation === 'DescribeFlowLogs');
      expect(gaps).toEqual([
        expect.objectContaining({ service: 'ec2', region: 'eu-west-1', code: 'UnauthorizedOperation' }),
      ]);
      expect(gaps[0].message).toMatch(/ec2:DescribeFlowLogs/);
      // The VPCs are still collected, without a FlowLogs key (not collected, not "none").
      const eu = byType(h.buffer, EC2_TYPES.vpc).filter((v) => v.region === 'eu-west-1');
      expect(eu).toHaveLength(2);
      for (const v of eu) expect('FlowLogs' in v.config).toBe(false);

      const { findings } = verdicts(h);
      const flow = findings.filter((f) => f.checkId === 'vpc_flow_logs_enabled');
      const byRegion = (region: string) =>
        flow.filter((f) => f.resourceUid.startsWith(`arn:aws:ec2:${region}:`)).map((f) => f.status);
      expect(byRegion('eu-west-1')).toEqual(['error', 'error']);
      for (const f of flow.filter((x) => x.status === 'error')) {
        expect(f.reason).toMatch(/in eu-west-1 were not collected \(DescribeFlowLogs failed\)/);
      }
      expect(byRegion('us-east-1')).toEqual(['pass']);
      expect(byRegion('us-west-2')).toEqual(['fail']);
    } finally {
      await h.close();
    }
  });
});

describe('ec2 group over the member account', () => {
  it('collects its smaller, mostly well-configured estate without gaps', async () => {
    const h = await startHarness({
      estate: northwindDev,
      target: { credentials: { accessKeyId: northwindDev.accessKeyId, secretAccessKey: 'test-secret' } },
    });
    try {
      await h.collect();
      const member = EC2_ESTATE['444455556666'];
      expect(byType(h.buffer, EC2_TYPES.vpc)).toHaveLength(member.vpcs.length);
      expect(byType(h.buffer, EC2_TYPES.instance)).toHaveLength(member.instances.length);
      expect(h.buffer.gaps.filter((g) => g.service === 'ec2')).toEqual([]);
      const { out } = verdicts(h);
      expect(out.vpc_flow_logs_enabled).toEqual({ 'nwh-dev': 'pass' });
      expect(out.ec2_instance_imdsv2_enabled).toEqual({ 'dev-api': 'pass', 'dev-scratch': 'fail' });
      expect(Object.values(out.ec2_ebs_public_snapshot)).toEqual(['pass']);
      expect(Object.values(out.ec2_ami_public)).toEqual(['pass']);
    } finally {
      await h.close();
    }
  });
});
