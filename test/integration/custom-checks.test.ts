// Custom checks (policy as code) end to end, through the same dispatcher the UI uses: a check file and a
// mappings.yaml dropped into <workspace>/checks -> demo snapshot -> custom findings marked custom -> the mapped
// control counts them -> the package ships the byte-identical file under checks/custom/ and verifies. Broken
// custom files are reported as problems and never stop the built-in checks.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { allChecks } from '../../main/checks/catalog';
import { loadCheckCatalog } from '../../main/checks/workspace-catalog';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import type {
  CheckCatalogInfo,
  ControlResult,
  ExportResult,
  Finding,
  VerifyResult,
} from '../../shared/domain';

const CUSTOM_ID = 'custom_ebs_volume_named';

/** A custom check in the documented format: every EBS volume must carry a Name tag. */
const CUSTOM_CHECK = `/* ---
id: ${CUSTOM_ID}
title: EBS volume carries a Name tag
severity: low
provider: aws
service: ec2
resource_type: AWS::EC2::Volume
rationale: >-
  Our asset register identifies volumes by their Name tag; an unnamed volume has no accountable owner
  and cannot be reconciled during the quarterly access review.
remediation:
  console: EC2 console > Volumes > the volume > Tags > Manage tags, add Name.
  cli: |-
    aws ec2 create-tags --resources <volume-id> --tags Key=Name,Value=<name>
  terraform: |-
    resource "aws_ebs_volume" "this" {
      tags = { Name = "<name>" }
    }
references: []
frameworks:
  soc2-2017: [CC6.1]
--- */
SELECT uid AS resource_uid,
  CASE WHEN json_extract(tags, '$.Name') IS NOT NULL THEN 'pass' ELSE 'fail' END AS status,
  CASE WHEN json_extract(tags, '$.Name') IS NOT NULL THEN 'Volume ' || name || ' is named ' || json_extract(tags, '$.Name')
       ELSE 'Volume ' || name || ' has no Name tag' END AS reason,
  json_object('Name', json_extract(tags, '$.Name')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Volume';
`;

const MAPPINGS = `# Workspace mappings: our own checks count towards these controls.
mappings:
  ${CUSTOM_ID}:
    soc2-2017: [CC6.1]
`;

type Harness = {
  dir: string;
  ws: Workspace;
  api: Dispatcher;
  call<T>(name: string, payload: unknown): Promise<T>;
};

function harness(files: Record<string, string>): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-custom-checks-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'checks', name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'checks', name), text);
  }
  const ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  const api = createDispatcher(ws, { mode: 'browser' });
  return {
    dir,
    ws,
    api,
    async call<T>(name: string, payload: unknown): Promise<T> {
      const r = await api.dispatch(name, payload);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    },
  };
}

async function demoSnapshot(h: Harness): Promise<{ snapshotId: string; progress: string[] }> {
  const progress: string[] = [];
  let snapshotId = '';
  const done = new Promise<{ status: string; message: string }>((resolve) => {
    const off = h.api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.progress') progress.push(p.message);
      if (event === 'snapshot.finished' && p.snapshotId === snapshotId) {
        off();
        resolve(p);
      }
    });
  });
  ({ snapshotId } = await h.call<{ snapshotId: string }>('snapshots.start', { connectionId: 'demo' }));
  const outcome = await done;
  expect(outcome.status, outcome.message).toBe('complete');
  return { snapshotId, progress };
}

function close(h: Harness | undefined) {
  h?.ws.close();
  if (h) fs.rmSync(h.dir, { recursive: true, force: true });
}

describe('a custom check with a workspace mapping', () => {
  let h: Harness;
  let snapshotId: string;
  let progress: string[];
  beforeAll(async () => {
    h = harness({ [`${CUSTOM_ID}.sql`]: CUSTOM_CHECK, 'mappings.yaml': MAPPINGS });
    ({ snapshotId, progress } = await demoSnapshot(h));
  }, 120_000);
  afterAll(() => close(h));

  it('is listed as custom beside every built-in check, with no problems', async () => {
    const catalog = await h.call<CheckCatalogInfo>('checks.list', {});
    expect(catalog.problems).toEqual([]);
    expect(catalog.checks).toHaveLength(allChecks.length + 1);
    expect(catalog.checks.find((c) => c.id === CUSTOM_ID)).toMatchObject({
      origin: 'custom',
      file: `checks/custom/${CUSTOM_ID}.sql`,
      sha256: crypto.createHash('sha256').update(CUSTOM_CHECK).digest('hex'),
    });
    expect(catalog.checks.filter((c) => c.origin === 'builtin')).toHaveLength(allChecks.length);
    expect(catalog.catalogVersion).toBe(loadCheckCatalog(h.dir).catalogVersion);
    expect(progress.some((m) => m.includes(`Running ${allChecks.length + 1} checks (1 custom)`))).toBe(true);
  });

  it('produces findings marked custom, passing named volumes and failing the unnamed one', async () => {
    const findings = await h.call<Finding[]>('findings.list', { snapshotId });
    const custom = findings.filter((f) => f.checkId === CUSTOM_ID);
    expect(custom.length).toBeGreaterThan(5);
    expect(custom.every((f) => f.origin === 'custom')).toBe(true);
    expect(custom.filter((f) => f.status === 'fail').map((f) => f.reason)).toEqual([
      expect.stringMatching(/^Volume vol-\S+ has no Name tag$/),
    ]);
    expect(custom.some((f) => f.status === 'pass')).toBe(true);
    expect(findings.filter((f) => f.checkId !== CUSTOM_ID).every((f) => f.origin === 'builtin')).toBe(true);
  });

  it('counts the custom findings in the control it is mapped to', async () => {
    const controls = await h.call<ControlResult[]>('controls.list', { snapshotId, framework: 'soc2-2017' });
    const cc61 = controls.find((c) => c.controlId === 'CC6.1')!;
    expect(cc61.checkIds).toContain(CUSTOM_ID);
    expect(cc61.checkIds).toContain('ec2_ebs_volume_encryption');
    expect(cc61.statusReason).toContain(`fail ${CUSTOM_ID}`);
    // Not mapped anywhere else.
    expect(controls.filter((c) => c.checkIds.includes(CUSTOM_ID)).map((c) => c.controlId)).toEqual(['CC6.1']);
  });

  it('ships the byte-identical check file and mappings under checks/custom/ in a package that is intact', async () => {
    const pkg = await h.call<ExportResult>('export.create', {
      snapshotId,
      framework: 'soc2-2017',
      outputDir: path.join(h.dir, 'out'),
    });
    const at = (rel: string) => path.join(pkg.packageDir, ...rel.split('/'));
    expect(fs.readFileSync(at(`checks/custom/${CUSTOM_ID}.sql`), 'utf8')).toBe(CUSTOM_CHECK);
    expect(fs.readFileSync(at('checks/custom/mappings.yaml'), 'utf8')).toBe(MAPPINGS);
    // A built-in check ships as its own file too, byte for byte.
    const builtin = allChecks.find((c) => c.id === 'ec2_ebs_volume_encryption')!;
    expect(fs.readFileSync(at(builtin.file)).equals(Buffer.from(builtin.bytes))).toBe(true);

    // The pack listing ties every shipped check to the signed catalog version.
    const manifest = JSON.parse(fs.readFileSync(at('manifest.json'), 'utf8')) as {
      evaluation: { catalogVersion: string };
    };
    expect(manifest.evaluation.catalogVersion).toBe(loadCheckCatalog(h.dir).catalogVersion);
    const listingHash = execFileSync('sha256sum', ['checks/CHECK-PACK.sha256'], {
      cwd: pkg.packageDir,
      encoding: 'utf8',
    }).split(' ')[0];
    expect(manifest.evaluation.catalogVersion).toBe(`sha256:${listingHash}`);
    const checked = execFileSync('sha256sum', ['--ignore-missing', '-c', 'checks/CHECK-PACK.sha256'], {
      cwd: pkg.packageDir,
      encoding: 'utf8',
    });
    expect(checked).toContain(`checks/custom/${CUSTOM_ID}.sql: OK`);
    expect(checked).toContain('checks/custom/mappings.yaml: OK');
    expect(checked).toContain(`${builtin.file}: OK`);
    expect(checked).not.toMatch(/FAILED/);

    // The auditor re-performs the custom check on the shipped snapshot with the shipped file.
    const snapshot = JSON.parse(fs.readFileSync(at('evidence/findings.json'), 'utf8')) as Finding[];
    const shipped = snapshot.filter((f) => f.checkId === CUSTOM_ID);
    expect(shipped.every((f) => f.origin === 'custom')).toBe(true);
    const startedAt = (
      h.ws.db.prepare('SELECT started_at AS s FROM snapshots WHERE id = ?').get(snapshotId) as { s: string }
    ).s;
    const rows = JSON.parse(
      execFileSync(
        'sqlite3',
        [
          '-readonly',
          '-json',
          at('snapshot.sqlite'),
          '-cmd',
          `.parameter set @snapshot_id "'${snapshotId}'"`,
          '-cmd',
          `.parameter set @as_of "'${startedAt}'"`,
        ],
        { input: fs.readFileSync(at(`checks/custom/${CUSTOM_ID}.sql`)), encoding: 'utf8' },
      ),
    ) as { resource_uid: string; status: string }[];
    expect(rows.map((r) => [r.resource_uid, r.status]).sort()).toEqual(
      shipped.map((f) => [f.resourceUid, f.status]).sort(),
    );

    // Intact; a demo package is signed with the published demo key, so at best 'signer unknown'.
    const verified = await h.call<VerifyResult>('export.verify', { path: pkg.packageDir });
    expect(verified.problems, verified.problems.join('; ')).toEqual([]);
    expect(verified.outcome).toBe(verified.demo ? 'unknown-signer' : 'verified');

    // Marked custom in the workbook and the report as well.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('workbook.xlsx'));
    const sheet = wb.worksheets.find((s) => s.name.toLowerCase().includes('finding'))!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const idCol = header.indexOf('Check');
    const originCol = header.indexOf('Check origin');
    expect(originCol).toBeGreaterThan(0);
    const origins = new Map<string, Set<string>>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const id = String(row.getCell(idCol).value);
      origins.set(id, (origins.get(id) ?? new Set()).add(String(row.getCell(originCol).value)));
    });
    expect([...(origins.get(CUSTOM_ID) ?? [])]).toEqual(['custom']);
    expect([...(origins.get('ec2_ebs_volume_encryption') ?? [])]).toEqual(['built-in']);
    const report = execFileSync('unzip', ['-p', at('report.docx'), 'word/document.xml'], {
      encoding: 'utf8',
    });
    expect(report).toContain(`EBS volume carries a Name tag (custom check)`);
    expect(report).toContain(`${CUSTOM_ID}, low, custom check, checks/custom/${CUSTOM_ID}.sql`);
  });
});

/** Valid YAML and SQL, but its rows say 'warn': only running it on real data shows it is broken. */
const RUNTIME_FAILURE = CUSTOM_CHECK.replaceAll(CUSTOM_ID, 'custom_runtime_failure').replace(
  "THEN 'pass' ELSE 'fail' END AS status",
  "THEN 'pass' ELSE 'warn' END AS status",
);

describe('broken custom files', () => {
  let h: Harness;
  let snapshotId: string;
  beforeAll(async () => {
    h = harness({
      'team-a/custom_bad_severity.sql': CUSTOM_CHECK.replaceAll(CUSTOM_ID, 'custom_bad_severity').replace(
        'severity: low',
        'severity: urgent',
      ),
      // Same id as a built-in check: it must not replace (or shadow) the shipped one.
      's3_bucket_public_access.sql': CUSTOM_CHECK.replaceAll(CUSTOM_ID, 's3_bucket_public_access'),
      'custom_runtime_failure.sql': RUNTIME_FAILURE,
      'mappings.yaml': 'mappings:\n  custom_runtime_failure:\n    soc2-2017: [CC1.1]\n',
    });
    ({ snapshotId } = await demoSnapshot(h));
  }, 120_000);
  afterAll(() => close(h));

  it('reports each broken file as a problem naming the file and the field', async () => {
    const catalog = await h.call<CheckCatalogInfo>('checks.list', {});
    expect(catalog.problems).toEqual([
      {
        file: 'checks/s3_bucket_public_access.sql',
        message: expect.stringMatching(
          /^Check file checks\/s3_bucket_public_access\.sql, field "id": .*built-in check checks\/aws\/s3\/s3_bucket_public_access\.sql/,
        ),
      },
      {
        file: 'checks/team-a/custom_bad_severity.sql',
        message: expect.stringMatching(
          /^Check file checks\/team-a\/custom_bad_severity\.sql, field "severity": /,
        ),
      },
    ]);
    expect(catalog.checks.find((c) => c.id === 's3_bucket_public_access')?.origin).toBe('builtin');
    expect(catalog.checks.map((c) => c.id)).not.toContain('custom_bad_severity');
  });

  it('still runs every built-in AWS check (the demo snapshot is an AWS account)', async () => {
    const findings = await h.call<Finding[]>('findings.list', { snapshotId });
    for (const c of allChecks.filter((x) => x.provider === 'aws'))
      expect(
        findings.some((f) => f.checkId === c.id),
        c.id,
      ).toBe(true);
    const publicAccess = findings.filter((f) => f.checkId === 's3_bucket_public_access');
    expect(publicAccess.every((f) => f.resourceType === 'AWS::S3::Bucket')).toBe(true);
  });

  it('records a custom check that fails at run time as an error, so its control is Incomplete', async () => {
    const findings = await h.call<Finding[]>('findings.list', { snapshotId });
    expect(findings.filter((f) => f.checkId === 'custom_runtime_failure')).toEqual([
      expect.objectContaining({
        resourceUid: 'check:custom_runtime_failure',
        status: 'error',
        origin: 'custom',
        reason: expect.stringMatching(
          /custom check custom_runtime_failure .* could not be run .*status \(pass\|fail\|error\|n\/a\)/,
        ),
      }),
    ]);
    const controls = await h.call<ControlResult[]>('controls.list', { snapshotId, framework: 'soc2-2017' });
    expect(controls.find((c) => c.controlId === 'CC1.1')).toMatchObject({
      checkIds: ['custom_runtime_failure'],
      status: 'incomplete',
    });
  });

  it('reports a mappings file naming an unknown control, and maps nothing from it', async () => {
    fs.writeFileSync(
      path.join(h.dir, 'checks', 'mappings.yaml'),
      'mappings:\n  custom_runtime_failure:\n    soc2-2017: [CC9.9]\n',
    );
    const catalog = await h.call<CheckCatalogInfo>('checks.list', {});
    expect(catalog.problems).toContainEqual({
      file: 'checks/mappings.yaml',
      message: expect.stringMatching(
        /^Check file checks\/mappings\.yaml, field "mappings\.custom_runtime_failure\.soc2-2017": "CC9\.9" is not a control of soc2-2017/,
      ),
    });
    const controls = await h.call<ControlResult[]>('controls.list', { snapshotId, framework: 'soc2-2017' });
    expect(controls.find((c) => c.controlId === 'CC1.1')?.checkIds).toEqual([]);
  });

  it('reads mappings written under the retired id pci-dss-4.0 as pci-dss-4.0.1', async () => {
    fs.writeFileSync(
      path.join(h.dir, 'checks', 'mappings.yaml'),
      'mappings:\n  custom_runtime_failure:\n    pci-dss-4.0: [12.5.1]\n',
    );
    const catalog = await h.call<CheckCatalogInfo>('checks.list', {});
    expect(catalog.problems.filter((p) => p.file === 'checks/mappings.yaml')).toEqual([]);
    const controls = await h.call<ControlResult[]>('controls.list', {
      snapshotId,
      framework: 'pci-dss-4.0.1',
    });
    expect(controls.find((c) => c.controlId === '12.5.1')?.checkIds).toEqual(['custom_runtime_failure']);
  });
});
