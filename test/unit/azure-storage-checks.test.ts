// Finer cases of the storage group's Azure checks than the pass/fail/error fixtures: documented defaults for
// absent properties, applicability (tag rule, RBAC vs access-policy vaults, Shared Key off), key age at the
// boundary, disabled objects, and what counts as an audit log destination.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { CheckCase } from '../helpers/check-fixtures';
import { accountCase, daysBefore, item, setting, vaultCase } from '../helpers/check-fixtures/azure-storage';
import { FIXTURE_STARTED_AT, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(checkId: string, c: CheckCase) {
  const check = allChecks.find((x) => x.id === checkId)!;
  fx?.close();
  fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check], provider: 'azure' });
  const findings = fx.findings(checkId).filter((f) => f.resourceUid === c.uid);
  expect(findings).toHaveLength(1);
  return findings[0];
}
const AS_OF = new Date(FIXTURE_STARTED_AT);

describe('storage account checks', () => {
  it('public network access Disabled passes the default-deny check whatever the ACL says', () => {
    const f = judge(
      'storage_default_network_access_rule_is_denied',
      accountCase({ publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Allow' } }),
    );
    expect(f.status).toBe('pass');
    expect(f.reason).toMatch(/publicNetworkAccess is Disabled/);
  });

  it('infrastructure encryption and Shared Key judge an absent flag by the documented default, and say so', () => {
    const infra = judge(
      'storage_infrastructure_encryption_is_enabled',
      accountCase({ encryption: { keySource: 'Microsoft.Storage' } }),
    );
    expect(infra.status).toBe('fail');
    expect(infra.reason).toMatch(/not reported, and the service default is off/);
    const shared = judge('storage_account_key_access_disabled', accountCase({ minimumTlsVersion: 'TLS1_2' }));
    expect(shared.status).toBe('fail');
    expect(shared.reason).toMatch(/not reported, and the service default \(unset\) permits Shared Key/);
    // No properties at all: nothing to apply a default to.
    expect(judge('storage_account_key_access_disabled', accountCase(undefined)).status).toBe('error');
  });

  it('CMK applies only to accounts tagged confidential or restricted (any case)', () => {
    const cmk = { encryption: { keySource: 'Microsoft.Storage' } };
    const id = 'storage_ensure_encryption_with_customer_managed_keys';
    expect(judge(id, accountCase(cmk)).status).toBe('n/a');
    expect(judge(id, accountCase(cmk, { tags: { 'data-classification': 'public' } })).status).toBe('n/a');
    expect(judge(id, accountCase(cmk, { tags: { 'data-classification': 'RESTRICTED' } })).status).toBe(
      'fail',
    );
  });

  it('key age: 90 days passes, 91 fails, one null key is unconfirmed, Shared Key off is n/a', () => {
    const id = 'storage_key_rotation_90_days';
    const keys = (a: string | null, b: string | null) =>
      accountCase({ allowSharedKeyAccess: true, keyCreationTime: { key1: a, key2: b } });
    expect(judge(id, keys(daysBefore(AS_OF, 90), daysBefore(AS_OF, 1))).status).toBe('pass');
    const old = judge(id, keys(daysBefore(AS_OF, 1), daysBefore(AS_OF, 91)));
    expect(old.status).toBe('fail');
    expect(old.reason).toMatch(/key2 created .* \(91 days\)/);
    expect(judge(id, keys(daysBefore(AS_OF, 1), null)).status).toBe('error');
    // An old key decides even when the other is unknown.
    expect(judge(id, keys(null, daysBefore(AS_OF, 400))).status).toBe('fail');
    expect(
      judge(id, accountCase({ allowSharedKeyAccess: false, keyCreationTime: { key1: null, key2: null } }))
        .status,
    ).toBe('n/a');
  });

  it('key expiration policy: none set fails, 91 days fails, 30 passes', () => {
    const id = 'storage_key_rotation_reminders_enabled';
    expect(judge(id, accountCase({ minimumTlsVersion: 'TLS1_2' })).reason).toMatch(
      /has no key expiration policy/,
    );
    expect(judge(id, accountCase({ keyPolicy: { keyExpirationPeriodInDays: 91 } })).status).toBe('fail');
    expect(judge(id, accountCase({ keyPolicy: { keyExpirationPeriodInDays: 30 } })).status).toBe('pass');
  });
});

describe('key vault checks', () => {
  it('purge protection absent fails on its documented default; soft delete absent is unconfirmed', () => {
    const f = judge('keyvault_recoverable', vaultCase({ enableSoftDelete: true }));
    expect(f.reason).toMatch(/not reported, and purge protection is off unless it was enabled/);
    expect(judge('keyvault_recoverable', vaultCase({ enableSoftDelete: false })).status).toBe('fail');
    expect(judge('keyvault_recoverable', vaultCase({})).status).toBe('error');
  });

  it('the RBAC and access-policy expiry checks split vaults by permission model; absent = access policies', () => {
    const keys = { keys: [item('k', { enabled: true })] };
    expect(
      judge('keyvault_rbac_key_expiration_set', vaultCase({ enableRbacAuthorization: false }, keys)).status,
    ).toBe('n/a');
    const absent = judge('keyvault_key_expiration_set_in_non_rbac', vaultCase({}, keys));
    expect(absent.status).toBe('fail');
    expect(absent.reason).toMatch(/without an expiration date: k .*service default is access policies/);
    expect(judge('keyvault_rbac_key_expiration_set', vaultCase({}, keys)).status).toBe('n/a');
    expect(
      judge('keyvault_rbac_key_expiration_set', vaultCase({ enableRbacAuthorization: 'yes' }, keys)).status,
    ).toBe('error');
  });

  it('disabled keys and secrets are not counted; an empty list passes', () => {
    const rbac = { enableRbacAuthorization: true };
    expect(
      judge('keyvault_rbac_key_expiration_set', vaultCase(rbac, { keys: [item('old', { enabled: false })] }))
        .status,
    ).toBe('pass');
    const none = judge('keyvault_rbac_secret_expiration_set', vaultCase(rbac, { secretsStatus: [] }));
    expect(none.status).toBe('pass');
    expect(none.reason).toMatch(/no enabled secrets/);
  });

  it('logging needs an enabled audit log AND a destination', () => {
    const id = 'keyvault_logging_enabled';
    const ws = {
      workspaceId: '/subscriptions/x/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w',
    };
    const audit = [{ category: 'AuditEvent', enabled: true }];
    expect(judge(id, vaultCase({}, { diagnosticSettings: [setting('s', ws, audit)] })).status).toBe('pass');
    expect(
      judge(id, vaultCase({}, { diagnosticSettings: [setting('s', { workspaceId: '' }, audit)] })).status,
    ).toBe('fail');
    expect(
      judge(
        id,
        vaultCase(
          {},
          { diagnosticSettings: [setting('s', ws, [{ categoryGroup: 'allLogs', enabled: true }])] },
        ),
      ).status,
    ).toBe('pass');
    const none = judge(id, vaultCase({}, { diagnosticSettings: [] }));
    expect(none.reason).toMatch(/has no diagnostic setting/);
  });

  it('private endpoints: absent list fails with the omission stated; a rejected one is not enough', () => {
    const absent = judge('keyvault_private_endpoints', vaultCase({ publicNetworkAccess: 'Enabled' }));
    expect(absent.status).toBe('fail');
    expect(absent.reason).toMatch(/not reported, which Resource Manager does for a vault without any/);
    const rejected = judge(
      'keyvault_private_endpoints',
      vaultCase({
        privateEndpointConnections: [
          { properties: { privateLinkServiceConnectionState: { status: 'Rejected' } } },
        ],
      }),
    );
    expect(rejected.reason).toMatch(/connections are Rejected/);
    expect(judge('keyvault_private_endpoints', vaultCase({ privateEndpointConnections: 'x' })).status).toBe(
      'error',
    );
  });
});
