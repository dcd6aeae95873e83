// The embedded demo is the product's showroom and its widest end-to-end test: a whole-organisation run over
// the Northwind Health organisation must make EVERY built-in check both pass and fail somewhere (so a newcomer
// sees what each one looks for), record the account whose role cannot be assumed, and leave a deliberate
// collection gap that turns a control Incomplete (never Effective on missing data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { listFindings } from '../../main/checks/engine';
import { startOrganizationRun } from '../../main/collect/run-snapshot';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { evaluateControls } from '../../main/evidence/controls';
import { getFramework } from '../../main/frameworks/catalog';
import { getRun } from '../../main/store/collection-runs-repo';
import { FrameworkId, type Finding } from '../../shared/domain';

let dir: string;
let ws: Workspace;
let run: NonNullable<ReturnType<typeof getRun>>;
const findingsByAccount = new Map<string, Finding[]>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-demo-coverage-'));
  ws = openWorkspace({ dataDir: path.join(dir, 'ws'), mode: 'cli' });
  const { runId, done } = startOrganizationRun(ws, { connectionId: 'demo' });
  const outcome = await done;
  expect(outcome.status, outcome.message).toBe('complete');
  run = getRun(ws.db, runId)!;
  for (const a of run.accounts)
    findingsByAccount.set(a.accountId, listFindings(ws.db, a.snapshotId, allChecks));
}, 240_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo organisation', () => {
  it('collects the three reachable accounts and records the one whose role cannot be assumed', () => {
    expect(run.accounts.map((a) => [a.accountId, a.status]).sort()).toEqual([
      ['111122223333', 'complete'],
      ['444455556666', 'complete'],
      ['888899990000', 'complete'],
    ]);
    expect(run.gaps.map((g) => [g.accountId, g.code])).toEqual([['777788889999', 'AccessDenied']]);
  });

  it('makes every built-in check both pass and fail somewhere in the organisation', () => {
    const all = [...findingsByAccount.values()].flat();
    const missing = allChecks
      .filter((c) => c.origin === 'builtin' && c.provider === 'aws')
      .filter((c) => {
        const mine = all.filter((f) => f.checkId === c.id);
        return !mine.some((f) => f.status === 'pass') || !mine.some((f) => f.status === 'fail');
      })
      .map((c) => c.id);
    expect(missing, 'checks that do not both pass and fail in the demo').toEqual([]);
  });

  it('shows an Incomplete control where a deliberate gap touches its population, in every framework', () => {
    // The Dev account is mostly well configured, and GuardDuty is unreadable in eu-west-1 there (denied).
    const dev = run.accounts.find((a) => a.accountId === '444455556666')!;
    for (const id of FrameworkId.options) {
      const controls = evaluateControls(ws.db, dev.snapshotId, getFramework(id), allChecks);
      const incomplete = controls.filter((c) => c.status === 'incomplete');
      expect(incomplete.length, id).toBeGreaterThan(0);
      for (const c of incomplete)
        expect(c.statusReason, `${id} ${c.controlId}`).toMatch(/guardduty_is_enabled/);
      expect(
        controls.some((c) => c.status === 'effective'),
        id,
      ).toBe(true);
      expect(
        controls.some((c) => c.status === 'deficient'),
        id,
      ).toBe(true);
    }
  });
});
