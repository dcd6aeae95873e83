// The security group's collectors, as units collectAzureSubscription schedules (see ../index.ts AzureUnit).
import { collectAuthorization } from '../authorization';
import { collectDefender } from '../defender';
import { collectEntraTenant } from '../entra';
import type { AzureUnit } from '../index';

export const SECURITY_UNITS: readonly AzureUnit[] = [
  { service: 'defender', label: 'Defender for Cloud plans and contacts', run: collectDefender },
  { service: 'iam', label: 'role assignments and custom roles', run: collectAuthorization },
  { service: 'entra', label: 'Entra ID tenant settings', run: (ctx) => collectEntraTenant(ctx) },
];
