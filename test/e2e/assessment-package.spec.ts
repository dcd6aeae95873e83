// One evidence package per assessment, from the assessment home in Chromium: snapshot the AWS demo and the
// Azure demo tenant, open the demo assessment (an approved and an expired exception, a file, a preparer
// sign-off), attach the Azure subscriptions, press "Export package", watch it verify (a demo package: intact,
// signer unknown), then read the package's Exceptions and Sign-offs sheets back with openpyxl and the report's
// Scope section and sign-off history with python-docx, as an auditor's own tools would.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const AZURE_SUBSCRIPTIONS = ['3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34', 'b8e4d0c2-19a7-4f3e-8c65-2d7f1a9b3e58'];

function appUrl(): string {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

async function snapshotOf(page: Page, connection: 'demo' | 'demo-azure'): Promise<void> {
  await page.getByTestId('nav-connections').click();
  await page.getByTestId(`connection-row-${connection}`).click();
  await page.getByTestId('run-snapshot').click();
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
}

const READER = String.raw`
import json, sys
import docx, openpyxl
from docx.table import Table
from docx.text.paragraph import Paragraph
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
def sheet(name):
    rows = [[("" if c is None else str(c)) for c in r] for r in wb[name].iter_rows(values_only=True)]
    return [dict(zip(rows[0], r)) for r in rows[1:]]
d = docx.Document(sys.argv[2])
sections, current = {}, None
for el in d.element.body.iterchildren():
    tag = el.tag.split('}')[1]
    if tag == 'p':
        p = Paragraph(el, d)
        if p.style.name.startswith('Heading'):
            current = p.text
            sections.setdefault(current, [])
        elif current and p.text.strip():
            sections[current].append(p.text)
    elif tag == 'tbl' and current:
        for row in Table(el, d).rows:
            sections[current].append(" | ".join(c.text for c in row.cells))
print(json.dumps({"exceptions": sheet("Exceptions"), "signoffs": sheet("Sign-offs"), "sections": sections}))
`;

test('export one package from the assessment home and read it back with openpyxl and python-docx', async ({
  page,
}) => {
  await page.goto(appUrl());
  await snapshotOf(page, 'demo');
  await snapshotOf(page, 'demo-azure');

  await page.getByTestId('nav-assessments').click();
  await page.getByTestId('assessment-try-demo').click();
  const home = page.getByTestId('assessment-home');
  await expect(home).toBeVisible();

  // The demo assessment concludes on the AWS demo account; attach both Azure subscriptions to the same scope.
  for (const sub of AZURE_SUBSCRIPTIONS) {
    const attached = page.getByTestId('assessment-snapshot').filter({ hasText: sub });
    if ((await attached.count()) > 0) continue;
    const select = page.getByTestId('attach-snapshot-select');
    const value = await select.locator('option', { hasText: sub }).first().getAttribute('value');
    await select.selectOption(value ?? '');
    await page.getByTestId('attach-snapshot-submit').click();
    await expect(page.getByTestId('assessment-snapshot').filter({ hasText: sub }).first()).toBeVisible();
  }

  const panel = page.getByTestId('assessment-package');
  await panel.getByTestId('assessment-export').click();
  const verify = panel.getByTestId('assessment-export-verify');
  await expect(verify).toBeVisible({ timeout: 150_000 });
  // A demo package is never "verified": intact, signed with the published demo key.
  await expect(verify).toHaveAttribute('data-outcome', 'unknown-signer');
  await expect(verify).toContainText('demo package');
  await expect(verify).toContainText('3 snapshot(s)');
  const packageDir = (await panel.getByTestId('assessment-export-dir').textContent())!.trim();

  const read = JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      ['-c', READER, path.join(packageDir, 'workbook.xlsx'), path.join(packageDir, 'report.docx')],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    ),
  ) as {
    exceptions: Record<string, string>[];
    signoffs: Record<string, string>[];
    sections: Record<string, string[]>;
  };
  // The demo's approved exception (decided by the demo reviewer) and its expired one.
  expect(read.exceptions.map((e) => e.Status).sort()).toEqual(
    expect.arrayContaining(['approved', 'expired']),
  );
  for (const e of read.exceptions) {
    expect(e['Requested by']).toMatch(/Dana Reyes \(demo preparer\)/);
    expect(e['Approved / rejected by']).toMatch(/Sam Okafor \(demo reviewer\)/);
  }
  expect(read.signoffs).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        Role: 'preparer',
        Person: 'Dana Reyes (demo preparer)',
        'Signature valid': 'yes',
      }),
    ]),
  );
  const scope = read.sections.Scope.join('\n');
  expect(scope).toContain('AWS | Account 111122223333');
  for (const sub of AZURE_SUBSCRIPTIONS) expect(scope).toContain(`Azure | Subscription ${sub}`);
  const history = Object.entries(read.sections)
    .filter(([h]) => h === 'Sign-off history')
    .flatMap(([, lines]) => lines)
    .join('\n');
  expect(history).toContain('preparer | Dana Reyes (demo preparer)');
});
