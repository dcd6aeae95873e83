// One evidence package per assessment, over the demo: the AWS demo account and the three Azure demo subscriptions
// (two tenants) in one scope, two frameworks, an exception approved by a second person, an attached file, a preparer and a
// reviewer sign-off. Exported through the dispatcher (export job worker, progress events), verified (intact,
// demo -> unknown signer by design), read back with independent readers (openpyxl, python-docx), then
// tampered: a changed attachment and an edited sign-off row must each be named by verify.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import type {
  Assessment,
  AssessmentControl,
  Attachment,
  ExceptionRecord,
  ExportProgress,
  ExportResult,
  Finding,
  Person,
  SnapshotSummary,
  VerifyResult,
} from '../../shared/domain';

let dir: string;
let out: string;
let ws: Workspace;
let api: Dispatcher;
let awsSnapshot: string;
let azureSnapshots: SnapshotSummary[];
let assessment: Assessment;
let exception: ExceptionRecord;
let attachment: Attachment;
let people: { prep: Person; rev: Person; appr: Person };
let result: ExportResult;
const progress: ExportProgress[] = [];

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function snapshotOf(connectionId: string): Promise<string> {
  const { snapshotId: id } = await call<{ snapshotId: string }>('snapshots.start', { connectionId });
  const outcome = await new Promise<{ status: string; message: string }>((resolve) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.finished' && p.snapshotId === id) {
        off();
        resolve(p);
      }
    });
  });
  expect(outcome.status, outcome.message).toBe('complete');
  return id;
}

/** Reads the package's workbook sheets and report with the auditor's tools, not the libraries that wrote them. */
const READER = String.raw`
import json, sys
import docx, openpyxl
from docx.table import Table
from docx.text.paragraph import Paragraph
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
def sheet(name):
    ws = wb[name]
    rows = [[("" if c is None else str(c)) for c in r] for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]
out = {"sheetNames": wb.sheetnames}
for name in ["Exceptions", "Manual evidence", "Sign-offs", "Scope", "Findings"]:
    out[name] = sheet(name)
d = docx.Document(sys.argv[2])
# The Scope section: every paragraph and table cell between the "Scope" heading and the next heading 1.
body = d.element.body
section, inside = [], False
for el in body.iterchildren():
    tag = el.tag.split('}')[1]
    if tag == 'p':
        p = Paragraph(el, d)
        if p.style.name == 'Heading 1':
            inside = p.text == 'Scope'
            continue
        if inside and p.text.strip():
            section.append(p.text)
    elif tag == 'tbl' and inside:
        t = Table(el, d)
        for row in t.rows:
            section.append(" | ".join(c.text for c in row.cells))
cover = []
for t in d.tables[:1]:
    for row in t.rows:
        cover.append([c.text for c in row.cells])
text = "\n".join(p.text for p in d.paragraphs)
cells = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
out["scopeSection"] = section
out["cover"] = cover
out["headings"] = [p.text for p in d.paragraphs if p.style.name.startswith('Heading')]
out["allText"] = text + "\n" + cells
print(json.dumps(out))
`;

type SheetRow = Record<string, string>;
type Read = {
  sheetNames: string[];
  Exceptions: SheetRow[];
  'Manual evidence': SheetRow[];
  'Sign-offs': SheetRow[];
  Scope: SheetRow[];
  Findings: SheetRow[];
  scopeSection: string[];
  cover: string[][];
  headings: string[];
  allText: string;
};

function readBack(pkgDir: string): Read {
  return JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      ['-c', READER, path.join(pkgDir, 'workbook.xlsx'), path.join(pkgDir, 'report.docx')],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    ),
  ) as Read;
}

const verify = (target: string) => call<VerifyResult>('export.verify', { path: target });

function copyPackage(name: string): string {
  const copy = path.join(out, name);
  fs.cpSync(result.packageDir, copy, { recursive: true });
  // Copies are writable so the test can tamper with them (the package itself is written 0600).
  return copy;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-assessment-pkg-'));
  out = path.join(dir, 'out');
  fs.mkdirSync(out);
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  api.subscribe((event, payload) => {
    if (event === 'export.progress') progress.push(payload as ExportProgress);
  });
  awsSnapshot = await snapshotOf('demo');
  const runId = await snapshotOf('demo-azure');
  azureSnapshots = (await call<SnapshotSummary[]>('snapshots.list', {})).filter((s) => s.runId === runId);
  expect(azureSnapshots).toHaveLength(3);

  const prep = await call<Person>('people.create', { name: 'Priya Preparer', email: 'priya@northwind.test' });
  const rev = await call<Person>('people.create', { name: 'Ravi Reviewer', email: 'ravi@northwind.test' });
  const appr = await call<Person>('people.create', { name: 'Ana Approver', email: 'ana@northwind.test' });
  people = { prep, rev, appr };
  assessment = await call<Assessment>('assessments.create', {
    actor: prep.id,
    name: 'Northwind multi-cloud SOC 2 and ISO',
    frameworks: ['soc2-2017', 'iso27001-2022'],
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    people: [
      { person: prep.id, role: 'preparer' },
      { person: rev.id, role: 'reviewer' },
      { person: appr.id, role: 'approver' },
    ],
  });
  for (const snapshotId of [awsSnapshot, ...azureSnapshots.map((s) => s.id)])
    assessment = await call<Assessment>('assessments.attachSnapshot', {
      actor: prep.id,
      assessmentId: assessment.id,
      snapshotId,
    });

  // An exception over one failing AWS finding of a SOC 2 mapped check, approved by a second person.
  const controls = await call<AssessmentControl[]>('controls.forAssessment', {
    assessmentId: assessment.id,
    framework: 'soc2-2017',
  });
  const findings = await call<Finding[]>('findings.list', { snapshotId: awsSnapshot });
  const mapped = new Set(controls.flatMap((c) => c.checkIds));
  const failing = findings.find((f) => f.status === 'fail' && mapped.has(f.checkId))!;
  const requested = await call<ExceptionRecord>('exceptions.request', {
    actor: prep.id,
    checkId: failing.checkId,
    scope: { kind: 'finding', account: '111122223333', resourceUid: failing.resourceUid },
    justification: 'Accepted while the platform team migrates this resource next sprint.',
    compensatingControl: 'Weekly manual review of the resource by the platform team',
    riskOwner: appr.id,
    expiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
  });
  exception = await call<ExceptionRecord>('exceptions.approve', {
    actor: appr.id,
    exceptionId: requested.id,
    note: 'approved for one sprint',
  });
  expect(exception.status).toBe('approved');

  const file = path.join(dir, 'code-of-conduct.pdf');
  fs.writeFileSync(file, '%PDF-1.4 Northwind code of conduct, signed by every employee');
  const request = controls.find((c) => c.controlId === 'CC1.1')!.requests[0].id;
  attachment = await call<Attachment>('evidence.attach', {
    actor: prep.id,
    assessmentId: assessment.id,
    requestId: request,
    description: 'Code of conduct acknowledgement',
    effectiveFrom: '2026-01-10',
    effectiveTo: '2026-03-31',
    file: { path: file },
  });
  for (const [actor, role] of [
    [prep.id, 'preparer'],
    [rev.id, 'reviewer'],
  ])
    await call('signoffs.sign', {
      actor,
      assessmentId: assessment.id,
      framework: 'soc2-2017',
      controlId: 'CC1.1',
      role,
    });

  result = await call<ExportResult>('assessments.export', {
    assessmentId: assessment.id,
    outputDir: out,
    requestId: '6f1c7a3e-1b2d-4c5e-8f90-0a1b2c3d4e5f',
  });
}, 300_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the assessment package', () => {
  it('is one demo package over every snapshot in scope, with progress to done', () => {
    expect(result.demo).toBe(true);
    expect(fs.existsSync(result.zipPath)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(result.packageDir, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('evidence-desk-package/3');
    expect(manifest.demo).toBe(true);
    expect(manifest.assessment).toMatchObject({
      id: assessment.id,
      name: 'Northwind multi-cloud SOC 2 and ISO',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
    });
    expect(manifest.frameworks.map((f: { id: string }) => f.id)).toEqual(['soc2-2017', 'iso27001-2022']);
    expect(manifest.snapshots.map((s: { account: string }) => s.account).sort()).toEqual(
      ['111122223333', ...azureSnapshots.map((s) => s.account!)].sort(),
    );
    for (const s of manifest.snapshots) {
      expect(s.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.evaluation.findingsSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(manifest.attachments).toEqual([
      { path: `attachments/${attachment.sha256}`, sha256: attachment.sha256, bytes: attachment.size },
    ]);
    const requestProgress = progress.filter((p) => p.requestId === '6f1c7a3e-1b2d-4c5e-8f90-0a1b2c3d4e5f');
    expect(requestProgress.at(-1)?.phase).toBe('done');
    expect(requestProgress.some((p) => p.phase === 'zipping')).toBe(true);
  });

  it('namespaces raw evidence per cloud and account so accounts never collide', () => {
    const files = result.files.map((f) => f.path);
    expect(files).toContain('evidence/aws/111122223333/findings.json');
    for (const s of azureSnapshots) expect(files).toContain(`evidence/azure/${s.account}/resources.json`);
    expect(files.some((f) => /^evidence\/aws\/111122223333\/s3\/.+\.json$/.test(f))).toBe(true);
    expect(files).toContain(`attachments/${attachment.sha256}`);
    expect(fs.readFileSync(path.join(result.packageDir, 'attachments', attachment.sha256), 'utf8')).toContain(
      'Northwind code of conduct',
    );
  });

  it('ships every snapshot and the assessment records, people with public keys only', () => {
    const db = new Database(path.join(result.packageDir, 'snapshot.sqlite'), { readonly: true });
    try {
      const ids = (db.prepare('SELECT id FROM snapshots ORDER BY id').all() as { id: string }[]).map(
        (r) => r.id,
      );
      expect(ids).toEqual([awsSnapshot, ...azureSnapshots.map((s) => s.id)].sort());
      const columns = (db.prepare('PRAGMA table_info(people)').all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns.some((c) => /private/i.test(c))).toBe(false);
      const shipped = db.prepare('SELECT public_key_pem FROM people').all() as { public_key_pem: string }[];
      expect(shipped).toHaveLength(3);
      for (const p of shipped) expect(p.public_key_pem).toMatch(/BEGIN PUBLIC KEY/);
      expect(db.prepare('SELECT count(*) AS n FROM signoffs').get()).toEqual({ n: 2 });
      expect(
        db.prepare('SELECT event FROM exception_events WHERE id = ? ORDER BY seq').all(exception.id),
      ).toEqual([{ event: 'drafted' }, { event: 'submitted' }, { event: 'approved' }]);
      expect(db.prepare('SELECT sha256 FROM attachments').all()).toEqual([{ sha256: attachment.sha256 }]);
    } finally {
      db.close();
    }
    // No private key file travels in the package.
    const all = result.files.map((f) =>
      fs.readFileSync(path.join(result.packageDir, f.path)).toString('latin1'),
    );
    expect(all.some((text) => text.includes('PRIVATE KEY'))).toBe(false);
  });

  it('verifies intact (demo: signer unknown by design), every sign-off valid and current', async () => {
    for (const target of [result.packageDir, result.zipPath]) {
      const v = await verify(target);
      expect(v.problems).toEqual([]);
      expect(v).toMatchObject({ outcome: 'unknown-signer', demo: true, signature: 'valid' });
      expect(v.assessment).toMatchObject({ id: assessment.id, snapshots: 4, attachments: 1 });
      expect(v.assessment!.signoffs.map((s) => [s.role, s.personName, s.signatureValid, s.stale])).toEqual([
        ['preparer', 'Priya Preparer', true, false],
        ['reviewer', 'Ravi Reviewer', true, false],
      ]);
    }
  });

  it('recomputes every hash with verify_snapshot.py, attachments and sign-off digests included', () => {
    const r = spawnSync('/usr/bin/python3', [path.join(result.packageDir, 'verify_snapshot.py')], {
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/DEMO - fictional estate/);
    expect(r.stdout).toMatch(/4 snapshot\(s\), 1 attachment\(s\) and 2 sign-off digest\(s\) match/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('reads back with openpyxl and python-docx: exceptions, evidence, sign-offs, scope of both clouds', () => {
    const read = readBack(result.packageDir);
    expect(read.sheetNames).toEqual(
      expect.arrayContaining([
        'Summary',
        'Scope',
        'Control matrix soc2-2017',
        'Control matrix iso27001-2022',
        'Findings',
        'Inventory',
        'Collection log',
        'Exceptions',
        'Manual evidence',
        'Sign-offs',
        'Hashes',
      ]),
    );
    expect(read.Exceptions).toEqual([
      expect.objectContaining({
        Exception: exception.id,
        Version: '1',
        Check: exception.checkId,
        'Requested by': 'Priya Preparer <priya@northwind.test>',
        'Approved / rejected by': 'Ana Approver <ana@northwind.test>',
        Decision: 'approved',
        'Compensating control': 'Weekly manual review of the resource by the platform team',
        Status: 'approved',
      }),
    ]);
    expect(read['Manual evidence']).toEqual([
      expect.objectContaining({
        Control: 'CC1.1',
        'File name': 'code-of-conduct.pdf',
        'SHA-256': attachment.sha256,
        'Effective date / period': '2026-01-10 to 2026-03-31',
        'Uploaded by': 'Priya Preparer <priya@northwind.test>',
        Revision: '1',
      }),
    ]);
    expect(read['Sign-offs'].map((r) => [r.Role, r.Person, r['Signature valid'], r.Stale])).toEqual([
      ['preparer', 'Priya Preparer', 'yes', 'no'],
      ['reviewer', 'Ravi Reviewer', 'yes', 'no'],
    ]);
    const inScope = read.Scope.filter((r) => r['In scope'] === 'yes' && r.Kind === 'snapshot');
    expect(inScope.map((r) => [r.Cloud, r['Account / subscription']]).sort()).toEqual(
      [['AWS', '111122223333'], ...azureSnapshots.map((s) => ['AZURE', s.account!])].sort(),
    );
    const clouds = new Set(read.Findings.map((r) => r.Cloud));
    expect([...clouds].sort()).toEqual(['AWS', 'AZURE']);

    const scope = read.scopeSection.join('\n');
    expect(scope).toMatch(/AWS \| Account 111122223333/);
    for (const s of azureSnapshots) expect(scope).toContain(`Azure | Subscription ${s.account}`);
    const cover = Object.fromEntries(read.cover.map(([k, v]) => [k, v]));
    expect(cover.Assessment).toContain('Northwind multi-cloud SOC 2 and ISO');
    expect(cover.Period).toBe('2026-01-01 to 2026-03-31');
    expect(cover['Signer fingerprint']).toBe(result.signingKeyFingerprint);
    expect(cover.Preparer).toMatch(/^Priya Preparer <priya@northwind.test> \(signed \d{4}-\d{2}-\d{2}\)$/);
    expect(cover.Reviewer).toMatch(/^Ravi Reviewer .*\(signed \d{4}-\d{2}-\d{2}\)$/);
    expect(cover.Approver).toMatch(/^Ana Approver .*\(not signed\)$/);
    expect(read.headings).toEqual(expect.arrayContaining(['Scope', 'Out of scope', 'Sign-off history']));
    expect(read.allText).toContain(attachment.sha256);
  });

  it('names a changed attachment: not verified', async () => {
    const copy = copyPackage('tampered-attachment');
    const file = path.join(copy, 'attachments', attachment.sha256);
    fs.chmodSync(file, 0o600);
    fs.appendFileSync(file, ' (amended)');
    const v = await verify(copy);
    expect(v.outcome).toBe('not-verified');
    expect(v.changed).toContain(`attachments/${attachment.sha256}`);
    expect(v.problems.join('\n')).toContain(`attachments/${attachment.sha256} no longer hashes to its name`);
  });

  it('fails the signature of an edited sign-off row', async () => {
    const copy = copyPackage('tampered-signoff');
    const db = new Database(path.join(copy, 'snapshot.sqlite'));
    const trigger = (
      db.prepare("SELECT sql FROM sqlite_master WHERE name = 'signoffs_no_update'").get() as { sql: string }
    ).sql;
    // Drop the append-only trigger, move the reviewer's sign-off a day earlier, put the trigger back as it
    // was: the schema hash is unchanged, only the row (and so the file) differs.
    db.exec('DROP TRIGGER signoffs_no_update');
    db.prepare("UPDATE signoffs SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'reviewer'").run();
    db.exec(trigger);
    db.close();
    const v = await verify(copy);
    expect(v.outcome).toBe('not-verified');
    expect(v.changed).toContain('snapshot.sqlite');
    expect(v.problems.join('\n')).toMatch(
      /sign-off \d+ \(reviewer Ravi Reviewer, soc2-2017 CC1\.1, 2026-01-01T00:00:00\.000Z\): its signature does not verify with Ravi Reviewer's public key/,
    );
    expect(v.assessment!.signoffs.find((s) => s.role === 'reviewer')!.signatureValid).toBe(false);
    expect(v.assessment!.signoffs.find((s) => s.role === 'preparer')!.signatureValid).toBe(true);
  });

  it('shows a sign-off over evidence that changed before the export as stale, not as a failure', async () => {
    // A new file for CC1.1 changes its digest: the earlier sign-offs are stale in the next package.
    const file = path.join(dir, 'code-of-conduct-v2.pdf');
    fs.writeFileSync(file, '%PDF-1.4 Northwind code of conduct, revision 2');
    await call('evidence.attach', {
      actor: people.prep.id,
      assessmentId: assessment.id,
      requestId: attachment.requestId,
      description: 'Code of conduct, revised',
      effectiveFrom: '2026-02-01',
      file: { path: file },
    });
    const second = await call<ExportResult>('assessments.export', {
      assessmentId: assessment.id,
      outputDir: out,
    });
    const v = await verify(second.packageDir);
    expect(v.problems).toEqual([]);
    expect(v.outcome).toBe('unknown-signer');
    expect(v.assessment!.attachments).toBe(2);
    expect(v.assessment!.signoffs.map((s) => [s.role, s.signatureValid, s.stale])).toEqual([
      ['preparer', true, true],
      ['reviewer', true, true],
    ]);
  });

  it('exports and verifies from the CLI: assessment export <id> -o <dir>, then verify (exit 3, demo)', () => {
    const root = path.resolve(__dirname, '..', '..');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', dir, ...args], {
        encoding: 'utf8',
        cwd: root,
        env: { ...process.env, HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'none') },
        timeout: 240_000,
      });
    const target = path.join(out, 'cli');
    fs.mkdirSync(target);
    const exported = cli('assessment', 'export', assessment.id, '-o', target, '--json');
    expect(exported.status, exported.stderr).toBe(0);
    const r = JSON.parse(exported.stdout) as ExportResult;
    expect(r.demo).toBe(true);
    expect(path.dirname(r.packageDir)).toBe(target);
    const verified = cli('verify', r.zipPath);
    expect(verified.status, verified.stdout + verified.stderr).toBe(3);
    expect(verified.stdout).toMatch(/INTACT BUT SIGNER UNKNOWN \(DEMO - fictional estate\)/);
    expect(verified.stdout).toContain(
      `assessment: Northwind multi-cloud SOC 2 and ISO (${assessment.id}): 4 snapshot(s)`,
    );
    expect(verified.stdout).toMatch(
      /sign-off: soc2-2017 CC1\.1 reviewer Ravi Reviewer \S+: signature valid, stale \(the evidence changed since\)/,
    );
  }, 300_000);
});
