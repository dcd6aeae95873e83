// Threat: the workspace holds the evidence database (raw API responses about the account), the private
// signing key and evidence packages. Created with the umask's defaults (typically 0644 files, 0755 folders)
// any other account on the machine can read them, copy the key and sign packages as the analyst.
// Proves: with umask 000 (so nothing private can come from the umask), a real CLI run of the whole demo
// (snapshot, export, zip) leaves only 0700 folders and 0600 files in the workspace, the package and its zip,
// and the database's -wal/-shm are 0600 while open; a workspace folder chosen by the analyst with wider
// permissions is warned about and NOT chmod-ed; a database of ours left 0644 by an older version is tightened.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/core/workspace';
import { openDatabase } from '../../main/store/db';

const root = path.resolve(__dirname, '..', '..');
const posix = process.platform !== 'win32';
if (!posix) console.info('workspace-permissions: skipped on Windows, which uses ACLs rather than mode bits');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-perms-'));
  dirs.push(d);
  return d;
}

const modeOf = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

/** Every entry under dir with its mode: folders must be 700 and files 600. */
function modes(dir: string): { dirs: Record<string, string>; files: Record<string, string> } {
  const out = { dirs: {} as Record<string, string>, files: {} as Record<string, string> };
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, rel);
    (fs.statSync(full).isDirectory() ? out.dirs : out.files)[rel] = modeOf(full);
  }
  return out;
}

function cli(dataDir: string, args: string[], opts: { umask: string }) {
  const home = path.dirname(dataDir);
  const command = [
    process.execPath,
    path.join(root, 'bin', 'evidence-desk.js'),
    '--data-dir',
    dataDir,
    ...args,
  ]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return spawnSync('/bin/sh', ['-c', `umask ${opts.umask} && exec ${command}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
    },
  });
}

describe.skipIf(!posix)('a workspace is private by default', () => {
  it('a whole demo run under umask 000 leaves only 0700 folders and 0600 files', () => {
    const ws = path.join(tempDir(), 'new', 'ws');
    const r = cli(ws, ['demo', '--framework', 'soc2-2017'], { umask: '000' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning: the workspace folder/);

    const found = modes(ws);
    // The run reached every kind of file this test is about.
    expect(Object.keys(found.files)).toEqual(
      expect.arrayContaining([
        'workspace.sqlite',
        path.join('keys', 'signing-key.pem'),
        path.join('keys', 'signing-key.pub.pem'),
      ]),
    );
    expect(Object.keys(found.dirs)).toEqual(expect.arrayContaining(['keys', 'exports', 'runs']));
    const pkgFiles = Object.keys(found.files).filter((f) => f.startsWith(`exports${path.sep}`));
    expect(pkgFiles.some((f) => f.endsWith('.zip'))).toBe(true);
    expect(pkgFiles.some((f) => f.endsWith('snapshot.sqlite'))).toBe(true);
    expect(pkgFiles.some((f) => f.endsWith('manifest.json'))).toBe(true);

    expect(Object.entries(found.dirs).filter(([, m]) => m !== '700')).toEqual([]);
    expect(Object.entries(found.files).filter(([, m]) => m !== '600')).toEqual([]);
    // Folders the run created above the workspace are private too.
    expect(modeOf(path.dirname(ws))).toBe('700');
  }, 120_000);

  it("the database's -wal and -shm, created while it is open, are 0600 as well", () => {
    const previous = process.umask(0);
    try {
      const ws = path.join(tempDir(), 'ws');
      const w = openWorkspace({ dataDir: ws, mode: 'cli' });
      try {
        w.audit('test.write', 'x');
        for (const f of ['workspace.sqlite', 'workspace.sqlite-wal', 'workspace.sqlite-shm'])
          expect([f, modeOf(path.join(ws, f))]).toEqual([f, '600']);
        expect(modeOf(ws)).toBe('700');
      } finally {
        w.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('an existing workspace folder open to others is warned about, not chmod-ed', () => {
    const ws = path.join(tempDir(), 'shared');
    fs.mkdirSync(ws);
    fs.chmodSync(ws, 0o755);
    const r = cli(ws, ['snapshots'], { umask: '022' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `evidence-desk: warning: the workspace folder ${ws} can be opened by other accounts on this machine ` +
        `(mode 755); it holds evidence and the signing key. To make it private: chmod 700 '${ws}'`,
    );
    expect(modeOf(ws)).toBe('755');
    // What it creates inside is still private.
    expect(modeOf(path.join(ws, 'workspace.sqlite'))).toBe('600');
    expect(modeOf(path.join(ws, 'keys'))).toBe('700');

    fs.chmodSync(ws, 0o700);
    expect(cli(ws, ['snapshots'], { umask: '022' }).stderr).not.toMatch(/warning/);
  }, 60_000);

  it('a database of ours left readable by others (older version) is made 0600 when opened', () => {
    const ws = path.join(tempDir(), 'ws');
    const file = path.join(ws, 'workspace.sqlite');
    openDatabase(file).close();
    fs.chmodSync(file, 0o644);
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    expect(modeOf(file)).toBe('600');
  });
});
