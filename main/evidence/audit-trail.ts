// The audit trail a package carries: every audit entry about its snapshot, in full, plus the proof that those
// entries sit in the workspace's hash chain under a signed checkpoint. The proof is the chain's skeleton
// (seq, prev_hash, hash of every entry up to the checkpoint): it links the shipped entries to the signed head
// without disclosing what the workspace's other entries (other clients, other snapshots) say.
import { z } from 'zod';
import type { Db } from '../store/db';
import type { Checkpoint } from './audit-checkpoints';
import { checkpointSignatureProblem } from './audit-checkpoints';
import { GENESIS_HASH, entryHash, type AuditRow } from './audit-log';

export const AUDIT_TRAIL_FILE = 'audit/audit-trail.json';
export const AUDIT_TRAIL_FORMAT = 'evidence-desk-audit-trail/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const AuditTrail = z
  .object({
    format: z.literal(AUDIT_TRAIL_FORMAT),
    entity: z.string(),
    checkpoint: z.object({
      headSeq: z.number().int().nonnegative(),
      headHash: Hex64,
      at: z.string(),
      reason: z.string(),
      signerFingerprint: z.string(),
      publicKeyPem: z.string(),
      signature: z.string(),
    }),
    /** [seq, prev_hash, hash] for every entry 1..checkpoint.headSeq. */
    chain: z.array(z.tuple([z.number().int().positive(), Hex64, Hex64])),
    entries: z.array(
      z.object({
        seq: z.number().int().positive(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        entity: z.string(),
        details: z.string(),
        prev_hash: Hex64,
        hash: Hex64,
      }),
    ),
  })
  .strict();
export type AuditTrail = z.infer<typeof AuditTrail>;

export function buildAuditTrail(db: Db, entity: string, checkpoint: Checkpoint): AuditTrail {
  const chain = (
    db
      .prepare('SELECT seq, prev_hash, hash FROM audit_log WHERE seq <= ? ORDER BY seq')
      .all(checkpoint.headSeq) as { seq: number; prev_hash: string; hash: string }[]
  ).map((r) => [r.seq, r.prev_hash, r.hash] as [number, string, string]);
  const entries = db
    .prepare('SELECT * FROM audit_log WHERE entity = ? AND seq <= ? ORDER BY seq')
    .all(entity, checkpoint.headSeq) as AuditRow[];
  return { format: AUDIT_TRAIL_FORMAT, entity, checkpoint, chain, entries };
}

/**
 * Problems with a shipped trail, each one sentence; empty when every entry is intact, links into the chain,
 * and the chain ends at the head that `expectedSigner` (hex fingerprint, the package signer) signed.
 */
export function auditTrailProblems(raw: unknown, expectedSigner: string | null): string[] {
  const parsed = AuditTrail.safeParse(raw);
  if (!parsed.success)
    return [
      `the audit trail is malformed: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
    ];
  const trail = parsed.data;
  const problems: string[] = [];
  const sig = checkpointSignatureProblem(trail.checkpoint);
  if (sig) problems.push(`the audit checkpoint cannot be trusted: ${sig}`);
  const signer = trail.checkpoint.signerFingerprint.replace(/\s/g, '');
  if (expectedSigner && signer !== expectedSigner)
    problems.push(`the audit checkpoint is signed by ${signer}, not by the package's signer`);

  let prev = GENESIS_HASH;
  const bySeq = new Map<number, [string, string]>();
  trail.chain.forEach(([seq, prevHash, hash], i) => {
    if (seq !== i + 1) problems.push(`the audit chain skips from entry ${i} to ${seq}`);
    else if (prevHash !== prev) problems.push(`audit entry ${seq} does not follow entry ${seq - 1}`);
    prev = hash;
    bySeq.set(seq, [prevHash, hash]);
  });
  if (trail.chain.length !== trail.checkpoint.headSeq || prev !== trail.checkpoint.headHash)
    problems.push('the audit chain does not end at the signed checkpoint');
  for (const e of trail.entries) {
    if (e.entity !== trail.entity)
      problems.push(`audit entry ${e.seq} is about ${e.entity}, not ${trail.entity}`);
    if (entryHash(e) !== e.hash) problems.push(`audit entry ${e.seq} was altered after it was written`);
    const link = bySeq.get(e.seq);
    if (!link || link[0] !== e.prev_hash || link[1] !== e.hash)
      problems.push(`audit entry ${e.seq} is not the entry at that place in the signed chain`);
  }
  return problems.slice(0, 20);
}
