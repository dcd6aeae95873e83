// Who signs an assessment package: a real scope is signed with the workspace key (and verifies as verified for
// a verifier that trusts it), a demo scope with the published demo key, and a scope mixing demo and real
// snapshots is refused with a message saying what to change: a package is the demo or evidence, never both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachSnapshot, createAssessment } from '../../main/assessments/assessments-repo';
import type { AssessmentContext } from '../../main/assessments/context';
import { createPerson } from '../../main/assessments/people';
import { evaluateSnapshot } from '../../main/checks/engine';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { loadOrCreateSigningKey } from '../../main/evidence/signing-key';
import { normaliseFingerprint } from '../../main/evidence/trusted-signers';
import { exportAssessmentPackage } from '../../main/export/assessment-package';
import { verifyPackage } from '../../main/export/verify';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import type { Person } from '../../shared/domain';
import { awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture;
let ctx: AssessmentContext;
let person: Person;
let demoSnapshot: string;

/** A sealed, evaluated snapshot of the demo connection in the same workspace (as the demo would make one). */
function sealDemoSnapshot(): string {
  const id = crypto.randomUUID();
  createRunningSnapshot(fx.db, {
    id,
    connection: 'demo',
    provider: 'aws',
    startedAt: '2025-07-01T00:00:00.000Z',
    toolVersion: 'test',
    catalogVersion: CATALOG_VERSION,
  });
  sealSnapshot(
    fx.db,
    id,
    { account: '111122223333', identity: 'arn:aws:iam::111122223333:user/demo', regions: ['us-east-1'] },
    {
      resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::nwh-demo', { Name: 'nwh-demo' })],
      raws: [],
      gaps: [],
    },
    (tx, sid) => evaluateSnapshot(tx, sid, allChecks, CATALOG_VERSION),
  );
  return id;
}

function newAssessment(name: string, snapshots: string[]): string {
  const a = createAssessment(ctx, person, {
    name,
    frameworks: ['soc2-2017'],
    periodStart: '2025-07-01',
    periodEnd: '2025-07-31',
    people: [{ person: person.id, role: 'preparer' }],
  });
  for (const s of snapshots) attachSnapshot(ctx, person, a.id, s);
  return a.id;
}

beforeAll(() => {
  // A "real" account (connection 'test', not a demo connection) beside a demo one.
  fx = makeSnapshot({
    account: '999988887777',
    resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::acme-logs', { Name: 'acme-logs' })],
  });
  ctx = { db: fx.db, dataDir: fx.dir, keyDir: path.join(fx.dir, 'keys'), actor: 'tester' };
  person = createPerson(ctx, { name: 'Pat Preparer', email: 'pat@acme.test' });
  demoSnapshot = sealDemoSnapshot();
});

afterAll(() => fx?.close());

describe('assessment package signing keys', () => {
  it('refuses a scope mixing demo and real snapshots, saying what to change; nothing is written', async () => {
    const id = newAssessment('Mixed scope', [fx.snapshotId, demoSnapshot]);
    const out = fs.mkdtempSync(path.join(fx.dir, 'out-'));
    await expect(
      exportAssessmentPackage(fx.db, {
        assessmentId: id,
        outputDir: out,
        keyDir: ctx.keyDir,
        dataDir: fx.dir,
      }),
    ).rejects.toThrow(
      /mixes demo snapshots \(111122223333\) with real ones \(999988887777\).*narrow the scope/,
    );
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('signs a real scope with the workspace key: verified for a verifier that trusts it', async () => {
    const id = newAssessment('Real scope', [fx.snapshotId]);
    const out = fs.mkdtempSync(path.join(fx.dir, 'out-'));
    const r = await exportAssessmentPackage(fx.db, {
      assessmentId: id,
      outputDir: out,
      keyDir: ctx.keyDir,
      dataDir: fx.dir,
    });
    const own = loadOrCreateSigningKey(ctx.keyDir);
    expect(r).toMatchObject({ demo: false, signingKeyFingerprint: own.fingerprint });
    const manifest = JSON.parse(fs.readFileSync(path.join(r.packageDir, 'manifest.json'), 'utf8'));
    expect(manifest.demo).toBe(false);
    const trusted = new Map([[normaliseFingerprint(own.fingerprint)!, 'This workspace']]);
    const v = await verifyPackage(r.zipPath, { trusted });
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ outcome: 'verified', demo: false });
    // Without trust: intact, signer unknown.
    expect((await verifyPackage(r.packageDir)).outcome).toBe('unknown-signer');
  });

  it('signs a demo scope with the published demo key, never the workspace key', async () => {
    const id = newAssessment('Demo scope', [demoSnapshot]);
    const out = fs.mkdtempSync(path.join(fx.dir, 'out-'));
    const r = await exportAssessmentPackage(fx.db, {
      assessmentId: id,
      outputDir: out,
      keyDir: ctx.keyDir,
      dataDir: fx.dir,
    });
    expect(r.demo).toBe(true);
    expect(r.signingKeyFingerprint).not.toBe(loadOrCreateSigningKey(ctx.keyDir).fingerprint);
    const own = new Map([[normaliseFingerprint(loadOrCreateSigningKey(ctx.keyDir).fingerprint)!, 'me']]);
    const v = await verifyPackage(r.packageDir, { trusted: own });
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ outcome: 'unknown-signer', demo: true });
  });

  it('flipping "demo" in the manifest is not verified: the signature and the snapshots disagree', async () => {
    const id = newAssessment('Relabel', [demoSnapshot]);
    const out = fs.mkdtempSync(path.join(fx.dir, 'out-'));
    const r = await exportAssessmentPackage(fx.db, {
      assessmentId: id,
      outputDir: out,
      keyDir: ctx.keyDir,
      dataDir: fx.dir,
    });
    const file = path.join(r.packageDir, 'manifest.json');
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"demo": true', '"demo": false'));
    const v = await verifyPackage(r.packageDir);
    expect(v.outcome).toBe('not-verified');
    expect(v.problems.join('\n')).toMatch(/manifest.sig does not match manifest.json/);
    expect(v.problems.join('\n')).toMatch(/says demo: false, but the shipped snapshots are the demo/);
  });
});
