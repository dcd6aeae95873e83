import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError, fillTemplate, loadTemplates, templatesDir } from '../../main/export/templates';
import { checkSqlFile } from '../../main/export/evidence-model';
import { unsafePackagePath } from '../../main/export/manifest';

describe('evidence templates', () => {
  it('loads the shipped templates for every framework', () => {
    for (const fw of ['soc2-2017', 'pci-dss-4.0.1', 'iso27001-2022'] as const) {
      const t = loadTemplates(fw);
      expect(t.narrative.introduction.length).toBeGreaterThan(0);
      expect(t.report.conclusion.deficient).toContain('{controlId}');
      expect(t.workbookColumns.Findings.map((c) => c.key)).toContain('status');
    }
  });

  it('fills placeholders and refuses unknown ones', () => {
    expect(fillTemplate('Account {account} has {n} gaps', { account: '1234', n: 2 })).toBe(
      'Account 1234 has 2 gaps',
    );
    expect(() => fillTemplate('Account {acount}', { account: '1234' })).toThrow(TemplateError);
    expect(() => fillTemplate('Account {acount}', { account: '1234' })).toThrow(/uses \{acount\}/);
  });

  function copyTemplates(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-tpl-'));
    fs.cpSync(templatesDir(), dir, { recursive: true });
    return dir;
  }

  it('names the file and field of a broken edit', () => {
    const dir = copyTemplates();
    try {
      const file = path.join(dir, 'workbook-columns.json');
      const cols = JSON.parse(fs.readFileSync(file, 'utf8'));
      cols.Findings.push({ key: 'resourceColour', header: 'Colour', width: 10 });
      fs.writeFileSync(file, JSON.stringify(cols));
      expect(() => loadTemplates('soc2-2017', dir)).toThrow(
        /workbook-columns\.json is invalid: Findings: unknown column key 'resourceColour'/,
      );

      const report = path.join(dir, 'report.json');
      const r = JSON.parse(fs.readFileSync(report, 'utf8'));
      delete r.conclusion.manual;
      fs.writeFileSync(report, JSON.stringify(r));
      expect(() => loadTemplates('soc2-2017', dir)).toThrow(/report\.json is invalid: conclusion\.manual/);

      fs.writeFileSync(report, '{ oops');
      expect(() => loadTemplates('soc2-2017', dir)).toThrow(/report\.json cannot be read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('package paths', () => {
  it('keeps check SQL file names inside checks/', () => {
    expect(checkSqlFile('aws-s3-encryption')).toBe('checks/aws-s3-encryption.sql');
    expect(checkSqlFile('../../etc/passwd')).toBe('checks/__.._etc_passwd.sql');
    expect(unsafePackagePath(checkSqlFile('../x'))).toBeNull();
  });

  it('flags escaping paths', () => {
    expect(unsafePackagePath('evidence/aws/s3/us-east-1.json')).toBeNull();
    expect(unsafePackagePath('../evil')).toMatch(/'\.\.'/);
    expect(unsafePackagePath('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePackagePath('C:/Windows')).toMatch(/absolute/);
    expect(unsafePackagePath('a\\b')).toMatch(/backslash/);
    expect(unsafePackagePath('a//b')).toMatch(/empty/);
  });
});
