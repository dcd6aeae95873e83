// The newcomer's demo assessment (main/assessments/demo-seed.ts) through the dispatcher the UI uses: refused
// before any demo snapshot, then over a real demo snapshot every status shows (approved and expired
// exceptions, a file, a preparer sign-off), the audit log names the demo people, and a second call adds
// nothing. Also the two calls the Settings view added: policy.get and audit.list (paged, newest first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { DEMO_ASSESSMENT_NAME, DEMO_PEOPLE } from '../../main/assessments/demo-seed';
import type { Assessment, AssessmentControl, Attachment, ExceptionRecord, Person } from '../../shared/domain';

let dir: string;
let ws: Workspace;
let api: Dispatcher;

async function dispatch(name: string, payload: unknown) {
  return api.dispatch(name, payload);
}
async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await dispatch(name, payload);
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

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-demo-seed-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
});

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo assessment', () => {
  it('is refused until the demo connection has a complete snapshot', async () => {
    const r = await dispatch('assessments.seedDemo', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/snapshot of the demo connection first/);
    expect(await call<Assessment[]>('assessments.list', {})).toEqual([]);
  });

  it('shows every status over a real demo snapshot, and is made once', async () => {
    const snapshotId = await demoSnapshot();
    const a = await call<Assessment>('assessments.seedDemo', {});
    expect(a.name).toBe(DEMO_ASSESSMENT_NAME);
    expect(a.status).toBe('in-progress');
    expect(a.snapshots.map((s) => [s.snapshotId, s.current])).toEqual([[snapshotId, true]]);

    const people = await call<Person[]>('people.list', {});
    const prep = people.find((p) => p.email === DEMO_PEOPLE.preparer.email);
    const rev = people.find((p) => p.email === DEMO_PEOPLE.reviewer.email);
    expect(prep && rev).toBeTruthy();
    expect(a.people.map((p) => [p.personId, p.role]).sort()).toEqual(
      [
        [prep!.id, 'preparer'],
        [rev!.id, 'reviewer'],
      ].sort(),
    );

    const exceptions = (await call<ExceptionRecord[]>('exceptions.list', {})).filter((e) => e.latest);
    expect(exceptions.map((e) => e.status).sort()).toEqual(['approved', 'expired']);
    for (const e of exceptions) {
      // Segregation of duties holds in the demo too: the preparer asked, the reviewer decided.
      expect(e.requestedBy).toBe(prep!.id);
      expect(e.decidedBy).toBe(rev!.id);
      expect(e.justification).toMatch(/^Demo/);
    }
    const expired = exceptions.find((e) => e.status === 'expired')!;
    expect(Date.parse(expired.expiresAt)).toBeLessThan(Date.now());
    // Two different checks, so the two exceptions touch different evidence.
    expect(new Set(exceptions.map((e) => e.checkId)).size).toBe(2);

    const files = await call<Attachment[]>('evidence.list', { assessmentId: a.id });
    expect(files).toHaveLength(1);
    expect(files[0].originalName).toBe('demo-evidence.txt');
    expect(files[0].uploadedBy).toBe(prep!.id);

    const controls = await call<AssessmentControl[]>('controls.forAssessment', {
      assessmentId: a.id,
      framework: 'soc2-2017',
    });
    const signed = controls.filter((c) => c.signoffs.length > 0);
    expect(signed).toHaveLength(1);
    expect(signed[0].signoffs.map((s) => [s.role, s.personId, s.stale, s.signatureValid])).toEqual([
      ['preparer', prep!.id, false, true],
    ]);
    expect(signed[0].requests.some((r) => r.id === files[0].requestId && r.answered)).toBe(true);
    // The approved exception covers a real failure of the snapshot.
    expect(controls.some((c) => c.exceptionsInForce.length > 0)).toBe(true);

    // Again: the same assessment, nothing added.
    const again = await call<Assessment>('assessments.seedDemo', {});
    expect(again.id).toBe(a.id);
    expect(await call<Assessment[]>('assessments.list', {})).toHaveLength(1);
    expect(await call<Person[]>('people.list', {})).toHaveLength(2);
    expect((await call<ExceptionRecord[]>('exceptions.list', {})).length).toBe(2);
  }, 120_000);

  it('pages the audit log newest first, with the demo people as actors', async () => {
    type Page = { entries: { seq: number; actor: string; action: string }[]; total: number };
    const first = await call<Page>('audit.list', { limit: 5 });
    expect(first.entries).toHaveLength(5);
    expect(first.total).toBeGreaterThan(5);
    const seqs = first.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    expect(seqs[0]).toBe(first.total);
    const next = await call<Page>('audit.list', { limit: 5, beforeSeq: seqs[4] });
    expect(next.entries[0].seq).toBe(seqs[4] - 1);
    const all = await call<Page>('audit.list', { limit: 500 });
    expect(all.entries.find((e) => e.action === 'assessment.demoSeed')?.actor).toContain(
      DEMO_PEOPLE.preparer.email,
    );
    expect(all.entries.find((e) => e.action === 'exception.approve')?.actor).toContain(
      DEMO_PEOPLE.reviewer.email,
    );
  });

  it('answers the least-privilege policy the gap messages point to', async () => {
    const p = await call<{
      aws: { policy: { Statement: { Action: string[] }[] }; notes: string[] };
      azure: { role: { Actions: string[] }; graphPermissions: string[] } | null;
    }>('policy.get', {});
    const actions = p.aws.policy.Statement.flatMap((s) => s.Action);
    expect(actions).toContain('s3:GetBucketPolicy');
    expect(actions.every((x) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(x))).toBe(true);
    expect(p.aws.notes.join(' ')).toMatch(/sts:AssumeRole/);
    expect(p.azure?.role.Actions.length).toBeGreaterThan(0);
  });
});
