// Threat: an export that holds every finding in memory (arrays, one big JSON string, an in-memory workbook)
// runs a large estate out of memory, or past V8's string limit, so the evidence cannot be produced at all.
// Proves: exporting 10x the resources (20k vs 2k) raises the export's peak RSS by a small, bounded amount,
// measured by the kernel (VmHWM) in child processes. The exact numbers are printed; the bound is loose.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = path.join(__dirname, '..', 'helpers', 'export-memory-child.ts');
/** The in-memory export grew by ~700 MiB from 2k to 20k resources; a streaming one by a few tens. */
const MAX_GROWTH_MIB = 150;

type Measured = { units: number; baseMiB: number; peakMiB: number; ms: number };

function exportIn(units: number, dir: string): Measured {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(units), dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
}

describe('export memory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-export-mem-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not grow with the estate (2k vs 20k resources)', { timeout: 240_000 }, () => {
    if (!fs.existsSync('/proc/self/status')) {
      // VmHWM is Linux's; elsewhere a JS timer would miss the synchronous peaks this test is about.
      console.log('export memory test skipped: no /proc/self/status (not Linux), so no true peak RSS');
      return;
    }
    const small = exportIn(1_000, dir);
    const large = exportIn(10_000, dir);
    const growth = large.peakMiB - large.baseMiB - (small.peakMiB - small.baseMiB);
    console.log(
      `export peak RSS above its start: 2k resources ${(small.peakMiB - small.baseMiB).toFixed(0)} MiB ` +
        `(peak ${small.peakMiB.toFixed(0)} MiB, ${small.ms.toFixed(0)} ms), 20k resources ` +
        `${(large.peakMiB - large.baseMiB).toFixed(0)} MiB (peak ${large.peakMiB.toFixed(0)} MiB, ` +
        `${large.ms.toFixed(0)} ms): growth ${growth.toFixed(0)} MiB (bound ${MAX_GROWTH_MIB} MiB)`,
    );
    expect(growth).toBeLessThan(MAX_GROWTH_MIB);
  });
});
