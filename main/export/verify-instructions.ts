// VERIFY.txt: how an auditor checks a package with standard tools only (sha256sum, openssl, sqlite3), so the
// evidence does not depend on trusting Evidence Desk itself.
import { PACK_LISTING_FILE } from '../checks/pack-hash';
import type { EvidenceModel } from './evidence-model';
import { AUDIT_TRAIL_FILE } from '../evidence/audit-trail';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import { DEMO_KEY_FINGERPRINT_HEX, groupFingerprint } from '../evidence/signing-key';
import { MANIFEST_FILE, PUBLIC_KEY_IN_PACKAGE, SHA256SUMS_FILE, SIGNATURE_FILE } from './manifest';
import { VERIFY_SCRIPT_FILE } from './verify-script';
import { accountLabel } from './provider-words';

export const VERIFY_FILE = 'VERIFY.txt';

export function verifyInstructions(model: EvidenceModel, fingerprint: string): string {
  const s = model.snapshot;
  const sample = model.checks[0];
  const sqlQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const demo = s.demo
    ? [
        `*** ${DEMO_LABEL} ***`,
        "This package is Evidence Desk's embedded demo: the fictional Northwind Health estate, served by a",
        'loopback replay server. It is NOT evidence about any real account. It is signed with the published',
        'DEMO key, whose private half ships with Evidence Desk, so its signature proves only that the files',
        'were not changed since SOMEONE signed them. Evidence Desk answers "intact but signer unknown" for it',
        '(exit 3), never "verified", and refuses to trust or pin the demo key. Demo key fingerprint:',
        `    ${groupFingerprint(DEMO_KEY_FINGERPRINT_HEX)}`,
        'manifest.json says "demo": true (signed), and the snapshot\'s connection in snapshot.sqlite is the demo\'s.',
        '',
      ]
    : [];
  const lines = [
    s.demo
      ? `${DEMO_LABEL}: how to verify this DEMO package without ${model.tool.name}`
      : `How to verify this evidence package without ${model.tool.name}`,
    '='.repeat(60),
    '',
    ...demo,
    `Framework:        ${model.framework.name} (${model.framework.version})`,
    `${`${accountLabel(s.provider)}:`.padEnd(18)}${s.account ?? 'unknown'}`,
    `Snapshot:         ${s.id}`,
    `Content SHA-256:  ${s.contentSha256}`,
    `Evaluation:       ${model.evaluation.id} (check catalog ${model.evaluation.catalogVersion})`,
    `Prepared with:    ${model.tool.name} ${model.tool.version} on ${model.generatedAt}`,
    '',
    'Signer fingerprint (SHA-256 of the signing public key, DER):',
    `    ${fingerprint}`,
    'Compare it with the one the analyst gave you separately (e-mail, phone, engagement letter). A valid',
    'signature by a key you did not expect proves only that SOMEONE signed this package, not who.',
    `With ${model.tool.name}: evidence-desk verify <package> --expect-key "<the fingerprint you were given>"`,
    'answers VERIFIED only for that key (exit 0); without --expect-key a key the workspace does not trust gives',
    '"intact but signer unknown" (exit 3); anything changed gives NOT VERIFIED (exit 1).',
    '',
    'All commands run in this folder (after unzipping, inside the package folder).',
    '',
    '1. Check the public key is the one you expect',
    `    openssl pkey -pubin -in ${PUBLIC_KEY_IN_PACKAGE} -outform DER | sha256sum`,
    '   The output must equal the fingerprint above without the spaces.',
    '',
    `2. Check the signature over ${MANIFEST_FILE} (Ed25519; needs OpenSSL 3.0 or later)`,
    `    openssl base64 -d -in ${SIGNATURE_FILE} -out ${SIGNATURE_FILE}.bin`,
    `    openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_IN_PACKAGE} -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}.bin`,
    "   Expect: 'Signature Verified Successfully'. Delete manifest.sig.bin afterwards.",
    '',
    `3. Check every file against the signed manifest. ${MANIFEST_FILE} lists each file's SHA-256 and size;`,
    `   ${SHA256SUMS_FILE} holds the same list in sha256sum format and is itself listed in ${MANIFEST_FILE}:`,
    `    sha256sum ${SHA256SUMS_FILE}          (compare with its entry in ${MANIFEST_FILE})`,
    `    sha256sum -c ${SHA256SUMS_FILE}       (every line must say OK)`,
    `   Also compare the file list (find . -type f) with ${MANIFEST_FILE}: a file that is not listed was added`,
    `   after signing. Only ${MANIFEST_FILE} and ${SIGNATURE_FILE} are not listed in it.`,
    '',
    '4. Re-perform a check on the shipped snapshot (read-only):',
    `    sqlite3 -readonly snapshot.sqlite -cmd ".parameter set @snapshot_id \\"${sqlQuote(s.id)}\\"" \\`,
    `      -cmd ".parameter set @as_of \\"${sqlQuote(s.startedAt)}\\"" < ${sample ? sample.sqlFile : 'checks/<check>.sql'}`,
    '   Each row is one resource: resource_uid, status, reason, evidence. Compare with the Findings sheet of',
    '   workbook.xlsx, with evidence/findings.json, and with the findings table inside snapshot.sqlite.',
    '   Each check file starts with its metadata (title, rationale, remediation, references) in a comment.',
    `   The checks are the check pack ${model.evaluation.catalogVersion}, which is "sha256:" + the output of`,
    `    sha256sum ${PACK_LISTING_FILE}`,
    '   and every shipped check file must match its line in that listing:',
    `    sha256sum --ignore-missing -c ${PACK_LISTING_FILE}`,
    '   (files of the pack that are not mapped to this framework are listed but not shipped).',
    '',
    `5. Recompute every hash of snapshot.sqlite from its data (Python 3 standard library only):`,
    `    python3 ${VERIFY_SCRIPT_FILE}`,
    '   It recomputes each resource and raw-response hash from its row, the snapshot content hash, the',
    '   findings hash of the signed evaluation and the schema hash, and compares them with the manifest',
    '   (manifest.json: snapshot.contentSha256, evaluation.findingsSha256, snapshot.schemaSha256). Any edited',
    '   row is named. The recipe is written at the top of the script: short enough to read before running it.',
    '',
    `6. The audit trail (${AUDIT_TRAIL_FILE}) holds every audit-log entry about this snapshot, the chain`,
    "   skeleton (seq, prev_hash, hash) that links them, and a checkpoint of the chain's head signed with the",
    '   same key as the manifest (Ed25519 over the canonical JSON {at, format, head_hash, head_seq}).',
    '',
    'What is in this package',
    '  workbook.xlsx          summary, control matrix, findings, inventory (population), collection log, hashes',
    '  report.docx            scope, method, per-control test / population / results / conclusion, gaps, checks',
    '  evidence/              raw API responses per service and region, resources, collection errors, findings',
    '  snapshot.sqlite        this snapshot and its signed evaluation only, in the Evidence Desk schema',
    `  ${VERIFY_SCRIPT_FILE}     recomputes every hash of snapshot.sqlite (step 5)`,
    `  ${AUDIT_TRAIL_FILE}  audit-log entries about this snapshot and their signed checkpoint`,
    '  checks/                every check mapped to the framework (custom ones under checks/custom/), as run',
    `  ${MANIFEST_FILE}, ${SIGNATURE_FILE}, ${PUBLIC_KEY_IN_PACKAGE}, ${SHA256SUMS_FILE}   integrity and signature`,
    '',
  ];
  return lines.join('\n');
}
