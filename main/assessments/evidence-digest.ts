// The evidence digest a sign-off signs: SHA-256 of the RFC 8785 canonical JSON of everything the control's
// conclusion rests on (the findings considered per snapshot with that evaluation's findings hash, the
// exceptions in force with their versions and status, the files attached, the conclusion itself). Recomputed
// at read time: when any of it changes (a new snapshot, an exception expiring, a file added) the digest
// changes and every sign-off over the old one is stale.
import { canonicalJson, sha256 } from '../util/hash';

export const DIGEST_VERSION = 'evidence-desk/control-digest/v1';

export type DigestFinding = [checkId: string, resourceUid: string, status: string];

export type ControlDigestInput = {
  v: typeof DIGEST_VERSION;
  assessmentId: string;
  framework: string;
  controlId: string;
  findings: {
    snapshotId: string;
    evaluationId: string | null;
    findingsSha256: string | null;
    /** Sorted by check, then resource: the same population always hashes the same. */
    items: DigestFinding[];
  }[];
  exceptions: { id: string; version: number; status: string }[];
  attachments: { requestId: string; sha256: string }[];
  conclusion: { status: string; label: string; text: string };
};

export type FrameworkDigestInput = {
  v: typeof DIGEST_VERSION;
  assessmentId: string;
  framework: string;
  controlId: '*';
  controls: { controlId: string; digest: string }[];
};

export type DigestInput = ControlDigestInput | FrameworkDigestInput;

export function digestOf(input: DigestInput): { digest: string; canonical: string } {
  const canonical = canonicalJson(input);
  return { digest: sha256(canonical), canonical };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Puts a digest input's lists in one order, whatever order they were gathered in. */
export function normaliseControlInput(input: ControlDigestInput): ControlDigestInput {
  return {
    ...input,
    findings: [...input.findings]
      .sort((a, b) => byText(a.snapshotId, b.snapshotId))
      .map((s) => ({
        ...s,
        items: [...s.items].sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1])),
      })),
    exceptions: [...input.exceptions].sort((a, b) => byText(a.id, b.id) || a.version - b.version),
    attachments: [...input.attachments].sort(
      (a, b) => byText(a.requestId, b.requestId) || byText(a.sha256, b.sha256),
    ),
  };
}
