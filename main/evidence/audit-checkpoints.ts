// Signed checkpoints of the audit log. The hash chain alone shows that an entry was edited, but not that
// someone recomputed every hash after the edit, or cut the newest entries off. A checkpoint is the head of
// the chain (seq, hash, time) signed with the workspace key: a rewritten chain no longer reaches the signed
// head hash, and a cut one no longer reaches the signed seq. Checkpoints are made each time the app or CLI
// opens the workspace and whenever a package is exported (the package carries one: an anchor outside the
// workspace that a local attacker cannot rewrite).
import crypto, { type KeyObject } from 'node:crypto';
import type { Db } from '../store/db';
import { canonicalJson } from '../util/hash';
import { fingerprintOfPublicKeyPem, type SigningKey } from './signing-key';

export const CHECKPOINT_FORMAT = 'evidence-desk-audit-checkpoint/1';

export type Checkpoint = {
  headSeq: number;
  headHash: string;
  at: string;
  reason: string;
  signerFingerprint: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature over checkpointMessage(). */
  signature: string;
};

type CheckpointRow = {
  head_seq: number;
  head_hash: string;
  at: string;
  reason: string;
  signer_fingerprint: string;
  public_key_pem: string;
  signature: string;
};

/** The exact bytes signed: canonical JSON, so any Ed25519 tool can check a checkpoint. */
export function checkpointMessage(c: Pick<Checkpoint, 'headSeq' | 'headHash' | 'at'>): Buffer {
  return Buffer.from(
    canonicalJson({ format: CHECKPOINT_FORMAT, head_seq: c.headSeq, head_hash: c.headHash, at: c.at }),
    'utf8',
  );
}

export function signCheckpoint(
  head: { seq: number; hash: string },
  key: Pick<SigningKey, 'privateKey' | 'publicKeyPem' | 'fingerprint'>,
  reason: string,
  at = new Date().toISOString(),
): Checkpoint {
  const base = { headSeq: head.seq, headHash: head.hash, at };
  return {
    ...base,
    reason,
    signerFingerprint: key.fingerprint,
    publicKeyPem: key.publicKeyPem,
    signature: crypto.sign(null, checkpointMessage(base), key.privateKey as KeyObject).toString('base64'),
  };
}

/** Why a checkpoint's signature cannot be trusted, or null when it is sound. */
export function checkpointSignatureProblem(c: Checkpoint): string | null {
  try {
    if (fingerprintOfPublicKeyPem(c.publicKeyPem) !== c.signerFingerprint)
      return 'its public key does not match the fingerprint it names';
    const ok = crypto.verify(
      null,
      checkpointMessage(c),
      crypto.createPublicKey(c.publicKeyPem),
      Buffer.from(c.signature, 'base64'),
    );
    return ok ? null : 'its signature does not match its contents';
  } catch (err) {
    return `it cannot be read (${(err as Error).message})`;
  }
}

export function auditHead(db: Db): { seq: number; hash: string } | null {
  return (
    (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

/**
 * Signs the current head. When the newest checkpoint already covers it (nothing happened since), that one is
 * returned instead of writing a duplicate on every CLI call.
 */
export function recordCheckpoint(db: Db, key: SigningKey, reason: string): Checkpoint | null {
  const head = auditHead(db);
  if (!head) return null;
  const latest = latestCheckpoint(db);
  if (latest && latest.headSeq === head.seq && latest.headHash === head.hash && reason === 'open')
    return latest;
  const c = signCheckpoint(head, key, reason);
  db.prepare(
    `INSERT INTO audit_checkpoints (head_seq, head_hash, at, reason, signer_fingerprint, public_key_pem, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.headSeq, c.headHash, c.at, c.reason, c.signerFingerprint, c.publicKeyPem, c.signature);
  return c;
}

const fromRow = (r: CheckpointRow): Checkpoint => ({
  headSeq: r.head_seq,
  headHash: r.head_hash,
  at: r.at,
  reason: r.reason,
  signerFingerprint: r.signer_fingerprint,
  publicKeyPem: r.public_key_pem,
  signature: r.signature,
});

export function latestCheckpoint(db: Db): Checkpoint | null {
  const row = db.prepare('SELECT * FROM audit_checkpoints ORDER BY head_seq DESC, id DESC LIMIT 1').get() as
    CheckpointRow | undefined;
  return row ? fromRow(row) : null;
}

export function listCheckpoints(db: Db): Checkpoint[] {
  return (db.prepare('SELECT * FROM audit_checkpoints ORDER BY id').all() as CheckpointRow[]).map(fromRow);
}
