// Bench section: how long the thread that answers the UI is blocked while a large export runs through the
// dispatcher (on a job worker), as the app runs it. Uses the synthetic snapshot the export section made in
// <dir>/export-ws; the target is a max event-loop delay under 100 ms.
import path from 'node:path';
import { createDispatcher } from '../../main/api/dispatch';
import { openWorkspace } from '../../main/core/workspace';
import { listSnapshots } from '../../main/store/snapshots-repo';
import { fmtMs, maxEventLoopDelay } from './measure';

export async function run(opts: { units: number; dir: string }): Promise<Record<string, number>> {
  const ws = openWorkspace({ dataDir: path.join(opts.dir, 'export-ws'), mode: 'browser' });
  try {
    const snapshot = listSnapshots(ws.db).find((s) => s.status === 'complete');
    if (!snapshot) throw new Error('event-loop bench: run the export section first (it makes the snapshot)');
    const api = createDispatcher(ws, { mode: 'browser' });
    // Something to answer while the worker exports, as the UI would ask.
    let pings = 0;
    let slowestPingMs = 0;
    let exporting = true;
    const pinger = (async () => {
      while (exporting) {
        const t0 = performance.now();
        await api.dispatch('snapshots.list', {});
        slowestPingMs = Math.max(slowestPingMs, performance.now() - t0);
        pings++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const { value, maxDelayMs } = await maxEventLoopDelay(async () => {
      try {
        return await api.dispatch('export.create', {
          snapshotId: snapshot.id,
          framework: 'soc2-2017',
          outputDir: path.join(opts.dir, 'event-loop-out'),
        });
      } finally {
        exporting = false;
        await pinger;
      }
    });
    if (!value.ok) throw new Error(`event-loop bench: export failed: ${value.error.message}`);
    console.log(
      `worker export of ${snapshot.resourceCount} resources: max event-loop delay ${fmtMs(maxDelayMs)}, ` +
        `slowest of ${pings} snapshots.list calls meanwhile ${fmtMs(slowestPingMs)}`,
    );
    return { maxEventLoopDelayMs: maxDelayMs, slowestCallDuringExportMs: slowestPingMs };
  } finally {
    ws.close();
  }
}
