import { describe, expect, it } from 'vitest';
import { allChecks, CATALOG_VERSION, getCheck } from '../../main/checks/catalog';
import { runCheck } from '../../main/checks/engine';
import { CheckInfo } from '../../shared/domain';
import { makeSnapshot } from '../helpers/snapshot-fixture';

describe('check catalog', () => {
  it('has unique snake_case ids and a valid CheckInfo for every check', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of allChecks) {
      expect(check.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(() => CheckInfo.parse(check)).not.toThrow();
      expect(getCheck(check.id)).toBe(check);
    }
    expect(allChecks.length).toBeGreaterThanOrEqual(17);
  });

  it('gives every check a rationale and non-empty console, CLI and Terraform remediation', () => {
    for (const c of allChecks) {
      expect(c.rationale.length, c.id).toBeGreaterThan(40);
      expect(c.remediation.console.trim(), `${c.id} console`).not.toBe('');
      expect(c.remediation.cli.trim(), `${c.id} cli`).not.toBe('');
      expect(c.remediation.terraform.trim(), `${c.id} terraform`).not.toBe('');
    }
  });

  it('runs every check SQL on an empty snapshot and returns no rows', () => {
    const fx = makeSnapshot({ resources: [], checks: [] });
    try {
      for (const c of allChecks)
        expect(runCheck(fx.db, c, fx.snapshotId, '2025-01-01T00:00:00.000Z'), c.id).toEqual([]);
    } finally {
      fx.close();
    }
  });

  it('uses @snapshot_id in every check and never the wall clock', () => {
    for (const c of allChecks) {
      expect(c.sql, c.id).toContain('@snapshot_id');
      expect(c.sql.toLowerCase(), c.id).not.toMatch(/'now'|current_timestamp|current_date/);
    }
  });

  it('derives its version from the checks, so changed logic never reuses old findings', () => {
    expect(CATALOG_VERSION).toMatch(/^\d{4}\.\d+\+[0-9a-f]{12}$/);
  });
});
