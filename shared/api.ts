// THE contract between the UI and the core. Every call the renderer can make and every event main can push
// is listed here, once, with zod schemas for both directions. The Electron preload, the browser-mode HTTP
// bridge and the handlers in main/api are all driven from this file, so a call cannot exist on one side only.
import { z } from 'zod';
import {
  AuditVerifyResult,
  CheckCatalogInfo,
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
  CollectionError,
  TrustedSigner,
  VerifyResult,
} from './domain';

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
  'connections.list': { request: Empty, response: ConnectionList },
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
      })
      .strict(),
    response: z.object({ snapshotId: z.string() }),
  },
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
