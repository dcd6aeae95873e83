// The optional per-group parts of an Estate, and the demo data for them by account id: an estate file spreads
// sectionsFor(itsAccountId) into its Estate so each service group keeps its facts in its own file.
import { APP_ESTATE } from '../data/app';
import { DATA_ESTATE } from '../data/data';
import { EC2_ESTATE } from '../data/ec2';
import { IAM_ESTATE } from '../data/iam';
import { LOGGING_ESTATE } from '../data/logging';
import { ORG_ESTATE } from '../data/org';
import { S3_ESTATE } from '../data/s3';
import type { AppServicesEstate } from './app';
import type { DataStoresEstate } from './data';
import type { Ec2Extras } from './ec2';
import type { IamExtras } from './iam';
import type { LoggingEstate } from './logging';
import type { OrganizationEstate } from './org';
import type { S3Extras } from './s3';

export type EstateSections = {
  s3Extras?: S3Extras;
  iamExtras?: IamExtras;
  ec2Extras?: Ec2Extras;
  logging?: LoggingEstate;
  dataStores?: DataStoresEstate;
  appServices?: AppServicesEstate;
  organization?: OrganizationEstate;
};

export function sectionsFor(accountId: string): EstateSections {
  return {
    s3Extras: S3_ESTATE[accountId],
    iamExtras: IAM_ESTATE[accountId],
    ec2Extras: EC2_ESTATE[accountId],
    logging: LOGGING_ESTATE[accountId],
    dataStores: DATA_ESTATE[accountId],
    appServices: APP_ESTATE[accountId],
    organization: ORG_ESTATE[accountId],
  };
}
