import type { CheckInfo } from '../../shared/domain';

/**
 * A security check is SQL over ONE snapshot. It is run with two named parameters:
 *   @snapshot_id  the snapshot being evaluated
 *   @as_of        the snapshot's start time (ISO-8601): "now" for age rules, so re-running a check on the
 *                 same snapshot years later gives the same answer
 * and must return one row per resource in its population with the columns
 *   resource_uid TEXT, status TEXT ('pass'|'fail'|'error'|'n/a'), reason TEXT, evidence TEXT (JSON object)
 * The same SQL ships in every evidence package so an auditor can re-perform it with any SQLite client.
 */
export type CheckDefinition = CheckInfo;
