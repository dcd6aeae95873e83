// The ec2 group's collectors, as units collectAws schedules (see main/collect/aws/module.ts). Security groups,
// volumes and the EBS default are core (main/collect/aws/ec2.ts, scheduled by collectAws itself).
import { settleAll } from '../../concurrency';
import { collectImages, collectInstances, collectSnapshots } from '../ec2-compute';
import { collectNetworkAcls, collectVpcs } from '../ec2-network';
import type { AwsModule } from '../module';

export const EC2_MODULES: readonly AwsModule[] = [
  {
    service: 'ec2',
    scope: 'regional',
    label: 'VPCs, network ACLs, EC2 instances, snapshots and AMIs',
    // Independent listings: all start at once; the run's scheduler bounds the calls on the wire.
    collect: ({ ctx, region, account }) =>
      settleAll([
        collectVpcs(ctx, region, account),
        collectNetworkAcls(ctx, region, account),
        collectInstances(ctx, region, account),
        collectSnapshots(ctx, region),
        collectImages(ctx, region),
      ]),
  },
];
