// Starts the real core in browser mode on a random port with a fresh workspace, hands its URL (with the
// access token) to the tests via EVIDENCE_DESK_E2E_URL, and stops it afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';

const STARTUP_TIMEOUT_MS = 60_000;

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const root = config.configFile ? path.dirname(config.configFile) : process.cwd();
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `${index} is missing: run "npm run build:renderer" before the e2e tests (npm run test:e2e does).`,
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-e2e-'));
  // Overridable so the UI can be developed against a stand-in core; the default is the product's entry.
  const entry = process.env.EVIDENCE_DESK_E2E_ENTRY ?? 'main/web/main.ts';
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), entry, '--data-dir', dataDir, '--port', '0'],
    {
      cwd: root,
      // Own process group, so teardown can stop tsx and the node process it runs together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EVIDENCE_DESK_DATA: dataDir },
    },
  );
  const logPath = path.join(dataDir, 'core.log');
  const log = fs.createWriteStream(logPath);
  child.stderr.pipe(log);

  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `the core did not print EVIDENCE_DESK_URL within ${STARTUP_TIMEOUT_MS} ms; see ${logPath}`,
          ),
        ),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const m = /^EVIDENCE_DESK_URL=(\S+)$/m.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const tail = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').slice(-2000) : '';
      reject(new Error(`the core exited with code ${code} before it was ready (log: ${logPath}):\n${tail}`));
    });
  });
  child.stdout.on('data', (chunk: Buffer) => log.write(chunk));
  child.removeAllListeners('exit');

  process.env.EVIDENCE_DESK_E2E_URL = url;
  process.env.EVIDENCE_DESK_E2E_DATA = dataDir;

  return async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout'));
      if ((await Promise.race([exited, timeout])) === 'timeout') process.kill(-child.pid, 'SIGKILL');
    }
    log.end();
    if (!process.env.EVIDENCE_DESK_E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
