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
  /**
   * Automated checks pass (or there are none) but manual evidence requests are unanswered: never effective.
   * Only assessment-level status (main/assessments/control-status.ts) answers it; 'manual' then means every
   * request has a file and the reviewer must judge it.
   */
  'awaiting-evidence',
]);
export type ControlStatus = z.infer<typeof ControlStatus>;

/** An Azure subscription a connection can reach, as the picker shows it (never a secret). */
export const AzureSubscriptionRef = z.object({
  id: z.string(),
  name: z.string(),
  /** Enabled, Disabled, Warned, PastDue, Deleted (ARM's SubscriptionState), or Unknown. */
  state: z.string(),
  tenantId: z.string().nullable(),
  /** The tenant's display name where the source tells it (az account list's tenantDisplayName, the demo). */
  tenantName: z.string().nullable().optional(),
});
export type AzureSubscriptionRef = z.infer<typeof AzureSubscriptionRef>;

/**
 * A place the analyst can snapshot from: an AWS profile, env credentials, a custom endpoint, the demo, or an
 * Azure identity (Azure CLI, service principal, azd, the demo tenant).
 */
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
    /** A URL the analyst saved (LocalStack, an emulator, a FIPS or VPC endpoint) with a profile or env. */
    'custom-endpoint',
    /** Azure: the Azure CLI's login (az login). */
    'azure-cli',
    /** Azure: a service principal in the environment (AZURE_TENANT_ID / AZURE_CLIENT_ID / secret or cert). */
    'azure-env',
    /** Azure: the Azure Developer CLI's login (azd auth login). */
    'azure-developer-cli',
    'unknown',
  ]),
  region: z.string().nullable(),
  source: z.string(),
  /**
   * Azure: the subscriptions the connection is known to reach before any call (the Azure CLI's cache, the
   * demo tenant), for the subscription picker. Empty: they are listed from Resource Manager when a run starts.
   */
  subscriptions: z.array(AzureSubscriptionRef).optional(),
  /** Azure: the Entra ID tenants the identity can get tokens for. */
  tenants: z.array(z.string()).optional(),
  /**
   * Azure: the cloud its calls go to (AzureCloud, AzureUSGovernment, AzureChinaCloud or a custom Resource
   * Manager endpoint), and where that came from (az cloud show, the workspace setting, AZURE_AUTHORITY_HOST).
   */
  cloud: z
    .object({
      name: z.string(),
      resourceManager: z.string(),
      source: z.enum(['az cloud show', 'setting', 'environment', 'default', 'demo']),
      /** Whether the analyst can set it (connections.setAzureCloud): the service principal and azd. */
      settable: z.boolean(),
    })
    .optional(),
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
  /** The whole-organisation run this account snapshot belongs to (null: a single-account snapshot). */
  runId: z.string().nullable().optional(),
  /** The account's name in its organisation, when the snapshot came from a run. */
  accountName: z.string().nullable().optional(),
  /**
   * The embedded demo's fictional estate (main/evidence/demo-snapshot.ts): the UI shows a DEMO banner on its
   * views (renderer/src/components/DemoBanner.tsx), and its packages are labelled and signed with the demo key.
   */
  demo: z.boolean(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

/** An organisation account a run did not collect, and why (e.g. its role could not be assumed). */
export const CollectionRunGap = z.object({
  accountId: z.string(),
  accountName: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type CollectionRunGap = z.infer<typeof CollectionRunGap>;

/**
 * A multi-account collection: an AWS whole-organisation run, or an Azure run over several subscriptions; one
 * snapshot per account (subscription) reached, grouped (migration 0006).
 */
export const CollectionRunSummary = z.object({
  id: z.string(),
  connection: z.string(),
  kind: z.literal('organization'),
  /**
   * The cloud of the run's snapshots (absent on older answers: AWS). For Azure, managementAccount and
   * organizationId hold the Entra ID tenant and the accounts are subscriptions.
   */
  provider: Provider.optional(),
  roleName: z.string(),
  managementAccount: z.string().nullable(),
  organizationId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: SnapshotStatus,
  message: z.string().nullable(),
  accounts: z.array(
    z.object({
      snapshotId: z.string(),
      accountId: z.string(),
      accountName: z.string().nullable(),
      status: SnapshotStatus,
    }),
  ),
  gaps: z.array(CollectionRunGap),
});
export type CollectionRunSummary = z.infer<typeof CollectionRunSummary>;

/** An IAM role name (no path): what a whole-organisation run assumes in every member account. */
export const MemberRoleName = z
  .string()
  .max(64)
  .regex(/^[\w+=,.@-]{1,64}$/, 'not an IAM role name (1-64 letters, digits and +=,.@_-; no path)');
export const DEFAULT_MEMBER_ROLE = 'OrganizationAccountAccessRole';
/** Accounts collected at once in a whole-organisation run: each one runs its own bounded collection. */
export const MAX_ACCOUNTS_IN_PARALLEL = 10;

export const CollectionError = z.object({
  service: z.string(),
  region: z.string(),
  operation: z.string(),
  code: z.string(),
  message: z.string(),
  /** What the failed call was about (bucket, region, user, key id...); null when the call is account-wide. */
  resource: z.string().nullable(),
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
  /** The cloud the resource is in: the resource's own provider, else the check's (a finding with no resource row). */
  provider: Provider,
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
  /** The clouds the control's findings came from (empty: no findings); added by controls.list. */
  providers: z.array(Provider).optional(),
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
  /** A demo package: labelled "DEMO - fictional estate" and signed with the demo key, not the workspace's. */
  demo: z.boolean(),
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
  /**
   * A demo package (fictional estate, signed with the published demo key): never 'verified', at best
   * 'unknown-signer'. False when the package could not be read far enough to tell.
   */
  demo: z.boolean(),
  /**
   * An assessment package (format 3): what it covers and every sign-off, its signature checked against the
   * person's public key in the package and its digest against the shipped evidence. A stale sign-off (over
   * evidence that changed before the export) is reported here, not as a problem of the package.
   */
  assessment: z
    .object({
      id: z.string(),
      name: z.string(),
      snapshots: z.number().int(),
      attachments: z.number().int(),
      signoffs: z.array(
        z.object({
          id: z.number().int(),
          framework: z.string(),
          controlId: z.string(),
          role: z.string(),
          personName: z.string(),
          signedAt: z.string(),
          signatureValid: z.boolean(),
          stale: z.boolean(),
        }),
      ),
    })
    .optional(),
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
  /** In a whole-organisation run: the run, and the account this progress is about. */
  runId: z.string().optional(),
  account: z.string().optional(),
  accountName: z.string().optional(),
});
export type SnapshotProgress = z.infer<typeof SnapshotProgress>;

/**
 * A snapshot (or whole-organisation run) still collecting, as snapshots.running lists it, so a window opened
 * or reloaded mid-run can show its progress and follow its events. `progress` is the latest event this
 * process relayed (null: nothing reported yet, or the run belongs to another process such as the CLI).
 */
export const RunningSnapshot = z.object({
  snapshotId: z.string(),
  kind: z.enum(['snapshot', 'organization']),
  connection: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** Collected by this process (it can be cancelled from here), or by another one on the same workspace. */
  ownedHere: z.boolean(),
  progress: SnapshotProgress.nullable(),
});
export type RunningSnapshot = z.infer<typeof RunningSnapshot>;

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

// ---- Assessments (main/assessments/, docs/assessments.md) ----

/** The three hands an assessment passes through; one person never holds two of them on one sign-off chain. */
export const AssessmentRole = z.enum(['preparer', 'reviewer', 'approver']);
export type AssessmentRole = z.infer<typeof AssessmentRole>;

/** Someone who acts in assessments, with their own Ed25519 key (the private half is a file, never shown). */
export const Person = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  fingerprint: z.string(),
  publicKeyPem: z.string(),
  /** The private key file is PKCS#8-encrypted with a passphrase the person must give to sign. */
  keyEncrypted: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Person = z.infer<typeof Person>;

const ScopeText = z.string().trim().min(1).max(300);
/** A resource tag (e.g. the PCI CDE marker key=value). */
export const TagFilter = z.object({ key: ScopeText, value: z.string().max(300) }).strict();
export type TagFilter = z.infer<typeof TagFilter>;

/**
 * What the assessment covers. Empty lists mean "every one the attached snapshots hold"; a tag narrows the
 * population to resources carrying it; exclusions name resources left out on purpose, each with its reason.
 */
export const AssessmentScope = z
  .object({
    connections: z.array(ScopeText).max(200).default([]),
    accounts: z
      .array(
        z
          .string()
          .max(64)
          .regex(/^[\w-]{1,64}$/, 'not an account or subscription id'),
      )
      .max(1000)
      .default([]),
    regions: z.array(z.string().max(40)).max(64).default([]),
    tag: TagFilter.nullable().default(null),
    exclusions: z
      .array(
        z.object({ resourceUid: ScopeText.max(2048), reason: z.string().trim().min(5).max(1000) }).strict(),
      )
      .max(5000)
      .default([]),
  })
  .strict();
export type AssessmentScope = z.infer<typeof AssessmentScope>;

/** Computed when read: draft until a snapshot is attached; signed off while every framework's approval is current. */
export const AssessmentStatus = z.enum(['draft', 'in-progress', 'signed-off']);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

export const AssessmentSnapshot = z.object({
  snapshotId: z.string(),
  account: z.string().nullable(),
  connection: z.string(),
  startedAt: z.string(),
  attachedAt: z.string(),
  attachedBy: z.string(),
  /** The latest attached snapshot of its account within scope: the one conclusions are drawn from. */
  current: z.boolean(),
  /** Why a snapshot is not used (an older one of its account, an account or connection out of scope). */
  note: z.string().nullable(),
});
export type AssessmentSnapshot = z.infer<typeof AssessmentSnapshot>;

export const Assessment = z.object({
  id: z.string(),
  name: z.string(),
  frameworks: z.array(FrameworkId),
  scope: AssessmentScope,
  periodStart: z.string(),
  periodEnd: z.string(),
  status: AssessmentStatus,
  people: z.array(
    z.object({ personId: z.string(), name: z.string(), email: z.string(), role: AssessmentRole }),
  ),
  snapshots: z.array(AssessmentSnapshot),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

/**
 * Which failures an exception covers: one finding (account + resource), a check over a set of resources
 * (uids or a tag, optionally within one account), or a check within an account. One flat object (not a
 * union) so every field reports its own error; the combinations are checked below.
 */
export const ExceptionScope = z
  .object({
    kind: z.enum(['finding', 'resources', 'check-account']),
    account: ScopeText.optional(),
    resourceUid: ScopeText.max(2048).optional(),
    resourceUids: z.array(ScopeText.max(2048)).min(1).max(1000).optional(),
    tag: TagFilter.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const need = (ok: boolean, message: string) => ok || ctx.addIssue({ code: 'custom', message });
    if (s.kind === 'finding')
      need(
        !!s.account && !!s.resourceUid && !s.resourceUids && !s.tag,
        "a 'finding' exception names exactly one account and one resourceUid",
      );
    else if (s.kind === 'resources')
      need(
        !s.resourceUid && (s.resourceUids === undefined) !== (s.tag === undefined),
        "a 'resources' exception names either resourceUids or a tag (not both, not neither)",
      );
    else
      need(
        !!s.account && !s.resourceUid && !s.resourceUids && !s.tag,
        "a 'check-account' exception names the account only",
      );
  });
export type ExceptionScope = z.infer<typeof ExceptionScope>;

export const ExceptionStatus = z.enum(['draft', 'pending', 'approved', 'rejected', 'expired', 'revoked']);
export type ExceptionStatus = z.infer<typeof ExceptionStatus>;

export const ExceptionEvent = z.object({
  event: z.enum(['drafted', 'submitted', 'approved', 'rejected', 'revoked']),
  actor: z.string(),
  actorName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});
export type ExceptionEvent = z.infer<typeof ExceptionEvent>;

/** One version of a risk acceptance; status is computed when read (an approved one past its expiry is expired). */
export const ExceptionRecord = z.object({
  id: z.string(),
  version: z.number().int(),
  /** True for the newest version of this exception id. */
  latest: z.boolean(),
  checkId: z.string(),
  severity: Severity,
  scope: ExceptionScope,
  justification: z.string(),
  /** The compensating control (PCI: a CCW); null for a plain risk acceptance. */
  compensatingControl: z.string().nullable(),
  riskOwner: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  status: ExceptionStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  events: z.array(ExceptionEvent),
});
export type ExceptionRecord = z.infer<typeof ExceptionRecord>;

/** One revision of a file answering a manual evidence request ('<control>-R<n>'). */
export const Attachment = z.object({
  id: z.number().int(),
  assessmentId: z.string(),
  requestId: z.string(),
  revision: z.number().int(),
  /** False once a later revision replaced it (kept for the history). */
  current: z.boolean(),
  sha256: z.string(),
  size: z.number().int(),
  originalName: z.string(),
  description: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const SignOff = z.object({
  id: z.number().int(),
  assessmentId: z.string(),
  framework: FrameworkId,
  /** A control id, or '*' for the whole framework. */
  controlId: z.string(),
  role: AssessmentRole,
  personId: z.string(),
  personName: z.string(),
  signedAt: z.string(),
  digest: z.string(),
  /** The person's Ed25519 signature verifies over what was signed. */
  signatureValid: z.boolean(),
  /** The evidence changed since (new snapshot, exception expired, file added): renew it. */
  stale: z.boolean(),
});
export type SignOff = z.infer<typeof SignOff>;

/** A control's status within an assessment: over every current snapshot in scope, with exceptions and files. */
export const AssessmentControl = ControlResult.extend({
  /** The status in the framework's own reporting language (SOC 2, PCI ROC, ISO SoA). */
  label: z.string(),
  /** What was tested, on which population, at what time, concluded in the framework's words. */
  conclusion: z.string(),
  population: z.object({
    accounts: z.array(z.string()),
    regions: z.array(z.string()),
    snapshots: z.array(
      z.object({ snapshotId: z.string(), account: z.string().nullable(), startedAt: z.string() }),
    ),
    resources: z.number().int(),
    excluded: z.number().int(),
  }),
  requests: z.array(
    z.object({ id: z.string(), request: z.string(), attachments: z.number().int(), answered: z.boolean() }),
  ),
  exceptionsInForce: z.array(
    z.object({ id: z.string(), version: z.number().int(), compensating: z.boolean(), expiresAt: z.string() }),
  ),
  /** SHA-256 of the canonical evidence this conclusion rests on; what sign-offs sign. */
  digest: z.string(),
  signoffs: z.array(SignOff),
});
export type AssessmentControl = z.infer<typeof AssessmentControl>;
