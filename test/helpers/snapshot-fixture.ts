// Builds a throwaway workspace database holding ONE complete, evaluated snapshot, the same way the real
// snapshot runner does (createRunningSnapshot -> sealSnapshot with evaluateSnapshot inside the transaction),
// so tests exercise the real schema, views, triggers and check SQL rather than a hand-made imitation.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { CollectionGap, CollectedResource } from '../../main/collect/types';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { parseCheckFile } from '../../main/checks/check-file';
import { evaluateSnapshot, listFindings } from '../../main/checks/engine';
import type { CheckDefinition } from '../../main/checks/types';
import { openDatabase, type Db } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import type { CheckInfo, Finding } from '../../shared/domain';

export type SnapshotFixture = {
  db: Db;
  snapshotId: string;
  /** Temp folder holding workspace.sqlite; removed by close(). */
  dir: string;
  /** Findings of the snapshot's evaluation, optionally for one check. */
  findings(checkId?: string): Finding[];
  close(): void;
};

export type SnapshotFixtureInput = {
  resources: CollectedResource[];
  gaps?: CollectionGap[];
  /** The snapshot's start time = @as_of for age rules. Default 2025-06-30T00:00:00.000Z. */
  startedAt?: string;
  /** Checks to evaluate (default: the whole catalog); [] = seal without evaluating. */
  checks?: readonly CheckDefinition[];
  account?: string;
  provider?: 'aws' | 'azure';
};

export const FIXTURE_ACCOUNT = '111122223333';
export const FIXTURE_STARTED_AT = '2025-06-30T00:00:00.000Z';

export function makeSnapshot(input: SnapshotFixtureInput): SnapshotFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-test-'));
  const db = openDatabase(path.join(dir, 'workspace.sqlite'));
  const snapshotId = crypto.randomUUID();
  const checks = input.checks ?? allChecks;
  const catalogVersion = input.checks ? `test-${crypto.randomUUID()}` : CATALOG_VERSION;
  try {
    createRunningSnapshot(db, {
      id: snapshotId,
      connection: 'test',
      provider: input.provider ?? 'aws',
      startedAt: input.startedAt ?? FIXTURE_STARTED_AT,
      toolVersion: 'test',
      catalogVersion,
    });
    sealSnapshot(
      db,
      snapshotId,
      {
        account: input.account ?? FIXTURE_ACCOUNT,
        identity: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/tester`,
        regions: ['us-east-1'],
      },
      { resources: input.resources, raws: [], gaps: input.gaps ?? [] },
      (tx, id) => {
        if (checks.length > 0) evaluateSnapshot(tx, id, checks, catalogVersion);
      },
    );
  } catch (err) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    db,
    snapshotId,
    dir,
    findings: (checkId) =>
      listFindings(db, snapshotId, checks).filter((f) => !checkId || f.checkId === checkId),
    close: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A CollectedResource for AWS with sensible defaults; pass the config exactly as shapes.ts describes it. */
export function awsResource(
  type: string,
  uid: string,
  config: Record<string, unknown>,
  extra: Partial<Pick<CollectedResource, 'name' | 'region' | 'service' | 'tags'>> = {},
): CollectedResource {
  return {
    uid,
    provider: 'aws',
    service: extra.service ?? type.split('::')[1].toLowerCase(),
    type,
    region: extra.region ?? 'us-east-1',
    name: extra.name ?? uid.split(/[:/]/).pop() ?? uid,
    tags: extra.tags ?? {},
    config,
  };
}

/** A collection gap (a follow-up call that failed), as collectors record it. */
export function gap(
  service: string,
  operation: string,
  region = 'us-east-1',
  code = 'AccessDenied',
): CollectionGap {
  return { service, region, operation, code, message: `${operation} was denied` };
}

/** The built-in checks of one service (e.g. 's3'), as loaded from main/checks/aws/<service>/. */
export function checksOf(service: string): CheckDefinition[] {
  const checks = allChecks.filter((c) => c.service === service);
  if (checks.length === 0) throw new Error(`no built-in checks for service ${service}`);
  return checks;
}

export type TestCheckInput = Pick<
  CheckInfo,
  'id' | 'service' | 'title' | 'severity' | 'resourceType' | 'rationale' | 'remediation' | 'sql'
> &
  Partial<Pick<CheckInfo, 'provider' | 'origin' | 'file' | 'references' | 'frameworks'>>;

/**
 * A test's own check, written out as a real check file (docs/check-format.md) and read back by the real
 * parser, so tests never hand-build a CheckDefinition the app itself could not load.
 */
export function testCheck(input: TestCheckInput): CheckDefinition {
  const header = YAML.stringify({
    id: input.id,
    title: input.title,
    severity: input.severity,
    provider: input.provider ?? 'aws',
    service: input.service,
    resource_type: input.resourceType,
    rationale: input.rationale,
    remediation: input.remediation,
    references: input.references ?? [],
    ...(input.frameworks ? { frameworks: input.frameworks } : {}),
  });
  const text = `/* ---\n${header}--- */\n${input.sql.trim()}\n`;
  return parseCheckFile(Buffer.from(text), {
    file: input.file ?? `checks/${input.id}.sql`,
    origin: input.origin ?? 'builtin',
  });
}
