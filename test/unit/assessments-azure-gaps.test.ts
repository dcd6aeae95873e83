// Azure collection gaps at the assessment level. An Azure gap is recorded under the ARM provider namespace it
// touched (Microsoft.Storage, Microsoft.Graph...), never under a check's own service name (storage, entra...), so
// matching on the service alone let a control over an Azure population whose listing broke half-way read
// Effective on the accounts that did arrive. The assessment evaluator matches the namespace too (as the
// per-snapshot view does), names the gap in the reason, and a package still verifies: verify re-derives with
// the provider and resource type the package ships, or with the service alone for packages made before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attachSnapshot,
  createAssessment,
  getAssessmentRecord,
} from '../../main/assessments/assessments-repo';
import { evaluateAssessment } from '../../main/assessments/control-status';
import { getFramework, type Framework } from '../../main/frameworks/catalog';
import type { CollectionGap } from '../../main/collect/types';
import type { Person } from '../../shared/domain';
import { makeAssessmentFixture, type AssessmentFixture } from '../helpers/assessments-fixture';
import { storageCase } from '../helpers/check-fixtures/azure';

const SUB = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
const CHECK = 'storage_secure_transfer_required_is_enabled';

let fx: AssessmentFixture;
let alice: Person;
beforeEach(() => {
  fx = makeAssessmentFixture();
  alice = fx.person('Alice');
});
afterEach(() => fx.close());

const framework = (): Framework => ({
  ...getFramework('soc2-2017'),
  controls: [
    {
      id: 'TRANSIT',
      title: 'Encryption in transit',
      description: 'Storage refuses plain HTTP',
      family: 'Test',
      testable: 'automated',
      checks: [{ id: CHECK, rationale: 'Shows storage accounts refuse plain HTTP' }],
      manualEvidence: [],
    },
  ],
});

/** ARM's second page of storage accounts failed: the accounts on it are unknown. */
const pageTwoFailed: CollectionGap = {
  service: 'Microsoft.Storage',
  region: 'global',
  operation: 'StorageAccounts_List',
  code: 'TooManyRequests',
  message: 'StorageAccounts_List page 2 was throttled',
};

function assess(gaps: CollectionGap[]) {
  const snapshotId = fx.addSnapshot({
    provider: 'azure',
    account: SUB,
    resources: storageCase({ supportsHttpsTrafficOnly: true }).resources,
    gaps,
  });
  const a = createAssessment(fx, alice, {
    name: 'Azure point in time',
    frameworks: ['soc2-2017'],
    periodStart: '2026-01-31',
    periodEnd: '2026-01-31',
    scope: {},
  });
  attachSnapshot(fx, alice, a.id, snapshotId);
  const record = getAssessmentRecord(fx.db, a.id);
  return (checks: Parameters<typeof evaluateAssessment>[3]) =>
    evaluateAssessment(fx.db, record, framework(), checks)[0]!.control;
}

describe('Azure gaps in an assessment', () => {
  it('a listing gap under the ARM namespace makes the control Incomplete and is named in the reason', () => {
    const control = assess([pageTwoFailed])(fx.catalog.checks)!;
    expect(control.counts.pass).toBe(1);
    expect(control.status).toBe('incomplete');
    expect(control.statusReason).toContain(
      'Microsoft.Storage StorageAccounts_List in global (TooManyRequests)',
    );
  });

  it('without the gap the same population is Effective (so the gap alone made the difference)', () => {
    expect(assess([])(fx.catalog.checks).status).toBe('effective');
  });

  it('a gap of another namespace does not touch the control', () => {
    const other = { ...pageTwoFailed, service: 'Microsoft.KeyVault', operation: 'Vaults_ListBySubscription' };
    expect(assess([other])(fx.catalog.checks).status).toBe('effective');
  });

  it('a package made before (checks carry only their service) is re-derived the way it was concluded', () => {
    const evaluate = assess([pageTwoFailed]);
    const serviceOnly = fx.catalog.checks.map((c) => ({ id: c.id, service: c.service }));
    const now = evaluate(fx.catalog.checks);
    const before = evaluate(serviceOnly);
    expect(before.status).toBe('effective');
    expect(before.digest).not.toBe(now.digest);
    // With provider and resource type, as new packages ship them, verify finds the same gap as the workspace.
    const shipped = fx.catalog.checks.map((c) => ({
      id: c.id,
      service: c.service,
      provider: c.provider,
      resourceType: c.resourceType,
    }));
    expect(evaluate(shipped).digest).toBe(now.digest);
  });
});
