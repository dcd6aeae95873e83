// A second, private core for the UI walkthrough's slow-collection tests: its own workspace and its demo slowed
// by EVIDENCE_DESK_DEMO_LATENCY_MS, so a snapshot is still running when the page reloads. The shared core of
// global-setup.ts stays fast for every other spec (the latency is read once, from the process environment).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type SlowCore = { url: string; origin: string; token: string; stop: () => Promise<void> };

const STARTUP_TIMEOUT_MS = 60_000;

export async function startSlowCore(latencyMs: number): Promise<SlowCore> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-e2e-slow-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      'main/web/main.ts',
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        EVIDENCE_DESK_DATA: dataDir,
        EVIDENCE_DESK_DEMO_LATENCY_MS: String(latencyMs),
        // A custom endpoint with environment credentials needs some; they are fake and go nowhere real.
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    },
  );
  const log = fs.createWriteStream(path.join(dataDir, 'core.log'));
  child.stderr?.pipe(log);
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the slow core did not start')), STARTUP_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString();
      const m = /^EVIDENCE_DESK_URL=(\S+)$/m.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the slow core exited with code ${code}; see ${dataDir}/core.log`));
    });
  });
  child.removeAllListeners('exit');
  const parsed = new URL(url);
  const token = /token=([^&]+)/.exec(parsed.hash)?.[1] ?? '';
  return {
    url,
    origin: parsed.origin,
    token,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout'));
        if ((await Promise.race([exited, timeout])) === 'timeout') process.kill(-child.pid, 'SIGKILL');
      }
      log.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
