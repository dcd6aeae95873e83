// VERIFY.txt of an assessment package: how an auditor checks it with standard tools (sha256sum, openssl,
// sqlite3, python3), including the manual evidence files and the people's sign-off signatures.
import { PACK_LISTING_FILE } from '../checks/pack-hash';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import { DEMO_KEY_FINGERPRINT_HEX, groupFingerprint } from '../evidence/signing-key';
import { ASSESSMENT_FILE, ATTACHMENTS_DIR } from './assessment-manifest';
import type { AssessmentPackageModel } from './assessment-model';
import { MANIFEST_FILE, PUBLIC_KEY_IN_PACKAGE, SHA256SUMS_FILE, SIGNATURE_FILE } from './manifest';
import { accountLabel } from './provider-words';
import { VERIFY_SCRIPT_FILE } from './verify-script';

export function assessmentVerifyInstructions(model: AssessmentPackageModel, fingerprint: string): string {
  const a = model.assessment;
  const demo = model.demo
    ? [
        `*** ${DEMO_LABEL} ***`,
        "This package is Evidence Desk's embedded demo: the fictional Northwind Health estate. It is NOT evidence",
        'about any real account. It is signed with the published DEMO key, so its signature proves only that the',
        'files were not changed since SOMEONE signed them. Evidence Desk answers "intact but signer unknown" for it',
        `(exit 3), never "verified". Demo key fingerprint: ${groupFingerprint(DEMO_KEY_FINGERPRINT_HEX)}`,
        '',
      ]
    : [];
  const sample = model.checks[0];
  const first = model.snapshots[0];
  return [
    model.demo
      ? `${DEMO_LABEL}: how to verify this DEMO assessment package without ${model.tool.name}`
      : `How to verify this assessment package without ${model.tool.name}`,
    '='.repeat(60),
    '',
    ...demo,
    `Assessment:       ${a.name} (${a.id})`,
    `Period:           ${a.periodStart} to ${a.periodEnd}`,
    `Frameworks:       ${model.frameworks.map((f) => `${f.info.name} (${f.info.version})`).join('; ')}`,
    'Snapshots:',
    ...model.snapshots.map(
      (s) =>
        `    ${s.provider.toUpperCase()} ${accountLabel(s.provider).toLowerCase()} ${s.account ?? 'unknown'}: snapshot ${s.id}, content ${s.contentSha256}`,
    ),
    `Prepared with:    ${model.tool.name} ${model.tool.version} on ${model.generatedAt}`,
    '',
    'Signer fingerprint (SHA-256 of the signing public key, DER):',
    `    ${fingerprint}`,
    'Compare it with the one the analyst gave you separately. With Evidence Desk:',
    '    evidence-desk verify <package> --expect-key "<the fingerprint you were given>"',
    '',
    'All commands run inside the package folder.',
    '',
    '1. The public key:',
    `    openssl pkey -pubin -in ${PUBLIC_KEY_IN_PACKAGE} -outform DER | sha256sum`,
    `2. The signature over ${MANIFEST_FILE} (Ed25519, OpenSSL 3.0 or later):`,
    `    openssl base64 -d -in ${SIGNATURE_FILE} -out ${SIGNATURE_FILE}.bin`,
    `    openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_IN_PACKAGE} -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}.bin`,
    `3. Every file against the signed manifest: sha256sum -c ${SHA256SUMS_FILE} (and compare ${SHA256SUMS_FILE}'s`,
    `   own hash with its entry in ${MANIFEST_FILE}; a file not listed there was added after signing).`,
    `   The manual evidence files are ${ATTACHMENTS_DIR}/<sha256>: each is named by its own SHA-256, so`,
    `    cd ${ATTACHMENTS_DIR} && for f in *; do echo "$f  $f"; done | sha256sum -c`,
    '   must say OK for every file.',
    '4. Re-perform a check on one snapshot (snapshot.sqlite holds every snapshot of the package):',
    `    sqlite3 -readonly snapshot.sqlite -cmd ".parameter set @snapshot_id \\"'${first.id}'\\"" \\`,
    `      -cmd ".parameter set @as_of \\"'${first.startedAt}'\\"" < ${sample ? sample.sqlFile : 'checks/<check>.sql'}`,
    `   The checks are the pack ${model.tool.catalogVersion}: sha256sum --ignore-missing -c ${PACK_LISTING_FILE}`,
    `5. Recompute every snapshot's hashes and every attachment's hash: python3 ${VERIFY_SCRIPT_FILE}`,
    '   It also checks that each sign-off digest is the SHA-256 of the digest input stored beside it.',
    "6. Sign-offs: each row of the signoffs table is a person's Ed25519 signature (base64) over the canonical JSON",
    '   {"controlId","digest","framework","kind":"signoff","personId","role","signedAt","v"} (keys sorted, no',
    '   spaces, "v":"evidence-desk/control-digest/v1", "assessmentId" included), verifiable with the person\'s',
    "   public key in the people table. Evidence Desk verify checks every one and recomputes every control's",
    `   digest from snapshot.sqlite and ${ASSESSMENT_FILE}: a sign-off over an older digest is shown as stale.`,
    '',
    'What is in this package',
    '  workbook.xlsx      summary, scope, control matrix per framework, findings, inventory, collection log,',
    '                     exceptions, manual evidence, sign-offs, hashes',
    '  report.docx        scope (accounts and subscriptions), per control: test, population, results, conclusion,',
    '                     exceptions in force, attachments, sign-off history',
    '  evidence/<cloud>/<account>/   raw API responses per service and region, resources, errors, findings',
    `  ${ATTACHMENTS_DIR}/<sha256>       the manual evidence files, named by their hash`,
    "  snapshot.sqlite    every snapshot, its evaluation, and the assessment's records (public keys only)",
    `  ${ASSESSMENT_FILE}   the conclusions and digests as exported`,
    '  audit/             the audit entries about the assessment, each snapshot, exception and person, with',
    '                     the chain skeleton and a signed checkpoint',
    '  checks/            every check mapped to the frameworks, as run',
    '',
  ].join('\n');
}
