import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  SigningKeyError,
  loadOrCreateSigningKey,
} from '../../main/evidence/signing-key';
import { signManifest, verifyManifestSignature } from '../../main/export/manifest';

describe('workspace signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates an Ed25519 key once, private file mode 0600, and reuses it', () => {
    const keyDir = path.join(dir, 'keys');
    const first = loadOrCreateSigningKey(keyDir);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.join(keyDir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    }
    const second = loadOrCreateSigningKey(keyDir);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(fs.readFileSync(path.join(keyDir, PUBLIC_KEY_FILE), 'utf8')).toBe(first.publicKeyPem);
  });

  it('fingerprints the public key DER with sha256, grouped in fours', () => {
    const key = loadOrCreateSigningKey(dir);
    const der = crypto.createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    const hex = crypto.createHash('sha256').update(der).digest('hex');
    expect(key.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(key.fingerprint.replace(/ /g, '')).toBe(hex);
  });

  it('signs so that only the exact bytes verify', () => {
    const key = loadOrCreateSigningKey(dir);
    const bytes = Buffer.from('{"a":1}\n');
    const sig = signManifest(bytes, key.privateKey);
    expect(verifyManifestSignature(bytes, sig, key.publicKeyPem)).toBe(true);
    expect(verifyManifestSignature(Buffer.from('{"a":2}\n'), sig, key.publicKeyPem)).toBe(false);
    expect(verifyManifestSignature(bytes, 'not base64 at all', key.publicKeyPem)).toBe(false);
    const other = loadOrCreateSigningKey(path.join(dir, 'other'));
    expect(verifyManifestSignature(bytes, sig, other.publicKeyPem)).toBe(false);
  });

  it('refuses a damaged or foreign key file instead of silently replacing it', () => {
    fs.writeFileSync(path.join(dir, PRIVATE_KEY_FILE), 'garbage', { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(dir)).toThrow(SigningKeyError);
    expect(fs.readFileSync(path.join(dir, PRIVATE_KEY_FILE), 'utf8')).toBe('garbage');
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(path.join(dir, PRIVATE_KEY_FILE), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadOrCreateSigningKey(dir)).toThrow(/is a ec key; Evidence Desk signs with Ed25519/);
  });
});
