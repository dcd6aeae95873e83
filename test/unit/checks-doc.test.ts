// docs/checks.md lists the built-in catalog; it is generated, and this test fails when a check is added,
// removed or remapped without regenerating it (UPDATE_DOCS=1 npx vitest run test/unit/checks-doc.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { renderChecksDoc } from '../../main/checks/checks-doc';

const DOC = path.join(__dirname, '..', '..', 'docs', 'checks.md');

describe('docs/checks.md', () => {
  it('lists every built-in check as the catalog has it', () => {
    const rendered = renderChecksDoc(allChecks);
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, rendered);
    expect(fs.readFileSync(DOC, 'utf8')).toBe(rendered);
    for (const c of allChecks) expect(rendered).toContain(`\`${c.id}\``);
  });
});
