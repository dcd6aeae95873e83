// VERIFY.txt: how an auditor checks a package with standard tools only (sha256sum, openssl, sqlite3), so the
// evidence does not depend on trusting Evidence Desk itself.
import type { EvidenceModel } from './evidence-model';
import { MANIFEST_FILE, PUBLIC_KEY_IN_PACKAGE, SHA256SUMS_FILE, SIGNATURE_FILE } from './manifest';

export const VERIFY_FILE = 'VERIFY.txt';

export function verifyInstructions(model: EvidenceModel, fingerprint: string): string {
  const s = model.snapshot;
  const sample = model.checks[0];
  const sqlQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const lines = [
    `How to verify this evidence package without ${model.tool.name}`,
    '='.repeat(60),
    '',
    `Framework:        ${model.framework.name} (${model.framework.version})`,
    `Account:          ${s.account ?? 'unknown'}`,
    `Snapshot:         ${s.id}`,
    `Content SHA-256:  ${s.contentSha256}`,
    `Prepared with:    ${model.tool.name} ${model.tool.version} on ${model.generatedAt}`,
    '',
    'Signing key fingerprint (SHA-256 of the public key, DER):',
    `    ${fingerprint}`,
    'Compare it with the fingerprint the preparer gave you separately (e-mail, phone, engagement letter).',
    'A package signed by a key you did not expect proves nothing about who prepared it.',
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
    '',
    '5. Recompute the snapshot content hash (optional): sha256 over, joined with newlines,',
    "   'resource<TAB>uid<TAB>sha256' for each resource ordered by uid, then",
    "   'gap<TAB>service<TAB>region<TAB>operation<TAB>code' for each collection gap ordered by seq:",
    "    sqlite3 -readonly snapshot.sqlite \"SELECT 'resource' || char(9) || uid || char(9) || sha256 FROM resources ORDER BY uid;",
    "      SELECT 'gap' || char(9) || service || char(9) || region || char(9) || operation || char(9) || code",
    '      FROM collection_errors ORDER BY seq;" | head -c -1 | sha256sum',
    '   The output must equal the content SHA-256 above.',
    '',
    'What is in this package',
    '  workbook.xlsx          summary, control matrix, findings, inventory (population), collection log, hashes',
    '  report.docx            scope, method, per-control test / population / results / conclusion, gaps, checks',
    '  evidence/              raw API responses per service and region, resources, collection errors, findings',
    '  snapshot.sqlite        this snapshot only, in the Evidence Desk schema',
    '  checks/                the SQL of every check mapped to the framework',
    `  ${MANIFEST_FILE}, ${SIGNATURE_FILE}, ${PUBLIC_KEY_IN_PACKAGE}, ${SHA256SUMS_FILE}   integrity and signature`,
    '',
  ];
  return lines.join('\n');
}
