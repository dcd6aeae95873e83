// What an attacker with a key of their own can do to a package folder: put their public key in, re-sign the
// audit trail's checkpoint, re-make SHA256SUMS and the manifest, and sign it. Used by the security suite
// (after changing a file) and the trust e2e (changing nothing, so only the signer is unknown).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signCheckpoint } from '../../main/evidence/audit-checkpoints';
import { AUDIT_TRAIL_FILE } from '../../main/evidence/audit-trail';
import { groupFingerprint, publicKeyFingerprintHex } from '../../main/evidence/signing-key';
import {
  MANIFEST_FILE,
  PUBLIC_KEY_IN_PACKAGE,
  SHA256SUMS_FILE,
  SIGNATURE_FILE,
  hashPackageFiles,
  serializeManifest,
  sha256sums,
  signManifest,
  type Manifest,
} from '../../main/export/manifest';

export type SignerKey = { privateKey: crypto.KeyObject; publicKeyPem: string; fingerprint: string };

export function freshSignerKey(): SignerKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: groupFingerprint(publicKeyFingerprintHex(publicKey)),
  };
}

/** Re-signs the package folder `dir` in place with a fresh key and returns that key. */
export async function resignPackage(dir: string): Promise<SignerKey> {
  const key = freshSignerKey();
  fs.writeFileSync(path.join(dir, PUBLIC_KEY_IN_PACKAGE), key.publicKeyPem);
  const trailFile = path.join(dir, ...AUDIT_TRAIL_FILE.split('/'));
  const trail = JSON.parse(fs.readFileSync(trailFile, 'utf8'));
  trail.checkpoint = signCheckpoint(
    { seq: trail.checkpoint.headSeq, hash: trail.checkpoint.headHash },
    key,
    'export',
  );
  fs.writeFileSync(trailFile, JSON.stringify(trail));
  fs.rmSync(path.join(dir, SHA256SUMS_FILE));
  fs.writeFileSync(
    path.join(dir, SHA256SUMS_FILE),
    sha256sums(await hashPackageFiles(dir, new Set([MANIFEST_FILE, SIGNATURE_FILE, SHA256SUMS_FILE]))),
  );
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  manifest.signingKeyFingerprint = key.fingerprint;
  manifest.files = await hashPackageFiles(dir, new Set([MANIFEST_FILE, SIGNATURE_FILE]));
  const bytes = serializeManifest(manifest);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
  fs.writeFileSync(path.join(dir, SIGNATURE_FILE), signManifest(bytes, key.privateKey));
  return key;
}
