// Child process for test/security/export-memory.test.ts: builds a synthetic snapshot of argv[2] units (a
// security group and a volume each), exports it for SOC 2 and prints the export's own peak RSS (VmHWM, reset
// before the export) as JSON. A separate process, so the number is not the test runner's.
import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace } from '../../main/core/workspace';
import { exportPackage } from '../../main/export/package';
import { peakRssMiB, resetPeakRss } from '../../scripts/bench/measure';
import { syntheticSnapshot } from '../../scripts/bench/export';

async function main(): Promise<void> {
  const units = Number(process.argv[2]);
  const dir = process.argv[3];
  const ws = openWorkspace({ dataDir: path.join(dir, `ws-${units}`), mode: 'cli' });
  try {
    const snapshotId = syntheticSnapshot(ws.db, units);
    const out = path.join(dir, `out-${units}`);
    fs.mkdirSync(out);
    // Settle what building the snapshot left behind, so the peak below is the export's.
    (globalThis as { gc?: () => void }).gc?.();
    const baseMiB = process.memoryUsage().rss / 2 ** 20;
    resetPeakRss();
    const t0 = performance.now();
    const r = await exportPackage(ws.db, {
      snapshotId,
      framework: 'soc2-2017',
      outputDir: out,
      keyDir: ws.keyDir,
    });
    const ms = performance.now() - t0;
    const peakMiB = peakRssMiB();
    process.stdout.write(`${JSON.stringify({ units, baseMiB, peakMiB, ms, files: r.files.length })}\n`);
  } finally {
    ws.close();
  }
}

await main();
