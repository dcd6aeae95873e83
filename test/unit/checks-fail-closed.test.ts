// Fail closed, check by check: every built-in check has a pass, a fail and a "data missing" fixture here, and
// the data-missing one must answer 'error' with a reason that says what was not collected, never 'pass' (or
// 'n/a', which would quietly drop the resource from the population). A new check file without its three
// fixtures fails the completeness test below. The per-service files hold the finer cases.
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import type { FindingStatus } from '../../shared/domain';
import { CHECK_FIXTURES as FIXTURES, type CheckCase } from '../helpers/check-fixtures';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function judge(checkId: string, c: CheckCase) {
  const check = allChecks.find((x) => x.id === checkId)!;
  fx = makeSnapshot({ resources: c.resources, gaps: c.gaps, checks: [check] });
  const findings = fx.findings(checkId).filter((f) => f.resourceUid === c.uid);
  expect(findings, `${checkId}: one finding for ${c.uid}`).toHaveLength(1);
  return findings[0];
}

describe('every built-in check fails closed', () => {
  it('has pass, fail and data-missing fixtures for every built-in check, and none for checks that do not exist', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(allChecks.map((c) => c.id).sort());
  });

  for (const check of allChecks) {
    const fixtures = FIXTURES[check.id];
    if (!fixtures) continue; // the completeness test above names it
    for (const status of ['pass', 'fail'] as FindingStatus[]) {
      it(`${check.id}: ${status} fixture answers ${status}`, () => {
        expect(judge(check.id, fixtures[status as 'pass' | 'fail']).status).toBe(status);
      });
    }
    it(`${check.id}: missing data answers error and says what is missing`, () => {
      const f = judge(check.id, fixtures.error);
      expect(f.status).toBe('error');
      expect(f.reason).toMatch(/not (collected|reported)|unknown|unconfirmed|no readable|unexpected form/i);
    });
  }
});
