// Exception rules an auditor tests: who may decide, what a justification and an expiry must be, how status
// moves (expired computed at read time, renewal pending again, revocation), and how an exception is matched
// to failures across snapshots (account + check + resource uid, or a tag recorded in the snapshot).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssessment, attachSnapshot } from '../../main/assessments/assessments-repo';
import { evaluateAssessment } from '../../main/assessments/control-status';
import {
  decideException,
  listExceptions,
  renewException,
  requestException,
  revokeException,
  submitException,
  type ExceptionRequest,
} from '../../main/assessments/exceptions';
import { getFramework, type Framework } from '../../main/frameworks/catalog';
import { setSetting } from '../../main/store/settings-repo';
import type { Person } from '../../shared/domain';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  bucket,
  bucketUid,
  daysFromNow,
  ENC,
  makeAssessmentFixture,
  type AssessmentFixture,
} from '../helpers/assessments-fixture';

let fx: AssessmentFixture;
let alice: Person;
let bob: Person;
let carol: Person;
beforeEach(() => {
  fx = makeAssessmentFixture();
  alice = fx.person('Alice');
  bob = fx.person('Bob');
  carol = fx.person('Carol');
});
afterEach(() => fx.close());

const base = (over: Partial<ExceptionRequest> = {}): ExceptionRequest => ({
  checkId: ENC,
  scope: { kind: 'finding', account: ACCOUNT_A, resourceUid: bucketUid('legacy') },
  justification: 'Legacy archive bucket holds only public marketing assets.',
  riskOwner: carol.id,
  expiresAt: daysFromNow(30),
  ...over,
});
const request = (over: Partial<ExceptionRequest> = {}, who = alice) =>
  requestException(fx, who, base(over), fx.catalog.checks);

/** A one-control framework over ENC, so statuses are about the exception alone. */
const encFramework: Framework = {
  ...getFramework('soc2-2017'),
  controls: [
    {
      id: 'ENC',
      title: 'Encryption',
      description: 'Buckets are encrypted',
      family: 'Test',
      testable: 'automated',
      checks: [{ id: ENC, rationale: 'Shows buckets are encrypted at rest' }],
      manualEvidence: [],
    },
  ],
};

function statusOf(assessmentId: string, asOf?: string) {
  const record = createdRecords.get(assessmentId)!();
  return evaluateAssessment(fx.db, record, encFramework, fx.catalog.checks, asOf)[0].control;
}
const createdRecords = new Map<string, () => ReturnType<typeof createAssessment>>();
function assessmentOver(...snapshotIds: string[]) {
  const a = createAssessment(fx, alice, {
    name: 'FY26',
    frameworks: ['soc2-2017'],
    periodStart: '2026-01-01',
    periodEnd: '2026-01-01',
  });
  let last = a;
  for (const id of snapshotIds) last = attachSnapshot(fx, alice, a.id, id);
  createdRecords.set(a.id, () => last);
  return last;
}

describe('exception rules', () => {
  it('refuses a justification under 20 characters and an unknown check', () => {
    // Surrounding blanks do not count: 19 characters of substance are refused, 20 accepted.
    expect(() => request({ justification: `   ${'j'.repeat(19)}   ` })).toThrow(
      /at least 20 characters.*got 19/,
    );
    expect(request({ justification: 'j'.repeat(20) }).justification).toBe('j'.repeat(20));
    expect(() => request({ checkId: 'no_such_check' })).toThrow(/No check no_such_check/);
  });

  it('requires an expiry in the future within the maximum for the check severity (setting exceptionMaxDays)', () => {
    // s3_bucket_default_encryption is medium: 180 days by default.
    expect(() => request({ expiresAt: daysFromNow(-1) })).toThrow(/not in the future/);
    expect(() => request({ expiresAt: daysFromNow(181) })).toThrow(/medium check may run at most 180 days/);
    expect(request({ expiresAt: daysFromNow(179) }).status).toBe('pending');
    setSetting(fx.db, 'exceptionMaxDays', { critical: 7, high: 30, medium: 60, low: 90, info: 90 }, 'test');
    expect(() => request({ expiresAt: daysFromNow(61) })).toThrow(/at most 60 days/);
  });

  it('never lets the requester approve or reject their own exception, even below the code', () => {
    const e = request();
    expect(() => decideException(fx, alice, e.id, 'approved')).toThrow(/Alice requested .* cannot approve/);
    expect(() => decideException(fx, alice, e.id, 'rejected', 'no')).toThrow(/cannot reject/);
    // The trigger refuses it too, for a caller that skips the module.
    expect(() =>
      fx.db
        .prepare(
          "INSERT INTO exception_events (id, version, event, actor, at) VALUES (?, 1, 'approved', ?, ?)",
        )
        .run(e.id, alice.id, new Date().toISOString()),
    ).toThrow(/requester of an exception cannot approve/);
    const approved = decideException(fx, bob, e.id, 'approved', 'accepted for the migration window');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: bob.id, requestedBy: alice.id });
    expect(approved.events.map((x) => x.event)).toEqual(['drafted', 'submitted', 'approved']);
  });

  it('moves draft -> pending -> rejected, and only a pending one is decided', () => {
    const e = request({ submit: false });
    expect(e.status).toBe('draft');
    expect(() => decideException(fx, bob, e.id, 'approved')).toThrow(/is draft; only a pending one/);
    expect(() => submitException(fx, bob, e.id)).toThrow(/Only the requester/);
    expect(submitException(fx, alice, e.id).status).toBe('pending');
    expect(() => decideException(fx, bob, e.id, 'rejected')).toThrow(/needs a note/);
    expect(decideException(fx, bob, e.id, 'rejected', 'not a real business need').status).toBe('rejected');
  });

  it('computes expired at read time from the expiry, and renewal is a new pending version keeping history', () => {
    const e = request({ expiresAt: daysFromNow(10) });
    decideException(fx, bob, e.id, 'approved');
    expect(listExceptions(fx.db, { id: e.id, asOf: daysFromNow(9) })[0].status).toBe('approved');
    expect(listExceptions(fx.db, { id: e.id, asOf: daysFromNow(11) })[0].status).toBe('expired');
    const renewed = renewException(fx, carol, e.id, { expiresAt: daysFromNow(100) });
    expect(renewed).toMatchObject({ version: 2, status: 'pending', latest: true, requestedBy: carol.id });
    const versions = listExceptions(fx.db, { id: e.id });
    expect(versions.map((v) => [v.version, v.status, v.latest])).toEqual([
      [2, 'pending', true],
      [1, 'approved', false],
    ]);
    // The renewer requested version 2: they cannot approve it; the original requester can.
    expect(() => decideException(fx, carol, e.id, 'approved')).toThrow(/cannot approve/);
    expect(decideException(fx, alice, e.id, 'approved').version).toBe(2);
    // Nothing of version 1 can be rewritten.
    expect(() =>
      fx.db.prepare('UPDATE exception_versions SET expires_at = ? WHERE id = ?').run(daysFromNow(999), e.id),
    ).toThrow(/append-only/);
    expect(() => fx.db.prepare('DELETE FROM exception_events WHERE id = ?').run(e.id)).toThrow(/append-only/);
  });

  it('revokes every approved or pending version at once, with a note', () => {
    const e = request();
    decideException(fx, bob, e.id, 'approved');
    renewException(fx, alice, e.id, { expiresAt: daysFromNow(60) });
    expect(() => revokeException(fx, bob, e.id, ' ')).toThrow(/needs a note/);
    revokeException(fx, bob, e.id, 'the bucket is being encrypted after all');
    expect(listExceptions(fx.db, { id: e.id }).map((v) => v.status)).toEqual(['revoked', 'revoked']);
  });
});

describe('exceptions over control status', () => {
  it('covers a failure only while approved and unexpired: the control flips by itself at the expiry', () => {
    const snap = fx.addSnapshot({ resources: [bucket('ok', true), bucket('legacy', false)] });
    const a = assessmentOver(snap);
    expect(statusOf(a.id).status).toBe('deficient');
    const e = request({ expiresAt: daysFromNow(10) });
    expect(statusOf(a.id).status).toBe('deficient'); // pending covers nothing
    decideException(fx, bob, e.id, 'approved');
    const covered = statusOf(a.id, daysFromNow(9));
    expect(covered.status).toBe('effective-with-exceptions');
    expect(covered.exceptionsInForce).toEqual([
      expect.objectContaining({ id: e.id, version: 1, compensating: false }),
    ]);
    const lapsed = statusOf(a.id, daysFromNow(11));
    expect(lapsed.status).toBe('deficient');
    expect(lapsed.statusReason).toContain('(1 covering exception expired)');
  });

  it('is effective-with-exceptions only when EVERY failure is covered', () => {
    const snap = fx.addSnapshot({
      resources: [bucket('legacy', false), bucket('other', false), bucket('ok', true)],
    });
    const a = assessmentOver(snap);
    decideException(fx, bob, request().id, 'approved');
    const half = statusOf(a.id);
    expect(half.status).toBe('deficient');
    expect(half.counts).toMatchObject({ fail: 1, excepted: 1, pass: 1 });
    decideException(
      fx,
      bob,
      request({ scope: { kind: 'finding', account: ACCOUNT_A, resourceUid: bucketUid('other') } }).id,
      'approved',
    );
    expect(statusOf(a.id).status).toBe('effective-with-exceptions');
  });

  it('matches across snapshots by account + check + resource uid: the same uid in another account is not covered', () => {
    const inA = fx.addSnapshot({
      account: ACCOUNT_A,
      startedAt: '2026-01-01T00:00:00.000Z',
      resources: [bucket('legacy', false)],
    });
    const inB = fx.addSnapshot({
      account: ACCOUNT_B,
      startedAt: '2026-01-01T00:00:00.000Z',
      resources: [bucket('legacy', false)],
    });
    decideException(fx, bob, request().id, 'approved');
    const a = assessmentOver(inA, inB);
    const c = statusOf(a.id);
    expect(c.status).toBe('deficient');
    expect(c.statusReason).toContain(`1 of 1 resource fail ${ENC} in account ${ACCOUNT_B}`);
    expect(c.counts).toMatchObject({ excepted: 1, fail: 1 });
    // A later snapshot of account A with the same failing bucket is still covered by the same exception.
    const later = fx.addSnapshot({
      account: ACCOUNT_A,
      startedAt: '2026-02-01T00:00:00.000Z',
      resources: [bucket('legacy', false)],
    });
    const b = assessmentOver(later);
    expect(statusOf(b.id).status).toBe('effective-with-exceptions');
  });

  it('matches a tag-scoped exception on the tags each snapshot recorded, and a check-account one on the account', () => {
    const first = fx.addSnapshot({
      startedAt: '2026-01-01T00:00:00.000Z',
      resources: [bucket('tagged', false, { tags: { lifecycle: 'archive' } })],
    });
    const second = fx.addSnapshot({
      startedAt: '2026-02-01T00:00:00.000Z',
      resources: [bucket('tagged', false, { tags: { lifecycle: 'active' } })],
    });
    decideException(
      fx,
      bob,
      request({ scope: { kind: 'resources', tag: { key: 'lifecycle', value: 'archive' } } }).id,
      'approved',
    );
    expect(statusOf(assessmentOver(first).id).status).toBe('effective-with-exceptions');
    // The tag was changed by the time of the second snapshot: the exception no longer names the bucket.
    expect(statusOf(assessmentOver(second).id).status).toBe('deficient');
    decideException(
      fx,
      bob,
      request({ scope: { kind: 'check-account', account: ACCOUNT_A } }).id,
      'approved',
    );
    expect(statusOf(assessmentOver(second).id).status).toBe('effective-with-exceptions');
  });
});
