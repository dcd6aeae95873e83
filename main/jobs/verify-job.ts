// Verification on a job worker: hashing every file of a large package must not hold up the UI's thread. The
// caller has already established that the path is an evidence package (main/export/package-path.ts) and read
// the trusted signers, so this needs no database.
import { assertEvidencePackage } from '../export/package-path';
import { verifyPackage } from '../export/verify';
import type { VerifyResult } from '../../shared/domain';
import type { JobHooks, Jobs } from './protocol';

export async function runVerifyJob(
  params: Jobs['verify']['params'],
  hooks: JobHooks<never>,
): Promise<VerifyResult> {
  // Again here: the path may have changed since the caller looked, and this is cheap (two lstat calls).
  const pkg = assertEvidencePackage(params.path);
  hooks.signal.throwIfAborted();
  return verifyPackage(pkg.path, { trusted: params.trusted, expectKey: params.expectKey });
}
