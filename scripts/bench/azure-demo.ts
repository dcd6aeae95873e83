// Bench section: the Azure demo tenants as an analyst runs them: one run over all three subscriptions (Northwind
// Health Production and Development, Northwind Research Sandbox) through the real Azure REST client, the collectors and the loopback
// replay server, each subscription evaluated and sealed as its own snapshot on the job worker. The worker is a
// thread of this process, so the phase's peak RSS (VmHWM) includes it.
import path from 'node:path';
import { startAzureRun } from '../../main/collect/run-snapshot';
import { openWorkspace } from '../../main/core/workspace';
import { runLinks } from '../../main/store/collection-runs-repo';
import { listSnapshots } from '../../main/store/snapshots-repo';
import { DEMO_AZURE_SUBSCRIPTIONS } from '../../main/demo/azure/demo-azure';
import { fmtMiB, fmtMs, measure } from './measure';

export async function run(opts: { dir: string }): Promise<Record<string, number>> {
  const ws = openWorkspace({ dataDir: path.join(opts.dir, 'azure-demo-ws'), mode: 'cli' });
  try {
    const runMeasured = await measure(async () => {
      const { runId, done } = await startAzureRun(ws, { connectionId: 'demo-azure' });
      const outcome = await done;
      if (outcome.status !== 'complete') throw new Error(outcome.message);
      return runId;
    });
    const links = runLinks(ws.db);
    const sealed = listSnapshots(ws.db).filter(
      (s) => links.get(s.id)?.runId === runMeasured.value && s.status === 'complete',
    );
    const resources = sealed.reduce((n, s) => n + s.resourceCount, 0);
    // A run that sealed fewer subscriptions than the demo has would make the number meaningless: say so.
    const expected = DEMO_AZURE_SUBSCRIPTIONS.length;
    if (sealed.length !== expected)
      throw new Error(`the Azure demo run sealed ${sealed.length} subscription(s), expected ${expected}`);
    console.log(
      `azure demo snapshot (${expected} subscriptions, ${resources} resources, collect + evaluate + seal, worker)   ` +
        `${fmtMs(runMeasured.ms)}   peak RSS ${fmtMiB(runMeasured.peakMiB)}`,
    );
    return {
      azureDemoSnapshotMs: runMeasured.ms,
      azureDemoPeakMiB: runMeasured.peakMiB,
      azureDemoResources: resources,
    };
  } finally {
    ws.close();
  }
}
