// A real evidence package for the security tests: the demo estate collected through the real collectors into
// a temp workspace, exported through the validated dispatcher, exactly as the app does. Tests tamper with
// copies of it, never with the original.
// By default the estate is collected under an ordinary (non-demo) connection id, so the package is signed with
// the workspace key like any real evidence: the tamper and trust tests need a package that verifies. A package
// of the demo CONNECTION is labelled demo and signed with the published demo key, and never verifies as
// trusted (docs/package-format.md, "Demo packages"): ask for it with { demo: true }.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import type { ExportResult } from '../../shared/domain';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { evaluateSnapshot } from '../../main/checks/engine';
import { loadCheckCatalog } from '../../main/checks/workspace-catalog';
import { appVersion } from '../../main/paths';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import { startHarness } from '../fixtures/aws/harness';

/** The connection id the non-demo packages' snapshots carry: an ordinary profile's id shape. */
export const FIXTURE_CONNECTION = 'aws-profile:security-fixture';

/**
 * The demo estate collected in this process through the real collectors, sealed as a snapshot of an ordinary
 * connection, with the audit entries a snapshot job writes.
 */
async function estateSnapshot(ws: Workspace): Promise<string> {
  const h = await startHarness();
  try {
    const { identity, regions } = await h.collect();
    const id = crypto.randomUUID();
    const catalog = loadCheckCatalog(ws.dataDir);
    createRunningSnapshot(ws.db, {
      id,
      connection: FIXTURE_CONNECTION,
      provider: 'aws',
      startedAt: new Date().toISOString(),
      toolVersion: appVersion(),
      catalogVersion: catalog.catalogVersion,
    });
    ws.audit('snapshot.start', `snapshot:${id}`, { connection: FIXTURE_CONNECTION });
    sealSnapshot(
      ws.db,
      id,
      { account: identity.account, identity: identity.arn, regions },
      h.buffer,
      (tx, sid) => evaluateSnapshot(tx, sid, catalog.checks, catalog.catalogVersion),
    );
    ws.audit('snapshot.complete', `snapshot:${id}`, { resources: h.buffer.resources.length });
    return id;
  } finally {
    await h.close();
  }
}

export const ROOT = path.resolve(__dirname, '..', '..');

export type DemoPackage = {
  dataDir: string;
  ws: Workspace;
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>;
  snapshotId: string;
  exported: ExportResult;
  /** A fresh copy of the package folder to tamper with. */
  copy(): string;
  close(): void;
};

export async function callOrThrow<K extends CallName>(
  d: Dispatcher,
  name: K,
  request: CallRequest<K>,
): Promise<CallResponse<K>> {
  const r = await d.dispatch(name, request);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as CallResponse<K>;
}

/** Starts a demo snapshot through the dispatcher and waits for its 'snapshot.finished' event. */
export async function demoSnapshot(ws: Workspace, d: Dispatcher): Promise<string> {
  let resolveDone: (status: string) => void = () => {};
  const finished = new Map<string, string>();
  const unsubscribe = d.subscribe((event, payload) => {
    if (event !== 'snapshot.finished') return;
    const p = payload as { snapshotId: string; status: string; message: string };
    finished.set(p.snapshotId, `${p.status}: ${p.message}`);
    resolveDone(p.snapshotId);
  });
  try {
    const { snapshotId } = await callOrThrow(d, 'snapshots.start', { connectionId: 'demo' });
    while (!finished.has(snapshotId)) await new Promise<string>((r) => (resolveDone = r));
    const outcome = finished.get(snapshotId)!;
    if (!outcome.startsWith('complete')) throw new Error(`demo snapshot ${outcome}`);
    return snapshotId;
  } finally {
    unsubscribe();
    void ws;
  }
}

export async function makeDemoPackage(opts: { demo?: boolean } = {}): Promise<DemoPackage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-security-'));
  const ws = openWorkspace({ dataDir, mode: 'cli' });
  const d = createDispatcher(ws, { mode: 'browser' });
  const call = <K extends CallName>(name: K, request: CallRequest<K>) => callOrThrow(d, name, request);
  const snapshotId = opts.demo ? await demoSnapshot(ws, d) : await estateSnapshot(ws);
  const exported = await call('export.create', {
    snapshotId,
    framework: 'soc2-2017',
    outputDir: path.join(dataDir, 'exports'),
  });
  let copies = 0;
  return {
    dataDir,
    ws,
    call,
    snapshotId,
    exported,
    copy() {
      const target = path.join(dataDir, 'tampered', `copy-${++copies}`);
      fs.cpSync(exported.packageDir, target, { recursive: true });
      return target;
    },
    close() {
      ws.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the real CLI (bin/evidence-desk.js) as its own process against a workspace folder. */
export function runCli(dataDir: string, ...args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'evidence-desk.js'), '--data-dir', dataDir, ...args],
    {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, HOME: dataDir, AWS_CONFIG_FILE: path.join(dataDir, 'none') },
      timeout: 120_000,
    },
  );
}
