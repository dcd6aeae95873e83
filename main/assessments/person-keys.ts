// Each person's own Ed25519 signing key: created in the workspace's keys folder when the person is added, the
// private half a PKCS#8 PEM file (0600), encrypted with the person's passphrase when they give one. The
// database holds only the public half, so a copy of it can verify sign-offs but never make one; neither the
// key nor the passphrase is ever logged or returned.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../core/errors';
import { publicKeyFingerprintHex } from '../evidence/signing-key';

export const PEOPLE_KEY_FOLDER = 'people';
/** Short passphrases make the encryption decorative; this is the floor, not a recommendation. */
export const MIN_PASSPHRASE = 8;

export function personKeyFile(keyDir: string, personId: string): string {
  // Ids are ours (UUIDs), but the file name is still checked: it must never leave the folder.
  if (!/^[A-Za-z0-9-]{1,64}$/.test(personId)) throw new Error(`not a person id: ${personId}`);
  return path.join(keyDir, PEOPLE_KEY_FOLDER, `${personId}.pem`);
}

export type CreatedPersonKey = { publicKeyPem: string; fingerprint: string; encrypted: boolean };

export function createPersonKey(keyDir: string, personId: string, passphrase?: string): CreatedPersonKey {
  if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE)
    throw new RefusedError(`A key passphrase needs at least ${MIN_PASSPHRASE} characters.`);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const pem = privateKey
    .export(
      passphrase === undefined
        ? { type: 'pkcs8', format: 'pem' }
        : { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
    )
    .toString();
  const file = personKeyFile(keyDir, personId);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': a key file that already exists is someone's key; never replace it.
  fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprintHex(publicKey),
    encrypted: passphrase !== undefined,
  };
}

/** The person's private key; refused (never a stack trace echoing the file) when it cannot be opened. */
export function loadPersonKey(keyDir: string, personId: string, passphrase?: string): KeyObject {
  const file = personKeyFile(keyDir, personId);
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    throw new RefusedError(
      `The signing key of person ${personId} is not in this workspace (${file}); sign-offs need it.`,
    );
  }
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY');
  if (encrypted && !passphrase)
    throw new RefusedError(
      `The signing key of person ${personId} is passphrase-protected: give the passphrase.`,
    );
  try {
    const key = crypto.createPrivateKey(encrypted ? { key: pem, passphrase } : pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key;
  } catch {
    // The underlying message says nothing useful and must not hint at the key: one plain answer.
    throw new RefusedError(`The signing key of person ${personId} could not be opened: wrong passphrase?`);
  }
}

export function signBytes(key: KeyObject, data: string): string {
  return crypto.sign(null, Buffer.from(data, 'utf8'), key).toString('base64');
}

export function verifyBytes(publicKeyPem: string, data: string, signature: string): boolean {
  try {
    return crypto.verify(null, Buffer.from(data, 'utf8'), publicKeyPem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
