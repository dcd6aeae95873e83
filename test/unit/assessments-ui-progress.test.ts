// The assessment home's numbers and next actions (renderer/src/features/assessments/progress.ts) and the small
// form helpers: what the analyst plans the day by must count what it says it counts.
import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentControl, ExceptionRecord, SignOff } from '../../shared/domain';
import {
  expiryFromDate,
  maxExpiryDate,
  parseExclusions,
  scopeText,
} from '../../renderer/src/features/assessments/assessment-text';
import { nextActions, nextRole, progressOf } from '../../renderer/src/features/assessments/progress';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  id: 'a1',
  name: 'Test',
  frameworks: ['soc2-2017'],
  scope: { connections: [], accounts: [], regions: [], tag: null, exclusions: [] },
  periodStart: '2026-06-01',
  periodEnd: '2026-06-01',
  status: 'in-progress',
  people: [
    { personId: 'pat', name: 'Pat', email: 'pat@example.com', role: 'preparer' },
    { personId: 'riya', name: 'Riya', email: 'riya@example.com', role: 'reviewer' },
  ],
  snapshots: [
    {
      snapshotId: 's1',
      account: '111122223333',
      connection: 'demo',
      startedAt: '2026-06-01T00:00:00Z',
      attachedAt: '2026-06-01T00:00:00Z',
      attachedBy: 'pat',
      current: true,
      note: null,
    },
  ],
  createdAt: '2026-06-01T00:00:00Z',
  createdBy: 'pat',
  updatedAt: '2026-06-01T00:00:00Z',
  ...over,
});

let nextId = 1;
const signoff = (role: SignOff['role'], personId: string, state: Partial<SignOff> = {}): SignOff => ({
  id: nextId++,
  assessmentId: 'a1',
  framework: 'soc2-2017',
  controlId: 'X',
  role,
  personId,
  personName: personId,
  signedAt: '2026-06-01T00:00:00Z',
  digest: 'd',
  signatureValid: true,
  stale: false,
  ...state,
});

const control = (id: string, over: Partial<AssessmentControl> = {}): AssessmentControl => ({
  framework: 'soc2-2017',
  controlId: id,
  title: id,
  description: '',
  checkIds: ['check_a'],
  status: 'effective',
  statusReason: '',
  counts: { pass: 1, fail: 0, error: 0, na: 0, excepted: 0 },
  manualEvidence: [],
  label: 'Effective',
  conclusion: '',
  population: { accounts: [], regions: [], snapshots: [], resources: 0, excluded: 0 },
  requests: [],
  exceptionsInForce: [],
  digest: 'd',
  signoffs: [],
  ...over,
});

const exception = (over: Partial<ExceptionRecord>): ExceptionRecord => ({
  id: 'e1',
  version: 1,
  latest: true,
  checkId: 'check_a',
  severity: 'high',
  scope: { kind: 'check-account', account: '111122223333' },
  justification: 'x'.repeat(20),
  compensatingControl: null,
  riskOwner: 'riya',
  requestedBy: 'pat',
  requestedAt: '2026-06-01T00:00:00Z',
  expiresAt: '2026-07-01T00:00:00Z',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  events: [],
  ...over,
});

describe('nextRole', () => {
  it('follows preparer -> reviewer over holding sign-offs only, skipping roles nobody holds', () => {
    const a = assessment();
    expect(nextRole(a, [])).toBe('preparer');
    expect(nextRole(a, [signoff('preparer', 'pat')])).toBe('reviewer');
    // No approver assigned: preparer + reviewer complete the chain.
    expect(nextRole(a, [signoff('preparer', 'pat'), signoff('reviewer', 'riya')])).toBeNull();
    // A stale or forged sign-off does not count: the chain starts again.
    expect(nextRole(a, [signoff('preparer', 'pat', { stale: true })])).toBe('preparer');
    expect(nextRole(a, [signoff('preparer', 'pat', { signatureValid: false })])).toBe('preparer');
  });
});

describe('progressOf and nextActions', () => {
  it('counts signed, awaiting, deficient, stale and expiring exactly', () => {
    const a = assessment();
    const controls = [
      control('C1', { signoffs: [signoff('preparer', 'pat'), signoff('reviewer', 'riya')] }),
      control('C2', { status: 'awaiting-evidence', signoffs: [signoff('preparer', 'pat', { stale: true })] }),
      control('C3', {
        status: 'deficient',
        exceptionsInForce: [
          { id: 'e9', version: 1, compensating: false, expiresAt: new Date(NOW + 10 * DAY).toISOString() },
        ],
      }),
      control('C4', {
        status: 'effective-with-exceptions',
        checkIds: ['check_b'],
        // Renewed: the old stale preparer sign-off is replaced by a holding one, so nothing is stale here.
        signoffs: [signoff('preparer', 'pat', { stale: true }), signoff('preparer', 'pat')],
        exceptionsInForce: [
          { id: 'e8', version: 2, compensating: true, expiresAt: new Date(NOW + 45 * DAY).toISOString() },
        ],
      }),
    ];
    const exceptions = [
      exception({ id: 'p1', status: 'pending' }),
      exception({ id: 'p2', status: 'pending', checkId: 'not_in_framework' }),
      exception({ id: 'p3', status: 'pending', latest: false }),
      exception({ id: 'ok', status: 'approved' }),
    ];
    const p = progressOf(a, controls, exceptions, 'riya', NOW);
    expect(p).toEqual({
      controls: 4,
      signed: 1,
      awaitingEvidence: 1,
      deficient: 1,
      incomplete: 0,
      expiringSoon: 1,
      staleSignoffs: 1,
      // Riya (reviewer) can sign C4 only: C1 is complete, C2 and C3 wait for the preparer.
      readyForActor: 1,
      pendingExceptions: 1,
    });
    expect(nextActions(a, p).map((x) => x.text)).toEqual([
      '1 control awaits evidence',
      '1 exception pending approval',
      '1 sign-off stale: the evidence changed',
      '1 control is deficient: remediate or request exceptions',
      '1 exception expires within 30 days',
      '1 control is ready for your signature',
    ]);
  });

  it('asks for a snapshot first when none is current, and plurals the counts', () => {
    const a = assessment({ snapshots: [] });
    const p = progressOf(
      a,
      [control('C1', { status: 'awaiting-evidence' }), control('C2', { status: 'awaiting-evidence' })],
      [],
      null,
      NOW,
    );
    expect(p.readyForActor).toBe(0);
    const actions = nextActions(a, p);
    expect(actions[0].id).toBe('attach');
    expect(actions[1]).toMatchObject({ text: '2 controls await evidence', filter: 'awaiting-evidence' });
  });
});

describe('form helpers', () => {
  it('parses exclusions "uid | reason" and reports lines without a real reason', () => {
    expect(parseExclusions('arn:aws:s3:::a | Decommissioned\n\n  arn:aws:s3:::b|tiny\nno-reason')).toEqual({
      exclusions: [{ resourceUid: 'arn:aws:s3:::a', reason: 'Decommissioned' }],
      problems: [
        'line 3: give "resource uid | reason (5+ characters)"',
        'line 4: give "resource uid | reason (5+ characters)"',
      ],
    });
  });

  it('never offers an expiry date beyond the severity maximum', () => {
    for (const max of [1, 30, 90, 365]) {
      for (const hour of [0, 11, 23]) {
        const now = Date.parse(`2026-06-01T${String(hour).padStart(2, '0')}:30:00.000Z`);
        const expires = Date.parse(expiryFromDate(maxExpiryDate(max, now)));
        expect(expires).toBeGreaterThan(now);
        expect(expires - now).toBeLessThanOrEqual(max * DAY);
      }
    }
  });

  it('describes each exception scope in words', () => {
    expect(scopeText({ kind: 'finding', account: '1', resourceUid: 'arn:x' })).toBe(
      'one finding: arn:x in 1',
    );
    expect(scopeText({ kind: 'resources', tag: { key: 'pci', value: 'cde' } })).toBe(
      'resources tagged pci=cde',
    );
    expect(scopeText({ kind: 'check-account', account: '2' })).toBe('every resource in account 2');
  });
});
