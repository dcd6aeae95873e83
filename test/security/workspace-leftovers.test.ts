// Threat: an export killed mid-write (crash, SIGKILL, power loss) leaves its hidden staging folder
// `.<package>.partial-*` behind for good: a half evidence package (raw responses, a snapshot copy) lying in
// the export folder, unseen by the analyst. The opposite mistake is as bad: a start-up clean-up that removes
// the staging folder of an export another live process is writing right now.
// Proves: staging folders carry their writer's pid; the next workspace open (and the next export into the
// same folder) removes those of dead writers, including one left by a real process killed with SIGKILL,
// and keeps those of live processes; a staging folder from before pids were recorded is removed only once it
// is older than any export takes; look-alikes that are not our folders are never touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/core/workspace';
import { removeAbandonedStagingFolders, stagingFolderName } from '../../main/export/staging-folders';

const root = path.resolve(__dirname, '..', '..');
const PACKAGE = 'evidence-soc2-2017-111122223333-2025-06-30-0123abcd';
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workspace(): { ws: string; exports: string } {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-leftovers-'));
  dirs.push(d);
  const ws = path.join(d, 'ws');
  const exports = path.join(ws, 'exports');
  fs.mkdirSync(exports, { recursive: true, mode: 0o700 });
  return { ws, exports };
}

/** A real process that starts writing a package the way package-writer.ts does, then waits to be killed. */
async function startExportWriter(outDir: string): Promise<{ child: ChildProcess; staging: string }> {
  const code = [
    "import fs from 'node:fs';",
    "import path from 'node:path';",
    `const { stagingFolderName } = await import(${JSON.stringify(path.join(root, 'main', 'export', 'staging-folders.ts'))});`,
    `const staging = path.join(process.env.OUT_DIR, stagingFolderName(${JSON.stringify(PACKAGE)}));`,
    'fs.mkdirSync(staging);',
    "fs.mkdirSync(path.join(staging, 'evidence'));",
    "fs.writeFileSync(path.join(staging, 'evidence', 'resources.json'), '[{\"half\": true');",
    "process.stdout.write(staging + '\\n');",
    'setInterval(() => {}, 1000);',
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, OUT_DIR: outDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const staging = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => resolve(d.toString().trim()));
    child.on('exit', (c) => reject(new Error(`export writer exited (${c}) before creating its folder`)));
  });
  return { child, staging };
}

const names = (dir: string) => fs.readdirSync(dir).sort();

describe('staging folders of killed exports', () => {
  it('names a staging folder after its writer: .<package>.partial-<pid>-<8 hex>', () => {
    expect(stagingFolderName(PACKAGE)).toMatch(
      new RegExp(`^\\.${PACKAGE}\\.partial-${process.pid}-[0-9a-f]{8}$`),
    );
  });

  it("the next open removes a killed export's staging folder and keeps a live one's", async () => {
    const { ws, exports } = workspace();
    const killed = await startExportWriter(exports);
    const live = await startExportWriter(exports);
    const mine = path.join(exports, stagingFolderName(PACKAGE)); // this (live) test process
    fs.mkdirSync(mine);
    killed.child.kill('SIGKILL');
    await new Promise((r) => killed.child.on('exit', r));
    expect(fs.existsSync(killed.staging)).toBe(true);

    openWorkspace({ dataDir: ws, mode: 'cli' }).close();

    expect(fs.existsSync(killed.staging)).toBe(false);
    expect(names(exports)).toEqual([path.basename(live.staging), path.basename(mine)].sort());
    expect(fs.readFileSync(path.join(live.staging, 'evidence', 'resources.json'), 'utf8')).toBe(
      '[{"half": true',
    );
  }, 60_000);

  it('a staging folder without a pid (older versions) is removed only once it is over an hour old', () => {
    const { ws, exports } = workspace();
    const young = path.join(exports, `.${PACKAGE}.partial-0a1b2c3d`);
    const old = path.join(exports, `.${PACKAGE}-2.partial-deadbeef`);
    fs.mkdirSync(young);
    fs.mkdirSync(old);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);

    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    expect(names(exports)).toEqual([path.basename(young)]);
  });

  it('never touches look-alikes: files, symlinks, other hidden folders, packages', async () => {
    const { exports } = workspace();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-leftovers-target-'));
    dirs.push(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'not ours');
    const lookAlikes = [
      `.${PACKAGE}.partial-${dead}-0123abcd.txt`, // wrong shape
      `.${PACKAGE}.partial-${dead}-0123abc`, // 7 hex
      '.git',
      PACKAGE,
    ];
    fs.writeFileSync(path.join(exports, `.${PACKAGE}.partial-${dead}-aaaaaaaa`), 'a file, not a folder');
    fs.symlinkSync(target, path.join(exports, `.${PACKAGE}.partial-${dead}-bbbbbbbb`));
    for (const n of lookAlikes) fs.mkdirSync(path.join(exports, n));
    const before = names(exports);

    expect(removeAbandonedStagingFolders(exports)).toEqual([]);
    expect(names(exports)).toEqual(before);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('not ours');
  });

  it('an export into a folder first clears dead staging folders there (real CLI export)', () => {
    const { ws } = workspace();
    const out = path.join(path.dirname(ws), 'elsewhere');
    fs.mkdirSync(out);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = path.join(out, `.${PACKAGE}.partial-${dead}-0badf00d`);
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, 'report.docx'), 'half a report');
    const home = path.dirname(ws);
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', ws, 'demo', '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          HOME: home,
          AWS_CONFIG_FILE: path.join(home, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
        },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.existsSync(stale)).toBe(false);
    // What is left is exactly the finished package and its zip: the export's own staging folder was renamed.
    expect(names(out).every((n) => !n.includes('.partial-'))).toBe(true);
    expect(names(out)).toHaveLength(2);
  }, 120_000);
});
