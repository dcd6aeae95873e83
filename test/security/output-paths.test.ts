// Threat: an export pointed at an impossible place (from the UI, the CLI, or a local page driving the API)
// takes the core down: `mkdir -p` under /proc spun the thread that serves the UI at 100% CPU and ignored
// SIGTERM; a file where a folder should be, an unwritable folder, a symlink into /proc, a path of endless
// missing levels or a relative path fail late, deep inside the export, or write somewhere unexpected.
// Proves: each is refused before any work with a message naming the reason, in well under a second (measured
// and printed; asserted < 2 s), through the same dispatcher the UI uses, and the core keeps answering.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { MAX_NEW_FOLDERS, checkOutputDir, ensureOutputDir } from '../../main/export/output-dir';
import { exportPackage } from '../../main/export/package';

const root = path.resolve(__dirname, '..', '..');
const FAST_MS = 2000;

let tmp: string;
let ws: Workspace;
let api: Dispatcher;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-output-paths-'));
  ws = openWorkspace({ dataDir: path.join(tmp, 'ws'), mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
});
afterAll(() => {
  ws?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** export.create through the dispatcher, timed; no such snapshot exists, so only the path can fail fast. */
async function exportTo(outputDir: string) {
  const t0 = performance.now();
  const r = await api.dispatch('export.create', {
    snapshotId: 'no-such-snapshot',
    framework: 'soc2-2017',
    outputDir,
  });
  const ms = performance.now() - t0;
  console.log(
    `export.create -> ${outputDir.slice(0, 80)}: ${r.ok ? 'ok' : r.error.code} in ${ms.toFixed(1)} ms`,
  );
  return { r, ms };
}

function refusedWith(r: Awaited<ReturnType<Dispatcher['dispatch']>>, pattern: RegExp): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('refused');
  expect(r.error.message).toMatch(pattern);
}

describe('impossible export folders are refused before any work', () => {
  it('refuses /proc, /sys and /dev (and their children) at once, and the core keeps answering', async () => {
    for (const target of [
      '/proc/evidence',
      '/proc',
      '/proc/self/fd/evidence',
      '/sys/kernel/evidence',
      '/dev/shm/x',
    ]) {
      const { r, ms } = await exportTo(target);
      refusedWith(r, /kernel pseudo-filesystem/);
      expect(ms).toBeLessThan(FAST_MS);
    }
    // Callers of the core itself (CLI, bench) get the same refusal, before the snapshot is even read.
    await expect(
      exportPackage(ws.db, {
        snapshotId: 'no-such-snapshot',
        framework: 'soc2-2017',
        outputDir: '/proc/evidence',
        keyDir: ws.keyDir,
      }),
    ).rejects.toThrow(/kernel pseudo-filesystem/);
    const t0 = performance.now();
    const info = await api.dispatch('app.info', {});
    console.log(`app.info right after: ${(performance.now() - t0).toFixed(1)} ms`);
    expect(info.ok).toBe(true);
  });

  it('refuses a symlink that leads into /proc', async () => {
    const link = path.join(tmp, 'innocent');
    fs.symlinkSync('/proc', link);
    const { r, ms } = await exportTo(path.join(link, 'evidence'));
    refusedWith(r, /leads into \/proc/);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('refuses a file as the folder or as one of its parents, naming the file', async () => {
    const file = path.join(tmp, 'notes.txt');
    fs.writeFileSync(file, 'x');
    for (const target of [file, path.join(file, 'evidence'), path.join(file, 'a', 'b', 'c')]) {
      const { r, ms } = await exportTo(target);
      refusedWith(r, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, not a folder`));
      expect(ms).toBeLessThan(FAST_MS);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it(`refuses more than ${MAX_NEW_FOLDERS} missing levels, and creates up to that many one by one`, async () => {
    const deep = path.join(tmp, 'deep', ...Array.from({ length: MAX_NEW_FOLDERS }, () => 'a'));
    const { r, ms } = await exportTo(deep);
    refusedWith(r, new RegExp(`more than ${MAX_NEW_FOLDERS} folders would have to be created`));
    expect(ms).toBeLessThan(FAST_MS);
    expect(fs.existsSync(path.join(tmp, 'deep'))).toBe(false);

    const allowed = path.join(tmp, 'ok', ...Array.from({ length: MAX_NEW_FOLDERS - 1 }, () => 'a'));
    expect(ensureOutputDir(allowed)).toBe(allowed);
    expect(fs.statSync(allowed).isDirectory()).toBe(true);
  });

  it('refuses a relative path in the contract and in the module, and an over-long one', async () => {
    const rel = await api.dispatch('export.create', {
      snapshotId: 'x',
      framework: 'soc2-2017',
      outputDir: 'evidence/out',
    });
    expect(rel).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!rel.ok) expect(rel.error.message).toMatch(/outputDir: must be an absolute path/);
    expect(() => checkOutputDir('evidence/out')).toThrow(/relative path/);

    const long = `/tmp/${'a'.repeat(5000)}`;
    expect(
      await api.dispatch('export.create', { snapshotId: 'x', framework: 'soc2-2017', outputDir: long }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(() => checkOutputDir(long)).toThrow(/longer than 4096 characters/);
  });

  it('refuses a folder the analyst cannot write in, or cannot even reach', () => {
    const locked = path.join(tmp, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o555);
    const target = path.join(locked, 'evidence');
    const asRoot = process.getuid?.() === 0;
    if (asRoot)
      console.log('running as root, which may write anywhere: checking as uid 65534 (nobody) instead');

    if (asRoot) {
      // The temp folder is private (0700, root's): another account cannot even reach what is inside it.
      const unreachable = checkAsAnalyst(target, asRoot);
      expect(unreachable.message).toMatch(/cannot be reached \(permission denied\)/);
    } else {
      console.log('not root: the unreachable-folder case needs a folder of another account; not checked');
    }
    fs.chmodSync(tmp, 0o755);
    try {
      const unwritable = checkAsAnalyst(target, asRoot);
      expect(unwritable.message).toMatch(new RegExp(`do not have permission to write in ${locked}`));
      console.log(`unwritable folder refused in ${unwritable.ms.toFixed(1)} ms`);
    } finally {
      fs.chmodSync(tmp, 0o700);
    }
    expect(fs.existsSync(target)).toBe(false);
  });
});

/** checkOutputDir's verdict as the analyst: in-process, or (when the tests run as root) as 'nobody'. */
function checkAsAnalyst(target: string, asRoot: boolean): { message: string; ms: number } {
  if (!asRoot) {
    const t0 = performance.now();
    try {
      checkOutputDir(target);
      return { message: 'ok', ms: performance.now() - t0 };
    } catch (err) {
      return { message: (err as Error).message, ms: performance.now() - t0 };
    }
  }
  const probe = [
    `import { checkOutputDir } from ${JSON.stringify(path.join(root, 'main/export/output-dir.ts'))};`,
    'const t0 = performance.now();',
    `let message = 'ok';`,
    `try { checkOutputDir(${JSON.stringify(target)}); } catch (err) { message = err.message; }`,
    'console.log(JSON.stringify({ message, ms: performance.now() - t0 }));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
    cwd: root,
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { message: string; ms: number };
}
