// The findings view's server-side query (main/checks/findings-query.ts): every page, sort and filter must give
// exactly the rows a plain in-memory sort and filter of ALL findings would give, page after page, so paging
// in SQL can never hide, repeat or misorder a finding. Checked against an independent reference built here
// from listFindings, on a snapshot whose names contain LIKE wildcards and quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { DEFAULT_SORT, queryFindings } from '../../main/checks/findings-query';
import { RefusedError } from '../../main/core/errors';
import type { Finding, FindingFilters, FindingSort } from '../../shared/domain';
import { awsResource, makeSnapshot, testCheck, type SnapshotFixture } from '../helpers/snapshot-fixture';

// A custom, low-severity check beside the built-in (high) ones, so severity and origin both vary.
const customCheck = testCheck({
  id: 'custom_volume_small',
  service: 'ec2',
  title: 'Volume is at least 16 GiB',
  severity: 'low',
  resourceType: 'AWS::EC2::Volume',
  rationale: 'Test check.',
  remediation: { console: 'Resize.', cli: 'aws ec2 modify-volume', terraform: 'size = 16' },
  origin: 'custom',
  sql: `SELECT uid AS resource_uid,
       CASE WHEN json_extract(config, '$.Size') >= 16 THEN 'pass' ELSE 'fail' END AS status,
       'size ' || json_extract(config, '$.Size') AS reason, '{}' AS evidence
FROM resources WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Volume'`,
});
const checks = [...allChecks, customCheck];

const STATUS = { fail: 3, error: 2, pass: 1, 'n/a': 0 } as const;
const SEVERITY = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;

function key(f: Finding, column: FindingSort['column']): number | string {
  switch (column) {
    case 'status':
      return STATUS[f.status];
    case 'severity':
      return SEVERITY[f.severity];
    case 'check':
      return f.checkTitle.toLowerCase();
    case 'service':
      return f.service.toLowerCase();
    case 'resource':
      return f.resourceName;
    case 'region':
      return f.region;
  }
}

/** The documented order: the requested keys, then failures first, then check id, then resource uid. */
function reference(all: Finding[], sort: FindingSort[], filters: FindingFilters): Finding[] {
  const terms = (filters.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const has = <T>(values: readonly T[] | undefined, v: T) => !values?.length || values.includes(v);
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  const effective = sort.length > 0 ? sort : DEFAULT_SORT;
  return all
    .filter(
      (f) =>
        has(filters.status, f.status) &&
        has(filters.severity, f.severity) &&
        has(filters.service, f.service) &&
        has(filters.region, f.region) &&
        has(filters.checkId, f.checkId) &&
        (filters.origin === undefined || f.origin === filters.origin) &&
        terms.every((t) =>
          [f.checkId, f.checkTitle, f.resourceName, f.resourceUid].some((s) => s.toLowerCase().includes(t)),
        ),
    )
    .sort((a, b) => {
      for (const s of effective) {
        const d = cmp(key(a, s.column), key(b, s.column));
        if (d !== 0) return s.direction === 'asc' ? d : -d;
      }
      return (
        STATUS[b.status] - STATUS[a.status] || cmp(a.checkId, b.checkId) || cmp(a.resourceUid, b.resourceUid)
      );
    });
}

const id = (f: Finding) => `${f.checkId} ${f.resourceUid}`;

let fx: SnapshotFixture;
let all: Finding[];

beforeAll(() => {
  const resources = [];
  for (let i = 0; i < 120; i++) {
    const region = ['us-east-1', 'eu-west-1', 'ap-south-1'][i % 3];
    // Names with LIKE wildcards and a quote: a search for them must match them literally.
    const name = i % 17 === 0 ? `web_${i}%'prod` : `sg-${i}`;
    resources.push(
      awsResource(
        'AWS::EC2::SecurityGroup',
        `arn:aws:ec2:${region}:111122223333:security-group/sg-${i.toString(16).padStart(6, '0')}`,
        {
          GroupId: `sg-${i}`,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: i % 4 ? 443 : 22,
              ToPort: i % 4 ? 443 : 22,
              IpRanges: [{ CidrIp: i % 5 ? '0.0.0.0/0' : '10.0.0.0/8' }],
              Ipv6Ranges: [],
            },
          ],
        },
        { region, name },
      ),
      awsResource(
        'AWS::EC2::Volume',
        `arn:aws:ec2:${region}:111122223333:volume/vol-${i}`,
        { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0, Size: i % 2 ? 8 : 32, State: 'in-use' },
        { region, name: `vol-${i}` },
      ),
    );
  }
  fx = makeSnapshot({ resources, checks });
  all = fx.findings();
  // The reference is only meaningful if the snapshot mixes statuses, severities, checks and regions.
  expect(new Set(all.map((f) => f.status)).size).toBeGreaterThanOrEqual(2);
  expect(new Set(all.map((f) => f.severity)).size).toBeGreaterThanOrEqual(2);
  expect(new Set(all.map((f) => f.checkId)).size).toBeGreaterThanOrEqual(3);
});
afterAll(() => fx?.close());

/** Every row of the query, read page by page. */
function readAll(sort: FindingSort[], filters: FindingFilters, limit: number, bookmarkEvery?: number) {
  const rows: Finding[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = queryFindings(fx.db, fx.snapshotId, checks, { offset, limit, sort, filters, bookmarkEvery });
    expect(page.offset).toBe(offset);
    rows.push(...page.rows);
    if (page.rows.length < limit) return { rows, total: page.total, page };
  }
}

describe('findings.query (server-side paging, sorting and filtering)', () => {
  const cases: { name: string; sort: FindingSort[]; filters: FindingFilters }[] = [
    { name: 'default order: failures first, then severity', sort: [], filters: {} },
    { name: 'severity ascending', sort: [{ column: 'severity', direction: 'asc' }], filters: {} },
    {
      name: 'check title then status',
      sort: [
        { column: 'check', direction: 'desc' },
        { column: 'status', direction: 'asc' },
      ],
      filters: {},
    },
    { name: 'service', sort: [{ column: 'service', direction: 'asc' }], filters: { status: ['fail'] } },
    { name: 'resource name (row-level sort)', sort: [{ column: 'resource', direction: 'asc' }], filters: {} },
    {
      name: 'region desc then severity, filtered to two regions',
      sort: [
        { column: 'region', direction: 'desc' },
        { column: 'severity', direction: 'desc' },
      ],
      filters: { region: ['eu-west-1', 'ap-south-1'] },
    },
    {
      name: 'status + severity filters',
      sort: [],
      filters: { status: ['fail', 'pass'], severity: ['high'] },
    },
    { name: 'text search over resource uid', sort: [], filters: { text: 'VOL-1' } },
    { name: 'text search over check title, two terms', sort: [], filters: { text: 'ssh sg-' } },
    { name: 'text with LIKE wildcards matches literally', sort: [], filters: { text: "b_1 %'p" } },
    {
      name: 'check id + origin',
      sort: [],
      filters: { checkId: ['ec2_ebs_volume_encryption'], origin: 'builtin' },
    },
    {
      name: 'custom checks only, by severity',
      sort: [{ column: 'severity', direction: 'asc' }],
      filters: { origin: 'custom' },
    },
  ];
  for (const c of cases) {
    it(`${c.name}: pages concatenate to the reference order`, () => {
      const expected = reference(all, c.sort, c.filters);
      expect(expected.length).toBeGreaterThan(0);
      // 7 does not divide the group sizes, so pages start and end inside groups.
      const { rows, total } = readAll(c.sort, c.filters, 7);
      expect(total).toBe(expected.length);
      expect(rows.map(id)).toEqual(expected.map(id));
      expect(rows).toEqual(expected);
    });

    it(`${c.name}: pages that seek through group bookmarks give the same rows`, () => {
      // Bookmarks every 5 rows: pages of 7 start at offsets that seek to a bookmark and skip 0-4 more.
      const { rows } = readAll(c.sort, c.filters, 7, 5);
      expect(rows.map(id)).toEqual(reference(all, c.sort, c.filters).map(id));
    });
  }

  it('a literal "%" or "_" does not act as a wildcard', () => {
    const withPercent = all.filter((f) => f.resourceName.includes('%'));
    expect(withPercent.length).toBeGreaterThan(0);
    const page = queryFindings(fx.db, fx.snapshotId, checks, { limit: 500, filters: { text: '%' } });
    expect(page.rows.map(id).sort()).toEqual(withPercent.map(id).sort());
    // As a pattern, 'g_1' would match every 'sg-1…'; literally, no name or uid contains it.
    expect(all.some((f) => f.resourceName.startsWith('sg-1'))).toBe(true);
    expect(queryFindings(fx.db, fx.snapshotId, checks, { filters: { text: 'g_1' } }).total).toBe(0);
  });

  it('reports totals and facets (each facet ignoring its own filter)', () => {
    const filters: FindingFilters = { status: ['fail'], severity: ['high'] };
    const page = queryFindings(fx.db, fx.snapshotId, checks, { limit: 1, filters });
    expect(page.unfilteredTotal).toBe(all.length);
    const count = (fs: Finding[], pick: (f: Finding) => string) =>
      fs.reduce<Record<string, number>>((m, f) => ({ ...m, [pick(f)]: (m[pick(f)] ?? 0) + 1 }), {});
    expect(page.facets.status).toEqual(count(reference(all, [], { severity: ['high'] }), (f) => f.status));
    expect(page.facets.severity).toEqual(count(reference(all, [], { status: ['fail'] }), (f) => f.severity));
    expect(page.facets.service).toEqual(count(reference(all, [], filters), (f) => f.service));
    expect(page.total).toBe(reference(all, [], filters).length);
  });

  it('answers past the end with no rows, and an unknown snapshot with nothing', () => {
    const past = queryFindings(fx.db, fx.snapshotId, checks, { offset: all.length + 5 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(all.length);
    expect(queryFindings(fx.db, 'no-such-snapshot', checks).total).toBe(0);
  });

  it('refuses a page larger than 500 and an over-long search', () => {
    expect(() => queryFindings(fx.db, fx.snapshotId, checks, { limit: 501 })).toThrow(/limit/);
    expect(() =>
      queryFindings(fx.db, fx.snapshotId, checks, { filters: { text: 'a b c d e f g h i' } }),
    ).toThrow(RefusedError);
  });

  it('reads a page from the (status, check, resource) index, not by scanning findings', () => {
    const plan = (
      fx.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT f.resource_uid FROM findings f INDEXED BY findings_by_status_check
           WHERE f.evaluation_id = ? AND f.status = ? AND f.check_id = ? ORDER BY f.resource_uid LIMIT 10`,
        )
        .all('e', 'fail', 'c') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH f USING COVERING INDEX findings_by_status_check/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
