// Threat: a package zip handed to an auditor is a zip bomb or a resource-exhaustion attack: a few megabytes
// that inflate to gigabytes on disk (snapshot.sqlite is extracted), millions of entries, a huge manifest, or
// headers that lie about sizes so a size check on the header passes.
// Proves: readZipPackage counts the bytes it actually reads and inflates, stops the moment a limit is crossed
// (entry count before the central directory is walked, name and directory size, per-entry and whole-zip
// compression ratio, total size, per-file caps), deletes the partly written file, keeps memory, time and disk
// small while doing so, and verifyPackage turns every breach into "not verified"; a real package still
// verifies.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { writePackage } from '../../main/export/package-writer';
import { verifyPackage } from '../../main/export/verify';
import { readZipPackage, type ReadZipOptions } from '../../main/export/zip';
import { DEFAULT_ZIP_LIMITS, ZipLimitError } from '../../main/export/zip-limits';
import { makeExportFixture, makeModel, type Fixture } from '../integration/export-fixture';

const KiB = 1024;
const MiB = 1024 * KiB;
const ROOT = 'evidence-pkg';
const EXTRACT = new Set(['manifest.json', 'manifest.sig', 'signing-key.pub.pem', 'snapshot.sqlite']);

let work: string;
let n = 0;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-zip-bounds-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function freshDir(): string {
  const dir = path.join(work, `extract-${++n}`);
  fs.mkdirSync(dir);
  return dir;
}

function writeZipFile(bytes: Buffer): string {
  const file = path.join(work, `zip-${++n}.zip`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A zip built with yazl (honest headers). */
async function yazlZip(entries: { name: string; data: Buffer; comment?: string }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    // yazl takes a fileComment for buffers too (its README); @types/yazl only lists it for addFile.
    const options: Partial<yazl.FileOptions> = { compressionLevel: 9, fileComment: e.comment };
    zip.addBuffer(e.data, e.name, options);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return writeZipFile(Buffer.concat(chunks));
}

type ForgedEntry = {
  name: string;
  /** The entry's data exactly as stored in the zip (already deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  /** The uncompressed size both headers claim: the attacker chooses it freely. */
  declaredSize: number;
  /** Point this directory record at an earlier entry's local header and data (overlapping entries). */
  dataOf?: string;
};

/**
 * Writes a zip by hand, byte by byte, so a test can state sizes that do not match the data (yazl always
 * writes the truth). Local header and central directory agree with each other; only the data disagrees.
 */
function forgeZip(entries: ForgedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const offsets = new Map<string, number>();
  let at = 0;
  for (const e of entries) {
    if (e.dataOf) continue;
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6); // names are UTF-8
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(0x21, 12); // 1980-01-01
    h.writeUInt32LE(0, 14); // CRC: yauzl does not check it, and the limits must hold before any CRC could
    h.writeUInt32LE(e.stored.length, 18);
    h.writeUInt32LE(e.declaredSize, 22);
    h.writeUInt16LE(name.length, 26);
    offsets.set(e.name, at);
    parts.push(h, name, e.stored);
    at += h.length + name.length + e.stored.length;
  }
  const cdStart = at;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = e.dataOf ? entries.find((x) => x.name === e.dataOf)! : e;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(data.method, 10);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(data.stored.length, 20);
    c.writeUInt32LE(data.declaredSize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(offsets.get(data.name)!, 42);
    parts.push(c, name);
    at += c.length + name.length;
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(at - cdStart, 12);
  eocd.writeUInt32LE(cdStart, 16);
  parts.push(eocd);
  return Buffer.concat(parts);
}

/**
 * Raw deflate data for `mib` MiB of zeros, built in milliseconds: one sync-flushed block for 1 MiB of zeros
 * (about 1 KB) decodes to the same megabyte wherever it is repeated, then an empty final block.
 */
function deflatedZeros(mib: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), {
    level: 9,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
  });
  return Buffer.concat([...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00])]);
}

/** Data of a moderate ratio (about 45:1): a bomb that no single entry's ratio check would stop. */
function modestData(bytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let size = 0; size < bytes; size += 10_200) parts.push(crypto.randomBytes(200), Buffer.alloc(10_000));
  return Buffer.concat(parts).subarray(0, bytes);
}

const smallManifest = Buffer.from('{"format":"test"}\n');

type Measured<T> = { value?: T; error?: unknown; ms: number; peakRssGrowth: number; peakDirBytes: number };

/**
 * Runs fn while sampling RSS and the size of `dir` every few milliseconds. A sample can miss the exact peak,
 * so the bounds asserted sit well above what the reader lets through and far below what a missing check
 * would cost (gigabytes).
 */
async function measure<T>(dir: string, fn: () => Promise<T>): Promise<Measured<T>> {
  const dirBytes = () => fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let peakDirBytes = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    try {
      peakDirBytes = Math.max(peakDirBytes, dirBytes());
    } catch {
      // a file removed between readdir and stat: the next sample sees the settled state
    }
  };
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  const result: Measured<T> = { ms: 0, peakRssGrowth: 0, peakDirBytes: 0 };
  try {
    result.value = await fn();
  } catch (err) {
    result.error = err;
  }
  result.ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  result.peakRssGrowth = peakRss - baseline;
  result.peakDirBytes = peakDirBytes;
  return result;
}

async function limitError(zip: string, options: ReadZipOptions, dir = freshDir()): Promise<ZipLimitError> {
  const err = await readZipPackage(zip, EXTRACT, dir, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the read must stop with a ZipLimitError').toBeInstanceOf(ZipLimitError);
  return err as ZipLimitError;
}

describe('zip bombs: compression ratio', () => {
  it('stops an entry that inflates past the ratio cap, counting the bytes actually inflated', async () => {
    // 64 MiB of zeros in 65 KB, declared truthfully: the reader never looks at declared sizes for limits.
    const zip = forgeZip([
      { name: `${ROOT}/manifest.json`, stored: smallManifest, method: 0, declaredSize: smallManifest.length },
      { name: `${ROOT}/evidence/x.json`, stored: deflatedZeros(64), method: 8, declaredSize: 64 * MiB },
    ]);
    const err = await limitError(writeZipFile(zip), {
      limits: { maxCompressionRatio: 50, compressionRatioGraceBytes: 256 * KiB },
    });
    expect(err.message).toBe(
      `zip entry '${ROOT}/evidence/x.json' expands more than 50 times its compressed size (a zip bomb?); verification stopped`,
    );
  });

  it('lets a small, highly compressible file through: the ratio only counts past the grace size', async () => {
    // 512 KiB of zeros in about 500 bytes: a 1000:1 ratio, harmless at this size.
    const blank = Buffer.alloc(512 * KiB);
    const zip = forgeZip([
      { name: `${ROOT}/manifest.json`, stored: smallManifest, method: 0, declaredSize: smallManifest.length },
      {
        name: `${ROOT}/evidence/blank.json`,
        stored: zlib.deflateRawSync(blank, { level: 9 }),
        method: 8,
        declaredSize: blank.length,
      },
    ]);
    const r = await readZipPackage(writeZipFile(zip), EXTRACT, freshDir());
    expect(r.problems).toEqual([]);
    expect(r.files.find((f) => f.path === 'evidence/blank.json')).toMatchObject({
      bytes: blank.length,
      sha256: crypto.createHash('sha256').update(blank).digest('hex'),
    });
  });

  it('with the DEFAULT limits, a 4 MB zip that would write a 3.9 GiB snapshot.sqlite stops within megabytes', async () => {
    const bomb = deflatedZeros(3900);
    expect(bomb.length).toBeLessThan(4.1 * 1000 * 1000);
    const zipPath = writeZipFile(
      forgeZip([
        {
          name: `${ROOT}/manifest.json`,
          stored: smallManifest,
          method: 0,
          declaredSize: smallManifest.length,
        },
        // Declared truthfully (3.9 GiB): a reader trusting the header would happily extract it.
        { name: `${ROOT}/snapshot.sqlite`, stored: bomb, method: 8, declaredSize: 3900 * MiB },
      ]),
    );
    const dir = freshDir();
    const m = await measure(dir, () => readZipPackage(zipPath, EXTRACT, dir));
    expect(m.error).toBeInstanceOf(ZipLimitError);
    expect((m.error as Error).message).toMatch(
      /^zip entry 'evidence-pkg\/snapshot\.sqlite' expands more than 200 times its compressed size \(a zip bomb\?\); verification stopped$/,
    );
    console.log(
      `default-limit bomb: stopped after ${m.ms.toFixed(0)} ms, peak extracted ${(m.peakDirBytes / MiB).toFixed(1)} MiB, peak RSS growth ${(m.peakRssGrowth / MiB).toFixed(0)} MiB`,
    );
    expect(m.ms).toBeLessThan(5000);
    // The ratio is measured against compressed bytes read so far (16 KiB reads): ~3 MiB, not 200 x 4 MB.
    expect(m.peakDirBytes).toBeLessThan(32 * MiB);
    expect(m.peakRssGrowth).toBeLessThan(100 * MiB);
    // The partly written snapshot.sqlite was removed.
    expect(fs.readdirSync(dir).filter((f) => f !== 'manifest.json')).toEqual([]);

    // And the verifier fails closed with the same sentence.
    const r = await verifyPackage(zipPath);
    expect(r.ok).toBe(false);
    expect(r.outcome).toBe('not-verified');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(
      "zip entry 'evidence-pkg/snapshot.sqlite' expands more than 200 times its compressed size (a zip bomb?); verification stopped",
    );
  });

  it('stops overlapping entries that each look modest but together expand without end', async () => {
    // One ~45:1 deflate stream, listed 300 times under different names: the "better zip bomb" shape.
    const data = modestData(MiB);
    const stored = zlib.deflateRawSync(data, { level: 9 });
    const entries: ForgedEntry[] = [
      { name: `${ROOT}/manifest.json`, stored: smallManifest, method: 0, declaredSize: smallManifest.length },
      { name: `${ROOT}/evidence/0.json`, stored, method: 8, declaredSize: data.length },
    ];
    for (let i = 1; i < 300; i++)
      entries.push({ ...entries[1], name: `${ROOT}/evidence/${i}.json`, dataOf: `${ROOT}/evidence/0.json` });
    const zipPath = writeZipFile(forgeZip(entries));
    const limits = { maxCompressionRatio: 100, compressionRatioGraceBytes: 64 * KiB };
    const dir = freshDir();
    const m = await measure(dir, () => readZipPackage(zipPath, EXTRACT, dir, { limits }));
    expect(m.error).toBeInstanceOf(ZipLimitError);
    expect((m.error as Error).message).toBe(
      'the zip expands to more than 100 times its own size (overlapping entries, a zip bomb?); verification stopped',
    );
    // 300 MiB would have been inflated; the cap stops it after 100 times the zip's own size (about 5 MB).
    expect(m.ms).toBeLessThan(3000);
    expect(m.peakRssGrowth).toBeLessThan(100 * MiB);
  });
});

describe('entry count and central directory', () => {
  it('refuses too many entries', async () => {
    const zip = await yazlZip(
      Array.from({ length: 1001 }, (_, i) => ({ name: `${ROOT}/checks/c${i}.sql`, data: Buffer.from('--') })),
    );
    const err = await limitError(zip, { limits: { maxEntries: 1000 } });
    expect(err.message).toBe(
      'the zip lists 1001 entries, more than the 1000 a package may hold; verification stopped',
    );
    // The same zip under a cap it fits reads fine: it is the count that was refused.
    const ok = await readZipPackage(zip, EXTRACT, freshDir(), { limits: { maxEntries: 1001 } });
    expect(ok.files).toHaveLength(1001);
  });

  it('refuses a declared entry count before walking the central directory', async () => {
    // Three real entries, an end record claiming 65,535: walking them would run off the end of the directory,
    // so getting the limit error instead proves the walk never started.
    const real = forgeZip(
      ['a', 'b', 'c'].map((x) => ({
        name: `${ROOT}/${x}`,
        stored: Buffer.from(x),
        method: 0,
        declaredSize: 1,
      })),
    );
    const claimed = Buffer.from(real);
    claimed.writeUInt16LE(0xffff, claimed.length - 22 + 8);
    claimed.writeUInt16LE(0xffff, claimed.length - 22 + 10);
    const zipPath = writeZipFile(claimed);
    const dir = freshDir();
    const m = await measure(dir, () => limitError(zipPath, { limits: { maxEntries: 1000 } }, dir));
    expect((m.value as Error).message).toMatch(/^the zip lists 65535 entries, more than the 1000/);
    expect(m.ms).toBeLessThan(500);
    // Under the default cap (100,000) the walk does start, and fails past the third record.
    await expect(readZipPackage(zipPath, EXTRACT, freshDir())).rejects.toThrow(
      /unexpected EOF|invalid central directory file header signature/,
    );
  });

  it('refuses an over-long entry name and an oversized central directory', async () => {
    const longName = `${ROOT}/${'n'.repeat(300)}.json`;
    const named = await yazlZip([{ name: longName, data: Buffer.from('{}') }]);
    const err = await limitError(named, { limits: { maxEntryNameBytes: 200 } });
    expect(err.message).toMatch(
      /^zip entry 'evidence-pkg\/n+\.\.\.' has a name of 318 bytes, more than the 200/,
    );
    expect(err.message.length).toBeLessThan(250);

    // Each record carries a 1,000-byte comment: 50 records are about 52 KB of directory.
    const commented = await yazlZip(
      Array.from({ length: 50 }, (_, i) => ({
        name: `${ROOT}/f${i}`,
        data: Buffer.from('x'),
        comment: 'c'.repeat(1000),
      })),
    );
    const dirErr = await limitError(commented, { limits: { maxCentralDirectoryBytes: 16 * KiB } });
    expect(dirErr.message).toBe("the zip's central directory is larger than 16 KiB; verification stopped");
    const ok = await readZipPackage(commented, EXTRACT, freshDir(), {
      limits: { maxCentralDirectoryBytes: 64 * KiB },
    });
    expect(ok.files).toHaveLength(50);
  });
});

describe('size caps', () => {
  it('stops at the total uncompressed cap across many moderately sized entries', async () => {
    // Random data does not compress: no ratio check is involved, only the running total.
    const zip = await yazlZip(
      Array.from({ length: 12 }, (_, i) => ({
        name: `${ROOT}/evidence/${i}.bin`,
        data: crypto.randomBytes(512 * KiB),
      })),
    );
    const dir = freshDir();
    const m = await measure(dir, () =>
      limitError(zip, { limits: { maxTotalUncompressedBytes: 4 * MiB } }, dir),
    );
    expect((m.value as Error).message).toBe(
      "the zip's entries expand to more than 4 MiB in total (a zip bomb?); verification stopped",
    );
    expect(m.peakRssGrowth).toBeLessThan(100 * MiB);
    const ok = await readZipPackage(zip, EXTRACT, freshDir(), {
      limits: { maxTotalUncompressedBytes: 6 * MiB },
    });
    expect(ok.files).toHaveLength(12);
  });

  it('refuses an oversized manifest.json and leaves no partial copy behind', async () => {
    // Random hex: realistic JSON-ish text at ~2:1, so only the manifest's own cap can stop it.
    const big = Buffer.from(`{"files":"${crypto.randomBytes(MiB).toString('hex')}"}`);
    const zip = await yazlZip([{ name: `${ROOT}/manifest.json`, data: big }]);
    const dir = freshDir();
    const err = await limitError(zip, { limits: { maxFileBytes: { 'manifest.json': MiB } } }, dir);
    expect(err.message).toBe(
      "zip entry 'evidence-pkg/manifest.json' is larger than 1 MiB, more than any manifest.json needs; verification stopped",
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    // The default cap (64 MiB) admits this 2 MiB manifest: the cap, not the file, made the difference.
    expect(DEFAULT_ZIP_LIMITS.maxFileBytes['manifest.json']).toBeGreaterThan(big.length);
    const r = await readZipPackage(zip, EXTRACT, freshDir());
    expect(r.files).toEqual([expect.objectContaining({ path: 'manifest.json', bytes: big.length })]);
  });

  it('caps the signature and public key at a few KiB by default', async () => {
    const zip = await yazlZip([
      { name: `${ROOT}/manifest.json`, data: smallManifest },
      { name: `${ROOT}/manifest.sig`, data: crypto.randomBytes(8 * KiB) },
    ]);
    const err = await limitError(zip, {});
    expect(err.message).toMatch(/^zip entry 'evidence-pkg\/manifest\.sig' is larger than 4 KiB/);
  });
});

describe('lying headers', () => {
  it('stops an entry holding more data than its header declares, and carries on with the rest', async () => {
    // The central directory AND the local header both claim 1,000 bytes; the data inflates to 2 MiB of
    // random bytes (ratio ~1, so no ratio check interferes). yauzl's own size check only runs when yauzl
    // inflates; we read raw and inflate ourselves, so this is our count at work.
    const data = crypto.randomBytes(2 * MiB);
    const zipPath = writeZipFile(
      forgeZip([
        {
          name: `${ROOT}/manifest.json`,
          stored: smallManifest,
          method: 0,
          declaredSize: smallManifest.length,
        },
        { name: `${ROOT}/snapshot.sqlite`, stored: zlib.deflateRawSync(data), method: 8, declaredSize: 1000 },
        { name: `${ROOT}/report.docx`, stored: Buffer.from('docx'), method: 0, declaredSize: 4 },
      ]),
    );
    const dir = freshDir();
    const m = await measure(dir, () => readZipPackage(zipPath, EXTRACT, dir));
    const r = m.value!;
    expect(r.problems).toEqual([
      "zip entry 'evidence-pkg/snapshot.sqlite' cannot be read: it holds more than the 1000 bytes its header declares (a forged zip?)",
    ]);
    expect(r.files.map((f) => f.path)).toEqual(['manifest.json', 'report.docx']);
    expect(fs.readdirSync(dir)).toEqual(['manifest.json']);
    // Stopped at the first inflated chunk past the claim, not after 2 MiB.
    expect(m.peakDirBytes).toBeLessThan(256 * KiB);

    const v = await verifyPackage(zipPath);
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(r.problems[0]);
  });

  it('reports an entry holding less than its header declares', async () => {
    const zipPath = writeZipFile(
      forgeZip([
        {
          name: `${ROOT}/evidence/x.json`,
          stored: zlib.deflateRawSync(Buffer.from('{}')),
          method: 8,
          declaredSize: 5000,
        },
      ]),
    );
    const r = await readZipPackage(zipPath, EXTRACT, freshDir());
    expect(r.problems).toEqual([
      "zip entry 'evidence-pkg/evidence/x.json' cannot be read: it holds 2 bytes, fewer than the 5000 its header declares",
    ]);
  });

  it('refuses a stored entry whose compressed and uncompressed sizes disagree (yauzl checks the directory)', async () => {
    const zipPath = writeZipFile(
      forgeZip([{ name: `${ROOT}/a.json`, stored: Buffer.alloc(64 * KiB), method: 0, declaredSize: 10 }]),
    );
    const r = await verifyPackage(zipPath);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/is not a readable zip file: compressed\/uncompressed size mismatch/);
  });
});

describe('a real package', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = makeExportFixture();
  });
  afterAll(() => fx.close());

  it('still verifies under the default limits, with every file hashed', async () => {
    const out = path.join(work, 'real');
    const pkg = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), {
      outputDir: out,
      keyDir: path.join(fx.dir, 'keys'),
    });
    const trusted = new Map([[pkg.signingKeyFingerprint.replace(/ /g, ''), 'fixture']]);
    const r = await verifyPackage(pkg.zipPath, { trusted });
    expect(r).toMatchObject({
      outcome: 'verified',
      ok: true,
      problems: [],
      changed: [],
      missing: [],
      added: [],
    });
    expect(r.checkedFiles).toBe(pkg.files.length);
  });
});
