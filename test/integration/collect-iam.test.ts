// IAM roles, inline policies, the root MFA fallback and Access Analyzer collected through the REAL IAM and
// AccessAnalyzer SDK clients from the replay server, then judged by the real check SQL: the population and
// configs, pagination, the gap convention for one denied call, and the statuses the estate comments predict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IAM_TYPES } from '../../main/collect/aws/iam-shapes';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { allChecks } from '../../main/checks/catalog';
import { IAM_ESTATE } from '../../main/demo/estate/data/iam';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Estate } from '../../main/demo/estate/types';
import type { Fault } from '../../main/demo/replay/server';
import type { Finding } from '../../shared/domain';
import { byType, resourceNamed, startHarness, type Harness } from '../fixtures/aws/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const ACCOUNT = '111122223333';
const iamChecks = allChecks.filter(
  (c) => c.provider === 'aws' && (c.service === 'iam' || c.service === 'accessanalyzer'),
);
const roleArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;

type Run = { h: Harness; findings: Finding[] };

/** Collects an estate and evaluates the iam group's checks over it, as of the collection's start. */
async function collectAndJudge(opts: { estate?: Estate; faults?: Fault[] } = {}): Promise<Run> {
  const h = await startHarness(opts);
  const startedAt = new Date().toISOString();
  await h.collect();
  const fx = makeSnapshot({
    resources: h.buffer.resources,
    gaps: h.buffer.gaps,
    checks: iamChecks,
    startedAt,
  });
  try {
    return { h, findings: fx.findings() };
  } finally {
    fx.close();
  }
}

const finding = (run: Run, checkId: string, uid: string) => {
  const f = run.findings.find((x) => x.checkId === checkId && x.resourceUid === uid);
  if (!f) throw new Error(`no ${checkId} finding for ${uid}`);
  return f;
};
const iamGaps = (h: Harness) =>
  h.buffer.gaps.filter((g) => g.service === 'iam' || g.service === 'access-analyzer');

describe('IAM roles, inline policies and Access Analyzer over the demo estate', () => {
  let run: Run;
  beforeAll(async () => {
    run = await collectAndJudge();
  });
  afterAll(() => run.h.close());

  it('collects every role across ListRoles pages, with trust judgement, last use and policies', () => {
    const roles = byType(run.h.buffer, IAM_TYPES.iamRole);
    expect(roles.map((r) => r.name).sort()).toEqual(IAM_ESTATE[ACCOUNT].roles.map((r) => r.name).sort());
    // 10 roles at 4 per page: the collector followed the Marker twice.
    expect(run.h.server.requests.filter((r) => r.operation === 'ListRoles')).toHaveLength(3);
    const vendor = resourceNamed(run.h.buffer, IAM_TYPES.iamRole, 'vendor-monitoring-acme');
    expect(vendor.uid).toBe(roleArn('vendor-monitoring-acme'));
    expect(vendor.config).toMatchObject({
      ServiceLinked: false,
      // URL-encoded on the wire, decoded here.
      AssumeRolePolicyDocument: { Statement: [{ Principal: { AWS: 'arn:aws:iam::999988887777:root' } }] },
      TrustJudgement: {
        Public: false,
        CrossAccounts: ['999988887777'],
        CrossAccountsWithoutExternalId: ['999988887777'],
      },
      AttachedPolicies: [
        { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      ],
      InlinePolicyNames: [],
      RoleLastUsed: { Region: 'us-east-1' },
    });
    const never = resourceNamed(run.h.buffer, IAM_TYPES.iamRole, 'nwh-old-migration').config;
    expect(never.RoleLastUsed).toEqual({}); // collected: no recorded use
    const slr = resourceNamed(run.h.buffer, IAM_TYPES.iamRole, 'AWSServiceRoleForSupport');
    expect(slr.uid).toBe(roleArn('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/'));
    expect(slr.config.ServiceLinked).toBe(true);
  });

  it('collects inline policies of users and roles across List*Policies pages, documents decoded', () => {
    const inline = byType(run.h.buffer, IAM_TYPES.iamInlinePolicy);
    expect(inline.map((p) => p.name).sort()).toEqual([
      'batch-everything (role nwh-legacy-batch-runner)',
      'batch-logs (role nwh-legacy-batch-runner)',
      'datasync-claims-archive (role partner-datasync)',
      'legacy-etl-everything (user svc-legacy-etl)',
      'reporting-read (user svc-reporting)',
    ]);
    const batch = resourceNamed(run.h.buffer, IAM_TYPES.iamRole, 'nwh-legacy-batch-runner').config;
    expect(batch.InlinePolicyNames).toEqual(['batch-logs', 'batch-everything']); // two pages of one
    expect(
      resourceNamed(run.h.buffer, IAM_TYPES.iamInlinePolicy, 'legacy-etl-everything').config,
    ).toMatchObject({
      PrincipalType: 'User',
      PrincipalArn: `arn:aws:iam::${ACCOUNT}:user/service/svc-legacy-etl`,
      Document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    });
    expect(resourceNamed(run.h.buffer, AWS_TYPES.iamUser, 'frank.li').config.InlinePolicyNames).toEqual([]);
  });

  it('records the root user with both the report row and the account summary', () => {
    const [root] = byType(run.h.buffer, AWS_TYPES.iamRoot);
    expect(root.config).toMatchObject({
      CredentialReport: { user: '<root_account>', mfa_active: 'false' },
      AccountSummary: {
        AccountMFAEnabled: 0,
        AccountAccessKeysPresent: 1,
        Users: northwindHealth.users.length,
      },
    });
  });

  it('records who holds AWSSupportAccess and one Access Analyzer resource per region', () => {
    const [support] = byType(run.h.buffer, IAM_TYPES.iamAwsManagedPolicyUse);
    expect(support.config).toEqual({
      PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
      PolicyName: 'AWSSupportAccess',
      PolicyGroups: [],
      PolicyUsers: [],
      PolicyRoles: [{ RoleName: 'NWH-SupportTeam', RoleId: 'AROAEXAMPLEROLE000003' }],
    });
    const regions = byType(run.h.buffer, IAM_TYPES.accessAnalyzerRegion);
    expect(regions.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    const east = regions.find((r) => r.region === 'us-east-1')!.config as { Analyzers: { name: string }[] };
    // Two analyzers at one per page: nextToken was followed.
    expect(east.Analyzers.map((a) => a.name)).toEqual(['nwh-unused-access', 'nwh-account-analyzer']);
    expect(
      run.h.server.requests.filter((r) => r.service === 'access-analyzer' && r.region === 'us-east-1'),
    ).toHaveLength(2);
    expect(iamGaps(run.h)).toEqual([]);
  });

  it('judges the demo as the estate comments predict', () => {
    const status = (check: string, uid: string) => finding(run, check, uid).status;
    const user = (n: string, path = '/') => `arn:aws:iam::${ACCOUNT}:user${path}${n}`;
    expect(status('iam_role_administratoraccess_policy', roleArn('NWH-Admin'))).toBe('fail');
    expect(status('iam_role_administratoraccess_policy', roleArn('NWH-BreakGlass'))).toBe('fail');
    expect(status('iam_role_administratoraccess_policy', roleArn('nwh-legacy-batch-runner'))).toBe('fail');
    expect(status('iam_role_administratoraccess_policy', roleArn('NWH-SupportTeam'))).toBe('pass');
    expect(status('iam_role_trust_policy_not_public', roleArn('nwh-legacy-batch-runner'))).toBe('fail');
    expect(status('iam_role_trust_policy_not_public', roleArn('org-audit-readonly'))).toBe('pass');
    expect(status('iam_role_cross_account_trust_external_id', roleArn('vendor-monitoring-acme'))).toBe(
      'fail',
    );
    expect(status('iam_role_cross_account_trust_external_id', roleArn('partner-datasync'))).toBe('pass');
    expect(status('iam_role_unused', roleArn('nwh-old-migration'))).toBe('fail');
    expect(status('iam_role_unused', roleArn('nwh-lambda-exporter'))).toBe('pass');
    const slr = roleArn('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/');
    expect(status('iam_role_unused', slr)).toBe('n/a');
    expect(status('iam_role_trust_policy_not_public', slr)).toBe('n/a');
    expect(
      status(
        'iam_inline_policy_no_administrative_privileges',
        `${user('svc-legacy-etl', '/service/')}/inline-policy/legacy-etl-everything`,
      ),
    ).toBe('fail');
    expect(status('iam_user_two_active_access_key', user('svc-backup', '/service/'))).toBe('fail');
    expect(status('iam_policy_attached_only_to_group_or_roles', user('svc-reporting', '/service/'))).toBe(
      'fail',
    );
    expect(status('iam_policy_attached_only_to_group_or_roles', user('frank.li'))).toBe('pass');
    expect(status('iam_user_credentials_unused_45_days', user('frank.li'))).toBe('fail');
    expect(status('iam_user_credentials_unused_45_days', user('alice.nguyen'))).toBe('pass');
    expect(status('iam_avoid_root_usage', `arn:aws:iam::${ACCOUNT}:root`)).toBe('fail');
    expect(
      status('iam_support_role_created', `arn:aws:iam::${ACCOUNT}:aws-managed-policy/AWSSupportAccess`),
    ).toBe('pass');
    expect(status('accessanalyzer_enabled', `arn:aws:access-analyzer:us-west-2:${ACCOUNT}:analyzers`)).toBe(
      'fail',
    );
    expect(status('accessanalyzer_enabled', `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzers`)).toBe(
      'pass',
    );
    expect(finding(run, 'iam_root_mfa_enabled', `arn:aws:iam::${ACCOUNT}:root`).reason).toContain(
      'credential report mfa_active = false',
    );

    // Every new check that judges several resources both passes and fails in this one account; the
    // account-level ones (one resource: root, password policy, support) have their single expected answer.
    const single = new Set([
      'iam_root_mfa_enabled',
      'iam_no_root_access_key',
      'iam_avoid_root_usage',
      'iam_password_policy_strong',
      'iam_password_policy_minimum_length_14',
      'iam_password_policy_reuse_24',
      'iam_password_policy_expires_passwords_within_90_days_or_less',
      'iam_support_role_created',
    ]);
    for (const check of iamChecks.filter((c) => !single.has(c.id))) {
      const statuses = new Set(run.findings.filter((f) => f.checkId === check.id).map((f) => f.status));
      expect([...statuses], check.id).toEqual(expect.arrayContaining(['pass', 'fail']));
      expect(statuses.has('error'), `${check.id} has no error over the complete demo`).toBe(false);
    }
  });
});

describe('root MFA when the credential report cannot be used', () => {
  it('records a gap for a readable report without a root row and answers from the account summary', async () => {
    const estate: Estate = {
      ...northwindHealth,
      root: { ...northwindHealth.root, inCredentialReport: false },
    };
    const run = await collectAndJudge({ estate });
    try {
      expect(iamGaps(run.h)).toEqual([
        expect.objectContaining({
          service: 'iam',
          operation: 'GetCredentialReport',
          code: 'RootRowMissing',
          message: expect.stringContaining('has no <root_account> row'),
        }),
      ]);
      const [root] = byType(run.h.buffer, AWS_TYPES.iamRoot);
      expect('CredentialReport' in root.config).toBe(false);
      expect(finding(run, 'iam_root_mfa_enabled', root.uid)).toMatchObject({
        status: 'fail',
        reason: expect.stringContaining('account summary AccountMFAEnabled = 0'),
        evidence: { source: 'account summary' },
      });
      // The checks that need the row itself say so instead of passing.
      expect(finding(run, 'iam_no_root_access_key', root.uid).status).toBe('error');
      expect(finding(run, 'iam_avoid_root_usage', root.uid).status).toBe('error');
    } finally {
      await run.h.close();
    }
  });

  it('falls back to GetAccountSummary when GetCredentialReport is denied', async () => {
    const estate: Estate = { ...northwindHealth, root: { ...northwindHealth.root, mfa: true } };
    const run = await collectAndJudge({
      estate,
      faults: [{ service: 'iam', operation: 'GetCredentialReport', kind: 'access-denied' }],
    });
    try {
      expect(iamGaps(run.h).map((g) => `${g.operation}:${g.code}`)).toEqual([
        'GetCredentialReport:AccessDenied',
      ]);
      const [root] = byType(run.h.buffer, AWS_TYPES.iamRoot);
      expect(finding(run, 'iam_root_mfa_enabled', root.uid)).toMatchObject({
        status: 'pass',
        reason:
          'The root user has an MFA device active (account summary AccountMFAEnabled = 1; the credential report row was not collected)',
      });
    } finally {
      await run.h.close();
    }
  });

  it('is an error when the summary is denied too', async () => {
    const run = await collectAndJudge({
      faults: [
        { service: 'iam', operation: 'GetCredentialReport', kind: 'access-denied' },
        { service: 'iam', operation: 'GetAccountSummary', kind: 'access-denied' },
      ],
    });
    try {
      const f = finding(run, 'iam_root_mfa_enabled', `arn:aws:iam::${ACCOUNT}:root`);
      expect(f.status).toBe('error');
      expect(f.reason).toContain('GetAccountSummary failed');
    } finally {
      await run.h.close();
    }
  });
});

describe('one denied call is a gap for that resource only', () => {
  it('GetRolePolicy denied for one policy: a gap naming the role, error for that policy and role only', async () => {
    const estate: Estate = {
      ...northwindHealth,
      denied: [
        ...northwindHealth.denied,
        { service: 'iam', operation: 'GetRolePolicy', resource: 'batch-everything' },
      ],
    };
    const run = await collectAndJudge({ estate });
    try {
      const gaps = iamGaps(run.h);
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ service: 'iam', operation: 'GetRolePolicy', code: 'AccessDenied' });
      expect(gaps[0].message).toMatch(/^IAM role nwh-legacy-batch-runner: inline policy batch-everything: /);
      expect(gaps[0].message).toContain('iam:GetRolePolicy');

      const policyUid = `${roleArn('nwh-legacy-batch-runner')}/inline-policy/batch-everything`;
      const policy = run.h.buffer.resources.find((r) => r.uid === policyUid)!;
      expect('Document' in policy.config).toBe(false);
      expect(finding(run, 'iam_inline_policy_no_administrative_privileges', policyUid)).toMatchObject({
        status: 'error',
        reason:
          'The document of inline policy batch-everything of IAM role nwh-legacy-batch-runner was not collected (GetRolePolicy failed)',
      });
      expect(
        finding(run, 'iam_role_administratoraccess_policy', roleArn('nwh-legacy-batch-runner')),
      ).toMatchObject({
        status: 'error',
        reason: expect.stringContaining('the document of inline batch-everything was not collected'),
      });
      // Its sibling policy and the other roles are judged as usual.
      expect(
        finding(
          run,
          'iam_inline_policy_no_administrative_privileges',
          `${roleArn('nwh-legacy-batch-runner')}/inline-policy/batch-logs`,
        ).status,
      ).toBe('pass');
      expect(finding(run, 'iam_role_administratoraccess_policy', roleArn('NWH-Admin')).status).toBe('fail');
    } finally {
      await run.h.close();
    }
  });

  it('ListAnalyzers denied in one region: error for that region, the others judged', async () => {
    const run = await collectAndJudge({
      faults: [
        {
          service: 'access-analyzer',
          operation: 'ListAnalyzers',
          region: 'eu-west-1',
          kind: 'access-denied',
        },
      ],
    });
    try {
      expect(iamGaps(run.h)).toEqual([
        expect.objectContaining({
          service: 'access-analyzer',
          region: 'eu-west-1',
          code: 'AccessDeniedException',
        }),
      ]);
      const uid = (r: string) => `arn:aws:access-analyzer:${r}:${ACCOUNT}:analyzers`;
      expect(finding(run, 'accessanalyzer_enabled', uid('eu-west-1'))).toMatchObject({
        status: 'error',
        reason: 'The Access Analyzer analyzers of eu-west-1 were not collected (ListAnalyzers failed)',
      });
      expect(finding(run, 'accessanalyzer_enabled', uid('us-east-1')).status).toBe('pass');
      expect(finding(run, 'accessanalyzer_enabled', uid('us-west-2')).status).toBe('fail');
    } finally {
      await run.h.close();
    }
  });
});
