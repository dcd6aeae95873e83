// THE contract between the UI and the core. Every call the renderer can make and every event main can push
// is listed here, once, with zod schemas for both directions. The Electron preload, the browser-mode HTTP
// bridge and the handlers in main/api are all driven from this file, so a call cannot exist on one side only.
import { z } from 'zod';
import { SetAzureCloudInput } from './azure-cloud';
import { CustomEndpointInput } from './custom-endpoint';
import {
  AuditVerifyResult,
  CheckCatalogInfo,
  Connection,
  ConnectionList,
  ControlResult,
  ExportProgress,
  ExportResult,
  Finding,
  FindingFilters,
  FindingSort,
  FindingsPage,
  FrameworkIdInput,
  FrameworkInfo,
  SnapshotFinished,
  SnapshotProgress,
  SnapshotSummary,
  RunningSnapshot,
  CollectionError,
  CollectionRunSummary,
  MAX_ACCOUNTS_IN_PARALLEL,
  MemberRoleName,
  TrustedSigner,
  VerifyResult,
  Assessment,
  AssessmentControl,
  AssessmentRole,
  AssessmentScope,
  Attachment,
  ExceptionRecord,
  ExceptionScope,
  ExceptionStatus,
  FrameworkId,
  Person,
  SignOff,
} from './domain';
import { ApprovedRegions, ExceptionMaxDays } from './settings';

/** A PEM public key is a few hundred bytes; this leaves room for comments and line endings, nothing more. */
const MAX_KEY_TEXT = 16 * 1024;

const SnapshotRef = z.object({ snapshotId: z.string().min(1).max(100) }).strict();
const Empty = z.object({}).strict();

/**
 * A path on the machine running the core. Relative paths are refused: they would resolve against whatever
 * folder Evidence Desk happened to start in (the CLI resolves `-o ./x` itself, against the analyst's shell).
 */
const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character')
  .refine(
    (p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p),
    'must be an absolute path (e.g. /home/me/evidence or C:\\evidence), not a relative one',
  );

// ---- Assessments (main/assessments/, docs/assessments.md) ----
/** The person acting (their id or email): every assessment action is audited under them, not the OS user. */
const PersonRef = z.string().trim().min(1).max(320);
const AssessmentRef = z.string().min(1).max(100);
const ExceptionRef = z.string().min(1).max(100);
/** A date or ISO-8601 time; the core judges order and limits. */
const DateText = z.string().min(10).max(40);
/** A manual evidence request id, e.g. CC1.1-R1 or A.8.13-R2. */
const RequestRef = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9.]+-R\d+$/, 'not a manual evidence request id (e.g. CC1.1-R1)');
/** Passphrase of an encrypted person key: used to sign and forgotten; never stored or logged. */
const Passphrase = z.string().min(1).max(1024);
/**
 * Largest inline (base64) upload: the browser bridge takes 1 MiB request bodies (main/web/server.ts). Kept in
 * step with MAX_INLINE_ATTACHMENT_BYTES in main/assessments/attachments.ts; larger files go by path (CLI, app).
 */
export const MAX_INLINE_ATTACHMENT_BASE64 = Math.ceil((512 * 1024) / 3) * 4;
const PeopleInRoles = z.array(z.object({ person: PersonRef, role: AssessmentRole }).strict()).max(100);
const ScopeInput = AssessmentScope.partial().strict();
const ControlRef = z.string().min(1).max(100);

/** Chosen by the UI (crypto.randomUUID) so it can cancel a long call and match its progress events. */
const RequestId = z.uuid().max(36);

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  defaultExportDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const calls = {
  'app.info': { request: Empty, response: AppInfo },
  /** refresh: look again now (the Azure CLI's answers are otherwise kept for a short time). */
  'connections.list': {
    request: z.object({ refresh: z.boolean().default(false) }).strict(),
    response: ConnectionList,
  },
  /** Saves a custom endpoint connection in the workspace (audited); answers the connection as listed. */
  'connections.addEndpoint': { request: CustomEndpointInput, response: Connection },
  /** Removes a saved custom endpoint connection (audited); snapshots taken through it are kept. */
  'connections.removeEndpoint': {
    request: z.object({ connectionId: z.string().min(1).max(200) }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  /**
   * Sets (or with cloud null clears) the Azure cloud of the environment service principal or azd connection
   * (audited); answers the connection as listed. The Azure CLI's cloud is az cloud show's.
   */
  'connections.setAzureCloud': { request: SetAzureCloudInput, response: Connection.nullable() },
  'snapshots.list': { request: Empty, response: z.array(SnapshotSummary) },
  'snapshots.get': {
    request: SnapshotRef,
    response: z.object({ snapshot: SnapshotSummary, errors: z.array(CollectionError) }),
  },
  'snapshots.start': {
    request: z
      .object({
        connectionId: z.string().min(1).max(200),
        /** Limit collection to these regions; empty or absent = every enabled region. */
        regions: z
          .array(
            z
              .string()
              .max(30)
              .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name'),
          )
          .max(40)
          .optional(),
        /**
         * Collect the whole AWS Organization from this (management or delegated administrator) connection:
         * one snapshot per account, grouped in one run. The answer's snapshotId is then the run's id, which
         * its progress events and snapshots.cancel use.
         */
        organization: z
          .object({
            roleName: MemberRoleName.optional(),
            maxAccountsInParallel: z.number().int().min(1).max(MAX_ACCOUNTS_IN_PARALLEL).optional(),
          })
          .strict()
          .optional(),
        /**
         * Azure connections only: the subscriptions to collect (ids); absent or empty = every subscription
         * the identity can read. An Azure start is always a run (one snapshot per subscription): the answer's
         * snapshotId is the run's id, as for an organisation run.
         */
        subscriptions: z
          .array(
            z
              .string()
              .max(36)
              .regex(
                /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
                'not an Azure subscription id (a GUID)',
              ),
          )
          .max(500)
          .optional(),
      })
      .strict(),
    response: z.object({ snapshotId: z.string(), runId: z.string().optional() }),
  },
  /** Whole-organisation runs, newest first, with their account snapshots and the accounts not reached. */
  'runs.list': { request: Empty, response: z.array(CollectionRunSummary) },
  /** Snapshots and organisation runs still collecting, with their latest progress: a reloaded window resumes. */
  'snapshots.running': { request: Empty, response: z.array(RunningSnapshot) },
  'snapshots.cancel': { request: SnapshotRef, response: z.object({ cancelled: z.boolean() }) },
  'checks.list': { request: Empty, response: CheckCatalogInfo },
  /** Every finding at once: for the CLI and small snapshots. The UI pages with findings.query. */
  'findings.list': { request: SnapshotRef, response: z.array(Finding) },
  /** One page of the latest evaluation's findings, sorted and filtered in SQL, with total and facet counts. */
  'findings.query': {
    request: z
      .object({
        snapshotId: z.string().min(1).max(100),
        offset: z.number().int().min(0).max(1e9).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        /** Applied in order; ties always break failures first, then by check id and resource uid. */
        sort: z.array(FindingSort).max(6).default([]),
        filters: FindingFilters.default({}),
      })
      .strict(),
    response: FindingsPage,
  },
  'frameworks.list': { request: Empty, response: z.array(FrameworkInfo) },
  'controls.list': {
    request: z.object({ snapshotId: z.string().min(1).max(100), framework: FrameworkIdInput }).strict(),
    response: z.array(ControlResult),
  },
  'export.create': {
    request: z
      .object({
        snapshotId: z.string().min(1).max(100),
        framework: FrameworkIdInput,
        /** Folder the package is written into; absent = the default export folder. */
        outputDir: AbsolutePath.optional(),
        /** Names this export for export.cancel and its export.progress events. */
        requestId: RequestId.optional(),
      })
      .strict(),
    response: ExportResult,
  },
  /** Stops a running export (by the requestId given to export.create); nothing of it is kept. */
  'export.cancel': {
    request: z.object({ requestId: RequestId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'export.verify': {
    request: z
      .object({
        /** A package folder (holding manifest.json and manifest.sig) or its .zip; nothing else is read. */
        path: AbsolutePath,
        /** Pin one signer: a fingerprint or a PEM public key. Anything else is not verified. */
        expectKey: z.string().min(1).max(MAX_KEY_TEXT).optional(),
      })
      .strict(),
    response: VerifyResult,
  },
  /** This workspace's own signing key and the signers it trusts (withdrawn ones too, for the record). */
  'keys.list': {
    request: Empty,
    response: z.object({
      own: z.object({ fingerprint: z.string(), publicKeyPem: z.string() }),
      signers: z.array(TrustedSigner),
    }),
  },
  'keys.trust': {
    request: z
      .object({
        /** A PEM public key or a fingerprint (64 hex digits, spaces or colons allowed). */
        key: z.string().min(1).max(MAX_KEY_TEXT),
        name: z.string().trim().min(1).max(200),
      })
      .strict(),
    response: TrustedSigner,
  },
  'keys.withdraw': {
    request: z.object({ fingerprint: z.string().min(1).max(200) }).strict(),
    response: TrustedSigner,
  },
  /** Native folder picker; returns null where there is none (browser mode) so the UI asks for a path. */
  'dialog.chooseFolder': {
    request: z.object({ title: z.string().max(200) }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  'audit.verify': { request: Empty, response: AuditVerifyResult },
  /**
   * The approved regions (a workspace setting copied into every snapshot) and, for choosing them, the regions
   * the latest complete snapshot of each account found enabled.
   */
  'settings.approvedRegions.get': {
    request: Empty,
    response: z.object({
      approved: ApprovedRegions,
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
      enabledSeen: z.array(z.object({ account: z.string(), regions: z.array(z.string()) })),
    }),
  },
  'settings.approvedRegions.set': {
    request: z.object({ aws: z.array(z.string().max(40)).max(64) }).strict(),
    response: ApprovedRegions,
  },
  'people.list': { request: Empty, response: z.array(Person) },
  /** Adds a person and creates their Ed25519 signing key in the workspace keys folder (optionally encrypted). */
  'people.create': {
    request: z
      .object({
        name: z.string().trim().min(1).max(200),
        email: z.string().trim().min(3).max(320),
        passphrase: z.string().min(8).max(1024).optional(),
      })
      .strict(),
    response: Person,
  },
  'assessments.list': { request: Empty, response: z.array(Assessment) },
  'assessments.get': { request: z.object({ assessmentId: AssessmentRef }).strict(), response: Assessment },
  'assessments.create': {
    request: z
      .object({
        actor: PersonRef,
        name: z.string().trim().min(1).max(300),
        frameworks: z.array(FrameworkIdInput).min(1).max(FrameworkId.options.length),
        scope: ScopeInput.optional(),
        /** Point in time: start = end. */
        periodStart: DateText,
        periodEnd: DateText,
        people: PeopleInRoles.optional(),
      })
      .strict(),
    response: Assessment,
  },
  'assessments.update': {
    request: z
      .object({
        actor: PersonRef,
        assessmentId: AssessmentRef,
        name: z.string().trim().min(1).max(300).optional(),
        frameworks: z.array(FrameworkIdInput).min(1).max(FrameworkId.options.length).optional(),
        scope: ScopeInput.optional(),
        periodStart: DateText.optional(),
        periodEnd: DateText.optional(),
        /** Replaces the whole list when given. */
        people: PeopleInRoles.optional(),
      })
      .strict(),
    response: Assessment,
  },
  /** Adds a complete snapshot; the latest per account in scope becomes current. */
  'assessments.attachSnapshot': {
    request: z
      .object({ actor: PersonRef, assessmentId: AssessmentRef, snapshotId: z.string().min(1).max(100) })
      .strict(),
    response: Assessment,
  },
  /**
   * One signed evidence package for the whole assessment: every current snapshot in scope (AWS accounts and
   * Azure subscriptions together), all its frameworks, people (public keys), exceptions, manual evidence files
   * and sign-offs (docs/package-format.md, format 3). Runs on the export job worker; progress arrives as
   * export.progress events under requestId, and export.cancel stops it.
   */
  'assessments.export': {
    request: z
      .object({
        assessmentId: AssessmentRef,
        /** Folder the package is written into; absent = the default export folder. */
        outputDir: AbsolutePath.optional(),
        requestId: RequestId.optional(),
      })
      .strict(),
    response: ExportResult,
  },
  /** Every version of every exception (or of one), status computed now. */
  'exceptions.list': {
    request: z
      .object({
        exceptionId: ExceptionRef.optional(),
        checkId: z.string().max(200).optional(),
        status: ExceptionStatus.optional(),
      })
      .strict(),
    response: z.array(ExceptionRecord),
  },
  'exceptions.request': {
    request: z
      .object({
        actor: PersonRef,
        checkId: z.string().min(1).max(200),
        scope: ExceptionScope,
        justification: z.string().max(5000),
        compensatingControl: z.string().max(5000).nullable().optional(),
        riskOwner: PersonRef,
        expiresAt: DateText,
        /** false keeps it a draft (exceptions.submit later). */
        submit: z.boolean().optional(),
      })
      .strict(),
    response: ExceptionRecord,
  },
  'exceptions.submit': {
    request: z.object({ actor: PersonRef, exceptionId: ExceptionRef }).strict(),
    response: ExceptionRecord,
  },
  'exceptions.approve': {
    request: z
      .object({ actor: PersonRef, exceptionId: ExceptionRef, note: z.string().max(5000).optional() })
      .strict(),
    response: ExceptionRecord,
  },
  'exceptions.reject': {
    request: z
      .object({ actor: PersonRef, exceptionId: ExceptionRef, note: z.string().min(1).max(5000) })
      .strict(),
    response: ExceptionRecord,
  },
  'exceptions.revoke': {
    request: z
      .object({ actor: PersonRef, exceptionId: ExceptionRef, note: z.string().min(1).max(5000) })
      .strict(),
    response: ExceptionRecord,
  },
  /** A new pending version with a new expiry; the approved one stays in force until it expires. */
  'exceptions.renew': {
    request: z
      .object({
        actor: PersonRef,
        exceptionId: ExceptionRef,
        expiresAt: DateText,
        justification: z.string().max(5000).optional(),
        compensatingControl: z.string().max(5000).nullable().optional(),
      })
      .strict(),
    response: ExceptionRecord,
  },
  'evidence.list': {
    request: z.object({ assessmentId: AssessmentRef, requestId: RequestRef.optional() }).strict(),
    response: z.array(Attachment),
  },
  /** Attaches a file to a manual evidence request: by path (CLI, app) or inline base64 (browser mode, small). */
  'evidence.attach': {
    request: z
      .object({
        actor: PersonRef,
        assessmentId: AssessmentRef,
        requestId: RequestRef,
        description: z.string().trim().min(1).max(5000),
        effectiveFrom: DateText,
        effectiveTo: DateText.optional(),
        /** Either { path } (absolute, on the machine running the core) or { name, base64 } (inline, small). */
        file: z
          .object({
            path: AbsolutePath.optional(),
            name: z.string().min(1).max(1000).optional(),
            base64: z
              .base64()
              .max(MAX_INLINE_ATTACHMENT_BASE64, 'too large to send inline; attach it by path')
              .optional(),
          })
          .strict()
          .refine(
            (f) =>
              (f.path !== undefined) !== (f.base64 !== undefined) &&
              (f.base64 === undefined) === (f.name === undefined),
            'give either path, or name and base64',
          ),
      })
      .strict(),
    response: Attachment,
  },
  /** Status and conclusion of every control of one framework over the assessment's current snapshots. */
  'controls.forAssessment': {
    request: z.object({ assessmentId: AssessmentRef, framework: FrameworkIdInput }).strict(),
    response: z.array(AssessmentControl),
  },
  'signoffs.list': {
    request: z.object({ assessmentId: AssessmentRef, framework: FrameworkIdInput.optional() }).strict(),
    response: z.array(SignOff),
  },
  /** Signs one control ('*' = the whole framework) in a role with the person's own key. */
  'signoffs.sign': {
    request: z
      .object({
        actor: PersonRef,
        assessmentId: AssessmentRef,
        framework: FrameworkIdInput,
        controlId: ControlRef,
        role: AssessmentRole,
        passphrase: Passphrase.optional(),
      })
      .strict(),
    response: SignOff,
  },
  'settings.exceptionMaxDays.get': { request: Empty, response: ExceptionMaxDays },
  'settings.exceptionMaxDays.set': { request: ExceptionMaxDays, response: ExceptionMaxDays },
  /**
   * The newcomer's demo assessment over the latest complete demo snapshot (main/assessments/demo-seed.ts):
   * demo people, an approved and an expired exception, a file and a preparer sign-off. Answers the existing
   * one when it was already made.
   */
  'assessments.seedDemo': { request: Empty, response: Assessment },
  /** What the snapshot identity must be granted: the AWS policy (pasteable), its notes, the Azure custom role. */
  'policy.get': {
    request: Empty,
    response: z.object({
      aws: z.object({ policy: z.unknown(), notes: z.array(z.string()) }),
      azure: z.object({ role: z.unknown(), graphPermissions: z.array(z.string()) }).nullable(),
    }),
  },
  /** Audit log entries, newest first, one page at a time (audit.verify checks the whole chain). */
  'audit.list': {
    request: z
      .object({
        /** Entries with a sequence number below this one (the previous page's last); absent = the newest. */
        beforeSeq: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.object({
      entries: z.array(
        z.object({
          seq: z.number().int(),
          at: z.string(),
          actor: z.string(),
          action: z.string(),
          entity: z.string(),
          details: z.unknown(),
          hash: z.string(),
        }),
      ),
      total: z.number().int(),
    }),
  },
} as const;

export type CallName = keyof typeof calls;
export type CallRequest<K extends CallName> = z.input<(typeof calls)[K]['request']>;
export type CallResponse<K extends CallName> = z.infer<(typeof calls)[K]['response']>;
export const callNames = Object.keys(calls) as CallName[];

export const events = {
  'snapshot.progress': SnapshotProgress,
  'snapshot.finished': SnapshotFinished,
  'export.progress': ExportProgress,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;
export const eventNames = Object.keys(events) as EventName[];

/** Every result crosses the boundary as a value or an error, never as a thrown exception. */
export type ApiError = { code: ApiErrorCode; message: string };
export type ApiErrorCode =
  | 'invalid-request'
  | 'unknown-call'
  | 'not-found'
  | 'refused'
  | 'failed'
  /** The analyst stopped the work (export.cancel); nothing of it was kept. */
  | 'cancelled';
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What window.api looks like (Electron preload) and what the browser bridge implements. */
export interface Api {
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<Result<CallResponse<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The one IPC channel names; the preload and main/electron both use these. */
export const IPC_CALL_CHANNEL = 'evidence-desk:call';
export const IPC_EVENT_CHANNEL = 'evidence-desk:event';
