// Workspace settings: what each one holds, validated the same way when the UI sends it, when the CLI sets it
// and when the store reads it back (a hand-edited or older row fails loudly instead of steering a snapshot).
import { z } from 'zod';
import { AzureClouds } from './azure-cloud';
import { CustomEndpoints, type CustomEndpoint } from './custom-endpoint';

export const AWS_REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

const AwsRegionName = z
  .string()
  .regex(AWS_REGION_NAME, 'is not an AWS region name (expected e.g. eu-west-1)');

/**
 * Regions the organisation allows workloads in (data residency, PCI scope). Empty = not set: the region
 * checks then answer "not set" (error), never pass.
 */
export const ApprovedRegions = z
  .object({
    aws: z
      .array(AwsRegionName)
      .max(64)
      .transform((r) => [...new Set(r)].sort()),
  })
  .strict();
export type ApprovedRegions = z.infer<typeof ApprovedRegions>;

/**
 * The longest an exception (risk acceptance) may run, in days from its request or approval, by the severity
 * of the check it excepts: a critical failure is accepted for weeks, not years (main/assessments/exceptions.ts).
 */
const MaxDays = z.number().int().min(1).max(3650);
export const ExceptionMaxDays = z
  .object({ critical: MaxDays, high: MaxDays, medium: MaxDays, low: MaxDays, info: MaxDays })
  .strict();
export type ExceptionMaxDays = z.infer<typeof ExceptionMaxDays>;
export const DEFAULT_EXCEPTION_MAX_DAYS: ExceptionMaxDays = {
  critical: 30,
  high: 90,
  medium: 180,
  low: 365,
  info: 365,
};

/** Every setting, by key, with its schema and its value before anyone set it. */
export const SETTINGS = {
  approvedRegions: { schema: ApprovedRegions, initial: { aws: [] } as ApprovedRegions },
  exceptionMaxDays: { schema: ExceptionMaxDays, initial: DEFAULT_EXCEPTION_MAX_DAYS },
  /** Custom endpoint connections (shared/custom-endpoint.ts): listed in connections.list. */
  customEndpoints: { schema: CustomEndpoints, initial: [] as CustomEndpoint[] },
  /** The Azure cloud of the environment service principal / azd connections (shared/azure-cloud.ts). */
  azureClouds: { schema: AzureClouds, initial: {} as AzureClouds },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export const SettingKey = z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]]);
