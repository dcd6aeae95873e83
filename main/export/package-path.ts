// Deciding whether a path is an evidence package BEFORE verifying it. Verification lists and hashes every
// file under a folder, so pointed at / or /etc (by mistake or by a hostile caller) it would read the whole
// machine on the analyst's behalf and fail on the first unreadable file. The decision looks at no more than
// three names: the path itself, and for a folder its manifest.json and manifest.sig. Nothing is listed or
// read.
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError, RefusedError } from '../core/errors';
import { MANIFEST_FILE, SIGNATURE_FILE } from './manifest';

export type EvidencePackagePath = { path: string; kind: 'zip' | 'folder' };

const HOW = '(give the package folder or its .zip)';

const notAPackage = (target: string, why: string) =>
  new RefusedError(`not an evidence package: ${target} ${HOW}. ${why}`);

/** Returns the package's path and kind, or throws NotFoundError / RefusedError saying why it is not one. */
export function assertEvidencePackage(target: string): EvidencePackagePath {
  if (!path.isAbsolute(target)) {
    throw notAPackage(target, 'The path is relative; give an absolute path.');
  }
  const resolved = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new NotFoundError(`not an evidence package: ${resolved} ${HOW}. Nothing exists at that path.`);
    throw notAPackage(resolved, `It cannot be checked (${code ?? (err as Error).message}).`);
  }
  if (stat.isFile()) {
    if (/\.zip$/i.test(resolved)) return { path: resolved, kind: 'zip' };
    throw notAPackage(resolved, 'It is a file, and a packaged evidence file ends in .zip.');
  }
  if (!stat.isDirectory()) throw notAPackage(resolved, 'It is neither a folder nor a .zip file.');
  const missing = [MANIFEST_FILE, SIGNATURE_FILE].filter((name) => !isRegularFile(path.join(resolved, name)));
  if (missing.length > 0) {
    throw notAPackage(
      resolved,
      `A package folder holds ${MANIFEST_FILE} and ${SIGNATURE_FILE}; this folder has no ${missing.join(' and no ')}.`,
    );
  }
  return { path: resolved, kind: 'folder' };
}

/** lstat, not stat: a link named manifest.json could point anywhere on the machine. */
function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}
