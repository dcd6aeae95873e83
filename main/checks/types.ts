import type { CheckInfo, CheckProblem, FrameworkId } from '../../shared/domain';

/**
 * A security check is ONE file (docs/check-format.md): a YAML metadata header inside a leading SQL block
 * comment, then SQL over ONE snapshot. It is run with two named parameters:
 *   @snapshot_id  the snapshot being evaluated
 *   @as_of        the snapshot's start time (ISO-8601): "now" for age rules, so re-running a check on the
 *                 same snapshot years later gives the same answer
 * and must return one row per resource in its population with the columns
 *   resource_uid TEXT, status TEXT ('pass'|'fail'|'error'|'n/a'), reason TEXT, evidence TEXT (JSON object)
 * The same file, byte for byte, ships in every evidence package so an auditor can re-perform it with any
 * SQLite client and read its metadata.
 */
export type CheckDefinition = CheckInfo & {
  /** The file exactly as read. A Uint8Array rather than a Buffer so it survives structured cloning. */
  bytes: Uint8Array;
};

/** Extra check -> control mappings from <workspace>/checks/mappings.yaml, already validated. */
export type WorkspaceMappings = ReadonlyMap<string, Partial<Record<FrameworkId, readonly string[]>>>;

/** One file of the check pack and its SHA-256: the lines the catalog version is computed over. */
export type PackFile = { path: string; sha256: string };

/** The checks in force for one workspace (main/checks/workspace-catalog.ts). */
export type CheckCatalog = {
  /** Built-in then custom checks, each group sorted by file path. */
  checks: readonly CheckDefinition[];
  /** 'sha256:<hex>' of the pack listing (packListing in catalog.ts). */
  catalogVersion: string;
  /** Every file the version covers, sorted by path. */
  packFiles: readonly PackFile[];
  mappings: WorkspaceMappings;
  /** <workspace>/checks/mappings.yaml as read, when valid: it ships beside the custom checks it maps. */
  mappingsFile: { path: string; bytes: Uint8Array } | null;
  /** Custom files that were refused; the built-in checks run regardless. */
  problems: readonly CheckProblem[];
};
