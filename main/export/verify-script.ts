// verify_snapshot.py: the hash recipe of main/store/content-hash.ts in a standard-library Python script,
// shipped in every package so an auditor can recompute every hash without Evidence Desk. It is a file in
// evidence-templates/ (readable and reviewable as it is), copied into the package byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../paths';

export const VERIFY_SCRIPT_FILE = 'verify_snapshot.py';

export function verifySnapshotScript(): Buffer {
  return fs.readFileSync(path.join(appRoot(), 'evidence-templates', VERIFY_SCRIPT_FILE));
}
