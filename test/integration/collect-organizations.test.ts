// AWS Organizations through the REAL SDK clients and the replay server: the organisation's structure and
// SCPs collected from the management account, membership from every account, AssumeRole into members (and
// its refusal), and whole-organisation runs through the real snapshot job: one sealed, evaluated snapshot
// per account reached, a recorded gap for the account whose role cannot be assumed, and cancel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { assumedRoleCredentials, AssumeRoleError } from '../../main/collect/aws/assume-role';
import { collectAws } from '../../main/collect/aws/index';
import { ORG_TYPES, type OrgAccountConfig } from '../../main/collect/aws/org-shapes';
import { readOrganization } from '../../main/collect/org-listing';
import { cancelSnapshot, startOrganizationRun } from '../../main/collect/run-snapshot';
import { CollectionBuffer } from '../../main/collect/types';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { DEMO_LATENCY_ENV } from '../../main/demo/demo-target';
import { northwindDev } from '../../main/demo/estate/northwind-dev';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { startReplayServer, type ReplayServer } from '../../main/demo/replay/server';
import { getRun, listRuns } from '../../main/store/collection-runs-repo';
import { getSnapshot, listCollectionErrors } from '../../main/store/snapshots-repo';
import { listFindings } from '../../main/checks/engine';
import { byType, startHarness, TEST_CREDENTIALS, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';
import type { SnapshotProgress } from '../../shared/domain';

const MGMT = '111122223333';
const DEV = '444455556666';
const SANDBOX = '777788889999';
const LEGACY = '888899990000';
const ORG_CHECKS = allChecks.filter((c) => c.service === 'organizations');

function target(server: ReplayServer) {
  return {
    credentials: TEST_CREDENTIALS,
    endpoint: server.url,
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    maxAttempts: 2,
    requestTimeoutMs: 5_000,
  };
}

describe('Organizations collected from the management account', () => {
  let h: Harness;
  let fx: SnapshotFixture;
  beforeAll(async () => {
    h = await startHarness({ target: { regions: ['us-east-1'] } });
    await h.collect();
    fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: ORG_CHECKS });
  });
  afterAll(async () => {
    fx.close();
    await h.close();
  });

  it('records every account of the organisation, paging through ListAccounts', () => {
    const accounts = byType(h.buffer, ORG_TYPES.account);
    expect(accounts.map((a) => a.name).sort()).toEqual(
      [
        `Northwind Health (${MGMT})`,
        `Northwind Health Dev (${DEV})`,
        `Northwind Health Sandbox (${SANDBOX})`,
        `Northwind Health Legacy (${LEGACY})`,
      ].sort(),
    );
    // Four accounts in pages of two: the collector followed NextToken.
    expect(h.server.requests.filter((r) => r.operation === 'ListAccounts')).toHaveLength(2);
    const dev = accounts.find((a) => a.name.includes(DEV))!.config as unknown as OrgAccountConfig;
    expect(dev.ScpPolicyTypeStatus).toBe('ENABLED');
    expect(dev.ParentPath).toEqual([
      { Id: 'ou-nw12-wrkl0ad5', Type: 'ORGANIZATIONAL_UNIT' },
      { Id: 'r-nw12', Type: 'ROOT' },
    ]);
    expect(dev.ServiceControlPolicies?.map((p) => p.PolicyName).sort()).toEqual([
      'FullAWSAccess',
      'NWH-ApprovedRegionsOnly',
      'NWH-DenyLeaveOrganization',
    ]);
    // ListParents is asked once per child (four accounts and two OUs); accounts under an OU reuse its answer.
    expect(h.server.requests.filter((r) => r.operation === 'ListParents')).toHaveLength(6);
  });

  it('judges the SCP check per account, as the estate predicts', () => {
    const status = (check: string) =>
      Object.fromEntries(fx.findings(check).map((f) => [f.resourceUid.split(/[:/]/).pop(), f.status]));
    expect(status('organizations_scp_check')).toEqual({
      [MGMT]: 'fail',
      [DEV]: 'pass',
      [SANDBOX]: 'fail',
      [LEGACY]: 'fail',
    });
    const mgmt = fx.findings('organizations_scp_check').find((f) => f.resourceUid.endsWith(MGMT))!;
    expect(mgmt.reason).toMatch(/covered only by the AWS managed FullAWSAccess, which restricts nothing/);
  });
});

describe('Organizations from a member account and outside any organisation', () => {
  it('a member records its membership but does not list the organisation', async () => {
    const server = await startReplayServer({ estate: northwindHealth, members: [northwindDev] });
    try {
      const assumed = assumedRoleCredentials(
        target(server),
        `arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`,
        'evidence-desk-test',
        new AbortController().signal,
      );
      const buffer = new CollectionBuffer(new AbortController().signal);
      const { identity } = await collectAws({ ...target(server), credentials: assumed.provider }, buffer);
      expect(identity.account).toBe(DEV);
      expect(identity.arn).toBe(
        `arn:aws:sts::${DEV}:assumed-role/OrganizationAccountAccessRole/evidence-desk-test`,
      );
      expect(byType(buffer, ORG_TYPES.membership).map((r) => r.config)).toEqual([
        expect.objectContaining({
          AccountId: DEV,
          Organization: expect.objectContaining({ Id: 'o-nwh1example' }),
        }),
      ]);
      expect(byType(buffer, ORG_TYPES.account)).toHaveLength(0);
      expect(server.requestsByAccount[DEV]?.some((r) => r.operation === 'ListAccounts')).toBe(false);
      // One AssumeRole for the whole collection: the credentials are shared by every client.
      expect(server.requestsByAccount[MGMT].filter((r) => r.operation === 'AssumeRole')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('AWSOrganizationsNotInUseException is a fact (fail), not a gap', async () => {
    const h = await startHarness({
      estate: { ...northwindHealth, organization: { organization: null } },
      target: { regions: ['us-east-1'] },
    });
    try {
      await h.collect();
      expect(h.buffer.gaps.filter((g) => g.service === 'organizations')).toEqual([]);
      // Recorded as a fact on the membership resource: collected, and the account is in no organisation.
      expect(byType(h.buffer, ORG_TYPES.membership).map((r) => r.config)).toEqual([
        expect.objectContaining({ Organization: null }),
      ]);
    } finally {
      await h.close();
    }
  });

  it('a denied call is a gap naming the operation, and the check it feeds answers error', async () => {
    const h = await startHarness({
      faults: [{ service: 'organizations', operation: 'ListTargetsForPolicy', kind: 'access-denied' }],
      target: { regions: ['us-east-1'] },
    });
    try {
      await h.collect();
      expect(h.buffer.gaps.map((g) => `${g.service}:${g.operation}:${g.code}`)).toContain(
        'organizations:ListTargetsForPolicy:AccessDeniedException',
      );
      const fx = makeSnapshot({ resources: h.buffer.resources, gaps: h.buffer.gaps, checks: ORG_CHECKS });
      try {
        const scp = fx.findings('organizations_scp_check');
        expect(scp).toHaveLength(4);
        for (const f of scp) {
          expect(f.status).toBe('error');
          expect(f.reason).toMatch(/not collected/);
        }
      } finally {
        fx.close();
      }
    } finally {
      await h.close();
    }
  });
});

describe('AssumeRole into member accounts', () => {
  it('lists the organisation from the management account, its own account first', async () => {
    const server = await startReplayServer({ estate: northwindHealth, members: [northwindDev] });
    try {
      const org = await readOrganization(target(server), new AbortController().signal);
      expect(org.organizationId).toBe('o-nwh1example');
      expect(org.accounts.map((a) => [a.id, a.own === true])).toEqual([
        [MGMT, true],
        [DEV, false],
        [SANDBOX, false],
        [LEGACY, false],
      ]);
      expect(org.listingGap).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('refuses a role whose trust does not name the caller, in the real AccessDenied shape', async () => {
    const server = await startReplayServer({ estate: northwindHealth, members: [northwindDev] });
    try {
      for (const role of [
        `arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`, // account not reachable
        `arn:aws:iam::${DEV}:role/SomeOtherRole`, // role not trusted
      ]) {
        const assumed = assumedRoleCredentials(
          target(server),
          role,
          'evidence-desk-test',
          new AbortController().signal,
        );
        const err = await assumed.first().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AssumeRoleError);
        expect((err as AssumeRoleError).code).toBe('AccessDenied');
        expect((err as Error).message).toContain(
          `not authorized to perform: sts:AssumeRole on resource: ${role}`,
        );
      }
    } finally {
      await server.close();
    }
  });
});

describe('whole-organisation runs through the snapshot job (demo connection)', () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-org-run-'));
    ws = openWorkspace({ dataDir: path.join(dir, 'ws'), mode: 'cli' });
  });
  afterAll(() => {
    ws?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    delete process.env[DEMO_LATENCY_ENV];
  });

  it('seals and evaluates one snapshot per reachable account and records the unreachable one', async () => {
    const progress: { account?: string; message: string }[] = [];
    const off = ws.events.subscribe((event, payload) => {
      if (event === 'snapshot.progress') progress.push(payload as SnapshotProgress);
    });
    const { runId, done } = startOrganizationRun(ws, { connectionId: 'demo', regions: ['us-east-1'] });
    const outcome = await done;
    off();
    expect(outcome).toMatchObject({ snapshotId: runId, status: 'complete' });
    expect(outcome.message).toMatch(/3 of 4 accounts collected, 1 not collected/);

    const run = getRun(ws.db, runId)!;
    expect(run).toMatchObject({
      status: 'complete',
      roleName: 'OrganizationAccountAccessRole',
      managementAccount: MGMT,
      organizationId: 'o-nwh1example',
    });
    expect(run.accounts.map((a) => [a.accountId, a.accountName, a.status])).toEqual([
      [MGMT, 'Northwind Health', 'complete'],
      [DEV, 'Northwind Health Dev', 'complete'],
      [LEGACY, 'Northwind Health Legacy', 'complete'],
    ]);
    expect(run.gaps).toEqual([
      expect.objectContaining({
        accountId: SANDBOX,
        accountName: 'Northwind Health Sandbox',
        code: 'AccessDenied',
      }),
    ]);
    expect(run.gaps[0].message).toMatch(
      /Could not assume the role arn:aws:iam::777788889999:role\/OrganizationAccountAccessRole/,
    );

    // Each account snapshot is attributed to its own account and evaluated.
    for (const a of run.accounts) {
      const s = getSnapshot(ws.db, a.snapshotId)!;
      expect(s.account).toBe(a.accountId);
      expect(s.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(listFindings(ws.db, a.snapshotId, ORG_CHECKS).length).toBeGreaterThan(0);
    }
    const devSnapshot = run.accounts.find((a) => a.accountId === DEV)!.snapshotId;
    expect(getSnapshot(ws.db, devSnapshot)!.identity).toMatch(/assumed-role\/OrganizationAccountAccessRole/);
    expect(listCollectionErrors(ws.db, devSnapshot).filter((e) => e.service === 'organizations')).toEqual([]);

    // Progress names the account; the gap is in the audit log.
    expect(progress.some((p) => p.account === DEV && /Northwind Health Dev/.test(p.message))).toBe(true);
    expect(progress.some((p) => p.account === SANDBOX && /not collected/.test(p.message))).toBe(true);
    const gapAudit = ws.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'run.gap' AND entity = ?`)
      .all(`run:${runId}`) as { details: string }[];
    expect(gapAudit).toHaveLength(1);
    expect(JSON.parse(gapAudit[0].details)).toMatchObject({ account: SANDBOX, code: 'AccessDenied' });
    expect(listRuns(ws.db).map((r) => r.id)).toContain(runId);
  }, 120_000);

  it('cancel stops the whole run: nothing stays running and the run ends cancelled', async () => {
    process.env[DEMO_LATENCY_ENV] = '40';
    let cancelled: boolean | undefined;
    let runIdSeen = '';
    const off = ws.events.subscribe((event, payload) => {
      const p = payload as SnapshotProgress;
      // Cancel once an account snapshot is collecting, through the run's id.
      if (
        event === 'snapshot.progress' &&
        cancelled === undefined &&
        p.runId === runIdSeen &&
        p.account &&
        /Collecting/.test(p.message)
      ) {
        cancelled = cancelSnapshot(ws, runIdSeen);
      }
    });
    const { runId, done } = startOrganizationRun(ws, { connectionId: 'demo', regions: ['us-east-1'] });
    runIdSeen = runId;
    const outcome = await done;
    off();
    expect(cancelled).toBe(true);
    expect(outcome.status).toBe('cancelled');
    const run = getRun(ws.db, runId)!;
    expect(run.status).toBe('cancelled');
    expect(run.accounts.length).toBeGreaterThan(0);
    for (const a of run.accounts) expect(a.status).not.toBe('running');
    expect(run.accounts.some((a) => a.status === 'cancelled')).toBe(true);
    const audit = ws.db
      .prepare(`SELECT action FROM audit_log WHERE entity = ? ORDER BY seq`)
      .all(`run:${runId}`) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['run.start', 'run.cancel', 'run.cancelled']),
    );
  }, 120_000);
});
