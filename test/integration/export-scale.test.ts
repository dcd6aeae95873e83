// Export at scale, tested small: a table longer than a sheet allows continues on numbered sheets that both
// exceljs and openpyxl read back row for row; the evidence model built from the database (SQL aggregates and
// row sources) says exactly what the hand-built one says; the report caps failing rows per control and points
// to where the rest are; the JSON evidence files are streamed arrays that parse back whole.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleEvidenceModel, type EvidenceModel } from '../../main/export/evidence-model';
import { findingsFromDb, inventoryFromDb } from '../../main/export/evidence-rows';
import { writePackage } from '../../main/export/package-writer';
import { buildReport } from '../../main/export/report';
import { loadTemplates } from '../../main/export/templates';
import { latestEvaluation } from '../../main/store/evaluations-repo';
import { getSnapshot, listCollectionErrors } from '../../main/store/snapshots-repo';
import type { ExportResult, Finding } from '../../shared/domain';
import {
  BUCKETS,
  TEST_CHECKS,
  TEST_CONTROLS,
  VOLUMES,
  makeExportFixture,
  makeModel,
  type Fixture,
} from './export-fixture';

const FINDINGS = BUCKETS + VOLUMES;
/** Header + 9 rows per sheet: 33 findings need 4 sheets (9, 9, 9, 6). */
const MAX_ROWS = 10;

/** The model as an export builds it: aggregates in SQL, rows streamed from the database. */
function modelFromDb(fx: Fixture, failingTableCap?: number): EvidenceModel {
  const evaluation = latestEvaluation(fx.db, fx.snapshotId, 'test-1');
  const templates = loadTemplates('soc2-2017');
  return assembleEvidenceModel({
    snapshot: getSnapshot(fx.db, fx.snapshotId)!,
    evaluation,
    framework: { id: 'soc2-2017', name: 'SOC 2', version: '2017 (rev. 2022)' },
    controls: TEST_CONTROLS,
    checks: TEST_CHECKS,
    checkPack: {
      packFiles: TEST_CHECKS.map((c) => ({ path: c.file, sha256: c.sha256 })),
      mappingsFile: null,
    },
    findings: findingsFromDb(fx.db, evaluation!.id, TEST_CHECKS),
    inventory: inventoryFromDb(fx.db, fx.snapshotId),
    gaps: listCollectionErrors(fx.db, fx.snapshotId),
    templates: failingTableCap
      ? { ...templates, report: { ...templates.report, failingTableCap } }
      : templates,
    tool: { name: 'Evidence Desk', version: '0.1.0', catalogVersion: 'test-1' },
    generatedAt: '2025-07-01T09:30:00.000Z',
  });
}

/** Resource column of every data row, per sheet, as openpyxl (not the library that wrote it) reads them. */
function openpyxlResources(xlsx: string): Record<string, string[]> {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for ws in wb.worksheets:
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    if "Resource" in header:
        col = header.index("Resource")
        out[ws.title] = [r[col] for r in rows[1:]]
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, xlsx], { encoding: 'utf8' })) as Record<
    string,
    string[]
  >;
}

describe('export at scale', () => {
  let fx: Fixture;
  let out: string;
  let result: ExportResult;
  const details: string[] = [];
  const file = (rel: string) => path.join(result.packageDir, rel);

  beforeAll(async () => {
    fx = makeExportFixture();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-scale-'));
    result = await writePackage(fx.db, modelFromDb(fx), {
      outputDir: out,
      keyDir: path.join(fx.dir, 'keys'),
      maxRowsPerSheet: MAX_ROWS,
      onDetail: (m) => details.push(m),
    });
  });
  afterAll(() => {
    fx.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('builds the same model from SQL aggregates as from a hand-built list', () => {
    const fromDb = modelFromDb(fx);
    const fromList = makeModel(fx.db, fx.snapshotId);
    expect(fromDb.findingCounts).toEqual(fromList.findingCounts);
    expect(fromDb.findings.count).toBe(FINDINGS);
    expect(fromDb.inventory.count).toBe(FINDINGS);
    expect(fromDb.checks.map((c) => [c.id, c.counts, c.populationCount])).toEqual(
      fromList.checks.map((c) => [c.id, c.counts, c.populationCount]),
    );
    expect(fromDb.controls.map((c) => [c.controlId, c.population, c.failingCount, c.failing])).toEqual(
      fromList.controls.map((c) => [c.controlId, c.population, c.failingCount, c.failing]),
    );
    const key = (f: Finding) => `${f.checkId} ${f.resourceUid}`;
    expect([...fromDb.findings.rows()].map(key)).toEqual([...fromList.findings.rows()].map(key));
  });

  it('continues a table past the row limit on numbered sheets, every row read back by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('workbook.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['Findings', 'Findings 2', 'Findings 3', 'Findings 4', 'Inventory 4']),
    );
    expect(names).not.toContain('Findings 5');
    const resources: string[] = [];
    for (const name of ['Findings', 'Findings 2', 'Findings 3', 'Findings 4']) {
      const ws = wb.getWorksheet(name)!;
      // Each continuation sheet is a table of its own: header, frozen pane, autofilter over its rows.
      expect(ws.getRow(1).getCell(5).value).toBe('Resource');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.rowCount).toBeLessThanOrEqual(MAX_ROWS);
      ws.eachRow((row, n) => {
        if (n > 1) resources.push(String(row.getCell(5).value));
      });
    }
    const expected = [...modelFromDb(fx).findings.rows()].map((f) => f.resourceUid);
    expect(resources).toEqual(expected);
    expect(wb.getWorksheet('Findings 4')!.rowCount).toBe(1 + (FINDINGS - 3 * (MAX_ROWS - 1)));
    expect(details).toContain(`Workbook sheet Findings 4: ${FINDINGS - 3 * (MAX_ROWS - 1)} rows`);
  });

  it('has every row on the numbered sheets as openpyxl reads them', () => {
    const sheets = openpyxlResources(file('workbook.xlsx'));
    const findings = ['Findings', 'Findings 2', 'Findings 3', 'Findings 4'].flatMap((n) => sheets[n] ?? []);
    expect(findings).toHaveLength(FINDINGS);
    expect(new Set(findings).size).toBe(BUCKETS + VOLUMES);
    const inventory = Object.entries(sheets)
      .filter(([n]) => n === 'Inventory' || n.startsWith('Inventory '))
      .flatMap(([, rows]) => rows);
    expect(inventory.sort()).toEqual([...modelFromDb(fx).inventory.rows()].map((r) => r.uid).sort());
  });

  it('streams findings and resources as JSON arrays that parse back whole', () => {
    const findings = JSON.parse(fs.readFileSync(file('evidence/findings.json'), 'utf8')) as Finding[];
    expect(findings).toHaveLength(FINDINGS);
    expect(findings[0]).toMatchObject({ checkId: 'test-ebs-encrypted', evidence: {} });
    const resources = JSON.parse(fs.readFileSync(file('evidence/resources.json'), 'utf8')) as {
      uid: string;
      config: unknown;
    }[];
    expect(resources).toHaveLength(BUCKETS + VOLUMES);
    expect(resources.find((r) => r.uid.endsWith('vol-0000'))?.config).toEqual({
      VolumeId: 'vol-0000',
      Encrypted: true,
      Size: 8,
    });
    // One element per line: line-oriented tools (grep, head, split) work on a file too big to open.
    expect(fs.readFileSync(file('evidence/findings.json'), 'utf8').split('\n')).toHaveLength(FINDINGS + 3);
    expect(details).toContain(`evidence/findings.json: ${FINDINGS} rows`);
  });

  it('caps failing rows per control in the report and says where the rest are', async () => {
    const model = modelFromDb(fx, 5);
    const cc61 = model.controls.find((c) => c.controlId === 'CC6.1')!;
    // 28 fail and 1 error for the bucket whose encryption was not collected.
    expect(cc61.failingCount).toBe(29);
    expect(cc61.failing).toHaveLength(5);
    const docx = path.join(fx.dir, 'capped.docx');
    fs.writeFileSync(docx, await buildReport(model));
    const script = `
import json, sys, docx
d = docx.Document(sys.argv[1])
print(json.dumps({"text": "\\n".join(p.text for p in d.paragraphs),
  "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}))
`;
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, docx], { encoding: 'utf8' })) as {
      text: string;
      tables: string[][][];
    };
    expect(read.text).toContain(
      '5 of 29 failing results are shown; all of them are on the Findings sheet(s) of workbook.xlsx and in evidence/findings.json.',
    );
    const failingTables = read.tables.filter((t) => t[0].join('|') === 'Check|Resource|Region|Status|Reason');
    expect(failingTables).toHaveLength(1);
    expect(failingTables[0].slice(1).map((r) => r[1])).toEqual(cc61.failing.map((f) => f.resourceUid));
  });
});
