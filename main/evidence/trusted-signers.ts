// The workspace's trusted signers: whose signature turns "intact" into "verified". A valid signature by a key
// nobody vouched for proves only that the package was not changed after SOMEONE signed it, so verify answers
// "signer unknown" for it. The workspace's own key is trusted from the start; other keys are added by the
// analyst (by public key or by fingerprint read out by the signer), and trust is withdrawn, never erased.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { TrustedSigner } from '../../shared/domain';
import { RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import {
  DEMO_KEY_FINGERPRINT_HEX,
  groupFingerprint,
  publicKeyFingerprintHex,
  type SigningKey,
} from './signing-key';

export type KeyReference = { fingerprint: string; publicKeyPem: string | null };

const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Hex fingerprint from any of the ways people write one: grouped, colon-separated, upper case. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/**
 * Reads what the analyst typed or pasted: a PEM public key, a path to a PEM file, or a fingerprint (SHA-256 of
 * the DER public key). Only Ed25519 keys are accepted: that is what packages are signed with.
 */
export function parseKeyReference(input: string): KeyReference {
  const text = input.trim();
  const fp = normaliseFingerprint(text);
  if (fp) return { fingerprint: fp, publicKeyPem: null };
  let pem = text;
  if (!text.includes('-----BEGIN')) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(text);
    } catch {
      stat = null;
    }
    if (!stat?.isFile())
      throw new RefusedError(
        'Give a public key (PEM text or a .pem file) or its fingerprint (64 hex digits, spaces allowed).',
      );
    if (stat.size > MAX_KEY_FILE_BYTES)
      throw new RefusedError(`${text} is ${stat.size} bytes: too large to be a public key file.`);
    pem = fs.readFileSync(text, 'utf8');
  }
  if (/PRIVATE KEY-----/.test(pem))
    throw new RefusedError(
      'That is a PRIVATE key. Never share it: give the public key (signing-key.pub.pem).',
    );
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(pem);
  } catch (err) {
    throw new RefusedError(`That is not a readable public key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new RefusedError(
      `That is a ${key.asymmetricKeyType ?? 'unknown'} key; packages are signed with Ed25519.`,
    );
  return {
    fingerprint: publicKeyFingerprintHex(key),
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

type Row = {
  fingerprint: string;
  name: string;
  public_key_pem: string | null;
  added_at: string;
  added_by: string;
  added_how: string;
  removed_at: string | null;
};

const toSigner = (r: Row): TrustedSigner => ({
  fingerprint: groupFingerprint(r.fingerprint),
  name: r.name,
  publicKeyPem: r.public_key_pem,
  addedAt: r.added_at,
  addedBy: r.added_by,
  addedHow: r.added_how,
  removedAt: r.removed_at,
});

export function listTrustedSigners(db: Db, opts: { includeWithdrawn?: boolean } = {}): TrustedSigner[] {
  const rows = db
    .prepare(
      `SELECT * FROM trusted_signers ${opts.includeWithdrawn ? '' : 'WHERE removed_at IS NULL'} ORDER BY added_at, id`,
    )
    .all() as Row[];
  return rows.map(toSigner);
}

/**
 * Active trust, hex fingerprint -> name. The demo key is left out even if a row names it (written by an older
 * build or by hand): its private half is published, so trust in it would be trust in anyone.
 */
export function trustedSignerNames(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT fingerprint, name FROM trusted_signers WHERE removed_at IS NULL').all() as {
    fingerprint: string;
    name: string;
  }[];
  return new Map(
    rows.filter((r) => r.fingerprint !== DEMO_KEY_FINGERPRINT_HEX).map((r) => [r.fingerprint, r.name]),
  );
}

/**
 * Why the demo key can never be trusted. Refused outright rather than behind an --allow-demo-key confirmation:
 * its private key ships with the app, so a "trusted" demo signature could be forged by anyone for any package,
 * and no confirmation makes that safe. Demo packages verify as intact but signer unknown, by design.
 */
export const DEMO_KEY_REFUSAL =
  'That is the published DEMO signing key (it signs only the embedded demo, and its private key ships with ' +
  'Evidence Desk, so anyone can sign with it). It cannot be trusted or pinned: a demo package verifies as ' +
  '"intact but signer unknown", never as verified.';

export function trustSigner(
  db: Db,
  input: { key: string; name: string; addedBy: string; how: string },
): TrustedSigner {
  const name = input.name.trim();
  if (!name) throw new RefusedError('Give the signer a name (who they are, e.g. "Jane Doe, Acme GRC").');
  const ref = parseKeyReference(input.key);
  if (ref.fingerprint === DEMO_KEY_FINGERPRINT_HEX) throw new RefusedError(DEMO_KEY_REFUSAL);
  const existing = db
    .prepare('SELECT name FROM trusted_signers WHERE fingerprint = ? AND removed_at IS NULL')
    .get(ref.fingerprint) as { name: string } | undefined;
  if (existing)
    throw new RefusedError(
      `Key ${groupFingerprint(ref.fingerprint)} is already trusted as "${existing.name}".`,
    );
  db.prepare(
    `INSERT INTO trusted_signers (fingerprint, name, public_key_pem, added_at, added_by, added_how)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(ref.fingerprint, name, ref.publicKeyPem, new Date().toISOString(), input.addedBy, input.how);
  return listTrustedSigners(db).find((s) => normaliseFingerprint(s.fingerprint) === ref.fingerprint)!;
}

export function withdrawTrust(db: Db, fingerprint: string): TrustedSigner {
  const fp = normaliseFingerprint(fingerprint);
  if (!fp) throw new RefusedError('Give the fingerprint of the key (64 hex digits, spaces allowed).');
  const result = db
    .prepare('UPDATE trusted_signers SET removed_at = ? WHERE fingerprint = ? AND removed_at IS NULL')
    .run(new Date().toISOString(), fp);
  if (result.changes === 0) throw new RefusedError(`Key ${groupFingerprint(fp)} is not a trusted signer.`);
  const row = db
    .prepare('SELECT * FROM trusted_signers WHERE fingerprint = ? ORDER BY id DESC LIMIT 1')
    .get(fp) as Row;
  return toSigner(row);
}

/**
 * The workspace trusts its own key, once: if the analyst later withdraws that trust (say, after the key
 * leaked), opening the workspace must not silently restore it.
 */
export function ensureOwnKeyTrusted(db: Db, key: SigningKey, actor: string): boolean {
  const hex = normaliseFingerprint(key.fingerprint)!;
  const known = db.prepare('SELECT 1 FROM trusted_signers WHERE fingerprint = ?').get(hex);
  if (known) return false;
  db.prepare(
    `INSERT INTO trusted_signers (fingerprint, name, public_key_pem, added_at, added_by, added_how)
     VALUES (?, ?, ?, ?, ?, 'workspace key')`,
  ).run(hex, 'This workspace', key.publicKeyPem, new Date().toISOString(), actor);
  return true;
}
