// The evidence model: everything an export shows, as plain data, assembled once. The workbook, report and
// package builders take only this, so what the auditor reads in the xlsx, the docx and evidence/*.json can
// never disagree, and each builder can be tested with a hand-built model. It holds aggregates (counts per
// check, control and status; the capped failing rows per control) and row sources that the workbook and the
// JSON files iterate, so its size does not grow with the estate (main/export/evidence-rows.ts).
import { ControlStatus } from '../../shared/domain';
import type {
  CollectionError,
  ControlResult,
  Finding,
  FrameworkId,
  SnapshotSummary,
} from '../../shared/domain';
import { packListing } from '../checks/pack-hash';
import type { CheckCatalog, CheckDefinition } from '../checks/types';
import type { EvaluationRecord } from '../store/evaluations-repo';
import { RefusedError } from '../core/errors';
import {
  findingsFromArray,
  inventoryFromArray,
  zeroCounts,
  type FindingSource,
  type InventoryItem,
  type InventorySource,
  type StatusCounts,
} from './evidence-rows';
import { unsafePackagePath } from './manifest';
import type { EvidenceTemplates } from './templates';

export { statusKey, type InventoryItem, type StatusCounts } from './evidence-rows';

/** Rows read on demand, once per file that lists them; `count` is known up front for sheets and summaries. */
export type RowSource<T> = { count: number; rows(): Iterable<T> };

export type ModelCheck = CheckDefinition & {
  /**
   * Path inside the package of the check file, shipped byte for byte as the app ran it: its pack path,
   * e.g. checks/aws/s3/<id>.sql, or checks/custom/<path> for the analyst's own checks.
   */
  sqlFile: string;
  /** Resources of the check's resource type in the snapshot: the population it tests. */
  populationCount: number;
  counts: StatusCounts;
};

export type ModelControl = ControlResult & {
  population: { count: number; types: string[]; evaluated: number };
  /**
   * The first findings with status fail or error for the control's checks (at most the report's
   * failingTableCap): what the auditor looks at first. The rest are in the workbook and evidence/findings.json.
   */
  failing: Finding[];
  /** How many fail or error findings the control's checks have in all. */
  failingCount: number;
  /** Collection gaps in the services the control's checks read. */
  gaps: CollectionError[];
};

export type EvidenceModel = {
  tool: { name: string; version: string; catalogVersion: string };
  generatedAt: string;
  snapshot: SnapshotSummary & { contentSha256: string; finishedAt: string };
  /** The sealed evaluation whose findings the package ships. */
  evaluation: EvaluationRecord;
  /** Who signs the package: set by the package writer once the key is loaded. */
  signer?: { fingerprint: string };
  framework: { id: FrameworkId; name: string; version: string };
  controls: ModelControl[];
  /** Checks mapped to at least one control of the framework, in id order. */
  checks: ModelCheck[];
  /** Findings of the mapped checks (latest evaluation), in check then resource order. */
  findings: RowSource<Finding>;
  inventory: RowSource<InventoryItem>;
  gaps: CollectionError[];
  controlStatusCounts: Record<ControlStatus, number>;
  findingCounts: StatusCounts;
  templates: EvidenceTemplates;
  /** What the package ships of the check pack beside the check files (docs/check-format.md). */
  checkPack: {
    /** sha256sum-format listing of every pack file; its SHA-256 is the evaluation's catalog version. */
    listing: string;
    /** The workspace's mappings.yaml, when custom mappings are in force. */
    mappingsFile: CheckCatalog['mappingsFile'];
  };
};

export type EvidenceModelInput = {
  snapshot: SnapshotSummary;
  /** The latest sealed evaluation; null refuses the export. */
  evaluation: EvaluationRecord | null;
  framework: { id: FrameworkId; name: string; version: string };
  controls: ControlResult[];
  checks: readonly CheckDefinition[];
  checkPack: Pick<CheckCatalog, 'packFiles' | 'mappingsFile'>;
  /** A hand-built list (tests) or a source reading the database (exports of any size). */
  findings: Finding[] | FindingSource;
  inventory: InventoryItem[] | InventorySource;
  gaps: CollectionError[];
  templates: EvidenceTemplates;
  tool: { name: string; version: string; catalogVersion: string };
  generatedAt: string;
};

/** Maps to the contract's 'refused' error code: the request was understood and deliberately declined. */
export class NotExportableError extends RefusedError {}

/** File name for a check's SQL: check ids are ours, but a custom check id must not steer the path. */
export function checkSqlFile(checkId: string): string {
  return `checks/${checkId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}.sql`;
}

function packagePathOfCheck(check: CheckDefinition): string {
  const unsafe = unsafePackagePath(check.file);
  if (unsafe || !check.file.startsWith('checks/') || !check.file.endsWith('.sql')) {
    throw new NotExportableError(
      `Check ${check.id} has the file path "${check.file}", which ${unsafe ?? 'is not a checks/<...>.sql path'}; it cannot be shipped.`,
    );
  }
  return check.file;
}

export function assembleEvidenceModel(input: EvidenceModelInput): EvidenceModel {
  const { snapshot } = input;
  if (snapshot.status !== 'complete' || !snapshot.contentSha256 || !snapshot.finishedAt) {
    throw new NotExportableError(
      `Snapshot ${snapshot.id} is ${snapshot.status}; only a complete snapshot can be exported as evidence. ` +
        'Take a new snapshot and export it once it has completed.',
    );
  }
  const { evaluation } = input;
  if (!evaluation)
    throw new NotExportableError(`Snapshot ${snapshot.id} has no sealed evaluation to export.`);
  const findingSource = Array.isArray(input.findings) ? findingsFromArray(input.findings) : input.findings;
  const inventory = Array.isArray(input.inventory) ? inventoryFromArray(input.inventory) : input.inventory;
  const mappedIds = new Set(input.controls.flatMap((c) => c.checkIds));
  const checks = input.checks.filter((c) => mappedIds.has(c.id)).sort((a, b) => a.id.localeCompare(b.id));
  const checksById = new Map(checks.map((c) => [c.id, c]));
  // Aggregates only: a million findings are counted by the database, never held here.
  const countsByCheck = findingSource.countsByCheck();
  const countsOf = (id: string) => countsByCheck.get(id) ?? zeroCounts();
  const typeCounts = inventory.countsByType;
  const failingCap = input.templates.report.failingTableCap;

  const modelChecks: ModelCheck[] = checks.map((c) => ({
    ...c,
    // The pack path is the package path. The loader only accepts safe names; checked again here because a
    // path that escaped checks/ would write outside the package.
    sqlFile: packagePathOfCheck(c),
    populationCount: typeCounts.get(c.resourceType) ?? 0,
    counts: countsOf(c.id),
  }));

  const controls: ModelControl[] = input.controls.map((control) => {
    const own = control.checkIds.map(countsOf);
    const types = [
      ...new Set(control.checkIds.map((id) => checksById.get(id)?.resourceType).filter(isString)),
    ].sort();
    const services = new Set(control.checkIds.map((id) => checksById.get(id)?.service).filter(isString));
    const failingCount = own.reduce((n, c) => n + c.fail + c.error, 0);
    return {
      ...control,
      population: {
        count: types.reduce((n, t) => n + (typeCounts.get(t) ?? 0), 0),
        types,
        evaluated: own.reduce((n, c) => n + c.pass + c.fail + c.error + c.na, 0),
      },
      failing: failingCount > 0 ? findingSource.failing(control.checkIds, failingCap) : [],
      failingCount,
      gaps: input.gaps.filter((g) => services.has(g.service)),
    };
  });

  // Every mapped check id, in the catalog or not: its findings are shipped either way.
  const mapped = [...mappedIds];
  const findingCounts = zeroCounts();
  for (const id of mapped) {
    const c = countsOf(id);
    for (const k of Object.keys(findingCounts) as (keyof StatusCounts)[]) findingCounts[k] += c[k];
  }

  const controlStatusCounts = Object.fromEntries(ControlStatus.options.map((s) => [s, 0])) as Record<
    ControlStatus,
    number
  >;
  for (const c of controls) controlStatusCounts[c.status]++;

  return {
    tool: input.tool,
    generatedAt: input.generatedAt,
    snapshot: { ...snapshot, contentSha256: snapshot.contentSha256, finishedAt: snapshot.finishedAt },
    evaluation,
    framework: input.framework,
    controls,
    checks: modelChecks,
    findings: {
      count: findingCounts.pass + findingCounts.fail + findingCounts.error + findingCounts.na,
      rows: () => findingSource.rows(mapped),
    },
    inventory: { count: inventory.count, rows: () => inventory.rows() },
    gaps: input.gaps,
    controlStatusCounts,
    findingCounts,
    templates: input.templates,
    checkPack: {
      listing: packListing(input.checkPack.packFiles),
      mappingsFile: input.checkPack.mappingsFile,
    },
  };
}

function isString(v: string | undefined): v is string {
  return typeof v === 'string';
}
