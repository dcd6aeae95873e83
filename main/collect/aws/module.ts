// What a service collector looks like to collectAws: one unit of work per account (scope 'global', run once
// with the home region) or per region (scope 'regional', run once for every collected region). Each service
// group lists its modules in main/collect/aws/groups/<group>.ts; collectAws schedules them all alongside the
// core collectors, and the run's CallScheduler bounds how many calls are on the wire per service and region.
import type { AwsService } from '../registry';
import type { CallContext } from './client-config';

export type AwsModuleRun = {
  ctx: CallContext;
  /** The region to call: the unit's region, or the home region for a 'global' module. */
  region: string;
  /** The account being collected (from STS GetCallerIdentity). */
  account: string;
  /** Every region this snapshot covers (for global modules that summarise per region). */
  regions: string[];
};

export type AwsModule = {
  /** Service named in progress events (the signing name, as in the registry). */
  service: AwsService;
  scope: 'global' | 'regional';
  /** What the unit collects, for progress: "KMS keys" becomes "Collecting KMS keys in eu-west-1". */
  label: string;
  collect(run: AwsModuleRun): Promise<void>;
};
