// A throwaway workspace database for assessment tests: several complete, evaluated snapshots (different
// accounts and times) in ONE database, sealed the way the snapshot runner seals them, plus the people and the
// check catalog the assessment modules need. No Workspace (no query worker): the modules take a context.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import type { CheckCatalog } from '../../main/checks/types';
import type { CollectedResource, CollectionGap } from '../../main/collect/types';
import type { AssessmentContext } from '../../main/assessments/context';
import { createPerson } from '../../main/assessments/people';
import { openDatabase } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import type { Person } from '../../shared/domain';
import { awsResource } from './snapshot-fixture';

export type AssessmentFixture = AssessmentContext & {
  catalog: CheckCatalog;
  addSnapshot(input: {
    account?: string;
    /** Default aws. */
    provider?: 'aws' | 'azure';
    startedAt?: string;
    resources: CollectedResource[];
    gaps?: CollectionGap[];
  }): string;
  person(name: string, passphrase?: string): Person;
  close(): void;
};

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';

export function makeAssessmentFixture(): AssessmentFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-assess-'));
  const db = openDatabase(path.join(dir, 'workspace.sqlite'));
  const ctx: AssessmentContext = { db, dataDir: dir, keyDir: path.join(dir, 'keys'), actor: 'os-tester' };
  const catalog: CheckCatalog = {
    checks: allChecks,
    catalogVersion: CATALOG_VERSION,
    packFiles: [],
    mappings: new Map(),
    mappingsFile: null,
    problems: [],
  };
  return {
    ...ctx,
    catalog,
    addSnapshot({
      account = ACCOUNT_A,
      provider = 'aws',
      startedAt = '2026-01-01T00:00:00.000Z',
      resources,
      gaps = [],
    }) {
      const id = crypto.randomUUID();
      createRunningSnapshot(db, {
        id,
        connection: 'test',
        provider,
        startedAt,
        toolVersion: 'test',
        catalogVersion: CATALOG_VERSION,
      });
      sealSnapshot(
        db,
        id,
        provider === 'aws'
          ? { account, identity: `arn:aws:iam::${account}:user/tester`, regions: ['us-east-1', 'eu-west-1'] }
          : { account, identity: `tenant/${account}`, regions: ['eastus'] },
        { resources, raws: [], gaps },
        (tx, sid) => evaluateSnapshot(tx, sid, allChecks, CATALOG_VERSION),
      );
      return id;
    },
    person: (name, passphrase) =>
      createPerson(ctx, {
        name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
        passphrase,
      }),
    close() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ENC = 's3_bucket_default_encryption';
export const bucketUid = (name: string) => `arn:aws:s3:::${name}`;
const encrypted = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

/** A bucket that passes (encrypted) or fails (no default encryption) s3_bucket_default_encryption. */
export function bucket(
  name: string,
  isEncrypted: boolean,
  extra: { region?: string; tags?: Record<string, string> } = {},
): CollectedResource {
  return awsResource(
    'AWS::S3::Bucket',
    bucketUid(name),
    { Name: name, Region: extra.region ?? 'us-east-1', Encryption: isEncrypted ? encrypted : null },
    { name, region: extra.region, tags: extra.tags },
  );
}

/** An ISO time `days` from now (negative: in the past). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
