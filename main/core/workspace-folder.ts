// The workspace folder holds evidence, the signing key and exports: private by default. Folders Evidence Desk
// creates are 0700 (umask can only remove bits, so nothing wider comes out). A folder that already exists
// is the analyst's choice (--data-dir, EVIDENCE_DESK_DATA, or an older version's default): it is never
// chmod-ed behind their back, but a folder others can enter is reported, with the command that fixes it.
import fs from 'node:fs';
import { WorkspaceAccessError } from '../store/db';

export const PRIVATE_FOLDER_MODE = 0o700;

/** Creates the folder (and missing parents) owner-only, or says plainly that it cannot be written. */
export function createPrivateFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new WorkspaceAccessError(dir);
    throw err;
  }
}

/** A warning when group or others may enter the folder (POSIX only: Windows uses ACLs, not mode bits). */
export function openFolderWarning(dir: string): string | null {
  if (process.platform === 'win32') return null;
  let mode: number;
  try {
    mode = fs.statSync(dir).mode & 0o777;
  } catch {
    return null;
  }
  if ((mode & 0o077) === 0) return null;
  return (
    `the workspace folder ${dir} can be opened by other accounts on this machine (mode ` +
    `${mode.toString(8).padStart(3, '0')}); it holds evidence and the signing key. To make it private: ` +
    `chmod 700 '${dir}'`
  );
}
