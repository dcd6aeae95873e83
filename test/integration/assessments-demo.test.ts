// The assessment workflow over the demo estate, through the same dispatcher the UI uses: people with their
// own keys, an assessment over a demo snapshot, an exception requested and approved by different people, a
// manual evidence file (inline and by path), sign-offs in order, staleness after a new snapshot, and every
// action in the audit log under the person who did it. Then the CLI: every command's --json round trip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import type {
  Assessment,
  AssessmentControl,
  Attachment,
  ExceptionRecord,
  Finding,
  Person,
  SignOff,
} from '../../shared/domain';

let dir: string;
let ws: Workspace;
let api: Dispatcher;
let snapshotId: string;

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function demoSnapshot(): Promise<string> {
  const { snapshotId: id } = await call<{ snapshotId: string }>('snapshots.start', { connectionId: 'demo' });
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

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-assessments-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  snapshotId = await demoSnapshot();
}, 120_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('assessment workflow over the demo snapshot', () => {
  it('runs people -> assessment -> exception -> evidence -> sign-offs, audited per person', async () => {
    const prep = await call<Person>('people.create', {
      name: 'Priya Preparer',
      email: 'priya@northwind.test',
    });
    const rev = await call<Person>('people.create', {
      name: 'Ravi Reviewer',
      email: 'ravi@northwind.test',
      passphrase: 'reviewer passphrase',
    });
    const appr = await call<Person>('people.create', { name: 'Ana Approver', email: 'ana@northwind.test' });
    expect(rev.keyEncrypted).toBe(true);
    expect((await call<Person[]>('people.list', {})).map((p) => p.email).sort()).toEqual([
      'ana@northwind.test',
      'priya@northwind.test',
      'ravi@northwind.test',
    ]);

    let a = await call<Assessment>('assessments.create', {
      actor: prep.email,
      name: 'Northwind SOC 2 readiness',
      frameworks: ['soc2-2017', 'pci-dss-4.0'],
      periodStart: '2026-01-31',
      periodEnd: '2026-01-31',
      people: [
        { person: prep.id, role: 'preparer' },
        { person: rev.id, role: 'reviewer' },
        { person: appr.id, role: 'approver' },
      ],
    });
    expect(a).toMatchObject({ status: 'draft', frameworks: ['soc2-2017', 'pci-dss-4.0.1'] });
    a = await call<Assessment>('assessments.attachSnapshot', {
      actor: prep.id,
      assessmentId: a.id,
      snapshotId,
    });
    expect(a.status).toBe('in-progress');
    expect(a.snapshots).toEqual([expect.objectContaining({ snapshotId, current: true })]);

    const controls = await call<AssessmentControl[]>('controls.forAssessment', {
      assessmentId: a.id,
      framework: 'soc2-2017',
    });
    const statuses = new Set(controls.map((c) => c.status));
    expect(statuses.has('deficient')).toBe(true);
    expect(statuses.has('awaiting-evidence')).toBe(true);
    // Nothing is attached yet: no control can be 'manual' (files to judge) or concluded without its files.
    expect(statuses.has('manual')).toBe(false);
    for (const c of controls) {
      expect(c.conclusion).not.toMatch(/operating effective/i);
      if (c.requests.some((r) => !r.answered)) expect(c.status).not.toMatch(/^effective/);
    }

    // Pick a deficient control whose failures are all one check, and except every failing resource of it.
    const findings = await call<Finding[]>('findings.list', { snapshotId });
    const failingBy = (checkId: string) =>
      findings.filter((f) => f.checkId === checkId && f.status === 'fail');
    const target = controls.find(
      (c) =>
        c.status === 'deficient' &&
        c.checkIds.filter((id) => failingBy(id).length > 0).length === 1 &&
        c.counts.error === 0,
    );
    expect(target, 'a deficient control failing on one check').toBeDefined();
    const checkId = target!.checkIds.find((id) => failingBy(id).length > 0)!;
    const uids = failingBy(checkId).map((f) => f.resourceUid);
    const requested = await call<ExceptionRecord>('exceptions.request', {
      actor: prep.id,
      checkId,
      scope: { kind: 'resources', account: a.snapshots[0].account, resourceUids: uids },
      justification: 'Accepted for the demo while the owning team remediates.',
      riskOwner: appr.id,
      expiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    });
    const selfApproval = await api.dispatch('exceptions.approve', {
      actor: prep.id,
      exceptionId: requested.id,
    });
    expect(selfApproval).toMatchObject({ ok: false, error: { code: 'refused' } });
    await call<ExceptionRecord>('exceptions.approve', {
      actor: appr.id,
      exceptionId: requested.id,
      note: 'ok',
    });
    const after = (
      await call<AssessmentControl[]>('controls.forAssessment', {
        assessmentId: a.id,
        framework: 'soc2-2017',
      })
    ).find((c) => c.controlId === target!.controlId)!;
    expect(after.status).not.toBe('deficient');
    expect(after.counts).toMatchObject({ fail: 0, excepted: uids.length });

    // Manual evidence: inline (browser mode) and by path; replacing adds a revision.
    const request = controls.find((c) => c.controlId === 'CC1.1')!.requests[0].id;
    const inline = await call<Attachment>('evidence.attach', {
      actor: prep.id,
      assessmentId: a.id,
      requestId: request,
      description: 'Code of conduct',
      effectiveFrom: '2026-01-10',
      file: { name: 'coc.pdf', base64: Buffer.from('%PDF code of conduct').toString('base64') },
    });
    const file = path.join(dir, 'coc-v2.pdf');
    fs.writeFileSync(file, '%PDF code of conduct v2');
    const byPath = await call<Attachment>('evidence.attach', {
      actor: prep.id,
      assessmentId: a.id,
      requestId: request,
      description: 'Code of conduct, revised',
      effectiveFrom: '2026-01-20',
      file: { path: file },
    });
    expect([inline.revision, byPath.revision, byPath.originalName]).toEqual([1, 2, 'coc-v2.pdf']);
    expect(
      (await call<Attachment[]>('evidence.list', { assessmentId: a.id, requestId: request })).map(
        (x) => x.current,
      ),
    ).toEqual([true, false]);

    // Sign-offs in order; the passphrase-protected reviewer gives theirs.
    const sign = (actor: string, role: string, passphrase?: string) =>
      api.dispatch('signoffs.sign', {
        actor,
        assessmentId: a.id,
        framework: 'soc2-2017',
        controlId: 'CC1.1',
        role,
        passphrase,
      });
    expect(await sign(appr.id, 'approver')).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((await sign(prep.id, 'preparer')).ok).toBe(true);
    expect((await sign(rev.id, 'reviewer', 'reviewer passphrase')).ok).toBe(true);
    expect((await sign(appr.id, 'approver')).ok).toBe(true);
    let signoffs = await call<SignOff[]>('signoffs.list', { assessmentId: a.id });
    expect(signoffs.map((s) => [s.role, s.signatureValid, s.stale])).toEqual([
      ['preparer', true, false],
      ['reviewer', true, false],
      ['approver', true, false],
    ]);

    // A new snapshot of the same account becomes current: what was signed is no longer what is concluded on.
    const second = await demoSnapshot();
    a = await call<Assessment>('assessments.attachSnapshot', {
      actor: prep.id,
      assessmentId: a.id,
      snapshotId: second,
    });
    expect(a.snapshots.find((s) => s.current)?.snapshotId).toBe(second);
    signoffs = await call<SignOff[]>('signoffs.list', { assessmentId: a.id });
    expect(signoffs.every((s) => s.stale && s.signatureValid)).toBe(true);

    // Every human action is in the audit log under the person, with the OS user beside it.
    const audit = ws.db
      .prepare(
        "SELECT actor, action, details FROM audit_log WHERE action LIKE 'exception.%' OR action LIKE 'signoff.%' OR action LIKE 'evidence.%' OR action LIKE 'assessment.%'",
      )
      .all() as {
      actor: string;
      action: string;
      details: string;
    }[];
    expect(audit.find((e) => e.action === 'exception.approve')?.actor).toBe(
      `Ana Approver <ana@northwind.test> (person:${appr.id})`,
    );
    expect(audit.filter((e) => e.action === 'signoff.sign').map((e) => e.actor.split(' <')[0])).toEqual([
      'Priya Preparer',
      'Ravi Reviewer',
      'Ana Approver',
    ]);
    expect(audit.every((e) => (JSON.parse(e.details) as { osUser?: string }).osUser === ws.actor)).toBe(true);
    expect(JSON.stringify(ws.db.prepare('SELECT * FROM audit_log').all())).not.toContain(
      'reviewer passphrase',
    );
  }, 180_000);
});

describe('assessment CLI', () => {
  const root = path.resolve(__dirname, '..', '..');
  const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-assessments-cli-'));
  afterAll(() => fs.rmSync(cliDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', path.join(cliDir, 'ws'), ...args],
      {
        encoding: 'utf8',
        cwd: root,
        env: {
          ...process.env,
          HOME: cliDir,
          AWS_CONFIG_FILE: path.join(cliDir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(cliDir, 'none'),
          ED_TEST_PASSPHRASE: 'cli passphrase 1',
        },
        timeout: 120_000,
      },
    );
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const json = <T>(...args: string[]) => JSON.parse(cli(...args, '--json')) as T;

  it('round-trips every command through --json', () => {
    const snap = /snapshot ([0-9a-f-]{36})/.exec(
      cli('snapshot', '--connection', 'demo', '--regions', 'us-east-1'),
    )![1];
    const p = json<Person>('person', 'add', '--name', 'Pat', '--email', 'pat@example.test');
    const r = json<Person>(
      'person',
      'add',
      '--name',
      'Rae',
      '--email',
      'rae@example.test',
      '--passphrase-env',
      'ED_TEST_PASSPHRASE',
    );
    expect(r.keyEncrypted).toBe(true);
    expect(
      json<Person[]>('person', 'list')
        .map((x) => x.id)
        .sort(),
    ).toEqual([p.id, r.id].sort());
    const a = json<Assessment>(
      'assessment',
      'create',
      '--as',
      p.email,
      '--name',
      'CLI',
      '-f',
      'iso27001-2022',
      '--period-start',
      '2026-01-31',
      '--preparer',
      p.email,
      '--reviewer',
      r.email,
    );
    expect(a).toMatchObject({ name: 'CLI', periodEnd: '2026-01-31', status: 'draft' });
    expect(json<Assessment>('assessment', 'attach-snapshot', a.id, snap, '--as', p.id).status).toBe(
      'in-progress',
    );
    expect(json<Assessment[]>('assessment', 'list').map((x) => x.id)).toEqual([a.id]);
    const shown = json<{ assessment: Assessment; controls: AssessmentControl[] }>(
      'assessment',
      'show',
      a.id,
      '-f',
      'iso27001-2022',
    );
    expect(shown.assessment.id).toBe(a.id);
    expect(shown.controls.some((c) => c.status === 'awaiting-evidence')).toBe(true);

    const e = json<ExceptionRecord>(
      'exception',
      'request',
      '--as',
      p.id,
      '--check',
      's3_bucket_default_encryption',
      '--kind',
      'check-account',
      '--account',
      shown.assessment.snapshots[0].account!,
      '--justification',
      'Demo account buckets are encrypted by the platform team next sprint.',
      '--risk-owner',
      r.id,
      '--expires',
      new Date(Date.now() + 10 * 86_400_000).toISOString(),
    );
    expect(e.status).toBe('pending');
    expect(json<ExceptionRecord>('exception', 'approve', e.id, '--as', r.email).status).toBe('approved');
    expect(json<ExceptionRecord[]>('exception', 'list').map((x) => [x.id, x.status])).toEqual([
      [e.id, 'approved'],
    ]);
    expect(
      json<ExceptionRecord>('exception', 'revoke', e.id, '--as', p.id, '--note', 'fixed early').status,
    ).toBe('revoked');

    const file = path.join(cliDir, 'restore.txt');
    fs.writeFileSync(file, 'restore test ok');
    const att = json<Attachment>(
      'evidence',
      'attach',
      a.id,
      'A.8.13-R2',
      file,
      '--as',
      p.id,
      '--description',
      'Restore test',
      '--effective-from',
      '2026-01-15',
    );
    expect(att).toMatchObject({ requestId: 'A.8.13-R2', revision: 1, originalName: 'restore.txt' });
    expect(json<Attachment[]>('evidence', 'list', a.id).map((x) => x.sha256)).toEqual([att.sha256]);

    const s = json<SignOff>(
      'signoff',
      a.id,
      '-f',
      'iso27001-2022',
      '--control',
      'A.8.13',
      '--role',
      'preparer',
      '--as',
      p.id,
    );
    expect(s).toMatchObject({ role: 'preparer', signatureValid: true, stale: false });
    const s2 = json<SignOff>(
      'signoff',
      a.id,
      '-f',
      'iso27001-2022',
      '--control',
      'A.8.13',
      '--role',
      'reviewer',
      '--as',
      r.id,
      '--passphrase-env',
      'ED_TEST_PASSPHRASE',
    );
    expect(s2.signatureValid).toBe(true);
    expect(json<SignOff[]>('signoff', a.id, '--list').map((x) => x.role)).toEqual(['preparer', 'reviewer']);
  }, 240_000);
});
