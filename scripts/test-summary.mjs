// Adds up the vitest and Playwright JSON reports into the one summary line CI reads.
import fs from 'node:fs';

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read('.reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numFailedTestSuites ?? 0);
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
const pw = read('.reports/playwright.json');
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
}
if (!vitest) console.log('summary: vitest report missing (typecheck or lint failed before tests ran?)');
if (!pw) console.log('summary: playwright report missing');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
