// The check catalog: every built-in check, and its version. Evaluations are stored per catalog version and
// never recomputed (engine.ts), so the version is derived from the checks' own ids and SQL: changing any
// check's logic yields a new version and a fresh evaluation, and can never be silently mixed with old findings.
import { sha256Json } from '../util/hash';
import { cloudTrailChecks } from './aws/cloudtrail';
import { ec2Checks } from './aws/ec2';
import { iamChecks } from './aws/iam';
import { s3Checks } from './aws/s3';
import type { CheckDefinition } from './types';

export const allChecks: readonly CheckDefinition[] = [
  ...s3Checks,
  ...iamChecks,
  ...ec2Checks,
  ...cloudTrailChecks,
];

/** Human-readable series + a short digest of the checks' logic. */
export const CATALOG_VERSION: string = `2025.1+${sha256Json(allChecks.map((c) => [c.id, c.sql])).slice(0, 12)}`;

const byId = new Map(allChecks.map((c) => [c.id, c]));

export function getCheck(id: string): CheckDefinition | undefined {
  return byId.get(id);
}
