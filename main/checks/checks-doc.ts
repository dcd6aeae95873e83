// docs/checks.md, generated from the check files themselves: every built-in check by provider and service,
// with its severity, the CIS recommendation its references cite, and the controls the catalogs map it to. A
// reader (or an auditor scoping an engagement) sees the whole catalog in one page; the test in
// test/unit/checks-doc.test.ts keeps the page equal to what this function renders, so it cannot drift.
import type { CheckDefinition } from './types';

/** "CIS ... recommendation 3.1: ..." / "CIS ... v3.0.0 3.1.3.1 ..." -> "3.1" / "3.1.3.1"; titles without a number -> "title". */
function cisOf(check: CheckDefinition): string {
  const cis = check.references.find((r) => /\bCIS\b/.test(r.title));
  if (!cis) return '';
  const m = /(?:recommendation|v\d+\.\d+\.\d+)[:\s]+(\d+(?:\.\d+)+)/i.exec(cis.title);
  return m ? m[1] : 'by title';
}

const escape = (s: string) => s.replace(/\|/g, '\\|');

export function renderChecksDoc(checks: readonly CheckDefinition[]): string {
  const builtin = checks.filter((c) => c.origin === 'builtin');
  const providers = [...new Set(builtin.map((c) => c.provider))].sort();
  const out: string[] = [
    '# Built-in checks',
    '',
    '<!-- Generated from main/checks/**/*.sql by main/checks/checks-doc.ts; test/unit/checks-doc.test.ts keeps it current. -->',
    '',
    'Every check is one file with its metadata and its SQL (docs/check-format.md). "CIS" is the CIS Foundations',
    'Benchmark recommendation its references cite ("by title" where the check cites the recommendation by its',
    'title only). Controls are those the framework catalogs map the check to (main/frameworks/*.json).',
    '',
  ];
  for (const provider of providers) {
    const mine = builtin.filter((c) => c.provider === provider);
    out.push(
      `## ${provider === 'aws' ? 'AWS' : provider === 'azure' ? 'Azure' : provider} (${mine.length} checks)`,
      '',
    );
    const services = [...new Set(mine.map((c) => c.service))].sort();
    for (const service of services) {
      const list = mine.filter((c) => c.service === service).sort((a, b) => a.id.localeCompare(b.id));
      out.push(`### ${service} (${list.length})`, '');
      out.push('| check | severity | CIS | SOC 2 | PCI DSS 4.0.1 | ISO 27001:2022 | title |');
      out.push('| --- | --- | --- | --- | --- | --- | --- |');
      for (const c of list) {
        const fw = (id: 'soc2-2017' | 'pci-dss-4.0.1' | 'iso27001-2022') =>
          (c.frameworks[id] ?? []).join(', ');
        out.push(
          `| \`${c.id}\` | ${c.severity} | ${cisOf(c)} | ${fw('soc2-2017')} | ${fw('pci-dss-4.0.1')} | ${fw('iso27001-2022')} | ${escape(c.title)} |`,
        );
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
