// Where an export may be written, decided BEFORE any work starts. `fs.mkdirSync(dir, { recursive: true })` on
// an impossible path is not just an error: under /proc it loops at 100% CPU on the calling thread and ignores
// SIGTERM. So nothing here creates more than one folder per call to mkdir: we walk up to the nearest folder
// that exists, judge it, and create the missing ones ourselves, each step bounded.
import fs from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../core/errors';

/** Same bound as the API contract's paths. */
export const MAX_OUTPUT_PATH_LENGTH = 4096;
/** More missing folders than this is a typo or an attack, not an export destination. */
export const MAX_NEW_FOLDERS = 64;

/** Kernel pseudo-filesystems: writing there is meaningless, and mkdir under them can hang. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

// statfs f_type magic numbers (linux/magic.h): the same pseudo-filesystems mounted somewhere else (e.g. a
// container's /host/proc), which a path-prefix rule cannot see.
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
]);

export type OutputDirPlan = {
  /** The folder the package goes into, absolute and normalised. */
  dir: string;
  /** The nearest folder that already exists (dir itself when it exists). */
  existing: string;
  /** Folders to create, outermost first. */
  missing: string[];
};

const refuse = (dir: string, why: string) =>
  new RefusedError(`Cannot export to ${dir}: ${why}. Choose another folder.`);

/**
 * Judges an export folder without creating anything: absolute, not too long, not under a kernel pseudo-
 * filesystem, every existing ancestor a folder, and the nearest existing one writable. Throws RefusedError
 * with the reason; costs at most MAX_NEW_FOLDERS + a few stat calls.
 */
export function checkOutputDir(dir: string): OutputDirPlan {
  if (typeof dir !== 'string' || dir.length === 0) throw refuse(String(dir), 'no folder was given');
  const shown = dir.length > 200 ? `${dir.slice(0, 200)}…` : dir;
  if (dir.includes('\0')) throw refuse(shown, 'the path contains a NUL character');
  if (dir.length > MAX_OUTPUT_PATH_LENGTH)
    throw refuse(shown, `the path is longer than ${MAX_OUTPUT_PATH_LENGTH} characters`);
  if (!path.isAbsolute(dir))
    throw refuse(
      shown,
      'it is a relative path, which would depend on the folder Evidence Desk happened to start in; give an absolute path',
    );
  const resolved = path.resolve(dir);
  assertNotSystemPath(resolved, resolved);

  const missing: string[] = [];
  let current = resolved;
  for (;;) {
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(current);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: an ancestor is a file; keep walking up and name that file when we reach it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        throw refuse(
          resolved,
          code === 'EACCES' || code === 'EPERM'
            ? `${current} cannot be reached (permission denied)`
            : `${current} cannot be checked (${code ?? (err as Error).message})`,
        );
      }
    }
    if (stat) {
      if (!stat.isDirectory()) {
        throw refuse(resolved, `${current} is a file, not a folder`);
      }
      break;
    }
    missing.unshift(current);
    if (missing.length > MAX_NEW_FOLDERS)
      throw refuse(resolved, `more than ${MAX_NEW_FOLDERS} folders would have to be created`);
    const parent = path.dirname(current);
    // The root always exists, so this only guards against a platform where it does not.
    if (parent === current) throw refuse(resolved, 'no existing folder was found above it');
    current = parent;
  }

  // A symbolic link can point an innocent-looking folder into /proc; judge where it really leads.
  let real: string;
  try {
    real = fs.realpathSync(current);
  } catch (err) {
    throw refuse(resolved, `${current} cannot be resolved (${(err as Error).message})`);
  }
  assertNotSystemPath(resolved, real);
  assertNotPseudoFilesystem(resolved, real);
  try {
    // W_OK to create entries, X_OK to reach them.
    fs.accessSync(current, fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw refuse(
      resolved,
      code === 'EROFS'
        ? `${current} is on a read-only filesystem`
        : `you do not have permission to write in ${current}`,
    );
  }
  return { dir: resolved, existing: current, missing };
}

/** checkOutputDir, then creates the missing folders one level at a time. Returns the absolute folder. */
export function ensureOutputDir(dir: string): string {
  const plan = checkOutputDir(dir);
  for (const folder of plan.missing) {
    try {
      fs.mkdirSync(folder, { mode: 0o700 }); // private by default, like the rest of the workspace
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Another export (or the analyst) created it between the check and now: fine if it is a folder.
      if (code === 'EEXIST' && fs.statSync(folder).isDirectory()) continue;
      throw refuse(plan.dir, `${folder} could not be created (${code ?? (err as Error).message})`);
    }
  }
  return plan.dir;
}

function assertNotSystemPath(shown: string, candidate: string): void {
  if (process.platform === 'win32') return;
  for (const root of SYSTEM_ROOTS) {
    if (candidate === root || candidate.startsWith(`${root}/`)) {
      throw refuse(
        shown,
        candidate === shown
          ? `${root} is a kernel pseudo-filesystem, not a place for files`
          : `it leads into ${root} (a kernel pseudo-filesystem) through ${candidate}`,
      );
    }
  }
}

function assertNotPseudoFilesystem(shown: string, existing: string): void {
  if (process.platform !== 'linux') return;
  let type: number;
  try {
    type = Number(fs.statfsSync(existing).type);
  } catch {
    return; // statfs is an extra guard; the write-permission check below still applies
  }
  const name = PSEUDO_FILESYSTEMS.get(type);
  if (name) throw refuse(shown, `${existing} is on a ${name} pseudo-filesystem, not a place for files`);
}
