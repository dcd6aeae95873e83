// The Azure labels and form rules of the UI, as pure functions: the running-snapshots strip names an Azure run
// with its tenant, the header picker names the subscription before its id, and the cloud form refuses what the
// core refuses (shared/azure-cloud.ts) before anything is sent.
import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../shared/domain';
import { SetAzureCloudInput } from '../../shared/azure-cloud';
import { pickerLabel, runNoun, subscriptionName } from '../../renderer/src/components/azure-labels';
import { cloudChoiceOf, cloudFormProblems } from '../../renderer/src/features/connections/azure-cloud-form';

const TENANT = '7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17';
const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';

const snapshot = (over: Partial<SnapshotSummary>): SnapshotSummary => ({
  id: 's1',
  connection: 'azure-cli',
  provider: 'azure',
  account: SUB,
  identity: `${TENANT}/Northwind Health Production`,
  regions: ['westeurope'],
  startedAt: '2026-01-05T10:00:00.000Z',
  finishedAt: '2026-01-05T10:01:00.000Z',
  status: 'complete',
  toolVersion: '1',
  catalogVersion: '1',
  contentSha256: null,
  resourceCount: 3,
  errorCount: 1,
  failureReason: null,
  runId: 'r1',
  accountName: null,
  demo: false,
  ...over,
});

describe('running-snapshots strip', () => {
  it('says "Azure run (<tenant>)" for an Azure run, and keeps the AWS names', () => {
    expect(runNoun({ kind: 'organization' }, { provider: 'azure', tenant: TENANT })).toBe(
      `Azure run (${TENANT})`,
    );
    expect(runNoun({ kind: 'organization' }, { provider: 'azure', tenant: null })).toBe('Azure run');
    expect(runNoun({ kind: 'organization' }, { provider: 'aws', tenant: null })).toBe('Organisation run');
    expect(runNoun({ kind: 'snapshot' }, null)).toBe('Snapshot');
  });
});

describe('header snapshot picker', () => {
  it("names the subscription (the run's record, else the identity) before its id", () => {
    expect(pickerLabel(snapshot({ accountName: 'Prod (renamed)' }))).toContain(
      `Azure subscription Prod (renamed) (${SUB})`,
    );
    expect(subscriptionName(snapshot({}))).toBe('Northwind Health Production');
    expect(pickerLabel(snapshot({}))).toMatch(
      new RegExp(`· Azure subscription Northwind Health Production \\(${SUB}\\) · westeurope · 1 gap$`),
    );
    expect(pickerLabel(snapshot({ identity: null }))).toContain(`Azure subscription ${SUB} ·`);
  });

  it('leaves AWS snapshots as they were', () => {
    const aws = snapshot({
      provider: 'aws',
      account: '111122223333',
      identity: 'arn:aws:iam::111122223333:root',
    });
    expect(pickerLabel(aws)).toContain('AWS account 111122223333');
  });
});

describe('Azure cloud form', () => {
  const form = {
    cloud: 'custom' as const,
    name: 'AzureStackHub',
    resourceManager: 'https://management.local.azurestack.external',
    authorityHost: 'https://adfs.local.azurestack.external/adfs',
    graph: '',
  };

  it('refuses http and credentials in a URL, field by field', () => {
    expect(cloudFormProblems({ ...form, resourceManager: 'http://management.local' })).toEqual({
      resourceManager: expect.stringMatching(/must start with https:\/\//),
    });
    expect(cloudFormProblems({ ...form, graph: 'https://u:p@graph.local' })).toEqual({
      graph: expect.stringMatching(/must not contain a user name or password/),
    });
    expect(cloudFormProblems({ ...form, name: ' ' }).name).toMatch(/name/);
    expect(cloudFormProblems({ ...form, cloud: 'AzureUSGovernment', resourceManager: 'http://x' })).toEqual(
      {},
    );
  });

  it('sends what the core accepts', () => {
    expect(cloudFormProblems(form)).toEqual({});
    const sent = { connectionId: 'azure-env', cloud: cloudChoiceOf(form) };
    expect(SetAzureCloudInput.parse(sent).cloud).toEqual({
      cloud: 'custom',
      name: 'AzureStackHub',
      resourceManager: 'https://management.local.azurestack.external',
      authorityHost: 'https://adfs.local.azurestack.external/adfs',
    });
    expect(cloudChoiceOf({ ...form, cloud: 'AzureChinaCloud' })).toEqual({ cloud: 'AzureChinaCloud' });
  });
});
