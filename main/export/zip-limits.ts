// How much work a package zip may make us do. A zip is untrusted input and its headers can lie, so the limits
// are checked against bytes counted as they stream (never against the sizes a header declares), and the first
// breach stops the whole read with a ZipLimitError: a zip bomb must cost seconds and megabytes, not hours and
// a full disk.
import { RefusedError } from '../core/errors';
import { MANIFEST_FILE, MAX_MANIFEST_BYTES, PUBLIC_KEY_IN_PACKAGE, SIGNATURE_FILE } from './manifest';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export type ZipLimits = {
  /** Entries the central directory may list. */
  maxEntries: number;
  /** Bytes of central-directory records (fixed part, name, extra field and comment), summed over entries. */
  maxCentralDirectoryBytes: number;
  /** Bytes of one entry's name. */
  maxEntryNameBytes: number;
  /** Decompressed bytes of all entries together. */
  maxTotalUncompressedBytes: number;
  /** Decompressed bytes per compressed byte, per entry and for the zip as a whole. */
  maxCompressionRatio: number;
  /** The ratio is only enforced once an entry (or the whole zip) has expanded past this many bytes. */
  compressionRatioGraceBytes: number;
  /** Decompressed bytes of one file, by package-relative path; files not named are bounded by the total. */
  maxFileBytes: Readonly<Record<string, number>>;
};

/**
 * Why these numbers: a package holds one SQL file per check, one raw-evidence file per service and region,
 * and a dozen fixed files, so even an organisation of a million resources packs a few thousand entries with
 * names under 200 bytes. Its bulk is the estate itself, carried about three times (evidence/resources.json,
 * the raw responses, snapshot.sqlite) at 1-3 KB per resource: 3-9 GB for a million resources.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // Bounds the central-directory walk (7-8 s measured for 100,000 entries on a shared core) and the names
  // kept in memory (13 MB measured), with room for far bigger packages than we write.
  maxEntries: 100_000,
  // 100,000 real records are under 10 MB; a hostile directory grows through 64 KiB extra fields and comments.
  maxCentralDirectoryBytes: 64 * MiB,
  // Package paths are under 200 bytes; anything near the format's 64 KiB is not a package path.
  maxEntryNameBytes: 1024,
  // More than three times the largest package we expect, while bounding the inflate-and-hash work of a
  // hostile zip to about a minute (inflate + SHA-256 measured ~600 MB/s on one core).
  maxTotalUncompressedBytes: 32 * GiB,
  // JSON evidence deflates 5-20x, SQLite 3-5x, xlsx and docx about 1x (they are zips already); deflate tops
  // out near 1032x and zip bombs live up there. Apache POI's ZipSecureFile refuses 100x on the same
  // streamed principle; 200x leaves room for very repetitive JSON.
  maxCompressionRatio: 200,
  // A small file of mostly whitespace may legitimately compress 500x; at 1 MiB that costs nothing.
  compressionRatioGraceBytes: 1 * MiB,
  maxFileBytes: {
    // verify reads the manifest whole to check its signature and parse it.
    [MANIFEST_FILE]: MAX_MANIFEST_BYTES,
    // An Ed25519 signature is 88 base64 characters, and its public key PEM 113 bytes.
    [SIGNATURE_FILE]: 4 * KiB,
    [PUBLIC_KEY_IN_PACKAGE]: 4 * KiB,
  },
};

/** The defaults with some limits replaced; a maxFileBytes given is merged over the default one. */
export function zipLimits(overrides: Partial<ZipLimits> = {}): ZipLimits {
  return {
    ...DEFAULT_ZIP_LIMITS,
    ...overrides,
    maxFileBytes: { ...DEFAULT_ZIP_LIMITS.maxFileBytes, ...overrides.maxFileBytes },
  };
}

/** A zip that crossed a limit: reading stopped, and the package must not be treated as verified. */
export class ZipLimitError extends RefusedError {}

const STOPPED = 'verification stopped';

/** Running totals of one zip read, checked as bytes arrive; every check throws ZipLimitError. */
export class ZipBudget {
  private directoryBytes = 0;
  private uncompressedTotal = 0;

  constructor(
    readonly limits: ZipLimits,
    /** Size of the zip file: what the whole archive's expansion is measured against. */
    private readonly zipBytes: number,
  ) {}

  /** yauzl walks exactly the entry count the zip declares, so refusing it up front bounds the whole walk. */
  checkEntryCount(declared: number): void {
    if (declared > this.limits.maxEntries)
      throw new ZipLimitError(
        `the zip lists ${declared} entries, more than the ${this.limits.maxEntries} a package may hold; ${STOPPED}`,
      );
  }

  countDirectoryRecord(name: string, nameBytes: number, recordBytes: number): void {
    if (nameBytes > this.limits.maxEntryNameBytes)
      throw new ZipLimitError(
        `zip entry '${shown(name)}' has a name of ${nameBytes} bytes, more than the ${this.limits.maxEntryNameBytes} allowed; ${STOPPED}`,
      );
    this.directoryBytes += recordBytes;
    if (this.directoryBytes > this.limits.maxCentralDirectoryBytes)
      throw new ZipLimitError(
        `the zip's central directory is larger than ${formatBytes(this.limits.maxCentralDirectoryBytes)}; ${STOPPED}`,
      );
  }

  /** Counters for one entry; `rel` is its package-relative path, which sets its own size cap if it has one. */
  entry(name: string, rel: string): EntryBudget {
    return new EntryBudget(this, name, this.limits.maxFileBytes[rel] ?? Infinity, rel);
  }

  /** Adds decompressed bytes of any entry to the zip's total (EntryBudget calls it). */
  addUncompressed(bytes: number): void {
    this.uncompressedTotal += bytes;
    const { maxTotalUncompressedBytes: max, maxCompressionRatio: ratio } = this.limits;
    if (this.uncompressedTotal > max)
      throw new ZipLimitError(
        `the zip's entries expand to more than ${formatBytes(max)} in total (a zip bomb?); ${STOPPED}`,
      );
    // Entries may share compressed bytes (overlapping entries): each alone can look modest while the zip
    // as a whole expands without end. Only the whole zip's size catches that.
    if (
      this.uncompressedTotal > this.limits.compressionRatioGraceBytes &&
      this.uncompressedTotal > ratio * this.zipBytes
    )
      throw new ZipLimitError(
        `the zip expands to more than ${ratio} times its own size (overlapping entries, a zip bomb?); ${STOPPED}`,
      );
  }
}

export class EntryBudget {
  private compressed = 0;
  private uncompressed = 0;

  constructor(
    private readonly zip: ZipBudget,
    private readonly name: string,
    private readonly maxBytes: number,
    private readonly rel: string,
  ) {}

  /** Compressed bytes actually read from the zip for this entry. */
  countCompressed(bytes: number): void {
    this.compressed += bytes;
  }

  /** Decompressed bytes as they come out of the inflater, before they are hashed or written anywhere. */
  countUncompressed(bytes: number): void {
    this.uncompressed += bytes;
    const { maxCompressionRatio: ratio, compressionRatioGraceBytes: grace } = this.zip.limits;
    if (this.uncompressed > this.maxBytes)
      throw new ZipLimitError(
        `zip entry '${shown(this.name)}' is larger than ${formatBytes(this.maxBytes)}, more than any ${this.rel} needs; ${STOPPED}`,
      );
    // Measured against the compressed bytes read so far, not the entry's declared compressed size: a bomb
    // is stopped a few megabytes in, not after expanding 200 times its whole compressed length.
    if (this.uncompressed > grace && this.uncompressed > ratio * Math.max(this.compressed, 1))
      throw new ZipLimitError(
        `zip entry '${shown(this.name)}' expands more than ${ratio} times its compressed size (a zip bomb?); ${STOPPED}`,
      );
    this.zip.addUncompressed(bytes);
  }

  get bytes(): number {
    return this.uncompressed;
  }
}

/** Names come from the zip: keep a hostile 64 KiB one from flooding the report. */
function shown(name: string): string {
  return name.length > 120 ? `${name.slice(0, 120)}...` : name;
}

export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}
