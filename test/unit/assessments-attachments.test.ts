// Manual evidence files: stored once by SHA-256 under attachments/<aa>/<sha256>, read-only, the original name
// kept only as sanitised metadata, replacing adds a revision (history kept), over-size files refused.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssessment } from '../../main/assessments/assessments-repo';
import {
  attachEvidence,
  attachmentPath,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  readEvidenceFile,
  sanitiseFileName,
} from '../../main/assessments/attachments';
import { sha256 } from '../../main/util/hash';
import type { Person } from '../../shared/domain';
import { makeAssessmentFixture, type AssessmentFixture } from '../helpers/assessments-fixture';

let fx: AssessmentFixture;
let alice: Person;
let assessmentId: string;
beforeEach(() => {
  fx = makeAssessmentFixture();
  alice = fx.person('Alice');
  assessmentId = createAssessment(fx, alice, {
    name: 'ISO',
    frameworks: ['iso27001-2022'],
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
  }).id;
});
afterEach(() => fx.close());

const attach = (bytes: Buffer, over: Partial<Parameters<typeof attachEvidence>[2]> = {}) =>
  attachEvidence(fx, alice, {
    assessmentId,
    requestId: 'A.8.13-R2',
    bytes,
    originalName: 'restore-test.pdf',
    description: 'Quarterly restore test record',
    effectiveFrom: '2026-02-10',
    ...over,
  });

describe('attachments', () => {
  it('stores the bytes content-addressed and read-only, and the same content once', () => {
    const bytes = Buffer.from('%PDF-1.7 restore test passed');
    const a = attach(bytes);
    expect(a.sha256).toBe(sha256(bytes));
    const file = path.join(fx.dataDir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    expect(attachmentPath(fx.dataDir, a.sha256)).toBe(file);
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    const again = attach(bytes, { requestId: 'A.8.13-R1' });
    expect(again.sha256).toBe(a.sha256);
    expect(fs.readdirSync(path.dirname(file))).toEqual([a.sha256]);
  });

  it('keeps every revision when a file is replaced; only the newest is current', () => {
    const first = attach(Buffer.from('v1'));
    const second = attach(Buffer.from('v2'), { effectiveFrom: '2026-03-01', effectiveTo: '2026-03-31' });
    expect(second).toMatchObject({
      revision: 2,
      current: true,
      effectiveFrom: '2026-03-01',
      effectiveTo: '2026-03-31',
    });
    const all = listAttachments(fx.db, assessmentId, 'A.8.13-R2');
    expect(all.map((x) => [x.revision, x.current, x.sha256])).toEqual([
      [2, true, sha256('v2')],
      [1, false, first.sha256],
    ]);
    expect(fs.existsSync(attachmentPath(fx.dataDir, first.sha256))).toBe(true);
    expect(() => fx.db.prepare('DELETE FROM attachments WHERE id = ?').run(first.id)).toThrow(/append-only/);
  });

  it('refuses a request that is not in the assessment frameworks, a bad period and a missing description', () => {
    expect(() => attach(Buffer.from('x'), { requestId: 'CC1.1-R1' })).toThrow(
      /No manual evidence request CC1.1-R1/,
    );
    expect(() =>
      attach(Buffer.from('x'), { effectiveFrom: '2026-03-01', effectiveTo: '2026-02-01' }),
    ).toThrow(/ends \(2026-02-01\) before it starts/);
    expect(() => attach(Buffer.from('x'), { description: '  ' })).toThrow(/description is required/);
  });

  it('refuses files over the size cap before storing anything', () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    expect(() => attach(big)).toThrow(/limited to 52428800 bytes/);
    const file = path.join(fx.dataDir, 'big.bin');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_ATTACHMENT_BYTES + 1);
    expect(() => readEvidenceFile(file)).toThrow(/limited to/);
    expect(() => readEvidenceFile(fx.dataDir)).toThrow(/not a regular file/);
    expect(fs.existsSync(path.join(fx.dataDir, 'attachments'))).toBe(false);
  });

  it('keeps the original name only as sanitised metadata', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\..\\evil.exe')).toBe('evil.exe');
    expect(sanitiseFileName('.bashrc')).toBe('bashrc');
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(sanitiseFileName('')).toBe('unnamed');
    expect(attach(Buffer.from('x'), { originalName: '/tmp/../secret/.hidden report.pdf' }).originalName).toBe(
      'hidden report.pdf',
    );
  });
});
