// Zipping a package folder (deterministic: sorted entries, fixed timestamps) and reading a package zip
// defensively. A zip is untrusted input: entries that could escape the folder they are unpacked into
// (absolute paths, '..', backslashes, symlinks) are refused and reported, never read or written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { listPackageFiles, unsafePackagePath, type FileHash } from './manifest';

/** Zips dir into zipPath with every entry under rootName/, so unzipping recreates the package folder. */
export async function zipFolder(dir: string, zipPath: string, rootName: string, mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile();
  const { files, symlinks } = listPackageFiles(dir);
  if (symlinks.length > 0) throw new Error(`refusing to zip symbolic links: ${symlinks.join(', ')}`);
  for (const rel of files) {
    // Fixed mode and mtime: the same folder always gives the same zip bytes.
    zip.addFile(path.join(dir, ...rel.split('/')), `${rootName}/${rel}`, { mtime, mode: 0o100644 });
  }
  zip.end();
  // 'wx': never replace a zip that appeared since the name was chosen.
  const out = fs.createWriteStream(zipPath, { flags: 'wx' });
  try {
    await pipeline(zip.outputStream, out);
  } catch (err) {
    fs.rmSync(zipPath, { force: true });
    throw err;
  }
}

export type ZipPackageContents = {
  /** Files of the package (paths relative to the package root) with their hashes. */
  files: FileHash[];
  /** Entries refused as unsafe or unreadable, one sentence each. */
  problems: string[];
  /** Entries outside the package root folder. */
  outside: string[];
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Hashes every entry of a package zip; entries named in `extract` (package-relative paths) are also written
 * to `extractDir` under their base name, for the verifier to read.
 */
export async function readZipPackage(
  zipPath: string,
  extract: ReadonlySet<string>,
  extractDir: string,
): Promise<ZipPackageContents> {
  // decodeStrings: false so yauzl hands us raw names instead of aborting the whole read on the first bad one:
  // we want to report every unsafe entry, and still hash the rest.
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, decodeStrings: false, autoClose: false });
  const problems: string[] = [];
  const entries: { name: string; entry: yauzl.Entry }[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
      const unsafe = unsafePackagePath(name.endsWith('/') ? name.slice(0, -1) : name);
      const isUnixSymlink =
        entry.versionMadeBy >> 8 === 3 && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
      if (unsafe) problems.push(`zip entry '${name}' was refused: it ${unsafe} (a path escape)`);
      else if (isUnixSymlink)
        problems.push(`zip entry '${name}' was refused: it is a symbolic link (a path escape)`);
      else if (entry.isEncrypted()) problems.push(`zip entry '${name}' was refused: it is encrypted`);
      else if (!name.endsWith('/')) entries.push({ name, entry });
    }

    const root = packageRoot(entries.map((e) => e.name));
    const files: FileHash[] = [];
    const outside: string[] = [];
    const seen = new Set<string>();
    for (const { name, entry } of entries) {
      if (root && !name.startsWith(`${root}/`)) {
        outside.push(name);
        continue;
      }
      const rel = root ? name.slice(root.length + 1) : name;
      if (seen.has(rel)) {
        problems.push(`zip entry '${name}' appears more than once`);
        continue;
      }
      seen.add(rel);
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          bytes += chunk.length;
          cb(null, chunk);
        },
      });
      const sink = extract.has(rel)
        ? fs.createWriteStream(path.join(extractDir, path.basename(rel)), { flags: 'wx' })
        : new DevNull();
      try {
        await pipeline(await zip.openReadStreamPromise(entry), meter, sink);
        files.push({ path: rel, sha256: hash.digest('hex'), bytes });
      } catch (err) {
        problems.push(`zip entry '${name}' cannot be read: ${(err as Error).message}`);
      }
    }
    return { files, problems, outside };
  } finally {
    zip.close();
  }
}

/** The single top-level folder holding manifest.json, or '' when the package sits at the zip's root. */
function packageRoot(names: string[]): string {
  if (names.includes('manifest.json')) return '';
  const roots = names.filter((n) => /^[^/]+\/manifest\.json$/.test(n)).map((n) => n.split('/')[0]);
  return roots.length === 1 ? roots[0] : '';
}

/** Discards data: entries we only need to hash. */
class DevNull extends Writable {
  override _write(_chunk: unknown, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    cb();
  }
}
