// Missing Microsoft Graph permissions never read as good Entra ID controls. The demo tenant's development
// subscription passes every subscription check, and here its tenant is made well configured too (the demo's
// tenant fails some Entra checks on purpose), so without faults every control an Entra check evidences is
// Effective. Collected again with every Graph call answering 403 (the identity was never granted
// Policy.Read.All, RoleManagement.Read.Directory or AuditLog.Read.All), each Graph call is a recorded gap, the
// Entra checks answer error, and exactly those controls are Incomplete in every framework; no other control
// moves. Through the REAL REST client and pipeline, the check SQL and evaluateControls.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '../../shared/domain';
import { allChecks } from '../../main/checks/catalog';
import { SECURITY_GRAPH_CALLS } from '../../main/collect/azure/calls/security';
import { northwindAzure, NORTHWIND_DEV_SUBSCRIPTION, type AzureEstate } from '../../main/demo/azure/estate';
import type { AzureFault } from '../../main/demo/azure/server';
import { evaluateControls } from '../../main/evidence/controls';
import { loadFrameworks } from '../../main/frameworks/catalog';
import { startAzureHarness } from '../fixtures/azure/harness';
import { makeSnapshot } from '../helpers/snapshot-fixture';

const AZURE_CHECKS = allChecks.filter((c) => c.provider === 'azure');
const ENTRA_CHECKS = new Set(AZURE_CHECKS.filter((c) => c.service === 'entra').map((c) => c.id));
const GRAPH_OPERATIONS = SECURITY_GRAPH_CALLS.map((c) => c.operation);

/** Restricted Guest User: guests see only their own directory objects (the most restrictive level). */
const RESTRICTED_GUEST_ROLE = '2af84b1e-32c8-42b7-82bc-daa82404023b';

type Obj = Record<string, unknown>;

/**
 * The demo tenant, well configured: users may not register applications, guests are restricted, four Global
 * Administrators (the demo has five), every one of them registered for MFA.
 */
function wellConfiguredTenant(): AzureEstate {
  const estate = structuredClone(northwindAzure);
  const sec = estate.tenant!.security!;
  const policy = sec.authorizationPolicy as Obj & { defaultUserRolePermissions: Obj };
  policy.guestUserRoleId = RESTRICTED_GUEST_ROLE;
  policy.defaultUserRolePermissions.allowedToCreateApps = false;
  sec.globalAdministrators = sec.globalAdministrators.slice(0, 4);
  const admins = new Set(sec.globalAdministrators.map((u) => (u as Obj).id));
  sec.userRegistrationDetails = sec.userRegistrationDetails.map((r) => {
    const reg = r as Obj;
    return admins.has(reg.id)
      ? {
          ...reg,
          isAdmin: true,
          isMfaRegistered: true,
          isMfaCapable: true,
          methodsRegistered: ['microsoftAuthenticatorPush'],
        }
      : { ...reg, isAdmin: false };
  });
  return estate;
}

type Collected = {
  controls: Map<string, ControlResult>;
  gaps: { operation: string; code: string }[];
  entra: { checkId: string; status: string; reason: string }[];
};

/** Collects the development subscription of the well-configured tenant and answers every framework's controls. */
async function collectAndAssess(faults: AzureFault[]): Promise<Collected> {
  const h = await startAzureHarness({
    estate: wellConfiguredTenant(),
    subscriptionId: NORTHWIND_DEV_SUBSCRIPTION,
    faults,
  });
  try {
    await h.collect();
    const fx = makeSnapshot({
      resources: h.buffer.resources,
      gaps: h.buffer.gaps,
      checks: AZURE_CHECKS,
      provider: 'azure',
      account: NORTHWIND_DEV_SUBSCRIPTION,
    });
    try {
      const controls = new Map<string, ControlResult>();
      for (const framework of loadFrameworks())
        for (const c of evaluateControls(fx.db, fx.snapshotId, framework, AZURE_CHECKS))
          controls.set(`${framework.id} ${c.controlId}`, c);
      const entra = fx
        .findings()
        .filter((f) => ENTRA_CHECKS.has(f.checkId))
        .map((f) => ({ checkId: f.checkId, status: f.status, reason: f.reason }));
      return { controls, gaps: h.buffer.gaps, entra };
    } finally {
      fx.close();
    }
  } finally {
    await h.close();
  }
}

const hasEntraCheck = (c: ControlResult) => c.checkIds.some((id) => ENTRA_CHECKS.has(id));

describe('Entra ID controls when Microsoft Graph answers 403', () => {
  let granted: Collected;
  let denied: Collected;
  beforeAll(async () => {
    granted = await collectAndAssess([]);
    denied = await collectAndAssess(GRAPH_OPERATIONS.map((operation) => ({ operation, kind: 'denied' })));
  }, 120_000);

  it('with the permissions, every Entra check passes and its controls are Effective (the baseline)', () => {
    expect(granted.gaps).toEqual([]);
    expect(new Set(granted.entra.map((f) => f.checkId))).toEqual(ENTRA_CHECKS);
    expect(granted.entra.filter((f) => f.status !== 'pass')).toEqual([]);
    const entraControls = [...granted.controls.values()].filter(hasEntraCheck);
    expect(entraControls.length).toBeGreaterThan(0);
    // Anything but Effective here would make the comparison below prove nothing.
    expect(entraControls.filter((c) => c.status !== 'effective')).toEqual([]);
  });

  it('records one AuthorizationFailed gap per Graph call, and every Entra check answers error saying why', () => {
    expect(denied.gaps.map((g) => g.operation).sort()).toEqual([...GRAPH_OPERATIONS].sort());
    expect(new Set(denied.gaps.map((g) => g.code))).toEqual(new Set(['AuthorizationFailed']));
    expect(new Set(denied.entra.map((f) => f.checkId))).toEqual(ENTRA_CHECKS);
    for (const f of denied.entra) {
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/not (collected|reported)|unknown|unconfirmed|no readable|unexpected form/i);
    }
  });

  it('makes exactly the controls the Entra checks evidence Incomplete; no other control moves', () => {
    let affected = 0;
    for (const [key, before] of granted.controls) {
      const after = denied.controls.get(key)!;
      if (hasEntraCheck(before)) {
        affected++;
        expect({ key, status: after.status }).toEqual({ key, status: 'incomplete' });
        // The reason names the Entra check that could not be evaluated (its finding's reason names the gap).
        expect(after.statusReason).toMatch(/^No uncovered failures, but .*entra_\w+ could not be evaluated/);
      } else {
        expect({ key, status: after.status }).toEqual({ key, status: before.status });
      }
    }
    expect(affected).toBeGreaterThan(0);
  });
});
