// Zipping a package folder (deterministic: sorted entries, fixed timestamps) and reading a package zip
// defensively. A zip is untrusted input: entries that could escape the folder they are unpacked into
// (absolute paths, '..', backslashes, symlinks) are refused and reported, never read or written, and every
// byte read is counted against the limits in zip-limits.ts, so a zip bomb stops within megabytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { listPackageFiles, unsafePackagePath, type FileHash } from './manifest';
import { ZipBudget, ZipLimitError, zipLimits, type EntryBudget, type ZipLimits } from './zip-limits';

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
  const out = fs.createWriteStream(zipPath, { flags: 'wx', mode: 0o600 });
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

export type ReadZipOptions = {
  /** Limits to replace (tests use small ones); the rest stay at DEFAULT_ZIP_LIMITS. */
  limits?: Partial<ZipLimits>;
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Fixed part of a central-directory record, before its name, extra field and comment. */
const CENTRAL_RECORD_BYTES = 46;
const STORED = 0;
const DEFLATED = 8;

/**
 * What we keep of a central-directory entry until its data is read. yauzl's Entry also holds its raw name,
 * extra field and comment buffers: 100,000 of them measured 87 MB of heap, these records 13 MB.
 */
type EntryRecord = {
  name: string;
  relativeOffsetOfLocalHeader: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
};

/**
 * The flat file name an extracted entry gets: the whole package path, encoded, so two files with the same base
 * name in different folders (audit/x.json, assessment/x.json) never overwrite each other.
 */
export function extractedName(rel: string): string {
  return encodeURIComponent(rel);
}

/**
 * Hashes every entry of a package zip; entries named in `extract` (package-relative paths) are also written
 * to `extractDir` under extractedName(rel), for the verifier to read. Throws ZipLimitError, with nothing left
 * half-written in extractDir, as soon as the zip crosses one of its limits (see zip-limits.ts).
 */
export async function readZipPackage(
  zipPath: string,
  extract: { has(rel: string): boolean },
  extractDir: string,
  options: ReadZipOptions = {},
): Promise<ZipPackageContents> {
  // decodeStrings: false so yauzl hands us raw names instead of aborting the whole read on the first bad one:
  // we want to report every unsafe entry, and still hash the rest.
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, decodeStrings: false, autoClose: false });
  const budget = new ZipBudget(zipLimits(options.limits), zip.fileSize);
  const problems: string[] = [];
  const entries: EntryRecord[] = [];
  try {
    budget.checkEntryCount(zip.entryCount);
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
      budget.countDirectoryRecord(
        name,
        raw.length,
        CENTRAL_RECORD_BYTES + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength,
      );
      const unsafe = unsafePackagePath(name.endsWith('/') ? name.slice(0, -1) : name);
      const isUnixSymlink =
        entry.versionMadeBy >> 8 === 3 && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
      if (unsafe) problems.push(`zip entry '${name}' was refused: it ${unsafe} (a path escape)`);
      else if (isUnixSymlink)
        problems.push(`zip entry '${name}' was refused: it is a symbolic link (a path escape)`);
      else if (entry.isEncrypted()) problems.push(`zip entry '${name}' was refused: it is encrypted`);
      else if (!name.endsWith('/'))
        entries.push({
          name,
          relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          compressionMethod: entry.compressionMethod,
        });
    }

    const root = packageRoot(entries.map((e) => e.name));
    const files: FileHash[] = [];
    const outside: string[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const { name } = entry;
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
      const target = extract.has(rel) ? path.join(extractDir, extractedName(rel)) : null;
      try {
        files.push({ path: rel, ...(await readEntry(zip, entry, budget.entry(name, rel), target)) });
      } catch (err) {
        if (err instanceof ZipLimitError) throw err;
        problems.push(`zip entry '${name}' cannot be read: ${(err as Error).message}`);
      }
    }
    return { files, problems, outside };
  } finally {
    zip.close();
  }
}

/**
 * Streams one entry's data through the budget into a hash and, when `target` is set, a new file there. The
 * compressed bytes are read raw and inflated here, not by yauzl, so that both sides of the ratio are bytes
 * we counted; a breach destroys the whole pipeline at once and removes the partly written file.
 */
async function readEntry(
  zip: yauzl.ZipFile,
  entry: EntryRecord,
  budget: EntryBudget,
  target: string | null,
): Promise<{ sha256: string; bytes: number }> {
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)
    throw new Error(`it uses compression method ${entry.compressionMethod}; packages use only deflate`);
  const countCompressed = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      budget.countCompressed(chunk.length);
      cb(null, chunk);
    },
  });
  const hash = crypto.createHash('sha256');
  const declared = entry.uncompressedSize;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        budget.countUncompressed(chunk.length);
      } catch (err) {
        return cb(err as Error);
      }
      // yauzl's own size check is bypassed by reading raw, so the header's claim is checked here.
      if (budget.bytes > declared)
        return cb(new Error(`it holds more than the ${declared} bytes its header declares (a forged zip?)`));
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      if (budget.bytes < declared)
        return cb(
          new Error(`it holds ${budget.bytes} bytes, fewer than the ${declared} its header declares`),
        );
      cb();
    },
  });
  const inflate = entry.compressionMethod === DEFLATED ? [zlib.createInflateRaw()] : [];
  // Opened here, not by the stream, so we know for certain whether the file is ours to remove on failure: a
  // stream destroyed while still opening would create the file after we looked. 'wx': never write through a
  // file that is already there.
  const sink = target ? fs.createWriteStream('', { fd: fs.openSync(target, 'wx') }) : new DevNull();
  try {
    // readLocalFileHeader reads only these two fields of an entry; it also checks the data lies inside the
    // file, so a claimed compressed size can never reach past the zip's end.
    const locator = {
      relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
      compressedSize: entry.compressedSize,
    } as yauzl.Entry;
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(locator, { minimal: true });
    const raw = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStreamLowLevel(
        fileDataStart,
        entry.compressedSize,
        0,
        entry.compressedSize,
        false,
        entry.uncompressedSize,
        (err, stream) => (err ? reject(err) : resolve(stream)),
      ),
    );
    await pipeline([raw, countCompressed, ...inflate, meter, sink]);
  } catch (err) {
    if (target) {
      // Wait for the descriptor to close, so the removal also works where open files cannot be deleted.
      // (Not events.once: it rejects on the 'error' the destroyed stream emits first.)
      if (!sink.destroyed) sink.destroy();
      if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
      fs.rmSync(target, { force: true });
    }
    throw err;
  }
  return { sha256: hash.digest('hex'), bytes: budget.bytes };
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
