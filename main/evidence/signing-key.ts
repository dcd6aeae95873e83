// The workspace signing key: one Ed25519 key pair per workspace, created on first export and reused, so an
// auditor who has pinned the fingerprint once can trust every later package from the same workspace.
// The private key never leaves keyDir (file mode 0600); packages carry only the public key.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

export type SigningKey = { privateKey: KeyObject; publicKeyPem: string; fingerprint: string };

export class SigningKeyError extends Error {}

/** sha256 of the public key's DER (SubjectPublicKeyInfo) as plain lowercase hex, as `sha256sum` prints it. */
export function publicKeyFingerprintHex(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex');
}

/** Groups of four hex digits: easier to read aloud and compare by eye than 64 digits in a row. */
export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

export function fingerprintOfPublicKeyPem(publicKeyPem: string): string {
  return groupFingerprint(publicKeyFingerprintHex(crypto.createPublicKey(publicKeyPem)));
}

export function loadOrCreateSigningKey(keyDir: string): SigningKey {
  const privateFile = path.join(keyDir, PRIVATE_KEY_FILE);
  // Owner-only like the rest of the workspace (umask can only narrow 0700, never widen it).
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(privateFile)) createKeyFile(privateFile);

  let privateKey: KeyObject;
  try {
    privateKey = crypto.createPrivateKey(fs.readFileSync(privateFile, 'utf8'));
  } catch (err) {
    throw new SigningKeyError(
      `The workspace signing key ${privateFile} cannot be read (${(err as Error).message}). ` +
        'Restore it from a backup; deleting it creates a new key whose fingerprint auditors will not recognise.',
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(
      `The workspace signing key ${privateFile} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; ` +
        'Evidence Desk signs with Ed25519. Restore the original key file.',
    );
  }
  const publicKey = crypto.createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // Kept beside the private key so the analyst can hand the public half to auditors out of band.
  const publicFile = path.join(keyDir, PUBLIC_KEY_FILE);
  if (!fs.existsSync(publicFile) || fs.readFileSync(publicFile, 'utf8') !== publicKeyPem) {
    fs.writeFileSync(publicFile, publicKeyPem, { mode: 0o600 });
  }
  return { privateKey, publicKeyPem, fingerprint: groupFingerprint(publicKeyFingerprintHex(publicKey)) };
}

function createKeyFile(privateFile: string): void {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    // 'wx': two exports racing to create the key must not silently replace each other's key.
    fs.writeFileSync(privateFile, pem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
