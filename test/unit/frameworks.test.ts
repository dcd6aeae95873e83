import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import {
  FrameworkCatalogError,
  getFramework,
  loadFrameworkFile,
  loadFrameworks,
} from '../../main/frameworks/catalog';

const tmpDirs: string[] = [];
afterEach(() => tmpDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function writeTemp(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frameworks-'));
  tmpDirs.push(dir);
  const file = path.join(dir, 'soc2-2017.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const validControl = {
  id: 'CC6.1',
  title: 't',
  description: 'd',
  checks: ['s3_bucket_public_access'],
  manualEvidence: [],
};

describe('framework catalogs', () => {
  it('loads the three shipped frameworks with their ids', () => {
    const frameworks = loadFrameworks();
    expect(frameworks.map((f) => f.id)).toEqual(['soc2-2017', 'pci-dss-4.0', 'iso27001-2022']);
    for (const f of frameworks) expect(f.controls.length).toBeGreaterThan(5);
  });

  it('maps every catalog check in every framework, and has manual-only controls with evidence requests', () => {
    for (const f of loadFrameworks()) {
      const mapped = new Set(f.controls.flatMap((c) => c.checks));
      const unmapped = allChecks.filter((c) => !mapped.has(c.id)).map((c) => c.id);
      expect(unmapped, `${f.id} leaves checks unmapped`).toEqual([]);
      const manual = f.controls.filter((c) => c.checks.length === 0);
      expect(manual.length, `${f.id} manual controls`).toBeGreaterThanOrEqual(2);
      for (const c of manual) expect(c.manualEvidence.length).toBeGreaterThan(0);
    }
  });

  it('uses the official control id formats', () => {
    expect(getFramework('soc2-2017').controls.every((c) => /^(CC|A|C|PI|P)\d\.\d+$/.test(c.id))).toBe(true);
    expect(getFramework('pci-dss-4.0').controls.every((c) => /^(A\d\.)?\d+(\.\d+){1,3}$/.test(c.id))).toBe(
      true,
    );
    expect(getFramework('iso27001-2022').controls.every((c) => /^A\.[5-8]\.\d+$/.test(c.id))).toBe(true);
    expect(getFramework('pci-dss-4.0').controls.find((c) => c.id === '8.4.2')?.checks).toContain(
      'iam_user_mfa_enabled_console_access',
    );
  });

  it('fails loudly on an unknown check id, naming the control and the id', () => {
    const file = writeTemp({
      id: 'soc2-2017',
      name: 'x',
      version: '1',
      controls: [{ ...validControl, checks: ['s3_bucket_publik_access'] }],
    });
    expect(() => loadFrameworkFile(file)).toThrow(FrameworkCatalogError);
    expect(() => loadFrameworkFile(file)).toThrow(
      /control CC6\.1 references unknown check id\(s\) s3_bucket_publik_access/,
    );
  });

  it('rejects malformed files with the path of the problem', () => {
    expect(() => loadFrameworkFile(writeTemp('{ not json'))).toThrow(/could not be read/);
    expect(() =>
      loadFrameworkFile(writeTemp({ id: 'soc3', name: 'x', version: '1', controls: [validControl] })),
    ).toThrow(/invalid: id:/);
    expect(() =>
      loadFrameworkFile(
        writeTemp({
          id: 'soc2-2017',
          name: 'x',
          version: '1',
          controls: [{ ...validControl, checks: [], manualEvidence: [] }],
        }),
      ),
    ).toThrow(/at least one check or one manual evidence request/);
    expect(() =>
      loadFrameworkFile(
        writeTemp({ id: 'soc2-2017', name: 'x', version: '1', controls: [validControl, validControl] }),
      ),
    ).toThrow(/control CC6\.1 is listed twice/);
  });
});
