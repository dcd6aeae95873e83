// Manual evidence files. The bytes are stored once, content-addressed (<workspace>/attachments/<aa>/<sha256>),
// read-only, and never opened again by the app except to hash or copy them: no preview, no execution, no
// parsing. What the analyst called the file is kept only as sanitised metadata. Replacing a file adds a
// revision; earlier revisions stay listed (and their bytes stay on disk) for the history.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Attachment, Person } from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import { writeTransaction } from '../store/db';
import { getFramework } from '../frameworks/catalog';
import { auditAs } from './audit';
import { getAssessmentRecord } from './assessments-repo';
import type { AssessmentContext } from './context';

/** The largest file accepted as evidence: big enough for a scanned policy or an export, not for a disk image. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/**
 * The largest file sent inline (base64 in a JSON call, browser mode): the web bridge takes 1 MiB bodies
 * (main/web/server.ts MAX_BODY_BYTES), and base64 grows bytes by a third.
 */
export const MAX_INLINE_ATTACHMENT_BYTES = 512 * 1024;
export const ATTACHMENTS_FOLDER = 'attachments';
const MAX_NAME = 200;

export function attachmentPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return path.join(dataDir, ATTACHMENTS_FOLDER, sha256.slice(0, 2), sha256);
}

/**
 * The original file name as metadata only: no folders, no control or bidi characters, no leading dots, bounded.
 * It is never used as a path.
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, MAX_NAME);
  return clean || 'unnamed';
}

/** Stores the bytes under their hash (once: the same content uploaded twice is one file) and returns it. */
export function storeBytes(dataDir: string, bytes: Buffer): { sha256: string; size: number } {
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new RefusedError(
      `The file is ${bytes.length} bytes; evidence files are limited to ${MAX_ATTACHMENT_BYTES} bytes (50 MiB).`,
    );
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const target = attachmentPath(dataDir, sha256);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    // Written aside then renamed: a crash never leaves a partial file under a hash it does not have.
    const tmp = `${target}.${process.pid}.${crypto.randomUUID()}.partial`;
    fs.writeFileSync(tmp, bytes, { mode: 0o400, flag: 'wx' });
    fs.renameSync(tmp, target);
  }
  return { sha256, size: bytes.length };
}

/** Reads a file the analyst pointed at, refusing anything that is not a regular file or is over the cap. */
export function readEvidenceFile(file: string): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new NotFoundError(`No file ${file}.`);
  }
  if (!st.isFile()) throw new RefusedError(`${file} is not a regular file.`);
  if (st.size > MAX_ATTACHMENT_BYTES)
    throw new RefusedError(
      `${file} is ${st.size} bytes; evidence files are limited to ${MAX_ATTACHMENT_BYTES} bytes (50 MiB).`,
    );
  return fs.readFileSync(file);
}

export type AttachInput = {
  assessmentId: string;
  requestId: string;
  bytes: Buffer;
  originalName: string;
  description: string;
  effectiveFrom: string;
  effectiveTo?: string;
};

/** The control a request belongs to, checked against the assessment's frameworks. */
export function requestControl(
  frameworks: readonly string[],
  requestId: string,
): { framework: string; controlId: string } {
  for (const f of frameworks) {
    const framework = getFramework(f as Parameters<typeof getFramework>[0]);
    for (const c of framework.controls)
      if (c.manualEvidence.some((m) => m.id === requestId)) return { framework: f, controlId: c.id };
  }
  throw new NotFoundError(
    `No manual evidence request ${requestId} in this assessment's frameworks (${frameworks.join(', ')}).`,
  );
}

export function attachEvidence(ctx: AssessmentContext, actor: Person, input: AttachInput): Attachment {
  const assessment = getAssessmentRecord(ctx.db, input.assessmentId);
  const { controlId } = requestControl(assessment.frameworks, input.requestId);
  const description = input.description.trim();
  if (!description) throw new RefusedError('Say what the file shows (a description is required).');
  const effectiveTo = input.effectiveTo ?? input.effectiveFrom;
  for (const v of [input.effectiveFrom, effectiveTo])
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v)))
      throw new RefusedError(`The effective date "${v}" is not a date (YYYY-MM-DD).`);
  if (effectiveTo < input.effectiveFrom)
    throw new RefusedError(
      `The effective period ends (${effectiveTo}) before it starts (${input.effectiveFrom}).`,
    );
  const { sha256, size } = storeBytes(ctx.dataDir, input.bytes);
  const originalName = sanitiseFileName(input.originalName);
  let id = 0;
  writeTransaction(ctx.db, 'Attaching evidence', () => {
    const prev = ctx.db
      .prepare('SELECT max(revision) AS r FROM attachments WHERE assessment_id = ? AND request_id = ?')
      .get(input.assessmentId, input.requestId) as { r: number | null };
    const revision = (prev.r ?? 0) + 1;
    id = Number(
      ctx.db
        .prepare(
          `INSERT INTO attachments (assessment_id, request_id, revision, sha256, size, original_name, description,
             effective_from, effective_to, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.assessmentId,
          input.requestId,
          revision,
          sha256,
          size,
          originalName,
          description,
          input.effectiveFrom,
          effectiveTo,
          new Date().toISOString(),
          actor.id,
        ).lastInsertRowid,
    );
    auditAs(ctx, actor, 'evidence.attach', `assessment:${input.assessmentId}`, {
      requestId: input.requestId,
      controlId,
      revision,
      sha256,
      size,
      originalName,
      effectiveFrom: input.effectiveFrom,
      effectiveTo,
    });
  });
  const attached = listAttachments(ctx.db, input.assessmentId).find((a) => a.id === id);
  if (!attached) throw new Error('attachment vanished after insert');
  return attached;
}

type Row = {
  id: number;
  assessment_id: string;
  request_id: string;
  revision: number;
  sha256: string;
  size: number;
  original_name: string;
  description: string;
  effective_from: string;
  effective_to: string;
  uploaded_at: string;
  uploaded_by: string;
  latest: number;
};

/** Every revision, newest first per request; `current` marks the one in force. */
export function listAttachments(db: Db, assessmentId: string, requestId?: string): Attachment[] {
  const rows = db
    .prepare(
      `SELECT a.*, a.revision = (SELECT max(revision) FROM attachments b
         WHERE b.assessment_id = a.assessment_id AND b.request_id = a.request_id) AS latest
       FROM attachments a WHERE a.assessment_id = @a AND (@r IS NULL OR a.request_id = @r)
       ORDER BY a.request_id, a.revision DESC`,
    )
    .all({ a: assessmentId, r: requestId ?? null }) as Row[];
  return rows.map((r) => ({
    id: r.id,
    assessmentId: r.assessment_id,
    requestId: r.request_id,
    revision: r.revision,
    current: r.latest === 1,
    sha256: r.sha256,
    size: r.size,
    originalName: r.original_name,
    description: r.description,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
  }));
}
