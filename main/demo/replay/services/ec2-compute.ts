// EC2 compute and image responses (ec2 query protocol): DescribeInstances, DescribeSnapshots,
// DescribeSnapshotAttribute, DescribeImages, rendered from Estate.ec2Extras.
import type { Estate } from '../../estate/types';
import type { EstateInstance } from '../../estate/sections/ec2';
import { ec2Error, ec2Ok, isoDaysAgo, type ReplayResponse } from '../wire';
import { items, tagSet } from './ec2-xml';
import { pageOf, type ReplayRequest } from './types';

// Small on purpose: the demo's regions span several pages, which exercises NextToken pagination.
const RESERVATION_PAGE = 2;
const SNAPSHOT_PAGE = 2;
const IMAGE_PAGE = 2;

const STATE_CODES: Record<EstateInstance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function instance(estate: Estate, req: ReplayRequest, i: EstateInstance) {
  const live = i.state !== 'terminated';
  const groups = i.securityGroupIds.map((groupId) => ({
    groupId,
    groupName: estate.securityGroups.find((g) => g.id === groupId)?.name ?? groupId,
  }));
  const dns = (ip: string) => `ip-${ip.replace(/\./g, '-')}.${req.region}.compute.internal`;
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    privateDnsName: live ? dns(i.privateIp) : '',
    dnsName:
      i.publicIp && i.state === 'running'
        ? `ec2-${i.publicIp.replace(/\./g, '-')}.compute-1.amazonaws.com`
        : '',
    reason: i.state === 'stopped' ? 'User initiated' : '',
    amiLaunchIndex: 0,
    productCodes: items([]),
    instanceType: i.type,
    launchTime: isoDaysAgo(req.now, i.launchedDaysAgo),
    placement: { availabilityZone: `${i.region}a`, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    ...(live ? { subnetId: i.subnetId, vpcId: i.vpcId, privateIpAddress: i.privateIp } : {}),
    // AWS only reports a public address while the instance holds one (running, or an Elastic IP).
    ...(i.publicIp && i.state === 'running' ? { ipAddress: i.publicIp } : {}),
    sourceDestCheck: true,
    groupSet: items(groups),
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: items([]),
    virtualizationType: 'hvm',
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    ebsOptimized: true,
    enaSupport: true,
    metadataOptions: {
      state: 'applied',
      httpTokens: i.httpTokens,
      httpPutResponseHopLimit: 2,
      httpEndpoint: i.httpEndpoint,
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
  };
}

export function describeInstances(estate: Estate, req: ReplayRequest): ReplayResponse {
  const inRegion = (estate.ec2Extras?.instances ?? []).filter((i) => i.region === req.region);
  const reservations = [...new Set(inRegion.map((i) => i.reservation))];
  const { page, next } = pageOf(reservations, req.params.NextToken, RESERVATION_PAGE);
  return ec2Ok('DescribeInstances', {
    reservationSet: items(
      page.map((reservationId) => ({
        reservationId,
        ownerId: estate.accountId,
        groupSet: items([]),
        instancesSet: items(
          inRegion.filter((i) => i.reservation === reservationId).map((i) => instance(estate, req, i)),
        ),
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}

/** Owner.N=self (or the account id) asks for the account's own; the estate has no one else's. */
function ownsOnly(estate: Estate, req: ReplayRequest): boolean {
  const owners = Object.entries(req.params)
    .filter(([k]) => /^Owner\.\d+$/.test(k))
    .map(([, v]) => String(v));
  return owners.length === 0 || owners.some((o) => o === 'self' || o === estate.accountId);
}

export function describeSnapshots(estate: Estate, req: ReplayRequest): ReplayResponse {
  const snaps = ownsOnly(estate, req)
    ? (estate.ec2Extras?.snapshots ?? []).filter((s) => s.region === req.region)
    : [];
  const { page, next } = pageOf(snaps, req.params.NextToken, SNAPSHOT_PAGE);
  return ec2Ok('DescribeSnapshots', {
    snapshotSet: items(
      page.map((s) => ({
        snapshotId: s.id,
        volumeId: s.volumeId,
        status: 'completed',
        startTime: isoDaysAgo(req.now, s.startedDaysAgo),
        progress: '100%',
        ownerId: estate.accountId,
        volumeSize: s.sizeGiB,
        description: s.description ?? '',
        encrypted: s.encrypted,
        ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}),
        tagSet: tagSet(s.tags),
        storageTier: 'standard',
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}

export function describeSnapshotAttribute(estate: Estate, req: ReplayRequest): ReplayResponse {
  const id = String(req.params.SnapshotId ?? '');
  const snap = (estate.ec2Extras?.snapshots ?? []).find((s) => s.id === id && s.region === req.region);
  if (!snap) return ec2Error(400, 'InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  if (req.params.Attribute !== 'createVolumePermission') {
    return ec2Error(
      400,
      'InvalidParameterValue',
      `Value (${String(req.params.Attribute)}) for parameter attribute is invalid.`,
    );
  }
  return ec2Ok('DescribeSnapshotAttribute', {
    snapshotId: snap.id,
    createVolumePermission: items(
      snap.sharedWith.map((who) => (who === 'all' ? { group: 'all' } : { userId: who })),
    ),
  });
}

export function describeImages(estate: Estate, req: ReplayRequest): ReplayResponse {
  const images = ownsOnly(estate, req)
    ? (estate.ec2Extras?.images ?? []).filter((i) => i.region === req.region)
    : [];
  const snapshots = estate.ec2Extras?.snapshots ?? [];
  const { page, next } = pageOf(images, req.params.NextToken, IMAGE_PAGE);
  return ec2Ok('DescribeImages', {
    imagesSet: items(
      page.map((i) => ({
        imageId: i.id,
        imageLocation: `${estate.accountId}/${i.name}`,
        imageState: 'available',
        imageOwnerId: estate.accountId,
        creationDate: isoDaysAgo(req.now, i.createdDaysAgo).replace('Z', '.000Z'),
        isPublic: i.public,
        architecture: 'x86_64',
        imageType: 'machine',
        name: i.name,
        rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda',
        blockDeviceMapping: items([
          {
            deviceName: '/dev/xvda',
            ebs: {
              snapshotId: i.rootSnapshotId,
              volumeSize: 8,
              deleteOnTermination: true,
              volumeType: 'gp3',
              encrypted: snapshots.find((s) => s.id === i.rootSnapshotId)?.encrypted ?? false,
            },
          },
        ]),
        virtualizationType: 'hvm',
        tagSet: tagSet(i.tags),
        hypervisor: 'xen',
        enaSupport: true,
        platformDetails: 'Linux/UNIX',
        usageOperation: 'RunInstances',
      })),
    ),
    ...(next ? { nextToken: next } : {}),
  });
}
