// Sign-offs: preparer -> reviewer -> approver, one person one role per chain, each signed with the person's
// own Ed25519 key (optionally passphrase-protected) over the evidence digest; a sign-off goes stale when the
// evidence changes (a new snapshot, an exception expiring, a file added) and must be renewed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachSnapshot, createAssessment } from '../../main/assessments/assessments-repo';
import { attachEvidence } from '../../main/assessments/attachments';
import { decideException, requestException } from '../../main/assessments/exceptions';
import { personKeyFile } from '../../main/assessments/person-keys';
import {
  assessmentSignoffs,
  getAssessment,
  signControl,
  WHOLE_FRAMEWORK,
} from '../../main/assessments/service';
import type { AssessmentRole, Person } from '../../shared/domain';
import {
  ACCOUNT_A,
  bucket,
  bucketUid,
  daysFromNow,
  ENC,
  makeAssessmentFixture,
  type AssessmentFixture,
} from '../helpers/assessments-fixture';

let fx: AssessmentFixture;
let prep: Person;
let rev: Person;
let appr: Person;
let assessmentId: string;
const CONTROL = 'CC6.1'; // maps s3_bucket_default_encryption among others
beforeEach(() => {
  fx = makeAssessmentFixture();
  prep = fx.person('Preparer');
  rev = fx.person('Reviewer', 'correct horse battery');
  appr = fx.person('Approver');
  assessmentId = createAssessment(fx, prep, {
    name: 'SOC 2 readiness',
    frameworks: ['soc2-2017'],
    periodStart: '2026-01-31',
    periodEnd: '2026-01-31',
    people: [
      { person: prep.id, role: 'preparer' },
      { person: rev.email, role: 'reviewer' },
      { person: appr.id, role: 'approver' },
      { person: appr.id, role: 'reviewer' },
    ],
  }).id;
  attachSnapshot(
    fx,
    prep,
    assessmentId,
    fx.addSnapshot({ resources: [bucket('legacy', false), bucket('ok', true)] }),
  );
});
afterEach(() => fx.close());

const sign = (who: Person, role: AssessmentRole, controlId = CONTROL, passphrase?: string) =>
  signControl(fx, fx.catalog, who, { assessmentId, framework: 'soc2-2017', controlId, role, passphrase });
const signoffs = (asOf?: string) => assessmentSignoffs(fx, fx.catalog, assessmentId, 'soc2-2017', asOf);

describe('sign-offs', () => {
  it('enforces preparer -> reviewer -> approver, the assigned role, and one role per person per chain', () => {
    expect(() => sign(rev, 'reviewer', CONTROL, 'correct horse battery')).toThrow(
      /preparer signs CC6.1 before the reviewer/,
    );
    expect(() => sign(appr, 'approver')).toThrow(/reviewer signs CC6.1 before the approver/);
    expect(() => sign(rev, 'preparer')).toThrow(/Reviewer is not a preparer/);
    sign(prep, 'preparer');
    expect(() => sign(prep, 'preparer')).toThrow(/already signed by a preparer/);
    expect(() => sign(appr, 'approver')).toThrow(/reviewer signs CC6.1 before the approver/);
    // The approver is also assigned as a reviewer, but cannot then approve the same chain.
    sign(appr, 'reviewer');
    expect(() => sign(appr, 'approver')).toThrow(
      /already signed CC6.1 as reviewer; one person cannot hold two roles/,
    );
    const list = signoffs();
    expect(list.map((s) => [s.role, s.personName, s.signatureValid, s.stale])).toEqual([
      ['preparer', 'Preparer', true, false],
      ['reviewer', 'Approver', true, false],
    ]);
  });

  it('signs with the person key: a passphrase-protected key needs its passphrase, and the signature verifies', () => {
    sign(prep, 'preparer');
    expect(() => sign(rev, 'reviewer')).toThrow(/passphrase-protected: give the passphrase/);
    expect(() => sign(rev, 'reviewer', CONTROL, 'wrong passphrase')).toThrow(
      /could not be opened: wrong passphrase/,
    );
    const s = sign(rev, 'reviewer', CONTROL, 'correct horse battery');
    expect(s).toMatchObject({ signatureValid: true, stale: false, personId: rev.id });
    expect(fs.readFileSync(personKeyFile(fx.keyDir, rev.id), 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
    expect(fs.statSync(personKeyFile(fx.keyDir, rev.id)).mode & 0o777).toBe(0o600);
    // The key never reaches the database or the audit log.
    const dump =
      JSON.stringify(fx.db.prepare('SELECT * FROM audit_log').all()) +
      JSON.stringify(fx.db.prepare('SELECT * FROM people').all());
    expect(dump).not.toMatch(/PRIVATE KEY|correct horse/);
  });

  it('detects a forged signature (a row signed by another key) as invalid', () => {
    sign(prep, 'preparer');
    // Re-insert the same sign-off with a signature made by a key that is not the preparer's.
    const row = fx.db.prepare('SELECT * FROM signoffs ORDER BY id DESC LIMIT 1').get() as Record<
      string,
      unknown
    >;
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const forged = crypto.sign(null, Buffer.from('anything'), privateKey).toString('base64');
    fx.db
      .prepare(
        `INSERT INTO signoffs (assessment_id, framework, control_id, role, person_id, signed_at, digest, signature, digest_input)
         VALUES (@assessment_id, @framework, @control_id, 'reviewer', @person_id, @signed_at, @digest, @forged, @digest_input)`,
      )
      .run({ ...row, forged });
    expect(signoffs().map((s) => s.signatureValid)).toEqual([true, false]);
    expect(() => fx.db.prepare('UPDATE signoffs SET signature = ?').run(forged)).toThrow(/append-only/);
  });

  it('goes stale after a new snapshot, and the chain restarts from the preparer', () => {
    sign(prep, 'preparer');
    sign(rev, 'reviewer', CONTROL, 'correct horse battery');
    attachSnapshot(
      fx,
      prep,
      assessmentId,
      fx.addSnapshot({ startedAt: '2026-02-01T00:00:00.000Z', resources: [bucket('ok', true)] }),
    );
    expect(signoffs().every((s) => s.stale)).toBe(true);
    expect(() => sign(appr, 'approver')).toThrow(/reviewer signs CC6.1 before the approver .*stale/);
    sign(prep, 'preparer');
    expect(signoffs().map((s) => s.stale)).toEqual([true, true, false]);
  });

  it('goes stale when a file is attached to one of its requests', () => {
    sign(prep, 'preparer', 'CC1.1');
    attachEvidence(fx, prep, {
      assessmentId,
      requestId: 'CC1.1-R1',
      bytes: Buffer.from('code of conduct v3'),
      originalName: 'coc.pdf',
      description: 'Code of conduct approved by the board',
      effectiveFrom: '2026-01-10',
    });
    expect(signoffs()[0].stale).toBe(true);
  });

  it('goes stale when the exception it relied on expires', () => {
    const e = requestException(
      fx,
      prep,
      {
        checkId: ENC,
        scope: { kind: 'finding', account: ACCOUNT_A, resourceUid: bucketUid('legacy') },
        justification: 'Legacy bucket retired next quarter; nothing new written to it.',
        riskOwner: appr.id,
        expiresAt: daysFromNow(5),
      },
      fx.catalog.checks,
    );
    decideException(fx, appr, e.id, 'approved');
    sign(prep, 'preparer');
    expect(signoffs(daysFromNow(4))[0].stale).toBe(false);
    expect(signoffs(daysFromNow(6))[0].stale).toBe(true);
  });

  it('signs the whole framework and marks the assessment signed off only while the approval holds', () => {
    expect(getAssessment(fx, fx.catalog, assessmentId).status).toBe('in-progress');
    sign(prep, 'preparer', WHOLE_FRAMEWORK);
    sign(rev, 'reviewer', WHOLE_FRAMEWORK, 'correct horse battery');
    sign(appr, 'approver', WHOLE_FRAMEWORK);
    expect(getAssessment(fx, fx.catalog, assessmentId).status).toBe('signed-off');
    attachEvidence(fx, prep, {
      assessmentId,
      requestId: 'CC1.1-R1',
      bytes: Buffer.from('late file'),
      originalName: 'late.pdf',
      description: 'Added after approval',
      effectiveFrom: '2026-01-10',
    });
    expect(getAssessment(fx, fx.catalog, assessmentId).status).toBe('in-progress');
  });
});
