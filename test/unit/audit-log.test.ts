import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditLog } from '../../main/evidence/audit-log';
import { openDatabase, type Db } from '../../main/store/db';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-audit-'));
  db = openDatabase(path.join(dir, 'w.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('chains entries and verifies an intact log', () => {
    appendAudit(db, {
      actor: 'ana',
      action: 'snapshot.start',
      entity: 'snapshot:1',
      details: { regions: ['eu-west-1'] },
    });
    appendAudit(db, { actor: 'ana', action: 'export.create', entity: 'snapshot:1' });
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(verifyAuditLog(db)).toEqual({
      ok: true,
      entries: 2,
      firstBadSeq: null,
      problem: null,
      checkpoints: 0,
      latestCheckpoint: null,
      uncovered: 2,
    });
  });

  it('refuses UPDATE and DELETE', () => {
    appendAudit(db, { actor: 'ana', action: 'a', entity: 'e' });
    expect(() => db.prepare(`UPDATE audit_log SET actor = 'mallory'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('detects an entry edited outside the app (triggers bypassed)', () => {
    for (let i = 0; i < 3; i++) appendAudit(db, { actor: 'ana', action: `a${i}`, entity: 'e' });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"forged":true}' WHERE seq = 2`).run();
    const r = verifyAuditLog(db);
    expect(r.ok).toBe(false);
    expect(r.firstBadSeq).toBe(2);
    expect(r.problem).toMatch(/altered/);
  });

  it('detects a removed entry', () => {
    for (let i = 0; i < 3; i++) appendAudit(db, { actor: 'ana', action: `a${i}`, entity: 'e' });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const r = verifyAuditLog(db);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/entry 2 is missing/);
  });
});
