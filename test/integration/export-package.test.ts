import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { NotExportableError } from '../../main/export/evidence-model';
import { writePackage } from '../../main/export/package-writer';
import { computeContentHash, getSnapshot } from '../../main/store/snapshots-repo';
import type { ExportResult } from '../../shared/domain';
import {
  ACCOUNT,
  BUCKETS,
  TEST_CHECKS,
  VOLUMES,
  makeExportFixture,
  makeModel,
  type Fixture,
} from './export-fixture';

async function zipEntryText(zipPath: string, name: string): Promise<string> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    zip.close();
  }
  throw new Error(`${name} not in ${zipPath}`);
}

async function zipEntryNames(zipPath: string): Promise<string[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  zip.close();
  return names;
}

describe('evidence package', () => {
  let fx: Fixture;
  let out: string;
  let keyDir: string;
  let result: ExportResult;
  const file = (rel: string) => path.join(result.packageDir, rel);

  beforeAll(async () => {
    fx = makeExportFixture();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-out-'));
    keyDir = path.join(fx.dir, 'keys');
    result = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), { outputDir: out, keyDir });
  });
  afterAll(() => {
    fx.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes a folder and a zip named for framework, account, date and snapshot', () => {
    const expected = `evidence-soc2-2017-${ACCOUNT}-2025-06-30-${fx.snapshotId.slice(0, 8)}`;
    expect(path.basename(result.packageDir)).toBe(expected);
    expect(result.zipPath).toBe(path.join(out, `${expected}.zip`));
    expect(fs.statSync(result.packageDir).isDirectory()).toBe(true);
    expect(fs.statSync(result.zipPath).size).toBeGreaterThan(1000);
    // Nothing from the staging step is left behind.
    expect(fs.readdirSync(out).sort()).toEqual([expected, `${expected}.zip`]);
  });

  it('lists every file except manifest.json and manifest.sig in the manifest, with correct hashes', () => {
    const manifest = JSON.parse(fs.readFileSync(file('manifest.json'), 'utf8'));
    expect(manifest.format).toBe('evidence-desk-package/2');
    expect(manifest.snapshot).toMatchObject({
      id: fx.snapshotId,
      contentSha256: getSnapshot(fx.db, fx.snapshotId)?.contentSha256,
      contentHashRecipe: 2,
    });
    expect(manifest.snapshot.schemaSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.evaluation.findingsSha256).toMatch(/^[0-9a-f]{64}$/);
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(result.files.map((f) => f.path));
    for (const required of [
      'workbook.xlsx',
      'report.docx',
      'snapshot.sqlite',
      'VERIFY.txt',
      'SHA256SUMS',
      'signing-key.pub.pem',
      'evidence/resources.json',
      'evidence/collection-errors.json',
      'evidence/findings.json',
      'evidence/aws/s3/us-east-1.json',
      'evidence/aws/ec2/eu-west-1.json',
      'evidence/aws/ec2/us-east-1.json',
      'checks/test-s3-encryption.sql',
      'checks/test-ebs-encrypted.sql',
    ]) {
      expect(paths).toContain(required);
    }
    expect(paths).not.toContain('manifest.json');
    expect(paths).not.toContain('manifest.sig');
    // The private key never ships.
    expect(paths.some((p: string) => p.endsWith('signing-key.pem'))).toBe(false);
    const sums = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: result.packageDir,
      encoding: 'utf8',
    });
    expect(sums.trim().split('\n')).toHaveLength(paths.length - 1);
  });

  it('ships raw responses, resources, gaps and findings as JSON', () => {
    const s3 = JSON.parse(fs.readFileSync(file('evidence/aws/s3/us-east-1.json'), 'utf8'));
    expect(s3.responses).toHaveLength(1);
    expect(s3.responses[0].operation).toBe('ListBuckets');
    expect(s3.responses[0].response.Buckets).toHaveLength(BUCKETS);
    const ec2 = JSON.parse(fs.readFileSync(file('evidence/aws/ec2/eu-west-1.json'), 'utf8'));
    expect(ec2.responses[0].params).toEqual({ MaxResults: 500 });
    expect(JSON.parse(fs.readFileSync(file('evidence/resources.json'), 'utf8'))).toHaveLength(
      BUCKETS + VOLUMES,
    );
    expect(JSON.parse(fs.readFileSync(file('evidence/collection-errors.json'), 'utf8'))[0].operation).toBe(
      'GetBucketEncryption',
    );
    expect(JSON.parse(fs.readFileSync(file('evidence/findings.json'), 'utf8'))).toHaveLength(
      BUCKETS + VOLUMES,
    );
  });

  it('ships a standalone snapshot.sqlite whose content hash equals the original and where checks re-run', () => {
    const db = new Database(file('snapshot.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 1 });
      const row = db.prepare('SELECT status, content_sha256 FROM snapshots').get() as {
        status: string;
        content_sha256: string;
      };
      expect(row.status).toBe('complete');
      const original = getSnapshot(fx.db, fx.snapshotId)?.contentSha256;
      expect(row.content_sha256).toBe(original);
      expect(computeContentHash(db, fx.snapshotId)).toBe(original);
      expect(db.prepare('SELECT count(*) AS n FROM findings').get()).toEqual({ n: BUCKETS + VOLUMES });
    } finally {
      db.close();
    }
    // An auditor re-performs a check with the stock sqlite3 CLI, parameters set as VERIFY.txt says.
    // The shipped file is the check file the app ran, byte for byte (metadata header included).
    const shippedCheck = fs.readFileSync(file('checks/test-s3-encryption.sql'));
    expect(shippedCheck.equals(Buffer.from(TEST_CHECKS[0].bytes))).toBe(true);
    const sql = shippedCheck.toString('utf8');
    const rows = execFileSync(
      'sqlite3',
      ['-readonly', file('snapshot.sqlite'), '-cmd', `.parameter set @snapshot_id "'${fx.snapshotId}'"`],
      { input: sql, encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    expect(rows).toHaveLength(BUCKETS);
    expect(rows.filter((r) => r.includes('|fail|'))).toHaveLength(BUCKETS - 2);
  });

  it('signs the manifest so that openssl verifies it, following VERIFY.txt', () => {
    const verifyTxt = fs.readFileSync(file('VERIFY.txt'), 'utf8');
    expect(verifyTxt).toContain(result.signingKeyFingerprint);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-sig-'));
    try {
      const sigBin = path.join(tmp, 'manifest.sig.bin');
      execFileSync('openssl', ['base64', '-d', '-in', file('manifest.sig'), '-out', sigBin]);
      const verified = execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          file('signing-key.pub.pem'),
          '-rawin',
          '-in',
          file('manifest.json'),
          '-sigfile',
          sigBin,
        ],
        { encoding: 'utf8' },
      );
      expect(verified).toContain('Signature Verified Successfully');
      const der = execFileSync('openssl', [
        'pkey',
        '-pubin',
        '-in',
        file('signing-key.pub.pem'),
        '-outform',
        'DER',
      ]);
      const hex = execFileSync('sha256sum', { input: der, encoding: 'utf8' }).split(' ')[0];
      expect(result.signingKeyFingerprint.replace(/ /g, '')).toBe(hex);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    // Step 5 of VERIFY.txt: the shipped Python script recomputes every hash from the data and agrees.
    expect(verifyTxt).toContain('python3 verify_snapshot.py');
    const out = execFileSync('/usr/bin/python3', [file('verify_snapshot.py'), result.packageDir], {
      encoding: 'utf8',
    });
    expect(out).toContain(
      `snapshot.sqlite matches the signed manifest: content ${getSnapshot(fx.db, fx.snapshotId)?.contentSha256}`,
    );
  });

  it('zips the same files under the package folder name', async () => {
    const names = await zipEntryNames(result.zipPath);
    const root = path.basename(result.packageDir);
    expect(names.sort()).toEqual(
      [...result.files.map((f) => f.path), 'manifest.json', 'manifest.sig'].map((p) => `${root}/${p}`).sort(),
    );
  });

  it('writes a workbook exceljs reads back with frozen, filtered, styled tables', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('workbook.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Control matrix',
      'Findings',
      'Inventory',
      'Collection log',
      'Hashes',
    ]);
    const expectedRows: Record<string, number> = {
      'Control matrix': 3,
      Findings: BUCKETS + VOLUMES,
      Inventory: BUCKETS + VOLUMES,
      'Collection log': 1,
    };
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      if (ws.name === 'Summary') continue;
      expect(ws.autoFilter, ws.name).toBeTruthy();
      if (expectedRows[ws.name] !== undefined) expect(ws.rowCount - 1, ws.name).toBe(expectedRows[ws.name]);
    }
    const findings = wb.getWorksheet('Findings')!;
    expect(findings.getRow(1).values).toContain('Status');
    const statusCol = (findings.getRow(1).values as string[]).indexOf('Status');
    const fails: ExcelJS.Row[] = [];
    findings.eachRow((row, n) => {
      if (n > 1 && row.getCell(statusCol).value === 'Fail') fails.push(row);
    });
    expect(fails).toHaveLength(BUCKETS - 2);
    const matrix = wb.getWorksheet('Control matrix')!;
    const deficient = matrix.getRow(2);
    expect(deficient.getCell(1).value).toBe('CC6.1');
    expect(deficient.getCell(3).value).toBe('Deficient');
    expect((deficient.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const summary = wb.getWorksheet('Summary')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Snapshot id')).toBe(fx.snapshotId);
    expect(values.get('Account')).toBe(ACCOUNT);
    expect(values.get('Identity used')).toBe(`arn:aws:iam::${ACCOUNT}:role/EvidenceDeskReadOnly`);
    expect(values.get('Controls: Deficient')).toBe(1);
    expect(values.get('Findings: Fail')).toBe(BUCKETS - 2);
    const hashes = wb.getWorksheet('Hashes')!;
    const hashed = new Set<string>();
    hashes.eachRow((row, n) => n > 1 && hashed.add(String(row.getCell(1).value)));
    expect(hashed.has('report.docx')).toBe(true);
    expect(hashed.has('snapshot.sqlite')).toBe(true);
    expect(hashed.has('workbook.xlsx')).toBe(false);
    expect(hashed.has('manifest.json')).toBe(false);
  });

  it('writes a report with control sections, capped failure tables and Page X of Y', async () => {
    const docx = path.join(os.tmpdir(), `report-${process.pid}.zip`);
    fs.copyFileSync(file('report.docx'), docx);
    try {
      const body = await zipEntryText(docx, 'word/document.xml');
      for (const id of ['CC6.1', 'CC6.7', 'CC1.1']) expect(body).toContain(`Criterion ${id}:`);
      expect(body).toContain('Test performed');
      expect(body).toContain('Conclusion');
      expect(body).toContain('25 of 29 failing results are shown');
      expect(body).toContain('Code of conduct');
      expect(body).toContain('Prepared with Evidence Desk v0.1.0');
      expect(body).toContain('GetBucketEncryption');
      expect(body).toContain('checks/test-s3-encryption.sql');
      expect(body).toContain('Heading2');
      const footers = (await zipEntryNames(docx)).filter((n) => /^word\/footer\d*\.xml$/.test(n));
      const footerXml = (await Promise.all(footers.map((n) => zipEntryText(docx, n)))).join('');
      expect(footerXml).toMatch(/PAGE/);
      expect(footerXml).toMatch(/NUMPAGES/);
    } finally {
      fs.rmSync(docx, { force: true });
    }
  });

  it('is readable by independent readers (openpyxl, python-docx)', () => {
    // No skip: CI installs python3-openpyxl and python3-docx; if they are missing this must fail loudly.
    const script = path.join(__dirname, '..', 'python', 'read_package.py');
    const out = execFileSync('/usr/bin/python3', [script, file('workbook.xlsx'), file('report.docx')], {
      encoding: 'utf8',
    });
    const read = JSON.parse(out) as {
      workbook: {
        sheetNames: string[];
        sheets: Record<
          string,
          {
            rows: number;
            header: string[];
            freeze: string;
            autofilter: string | null;
            statusFills: Record<string, string>;
          }
        >;
      };
      report: {
        headings: { style: string; text: string }[];
        tables: number;
        footerHasPage: boolean;
        footerHasNumPages: boolean;
        text: string;
      };
    };
    expect(read.workbook.sheetNames).toContain('Findings');
    const findings = read.workbook.sheets.Findings;
    expect(findings.rows - 1).toBe(BUCKETS + VOLUMES);
    expect(findings.freeze).toBe('A2');
    expect(findings.autofilter).toBe(`A1:J${BUCKETS + VOLUMES + 1}`);
    expect(findings.statusFills.Fail).toBe('FFFFC7CE');
    expect(findings.statusFills.Pass).toBe('FFC6EFCE');
    expect(read.workbook.sheets.Inventory.header).toEqual([
      'Resource',
      'Type',
      'Service',
      'Region',
      'Name',
      'SHA-256',
    ]);
    const h2 = read.report.headings.filter((h) => h.style === 'Heading 2').map((h) => h.text);
    expect(h2).toEqual([
      'Criterion CC6.1: Logical access security and encryption',
      'Criterion CC6.7: Data is protected in storage',
      'Criterion CC1.1: Commitment to integrity and ethical values',
    ]);
    expect(read.report.headings.map((h) => h.text)).toContain('Collection gaps');
    expect(read.report.footerHasPage && read.report.footerHasNumPages).toBe(true);
    expect(read.report.tables).toBeGreaterThanOrEqual(4);
  });

  it('never overwrites: a second export of the same snapshot gets a new name', async () => {
    const again = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), { outputDir: out, keyDir });
    expect(again.packageDir).toBe(`${result.packageDir}-2`);
    expect(again.zipPath).toBe(`${result.packageDir}-2.zip`);
    // Same workspace key: the same fingerprint auditors already pinned.
    expect(again.signingKeyFingerprint).toBe(result.signingKeyFingerprint);
    expect(fs.readFileSync(file('manifest.json'), 'utf8')).toContain(fx.snapshotId);
  });
});

describe('export refusals', () => {
  it('refuses a snapshot that is not complete', () => {
    const fx = makeExportFixture({ seal: false });
    try {
      expect(() => makeModel(fx.db, fx.snapshotId)).toThrow(NotExportableError);
      expect(() => makeModel(fx.db, fx.snapshotId)).toThrow(
        /is running; only a complete snapshot can be exported/,
      );
    } finally {
      fx.close();
    }
  });
});
