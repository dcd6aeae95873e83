// A package is built in a hidden staging folder beside its final place and renamed into place when signed
// (package-writer.ts). A process killed mid-export leaves that folder behind; nothing else would remove it.
// The staging name carries the writer's pid, so a later start (or the next export into the same folder)
// removes exactly the staging folders whose writer is gone and leaves a live export alone.
//
// A pid since reused by another process keeps its folder until that process exits too: harmless.
// Limits, by choice: a pid names a process on THIS machine. An export folder shared by two machines could
// see a live export of the other machine removed (that export then fails; it never yields a half package).
// A staging folder from before pids were recorded has no owner to ask: it is removed once it is an hour old,
// far longer than any export takes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processIsAlive } from '../store/run-lock';

const STAGING = /^\..+\.partial-(?:(\d+)-)?[0-9a-f]{8}$/;
const UNOWNED_STALE_MS = 60 * 60 * 1000;

/** `.<name>.partial-<pid>-<8 hex>` */
export function stagingFolderName(packageName: string, pid = process.pid): string {
  return `.${packageName}.partial-${pid}-${crypto.randomBytes(4).toString('hex')}`;
}

/** Removes staging folders in dir whose writer is gone; returns their names. Never throws. */
export function removeAbandonedStagingFolders(dir: string, now = Date.now()): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const m = STAGING.exec(e.name);
    // Only real folders we could have made: a symlink named like one is left for the analyst to look at.
    if (!m || !e.isDirectory()) continue;
    const full = path.join(dir, e.name);
    try {
      const abandoned = m[1]
        ? !processIsAlive(Number(m[1]))
        : now - fs.statSync(full).mtimeMs > UNOWNED_STALE_MS;
      if (!abandoned) continue;
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(e.name);
    } catch {
      // Another process removed it first, or it is not ours to remove: either way, not this start's problem.
    }
  }
  return removed;
}
