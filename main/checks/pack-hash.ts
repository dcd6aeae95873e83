// The catalog version recipe (docs/check-format.md), kept apart from loading so an exporter or a verifier can
// recompute it from a listing without reading any check: the version is "sha256:" + the SHA-256 of the pack
// listing, and the listing is exactly what `sha256sum` prints for the pack's files in byte order of path.
import crypto from 'node:crypto';
import type { PackFile } from './types';

/** Byte order of '/'-separated ASCII paths, the order `LC_ALL=C sort` gives. */
export function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** One "<sha256 hex>  <path>\n" line per pack file, sorted by path: sha256sum's own output format. */
export function packListing(files: readonly PackFile[]): string {
  return [...files]
    .sort(byPath)
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}

export function catalogVersionOf(files: readonly PackFile[]): string {
  return `sha256:${crypto.createHash('sha256').update(packListing(files)).digest('hex')}`;
}

/** File name, inside a package, of the pack listing whose SHA-256 is the evaluation's catalog version. */
export const PACK_LISTING_FILE = 'checks/CHECK-PACK.sha256';
