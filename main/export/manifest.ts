// manifest.json lists every file of a package with its SHA-256 and size; manifest.sig is an Ed25519
// signature over the manifest's exact bytes. Together they let anyone detect a changed, missing or added
// file offline, with nothing but sha256sum and openssl (see VERIFY.txt).
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_IN_PACKAGE = 'signing-key.pub.pem';
export const SHA256SUMS_FILE = 'SHA256SUMS';
export const MANIFEST_FORMAT = 'evidence-desk-package/2';
/** A manifest lists files; it is never large. Anything bigger is refused before it is parsed. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export type FileHash = { path: string; sha256: string; bytes: number };

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  generatedAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** Hashes recomputed by verify from the shipped snapshot.sqlite (main/store/content-hash.ts). */
  snapshot: z.object({
    id: z.string(),
    contentSha256: Sha256Hex,
    contentHashRecipe: z.literal(2),
    schemaSha256: Sha256Hex,
  }),
  evaluation: z.object({ id: z.string(), catalogVersion: z.string(), findingsSha256: Sha256Hex }),
  framework: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  /**
   * The embedded demo's fictional estate (docs/package-format.md, "Demo packages"). Always written; absent only
   * in packages made before it existed, whose shipped snapshot then decides.
   */
  demo: z.boolean().optional(),
  signingKeyFingerprint: z.string(),
  auditTrail: z.object({ file: z.string(), entries: z.number().int(), checkpointHeadSeq: z.number().int() }),
  files: z.array(
    z.object({
      path: z.string().min(1),
      sha256: Sha256Hex,
      bytes: z.number().int().nonnegative(),
    }),
  ),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * Why a path inside a package is unsafe, or null. Package paths are relative, '/'-separated and stay inside
 * the package: anything else could make a verifier or an unzip tool read or write outside it.
 */
export function unsafePackagePath(p: string): string | null {
  if (p.includes('\\')) return 'contains a backslash';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is an absolute path';
  if (p.split('/').some((part) => part === '..')) return "contains '..'";
  if (p.split('/').some((part) => part === '' || part === '.')) return 'has an empty or "." path segment';
  if ([...p].some((ch) => ch.charCodeAt(0) < 0x20)) return 'contains a control character';
  return null;
}

/** Every regular file under dir as '/'-separated relative paths, sorted; symlinks are reported, not followed. */
export function listPackageFiles(dir: string): { files: string[]; symlinks: string[]; other: string[] } {
  const files: string[] = [];
  const symlinks: string[] = [];
  const other: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) symlinks.push(child);
      else if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
      else other.push(child);
    }
  };
  walk('');
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byPath), symlinks: symlinks.sort(byPath), other: other.sort(byPath) };
}

const HASH_CHUNK = Buffer.alloc(1024 * 1024);

/**
 * SHA-256 and size of a file, read in 1 MiB chunks into one reused buffer: a multi-gigabyte snapshot.sqlite is
 * never held in memory, and a small file costs one read (a stream per file cost ten times more on a package of
 * forty small files). Synchronous on purpose: it runs on a job worker, never on the thread that serves the UI.
 */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const n = fs.readSync(fd, HASH_CHUNK, 0, HASH_CHUNK.length, null);
      if (n === 0) break;
      hash.update(HASH_CHUNK.subarray(0, n));
      bytes += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Hashes every package file not excluded. `cache` lets a writer that never rewrites a file (the package
 * writer opens files with 'wx') hash each one once across its several listings.
 */
export async function hashPackageFiles(
  dir: string,
  exclude: ReadonlySet<string>,
  cache?: Map<string, FileHash>,
): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const p of listPackageFiles(dir).files.filter((f) => !exclude.has(f))) {
    let hash = cache?.get(p);
    if (!hash) {
      hash = { path: p, ...(await hashFile(path.join(dir, ...p.split('/')))) };
      cache?.set(p, hash);
    }
    out.push(hash);
  }
  return out;
}

/** The manifest's bytes as written and signed: stable key order, 2-space indent, trailing newline. */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** Base64 Ed25519 signature (RFC 8032, pure: no pre-hash), as `openssl pkeyutl -sign -rawin` makes it. */
export function signManifest(manifestBytes: Buffer, privateKey: KeyObject): string {
  return `${crypto.sign(null, manifestBytes, privateKey).toString('base64')}\n`;
}

export function verifyManifestSignature(
  manifestBytes: Buffer,
  signatureText: string,
  publicKeyPem: string,
): boolean {
  try {
    const signature = Buffer.from(signatureText.trim(), 'base64');
    if (signature.length !== 64) return false;
    return crypto.verify(null, manifestBytes, crypto.createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** `sha256sum -c` input: "<hex>  <path>" per line. */
export function sha256sums(files: readonly FileHash[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}
