// Domain types shared by the core (main/) and the UI (renderer/). Plain data only: these cross the
// process boundary, so no classes, no Dates (ISO strings instead), no functions.
import { z } from 'zod';

export const Provider = z.enum(['aws', 'azure']);
export type Provider = z.infer<typeof Provider>;

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;

export const FindingStatus = z.enum(['pass', 'fail', 'error', 'n/a']);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const SnapshotStatus = z.enum(['running', 'complete', 'failed', 'cancelled']);
export type SnapshotStatus = z.infer<typeof SnapshotStatus>;

/** The frameworks we ship, by their current ids (main/frameworks/<id>.json). */
export const FrameworkId = z.enum(['soc2-2017', 'pci-dss-4.0.1', 'iso27001-2022']);
export type FrameworkId = z.infer<typeof FrameworkId>;

/**
 * Ids earlier versions used, and the current id each now means. Scripts, custom check files and mappings
 * written for an older version keep working; normalising at the boundary means nothing downstream (catalogs,
 * exports, file names) ever sees a retired id.
 */
export const FRAMEWORK_ID_ALIASES: Readonly<Record<string, FrameworkId>> = { 'pci-dss-4.0': 'pci-dss-4.0.1' };

/** The current id for `value` when it is a retired alias, otherwise `value` unchanged (for the schema to judge). */
export function canonicalFrameworkId<T>(value: T): T | FrameworkId {
  return typeof value === 'string' && Object.hasOwn(FRAMEWORK_ID_ALIASES, value)
    ? FRAMEWORK_ID_ALIASES[value]
    : value;
}

/**
 * An object keyed by framework id (check-file `frameworks:` hints, workspace mappings.yaml) with retired ids
 * renamed to the current ones. A key is left alone when the current id is also present, so the strict schema
 * reports the clash instead of one list silently replacing the other.
 */
export function withCanonicalFrameworkKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const current = canonicalFrameworkId(key);
      return [current !== key && Object.hasOwn(value, current) ? key : current, v];
    }),
  );
}

/**
 * A framework id received from outside (CLI, API request): accepts a retired alias, yields the current id.
 * Typed as taking the current id so code in this repository never writes an alias; at run time any value
 * reaches the preprocess step and the enum still rejects everything that is neither an id nor an alias.
 */
export const FrameworkIdInput = z.preprocess(
  (value: FrameworkId) => canonicalFrameworkId(value),
  FrameworkId,
);

export const ControlStatus = z.enum([
  'effective',
  'effective-with-exceptions',
  'deficient',
  'incomplete',
  'manual',
  'not-applicable',
]);
export type ControlStatus = z.infer<typeof ControlStatus>;

/** A place the analyst can snapshot from: an AWS profile, env credentials, or the embedded demo. */
export const Connection = z.object({
  id: z.string(),
  provider: Provider,
  name: z.string(),
  /** How credentials are obtained; never the credentials themselves. */
  kind: z.enum([
    'demo',
    'static',
    'sso',
    'assume-role',
    'credential-process',
    'env',
    'web-identity',
    'unknown',
  ]),
  region: z.string().nullable(),
  source: z.string(),
});
export type Connection = z.infer<typeof Connection>;

export const ConnectionList = z.object({
  connections: z.array(Connection),
  /** Problems found while discovering (e.g. a malformed ~/.aws/config line), each actionable. */
  problems: z.array(z.string()),
});
export type ConnectionList = z.infer<typeof ConnectionList>;

export const SnapshotSummary = z.object({
  id: z.string(),
  connection: z.string(),
  provider: Provider,
  account: z.string().nullable(),
  identity: z.string().nullable(),
  regions: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: SnapshotStatus,
  toolVersion: z.string(),
  catalogVersion: z.string(),
  contentSha256: z.string().nullable(),
  resourceCount: z.number().int(),
  errorCount: z.number().int(),
  failureReason: z.string().nullable(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

export const CollectionError = z.object({
  service: z.string(),
  region: z.string(),
  operation: z.string(),
  code: z.string(),
  message: z.string(),
});
export type CollectionError = z.infer<typeof CollectionError>;

/** Shipped with the app ('builtin') or dropped into <workspace>/checks by the analyst ('custom'). */
export const CheckOrigin = z.enum(['builtin', 'custom']);
export type CheckOrigin = z.infer<typeof CheckOrigin>;

export const CheckReference = z.object({ title: z.string(), url: z.string() });
export type CheckReference = z.infer<typeof CheckReference>;

export const CheckInfo = z.object({
  id: z.string(),
  provider: Provider,
  service: z.string(),
  title: z.string(),
  severity: Severity,
  resourceType: z.string(),
  rationale: z.string(),
  remediation: z.object({ console: z.string(), cli: z.string(), terraform: z.string() }),
  references: z.array(CheckReference),
  /** Controls the check's author suggests per framework; the framework catalogs decide the mapping. */
  frameworks: z.partialRecord(FrameworkId, z.array(z.string())),
  origin: CheckOrigin,
  /** Path of the check file in the check pack and in every package, e.g. checks/aws/s3/<id>.sql. */
  file: z.string(),
  /** SHA-256 (hex) of the check file's bytes. */
  sha256: z.string(),
  /** The query: the check file after its metadata header. */
  sql: z.string(),
});
export type CheckInfo = z.infer<typeof CheckInfo>;

/** A check file (or workspace mappings file) that was not loaded, and why. */
export const CheckProblem = z.object({ file: z.string(), message: z.string() });
export type CheckProblem = z.infer<typeof CheckProblem>;

/** The checks in force for a workspace: built-in plus valid custom ones, and the files that were refused. */
export const CheckCatalogInfo = z.object({
  checks: z.array(CheckInfo),
  /** 'sha256:<hex>' over every file of the check pack (docs/check-format.md). */
  catalogVersion: z.string(),
  problems: z.array(CheckProblem),
});
export type CheckCatalogInfo = z.infer<typeof CheckCatalogInfo>;

export const Finding = z.object({
  checkId: z.string(),
  checkTitle: z.string(),
  /** Whether the check that produced it is built in or the analyst's own. */
  origin: CheckOrigin,
  severity: Severity,
  service: z.string(),
  resourceUid: z.string(),
  resourceName: z.string(),
  resourceType: z.string(),
  region: z.string(),
  status: FindingStatus,
  reason: z.string(),
  evidence: z.unknown(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * Columns the findings view can sort on (server side, main/checks/findings-query.ts). 'desc' on status and
 * severity means worst first (fail, error, pass, n/a; critical ... info), as an analyst triaging reads them.
 */
export const FindingSortColumn = z.enum(['status', 'severity', 'check', 'service', 'resource', 'region']);
export type FindingSortColumn = z.infer<typeof FindingSortColumn>;
export const FindingSort = z
  .object({ column: FindingSortColumn, direction: z.enum(['asc', 'desc']) })
  .strict();
export type FindingSort = z.infer<typeof FindingSort>;

const FilterValue = z.string().min(1).max(300);
/** Every present filter must hold (AND); the values within one filter are alternatives (OR). */
export const FindingFilters = z
  .object({
    status: z.array(FindingStatus).max(4).optional(),
    severity: z.array(Severity).max(5).optional(),
    checkId: z.array(FilterValue).max(200).optional(),
    service: z.array(FilterValue).max(100).optional(),
    region: z.array(FilterValue).max(100).optional(),
    origin: CheckOrigin.optional(),
    /** Whitespace-separated terms, each found in the check title or id, the resource name or uid. */
    text: z.string().max(300).optional(),
  })
  .strict();
export type FindingFilters = z.infer<typeof FindingFilters>;

/** Counts per value under the current filters, each facet ignoring its own filter (so alternatives show). */
export const FindingFacets = z.object({
  status: z.record(z.string(), z.number()),
  severity: z.record(z.string(), z.number()),
  service: z.record(z.string(), z.number()),
});
export type FindingFacets = z.infer<typeof FindingFacets>;

export const FindingsPage = z.object({
  rows: z.array(Finding),
  /** Index of rows[0] in the whole sorted, filtered list. */
  offset: z.number(),
  /** Findings matching the filters. */
  total: z.number(),
  /** Findings of the evaluation, unfiltered. */
  unfilteredTotal: z.number(),
  facets: FindingFacets,
});
export type FindingsPage = z.infer<typeof FindingsPage>;

export const ControlResult = z.object({
  framework: FrameworkId,
  controlId: z.string(),
  title: z.string(),
  description: z.string(),
  checkIds: z.array(z.string()),
  status: ControlStatus,
  /** One line an auditor can read: why this status. */
  statusReason: z.string(),
  counts: z.object({
    pass: z.number(),
    fail: z.number(),
    error: z.number(),
    na: z.number(),
    excepted: z.number(),
  }),
  manualEvidence: z.array(z.string()),
});
export type ControlResult = z.infer<typeof ControlResult>;

export const FrameworkInfo = z.object({
  id: FrameworkId,
  name: z.string(),
  version: z.string(),
  controlCount: z.number().int(),
});
export type FrameworkInfo = z.infer<typeof FrameworkInfo>;

export const ExportResult = z.object({
  packageDir: z.string(),
  zipPath: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number() })),
  signingKeyFingerprint: z.string(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** A key whose signatures this workspace accepts as verified (main/evidence/trusted-signers.ts). */
export const TrustedSigner = z.object({
  /** SHA-256 of the DER public key, hex in groups of four for reading aloud. */
  fingerprint: z.string(),
  name: z.string(),
  publicKeyPem: z.string().nullable(),
  addedAt: z.string(),
  addedBy: z.string(),
  /** 'workspace key', 'cli', 'ui', ... */
  addedHow: z.string(),
  removedAt: z.string().nullable(),
});
export type TrustedSigner = z.infer<typeof TrustedSigner>;

/**
 * Three answers, never two: the package is intact AND signed by a key the workspace trusts (or the pinned
 * key); intact but signed by a key nobody vouched for; or not verified.
 */
export const VerifyOutcome = z.enum(['verified', 'unknown-signer', 'not-verified']);
export type VerifyOutcome = z.infer<typeof VerifyOutcome>;

export const VerifyResult = z.object({
  outcome: VerifyOutcome,
  /** outcome === 'verified'. */
  ok: z.boolean(),
  signer: z
    .object({
      fingerprint: z.string(),
      /** The trusted signer's name, or null when the key is unknown here. */
      name: z.string().nullable(),
      trusted: z.boolean(),
      /** True when the caller pinned this exact key (verify --expect-key). */
      pinned: z.boolean(),
    })
    .nullable(),
  checkedFiles: z.number().int(),
  changed: z.array(z.string()),
  missing: z.array(z.string()),
  added: z.array(z.string()),
  signature: z.enum(['valid', 'invalid', 'missing']),
  signingKeyFingerprint: z.string().nullable(),
  problems: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const SnapshotProgress = z.object({
  snapshotId: z.string(),
  phase: z.enum(['collecting', 'evaluating', 'saving', 'done']),
  service: z.string().nullable(),
  region: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string(),
});
export type SnapshotProgress = z.infer<typeof SnapshotProgress>;

/** An export running in a worker; `requestId` is the one the UI gave export.create. */
export const ExportProgress = z.object({
  requestId: z.string(),
  phase: z.enum(['preparing', 'writing', 'zipping', 'done']),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const SnapshotFinished = z.object({
  snapshotId: z.string(),
  status: SnapshotStatus,
  message: z.string(),
});
export type SnapshotFinished = z.infer<typeof SnapshotFinished>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  /** Signed checkpoints of the chain's head (main/evidence/audit-checkpoints.ts). */
  checkpoints: z.number().int(),
  latestCheckpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
  /** Entries written after the latest checkpoint: intact, but not yet anchored by a signature. */
  uncovered: z.number().int(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
