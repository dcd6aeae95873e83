// A third, independent reader: LibreOffice lays out the demo's report and workbook exactly as an auditor's
// office suite would, and poppler reads the text back from the rendered PDF. Page 1 of each is kept as a PNG
// in test-results/render/ to look at. LibreOffice is installed by .ci/run; without it this test fails.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnapshot } from '../../main/collect/run-snapshot';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { exportPackage } from '../../main/export/package';

const root = path.resolve(__dirname, '..', '..');
const artifacts = path.join(root, 'test-results', 'render');
let dir: string;
let ws: Workspace;
let pkgDir: string;

function render(file: string): { pdf: string; text: string; pages: number } {
  const outDir = path.join(dir, 'pdf');
  // A private LibreOffice profile: parallel or leftover soffice processes must not share one.
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      file,
    ],
    { timeout: 120_000, stdio: 'pipe' },
  );
  const pdf = path.join(outDir, `${path.parse(file).name}.pdf`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  fs.mkdirSync(artifacts, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    path.join(artifacts, path.parse(file).name),
  ]);
  return { pdf, text, pages };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-render-'));
  ws = openWorkspace({ dataDir: path.join(dir, 'ws'), mode: 'cli' });
  const { snapshotId, done } = startSnapshot(ws, { connectionId: 'demo' });
  expect((await done).status).toBe('complete');
  const pkg = await exportPackage(ws.db, {
    snapshotId,
    framework: 'pci-dss-4.0.1',
    outputDir: path.join(dir, 'out'),
    keyDir: ws.keyDir,
  });
  pkgDir = pkg.packageDir;
}, 120_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exports rendered by LibreOffice', () => {
  it('lays out the report with cover, per-control sections and "Page X of Y" footers', () => {
    const { text, pages } = render(path.join(pkgDir, 'report.docx'));
    expect(pages).toBeGreaterThan(5);
    expect(text).toMatch(/PCI DSS/);
    expect(text).toMatch(/111122223333/);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toMatch(new RegExp(`Page ${pages} of ${pages}`));
    for (const heading of ['Test performed', 'Population', 'Results', 'Conclusion'])
      expect(text).toContain(heading);
    expect(text).toMatch(/Requirement 8\.4\.1|8\.4\.1/);
  }, 150_000);

  it('prints the workbook with every sheet, statuses readable as text', () => {
    const { text, pages } = render(path.join(pkgDir, 'workbook.xlsx'));
    expect(pages).toBeGreaterThan(3);
    for (const word of ['Deficient', 'Manual', 'Fail', 'Pass', 'AWS::S3::Bucket', 'GetBucketLogging']) {
      expect(text).toContain(word);
    }
  }, 150_000);
});
