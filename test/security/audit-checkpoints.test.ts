// Threat: the audit log's hash chain caught an edited entry, but not an attacker who recomputes every hash
// after the edit, or who cuts the newest entries off. Signed checkpoints of the chain's head (made when the
// workspace opens and at every export, and carried by every package) catch both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/core/workspace';
import { listCheckpoints, recordCheckpoint } from '../../main/evidence/audit-checkpoints';
import { entryHash, GENESIS_HASH, verifyAuditLog, type AuditRow } from '../../main/evidence/audit-log';
import { AUDIT_TRAIL_FILE } from '../../main/evidence/audit-trail';
import { groupFingerprint, publicKeyFingerprintHex } from '../../main/evidence/signing-key';
import type { Db } from '../../main/store/db';
import { makeDemoPackage, runCli, type DemoPackage } from './demo-package';

let fx: DemoPackage;
beforeAll(async () => {
  fx = await makeDemoPackage();
}, 120_000);
afterAll(() => fx?.close());

/** Copies the workspace folder so each attack works on its own copy. */
function copyWorkspace(): string {
  const target = path.join(fx.dataDir, `ws-copy-${crypto.randomUUID()}`);
  fx.ws.db.pragma('wal_checkpoint(TRUNCATE)');
  fs.mkdirSync(target);
  for (const f of ['workspace.sqlite', 'keys'])
    fs.cpSync(path.join(fx.dataDir, f), path.join(target, f), { recursive: true });
  return target;
}

/** Edits one entry's details, then rewrites every later hash so the chain is internally consistent again. */
function rewriteChain(db: Db, seq: number): void {
  db.exec('DROP TRIGGER audit_log_no_update');
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const details = row.seq === seq ? JSON.stringify({ forged: true }) : row.details;
    const next = { ...row, details, prev_hash: prev };
    const hash = entryHash(next);
    db.prepare('UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
      details,
      prev,
      hash,
      row.seq,
    );
    prev = hash;
  }
}

describe('signed audit-log checkpoints', () => {
  it('opening the workspace and exporting each sign a checkpoint; the intact log verifies against them', async () => {
    const reasons = listCheckpoints(fx.ws.db).map((c) => c.reason);
    expect(reasons).toContain('open');
    expect(reasons).toContain('export');
    const r = await fx.call('audit.verify', {});
    expect(r).toMatchObject({ ok: true, problem: null });
    expect(r.latestCheckpoint?.seq).toBeGreaterThan(0);
  });

  it('a CLI process opening the workspace signs a checkpoint of the head it finds', () => {
    const dir = copyWorkspace();
    const before = checkpointsIn(dir);
    const r = runCli(dir, 'snapshots');
    expect(r.status, r.stderr).toBe(0);
    const after = checkpointsIn(dir);
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    expect(after.at(-1)).toMatchObject({ reason: 'open' });
    const v = runCli(dir, 'audit-verify');
    expect(v.status, v.stdout).toBe(0);
    expect(v.stdout).toMatch(
      /audit log intact: \d+ entries; \d+ signed checkpoints, the latest covers entry \d+/,
    );
  }, 60_000);

  it('recomputing the whole chain after editing an entry is detected (exit 1)', () => {
    const dir = copyWorkspace();
    const ws = openWorkspace({ dataDir: dir, mode: 'cli' });
    try {
      rewriteChain(ws.db, 2);
      // The chain itself is consistent again: only the signed head can tell.
      const r = verifyAuditLog(ws.db);
      expect(r.ok).toBe(false);
      expect(r.problem).toMatch(/is not the one signed in the checkpoint of .*: the chain was rewritten/);
    } finally {
      ws.close();
    }
    const cli = runCli(dir, 'audit-verify');
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/AUDIT LOG BROKEN/);
  }, 60_000);

  it('cutting the newest entries off is detected', () => {
    const dir = copyWorkspace();
    const ws = openWorkspace({ dataDir: dir, mode: 'cli' });
    try {
      const last = listCheckpoints(ws.db).at(-1)!.headSeq;
      ws.db.exec('DROP TRIGGER audit_log_no_delete');
      ws.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last - 1);
      const r = verifyAuditLog(ws.db);
      expect(r.ok).toBe(false);
      expect(r.problem).toMatch(
        /the log ends at entry \d+, but the checkpoint signed at .* covers entry \d+/,
      );
    } finally {
      ws.close();
    }
  });

  it('a checkpoint signed by a key the workspace does not trust does not count', () => {
    const dir = copyWorkspace();
    const ws = openWorkspace({ dataDir: dir, mode: 'cli' });
    try {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      const key = {
        privateKey,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        fingerprint: groupFingerprint(publicKeyFingerprintHex(publicKey)),
      };
      ws.audit('test.forged', 'x');
      recordCheckpoint(ws.db, key, 'export');
      const trusted = new Set(
        (
          ws.db.prepare('SELECT fingerprint FROM trusted_signers WHERE removed_at IS NULL').all() as {
            fingerprint: string;
          }[]
        ).map((r) => r.fingerprint),
      );
      const r = verifyAuditLog(ws.db, { trusted });
      expect(r.ok).toBe(false);
      expect(r.problem).toContain('not by a trusted key');
    } finally {
      ws.close();
    }
  });

  it('checkpoints are append-only', () => {
    expect(() => fx.ws.db.exec(`UPDATE audit_checkpoints SET head_seq = 1`)).toThrow(/append-only/);
    expect(() => fx.ws.db.exec(`DELETE FROM audit_checkpoints`)).toThrow(/append-only/);
  });
});

describe('the audit trail in a package', () => {
  const trailOf = (dir: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, ...AUDIT_TRAIL_FILE.split('/')), 'utf8'));

  it("carries every entry about its snapshot, linked to a checkpoint signed by the package's signer", () => {
    const trail = trailOf(fx.exported.packageDir);
    const actions = trail.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['snapshot.start', 'snapshot.complete', 'export.sign']));
    expect(trail.entries.every((e: { entity: string }) => e.entity === `snapshot:${fx.snapshotId}`)).toBe(
      true,
    );
    expect(trail.checkpoint.signerFingerprint).toBe(fx.exported.signingKeyFingerprint);
    expect(trail.chain).toHaveLength(trail.checkpoint.headSeq);
    // Entries about anything else are linked by hash only, never disclosed.
    expect(JSON.stringify(trail)).not.toContain('keys.trust');
  });

  it('an edited trail entry, or a trail whose chain misses the checkpoint, is not verified', async () => {
    const edited = fx.copy();
    const t1 = trailOf(edited);
    t1.entries[0].actor = 'someone-else';
    fs.writeFileSync(path.join(edited, ...AUDIT_TRAIL_FILE.split('/')), JSON.stringify(t1));
    const r1 = await fx.call('export.verify', { path: edited });
    expect(r1.outcome).toBe('not-verified');
    expect(r1.problems.join('\n')).toMatch(/audit entry \d+ was altered after it was written/);

    const cut = fx.copy();
    const t2 = trailOf(cut);
    t2.chain.pop();
    fs.writeFileSync(path.join(cut, ...AUDIT_TRAIL_FILE.split('/')), JSON.stringify(t2));
    const r2 = await fx.call('export.verify', { path: cut });
    expect(r2.problems.join('\n')).toContain('the audit chain does not end at the signed checkpoint');
  });

  it('the shipped snapshot.sqlite holds the same entries in its audit_log (no longer empty)', () => {
    const db = new Database(path.join(fx.exported.packageDir, 'snapshot.sqlite'), { readonly: true });
    try {
      const n = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      expect(n).toBe(trailOf(fx.exported.packageDir).entries.length);
      expect((db.prepare('SELECT count(*) AS n FROM audit_checkpoints').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });
});

/** Read-only look at a workspace copy's checkpoints (opening it as a workspace would sign a new one). */
function checkpointsIn(dir: string): { head_seq: number; reason: string }[] {
  const db = new Database(path.join(dir, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT head_seq, reason FROM audit_checkpoints ORDER BY id').all() as {
      head_seq: number;
      reason: string;
    }[];
  } finally {
    db.close();
  }
}
