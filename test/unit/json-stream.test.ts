// Streamed JSON evidence files: a quarter of a million elements written through the fixed-size buffer parse
// back whole and in order, progress is reported while writing, an abort stops the write, and an existing
// file is never overwritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRESS_EVERY_ELEMENTS, writeJsonArrayFile } from '../../main/export/json-stream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-json-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function* elements(n: number): Iterable<string> {
  for (let i = 0; i < n; i++) yield JSON.stringify({ i, text: `row "${i}" \u00e9` });
}

describe('writeJsonArrayFile', () => {
  it('writes an array that parses back whole, one element per line, reporting progress', async () => {
    const file = path.join(dir, 'many.json');
    const seen: number[] = [];
    const n = 2.5 * PROGRESS_EVERY_ELEMENTS;
    expect(await writeJsonArrayFile(file, { elements: elements(n), onProgress: (k) => seen.push(k) })).toBe(
      n,
    );
    const text = fs.readFileSync(file, 'utf8');
    const parsed = JSON.parse(text) as { i: number; text: string }[];
    expect(parsed).toHaveLength(n);
    expect(parsed[n - 1]).toEqual({ i: n - 1, text: `row "${n - 1}" \u00e9` });
    expect(parsed.every((e, k) => e.i === k)).toBe(true);
    expect(text.split('\n')).toHaveLength(n + 3);
    expect(seen).toEqual([PROGRESS_EVERY_ELEMENTS, 2 * PROGRESS_EVERY_ELEMENTS]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('wraps the array in head and tail, and writes an empty array as []', async () => {
    const wrapped = path.join(dir, 'wrapped.json');
    await writeJsonArrayFile(wrapped, { head: '{"a":1,"list":', tail: '}', elements: elements(2) });
    expect(JSON.parse(fs.readFileSync(wrapped, 'utf8'))).toEqual({
      a: 1,
      list: [
        { i: 0, text: 'row "0" \u00e9' },
        { i: 1, text: 'row "1" \u00e9' },
      ],
    });
    const empty = path.join(dir, 'empty.json');
    await writeJsonArrayFile(empty, { elements: [] });
    expect(fs.readFileSync(empty, 'utf8')).toBe('[]\n');
  });

  it('stops at the next checkpoint once aborted, and never overwrites a file', async () => {
    const controller = new AbortController();
    const file = path.join(dir, 'aborted.json');
    let produced = 0;
    function* counted(): Iterable<string> {
      for (const e of elements(1_000_000)) {
        if (++produced === 10_000) controller.abort();
        yield e;
      }
    }
    await expect(
      writeJsonArrayFile(file, { elements: counted(), signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
    expect(produced).toBeLessThan(20_000);
    await expect(writeJsonArrayFile(file, { elements: [] })).rejects.toThrow(/EEXIST/);
  });
});
