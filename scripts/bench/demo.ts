// Bench section: the demo flow as an analyst runs it (snapshot through the real collector and the replay
// server, export, verify), and verify of the same package twice over to show the cost of recomputing every
// hash from the data (the trust work) against hashing files and checking the signature only.
import path from 'node:path';
import { startSnapshot } from '../../main/collect/run-snapshot';
import { openWorkspace } from '../../main/core/workspace';
import { exportPackage } from '../../main/export/package';
import { verifyPackage } from '../../main/export/verify';
import { fmtMiB, fmtMs, measure } from './measure';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(opts: { dir: string }): Promise<Record<string, number>> {
  const ws = openWorkspace({ dataDir: path.join(opts.dir, 'demo-ws'), mode: 'cli' });
  try {
    const snap = await measure(async () => {
      const { done } = startSnapshot(ws, { connectionId: 'demo' });
      const outcome = await done;
      if (outcome.status !== 'complete') throw new Error(outcome.message);
      return outcome.snapshotId;
    });
    console.log(
      `demo snapshot (collect + evaluate + seal, worker)   ${fmtMs(snap.ms)}   peak RSS ${fmtMiB(snap.peakMiB)}`,
    );
    const pkg = await measure(() =>
      exportPackage(ws.db, {
        snapshotId: snap.value,
        framework: 'soc2-2017',
        outputDir: path.join(opts.dir, 'demo-out'),
        keyDir: ws.keyDir,
      }),
    );
    console.log(
      `demo export (soc2-2017)                             ${fmtMs(pkg.ms)}   peak RSS ${fmtMiB(pkg.peakMiB)}`,
    );
    const times: Record<'zip' | 'folder', number[]> = { zip: [], folder: [] };
    for (let i = 0; i < 15; i++) {
      for (const [kind, target] of [
        ['zip', pkg.value.zipPath],
        ['folder', pkg.value.packageDir],
      ] as const) {
        const t0 = performance.now();
        // Unpinned: the demo key cannot be pinned (anyone can sign with it), so an intact demo package answers
        // "intact but signer unknown" after the same full check of every hash and the signature.
        const r = await verifyPackage(target);
        times[kind].push(performance.now() - t0);
        if (!r.demo || r.outcome !== 'unknown-signer')
          throw new Error(
            `the demo package did not verify as intact: ${r.outcome}; ${r.problems.join('; ')}`,
          );
      }
    }
    const zip = median(times.zip);
    const folder = median(times.folder);
    console.log(
      `demo verify, median of 15 (zip / folder)            ${zip.toFixed(1)} ms / ${folder.toFixed(1)} ms`,
    );
    return {
      demoSnapshotMs: snap.ms,
      demoSnapshotPeakMiB: snap.peakMiB,
      demoExportMs: pkg.ms,
      demoVerifyZipMs: zip,
      demoVerifyFolderMs: folder,
    };
  } finally {
    ws.close();
  }
}
