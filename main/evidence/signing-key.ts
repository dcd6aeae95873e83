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

/**
 * The DEMO signing key: one fixed Ed25519 key pair, published here on purpose, that signs every package of the
 * embedded demo and nothing else (main/evidence/demo-snapshot.ts says which snapshots are demo).
 * Why fixed and published rather than one per workspace: every verifier, in any workspace or with nothing but
 * openssl, recognises a demo package by its fingerprint alone and can say so; and because anyone can sign with
 * it, a signature by it proves nothing, which is exactly what a demo signature should prove. Hence it is never
 * a trusted signer: trusting or pinning it is refused (main/evidence/trusted-signers.ts, main/export/verify.ts),
 * and a workspace whose own key file holds it is refused, so real evidence is never signed with it.
 */
const DEMO_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIBtL0l4sE8ql9teDrmRXXuj4eHJLalICfjGtWfgpscok
-----END PRIVATE KEY-----
`;
/** Hex SHA-256 of the demo public key's DER, as `openssl pkey -pubin -outform DER | sha256sum` prints it. */
export const DEMO_KEY_FINGERPRINT_HEX = 'e2f44e9a928165e7a6fe74a0966f4590e49de0b8297c088397859bc4693d016f';

export function demoSigningKey(): SigningKey {
  const privateKey = crypto.createPrivateKey(DEMO_PRIVATE_KEY_PEM);
  const publicKey = crypto.createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: groupFingerprint(publicKeyFingerprintHex(publicKey)),
  };
}

/** True for the demo key's fingerprint in any of the ways people write one (grouped, colons, upper case). */
export function isDemoKeyFingerprint(fingerprint: string | null | undefined): boolean {
  return (fingerprint ?? '').replace(/[\s:]/g, '').toLowerCase() === DEMO_KEY_FINGERPRINT_HEX;
}

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
  if (publicKeyFingerprintHex(publicKey) === DEMO_KEY_FINGERPRINT_HEX) {
    throw new SigningKeyError(
      `The workspace signing key ${privateFile} is the published DEMO key: anyone can sign with it, so nothing ` +
        'it signs is evidence. Remove the file; the next export creates a key of this workspace.',
    );
  }
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
