// Demo output is labelled "DEMO - fictional estate" wherever a person or a tool looks: every workbook sheet (read
// back with openpyxl, not the library that wrote it), the report cover and page headers (python-docx), the signed
// manifest, VERIFY.txt, verify_snapshot.py and the CLI; a real package carries none of it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LABEL } from '../../main/evidence/demo-snapshot';
import { writePackage } from '../../main/export/package-writer';
import type { ExportResult } from '../../shared/domain';
import { makeDemoPackage, runCli, type DemoPackage } from '../security/demo-package';
import { makeExportFixture, makeModel, type Fixture } from './export-fixture';

/** What an auditor's tools see: per sheet, row 1, the printed header/footer and the tab colour; the cover. */
const READER = String.raw`
import json, sys
import docx, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
sheets = {}
for ws in wb.worksheets:
    row1 = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    last = ws.cell(row=1, column=len(row1))
    tab = ws.sheet_properties.tabColor
    sheets[ws.title] = {
        "row1": row1,
        "lastFill": last.fill.fgColor.rgb if last.fill and last.fill.fgColor else None,
        "header": ws.oddHeader.center.text,
        "footer": ws.oddFooter.center.text,
        "tab": tab.rgb if tab is not None else None,
        "printTitles": ws.print_title_rows,
        "a2": ws.cell(row=2, column=1).value,
    }
d = docx.Document(sys.argv[2])
paras = [p.text for p in d.paragraphs if p.text.strip()]
headers = [p.text for s in d.sections for p in s.header.paragraphs]
print(json.dumps({"sheets": sheets, "firstParagraphs": paras[:3], "headers": headers, "title": d.core_properties.title}))
`;

type Read = {
  sheets: Record<
    string,
    {
      row1: (string | null)[];
      lastFill: string | null;
      header: string | null;
      footer: string | null;
      tab: string | null;
      printTitles: string | null;
      a2: string | null;
    }
  >;
  firstParagraphs: string[];
  headers: string[];
  title: string;
};

function readWithPython(pkgDir: string): Read {
  const out = execFileSync(
    '/usr/bin/python3',
    ['-c', READER, path.join(pkgDir, 'workbook.xlsx'), path.join(pkgDir, 'report.docx')],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return JSON.parse(out) as Read;
}

let demo: DemoPackage;
let demoRead: Read;
let fx: Fixture;
let real: ExportResult;
let realRead: Read;
let out: string;

beforeAll(async () => {
  demo = await makeDemoPackage({ demo: true });
  demoRead = readWithPython(demo.exported.packageDir);
  fx = makeExportFixture();
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-demo-label-'));
  real = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), {
    outputDir: out,
    keyDir: path.join(fx.dir, 'keys'),
  });
  realRead = readWithPython(real.packageDir);
}, 180_000);
afterAll(() => {
  demo?.close();
  fx?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('a demo package is labelled', () => {
  it('on every workbook sheet: the header row (on screen, repeated in print), the printed header and footer, the tab', () => {
    const names = Object.keys(demoRead.sheets);
    expect(names).toEqual(
      expect.arrayContaining(['Summary', 'Control matrix', 'Findings', 'Inventory', 'Hashes']),
    );
    for (const [name, s] of Object.entries(demoRead.sheets)) {
      expect(s.row1.at(-1), name).toBe(DEMO_LABEL);
      expect(s.lastFill, name).toBe('FFC00000');
      expect(s.header, name).toBe(DEMO_LABEL);
      expect(s.footer, name).toBe(DEMO_LABEL);
      expect(s.tab, name).toBe('FFC00000');
      expect(s.printTitles, name).toBe('$1:$1');
    }
    expect(demoRead.sheets.Summary.a2).toBe(DEMO_LABEL);
  });

  it('on the report cover, first and prominently, and in every page header', () => {
    expect(demoRead.firstParagraphs[0]).toBe(DEMO_LABEL);
    expect(demoRead.firstParagraphs[1]).toMatch(
      /fictional Northwind Health estate.*not evidence about any real account/,
    );
    expect(demoRead.headers.join('\n')).toContain(`${DEMO_LABEL} - `);
  });

  it('in the signed manifest, VERIFY.txt, verify_snapshot.py and the export result', () => {
    const dir = demo.exported.packageDir;
    expect(demo.exported.demo).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).demo).toBe(true);
    const verifyTxt = fs.readFileSync(path.join(dir, 'VERIFY.txt'), 'utf8');
    expect(verifyTxt.split('\n')[0]).toContain(DEMO_LABEL);
    expect(verifyTxt).toMatch(/NOT evidence about any real account/);
    const py = spawnSync('/usr/bin/python3', [path.join(dir, 'verify_snapshot.py'), dir], {
      encoding: 'utf8',
    });
    expect(py.status, py.stdout + py.stderr).toBe(0);
    expect(py.stdout).toContain(`${DEMO_LABEL}: this package is the embedded demo`);
  });

  it('in verify (exit 3, intact but signer unknown, with the demo line)', async () => {
    const v = await demo.call('export.verify', { path: demo.exported.packageDir });
    expect(v).toMatchObject({ outcome: 'unknown-signer', demo: true });
    const cli = runCli(demo.dataDir, 'verify', demo.exported.zipPath);
    expect(cli.status, cli.stdout + cli.stderr).toBe(3);
    expect(cli.stdout).toContain(DEMO_LABEL);
  });

  it('in the snapshot list the UI and CLI read', async () => {
    const list = await demo.call('snapshots.list', {});
    expect(list.find((s) => s.id === demo.snapshotId)?.demo).toBe(true);
    const cli = runCli(demo.dataDir, 'snapshots');
    expect(cli.stdout).toMatch(new RegExp(`${demo.snapshotId}.*111122223333 \\(${DEMO_LABEL}\\)`));
  });
});

describe('a real package carries no demo label', () => {
  it('nowhere: workbook, report, manifest, VERIFY.txt', () => {
    for (const [name, s] of Object.entries(realRead.sheets)) {
      expect(s.row1, name).not.toContain(DEMO_LABEL);
      expect(s.header ?? '', name).not.toContain('DEMO');
      expect(s.tab, name).toBeNull();
    }
    expect(realRead.firstParagraphs.join('\n')).not.toContain(DEMO_LABEL);
    expect(realRead.headers.join('\n')).not.toContain(DEMO_LABEL);
    expect(JSON.parse(fs.readFileSync(path.join(real.packageDir, 'manifest.json'), 'utf8')).demo).toBe(false);
    expect(fs.readFileSync(path.join(real.packageDir, 'VERIFY.txt'), 'utf8')).not.toContain('DEMO');
  });
});
