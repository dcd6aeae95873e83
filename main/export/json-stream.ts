// Writes large JSON files a piece at a time. evidence/findings.json of 1.5 million findings is several GB of
// text: built as one string it passes V8's string limit, so it is written as a JSON array with one element per
// line, through a fixed-size buffer, yielding now and then so a cancel can arrive.
import fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Flush to disk when this much text is buffered: large enough for few syscalls, small enough not to matter. */
const FLUSH_CHARS = 1 << 20;
const ELEMENTS_PER_YIELD = 5000;

export type JsonArrayFile = {
  /** Text before the array, e.g. '{"snapshotId":"...","responses":' for an array inside an object. */
  head?: string;
  /** Text after the array, e.g. '}'. */
  tail?: string;
  /** Each element already serialised as JSON (one line). */
  elements: Iterable<string>;
  signal?: AbortSignal;
  /** Called with the elements written so far, every PROGRESS_EVERY_ELEMENTS. */
  onProgress?: (elements: number) => void;
};

export const PROGRESS_EVERY_ELEMENTS = 100_000;

/**
 * Creates `file` exclusively (mode 0600) and writes `head [ e1, e2, ... ] tail` with one element per line.
 * Returns the number of elements written.
 */
export async function writeJsonArrayFile(file: string, spec: JsonArrayFile): Promise<number> {
  const fd = fs.openSync(file, 'wx', 0o600);
  let n = 0;
  try {
    let buf = `${spec.head ?? ''}[`;
    for (const element of spec.elements) {
      buf += n === 0 ? '\n' : ',\n';
      buf += element;
      n++;
      if (buf.length >= FLUSH_CHARS) {
        fs.writeSync(fd, buf);
        buf = '';
      }
      if (n % PROGRESS_EVERY_ELEMENTS === 0) spec.onProgress?.(n);
      if (n % ELEMENTS_PER_YIELD === 0) {
        await yieldToEventLoop();
        spec.signal?.throwIfAborted();
      }
    }
    buf += `${n === 0 ? '' : '\n'}]${spec.tail ?? ''}\n`;
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
  return n;
}
