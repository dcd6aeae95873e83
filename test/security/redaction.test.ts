// Threat: a secret a cloud resource carries in a tag, name, description or policy (db_password=..., a pasted
// AWS secret access key, a JWT, a PEM private key, a postgres://user:password@host URL) is stored in the
// workspace database and shipped verbatim in every evidence package, its logs and its progress messages.
//
// Proof: one unique marker secret, plus value-shaped variants built around it, is planted in a copy of the
// demo estate wherever the collected resource types can carry free text. A real snapshot runs through the
// real SDK clients, the real CollectionSink and sealSnapshot into a temp workspace, and a package is exported
// for every framework. Then every byte the run left behind is searched (database, -wal and -shm files,
// keys, each exported file and zip, unzipped down to the xlsx/docx parts), plus the audit log rows, the
// progress messages and stdout/stderr, for the marker as is and base64-encoded: 0 hits.
//
// Where a resource type cannot carry a planted value (checked against what the collectors read):
// - S3 buckets: names are DNS labels; tags are not collected (no GetBucketTagging in the registry).
// - IAM users: names are identifiers ([\w+=,.@-], part of the ARN = the resource uid); ListUsers returns no
//   tags, so the collector never sees them.
// - IAM customer-managed policies: names as users; ListPolicies returns no Description. Planted instead in
//   the policy document (condition values), which is collected decoded and raw (URL-encoded).
// - CloudTrail trails: names are [A-Za-z0-9._-]; tags are not collected (no ListTags in the registry).
// - Root, password policy, EBS default encryption, account: no free-text fields.
// - Collection gaps: the replay server's error messages echo only bucket names, so a gap whose message
//   echoes a secret (as a real service error can) is handed to the sink directly.
//
// startSnapshot runs collection on a job worker that always serves the shipped demo estate, so this test
// drives the same steps in-process (CollectionBuffer -> collectAws -> sealSnapshot with the checks) against a
// replay server over the planted copy.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import { collectAws } from '../../main/collect/aws/index';
import { AWS_TYPES } from '../../main/collect/aws/shapes';
import { CollectionBuffer } from '../../main/collect/types';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { DEMO_CREDENTIALS } from '../../main/demo/demo-target';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import type { Estate } from '../../main/demo/estate/types';
import { startReplayServer, type ReplayServer } from '../../main/demo/replay/server';
import { exportPackage } from '../../main/export/package';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import type { ExportResult, FrameworkId } from '../../shared/domain';

// Letters and digits only, so it survives every encoding unchanged except base64 (searched separately).
const MARKER = `EdPlantedSecret${crypto.randomBytes(8).toString('hex')}`;
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const AWS_SECRET = `${MARKER}Zq7/Xk9+Lw2bN4vR8tY6uE1i`.slice(0, 40);
const JWT = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: MARKER }))}.${MARKER}Sig0`;
const PEM = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN${MARKER}BgkqhkiG9w0B\nAQEFAASC${MARKER}Qw==\n-----END PRIVATE KEY-----`;
const PG_URL = `postgres://claims_app:${MARKER}@db.internal:5432/claims`;
const BEARER = `Authorization: Bearer ${MARKER}x9`;

const FRAMEWORKS: FrameworkId[] = ['soc2-2017', 'pci-dss-4.0.1', 'iso27001-2022'];
const ACCOUNT = northwindHealth.accountId;
const SG_WEB = 'sg-0e1a2b3c4d5e60002';
const SG_EU = 'sg-0a3c4d5e6f7a80002';
const VOLUME = 'vol-0a000000000000005';
const POLICY = 'EvidenceDeskReadOnly';
const uids = {
  sgWeb: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${SG_WEB}`,
  sgEu: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/${SG_EU}`,
  volume: `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${VOLUME}`,
  policy: `arn:aws:iam::${ACCOUNT}:policy/${POLICY}`,
};

/** The demo estate with secrets planted in every free-text place the collected types have. */
function plantedEstate(): Estate {
  const estate = structuredClone(northwindHealth);
  const sg = (id: string) => estate.securityGroups.find((g) => g.id === id)!;
  const web = sg(SG_WEB);
  web.name = `web-alb password=${MARKER}`;
  web.description = `Public LB. db ${PG_URL}; ${BEARER}; tls key ${PEM}`;
  web.tags = {
    ...web.tags,
    db_password: MARKER,
    API_KEY: MARKER,
    DATABASE_URL: PG_URL,
    Owner: AWS_SECRET,
    Name: `web-alb ${JWT}`,
  };
  web.ingress[0].description = `HTTPS token=${MARKER}`;
  const eu = sg(SG_EU);
  eu.description = `Legacy FTP gateway, aws secret key ${AWS_SECRET}`;
  eu.tags = { Session: JWT, 'x-api-key': MARKER };
  const vol = estate.volumes.find((v) => v.id === VOLUME)!;
  vol.tags = { Name: `old-migration-scratch ${JWT}`, DB_PASSWORD: MARKER, Notes: PEM, Owner: AWS_SECRET };
  const policy = estate.policies.find((p) => p.name === POLICY)!;
  const statement = (policy.document.Statement as Record<string, unknown>[])[0];
  statement.Condition = {
    StringEquals: { 'aws:PrincipalTag/api_key': MARKER, 'aws:PrincipalTag/session': JWT },
  };
  return estate;
}

/** Needles: the marker, the demo's signing secret, and both in base64 at each of the 3 byte alignments. */
function needles(): string[] {
  const out = [
    MARKER,
    DEMO_CREDENTIALS.secretAccessKey,
    DEMO_CREDENTIALS.secretAccessKey.replace(/\//g, '\\/'),
  ];
  for (const secret of [MARKER, DEMO_CREDENTIALS.secretAccessKey]) {
    for (let pad = 0; pad < 3; pad++) {
      // Skip the first 4-char group (mixes in the unknown preceding bytes) and the last (mixes in what follows).
      const encoded = Buffer.from(`${'x'.repeat(pad)}${secret}`).toString('base64');
      const stable = encoded.slice(pad === 0 ? 0 : 4, -4);
      out.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return out;
}
const NEEDLES = needles();

function hits(where: string, bytes: Buffer | string): string[] {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return NEEDLES.filter((n) => buf.includes(n)).map((n) => `${where}: ${n}`);
}

async function unzipEntries(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out: { name: string; data: Buffer }[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
    }
  } finally {
    zip.close();
  }
  return out;
}

const isZip = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

/** Searches a file's bytes and, for zips (packages, xlsx, docx), every entry inflated, recursively. */
async function searchBytes(where: string, bytes: Buffer, seen: { files: number }): Promise<string[]> {
  seen.files++;
  const found = hits(where, bytes);
  if (isZip(bytes)) {
    for (const e of await unzipEntries(bytes))
      found.push(...(await searchBytes(`${where}!${e.name}`, e.data, seen)));
  }
  return found;
}

async function searchTree(root: string, seen: { files: number }): Promise<string[]> {
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.push(...(await searchBytes(path.relative(root, file), fs.readFileSync(file), seen)));
  }
  return found;
}

describe('secrets planted in the estate never reach storage, exports or logs', () => {
  let dir: string;
  let ws: Workspace;
  let server: ReplayServer;
  let buffer: CollectionBuffer;
  let snapshotId: string;
  const exports: ExportResult[] = [];
  const messages: string[] = [];
  const output: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    // Everything written to stdout/stderr or the console during the run is kept for the search.
    for (const stream of [process.stdout, process.stderr]) {
      const spy = vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        output.push(Buffer.from(chunk).toString('utf8'));
        return true;
      });
      restore.push(() => spy.mockRestore());
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        output.push(args.map(String).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    const warn = (w: Error) => output.push(`${w.name}: ${w.message}`);
    process.on('warning', warn);
    restore.push(() => process.off('warning', warn));

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-redaction-'));
    ws = openWorkspace({ dataDir: dir, mode: 'cli' });
    server = await startReplayServer({ estate: plantedEstate() });
    snapshotId = crypto.randomUUID();
    createRunningSnapshot(ws.db, {
      id: snapshotId,
      connection: 'demo',
      provider: 'aws',
      startedAt: new Date().toISOString(),
      toolVersion: 'test',
      catalogVersion: CATALOG_VERSION,
    });
    ws.audit('snapshot.start', `snapshot:${snapshotId}`, { connection: 'demo' });
    buffer = new CollectionBuffer(new AbortController().signal, (p) => messages.push(p.message));
    const { identity, regions } = await collectAws(
      {
        credentials: DEMO_CREDENTIALS,
        endpoint: server.url,
        homeRegion: 'us-east-1',
        maxAttempts: 3,
        requestTimeoutMs: 10_000,
      },
      buffer,
    );
    // A collector that forgets: an error message and a progress line echoing a secret, unredacted.
    buffer.gap({
      service: 'ec2',
      region: 'us-east-1',
      operation: 'DescribeSecurityGroups',
      code: 'InvalidParameterValue',
      message: `Value (${PG_URL}) for parameter groupName is invalid; ${BEARER}`,
    });
    buffer.progress({
      phase: 'collecting',
      service: 'ec2',
      region: 'us-east-1',
      done: 1,
      total: 2,
      message: `at web-alb password=${MARKER}`,
    });
    sealSnapshot(
      ws.db,
      snapshotId,
      { account: identity.account, identity: identity.arn, regions },
      buffer,
      (db, id) => evaluateSnapshot(db, id, allChecks, CATALOG_VERSION),
    );
    ws.audit('snapshot.complete', `snapshot:${snapshotId}`, { identity: identity.arn });
    for (const framework of FRAMEWORKS) {
      exports.push(
        await exportPackage(ws.db, {
          snapshotId,
          framework,
          outputDir: path.join(dir, 'exports'),
          keyDir: ws.keyDir,
          actor: ws.actor,
          onProgress: (p) => messages.push(p.message),
        }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    for (const r of restore.reverse()) r();
    await server?.close();
    if (ws?.db.open) ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the search can find the secrets: they were planted, served and seen by the collector', async () => {
    // Without this, a search that never matches (wrong encoding, wrong files) would pass vacuously.
    const served = JSON.stringify(plantedEstate());
    for (const n of [MARKER, JWT, AWS_SECRET]) expect(served).toContain(n);
    expect(hits('jwt', JWT).length).toBeGreaterThan(1); // the marker, and its base64 form in the payload
    expect(hits('pem', Buffer.from(PEM).toString('base64')).length).toBeGreaterThan(0);
    expect(await searchBytes('zip', await zipOf('secret.txt', PEM), { files: 0 })).not.toEqual([]);
    expect(server.requests.some((r) => r.operation === 'DescribeSecurityGroups')).toBe(true);
    expect(buffer.redactions.length).toBeGreaterThan(0);
  });

  it('the workspace folder (database, WAL, SHM, keys) and every export hold no trace, zipped or not', async () => {
    const walBefore = fs.existsSync(path.join(dir, 'workspace.sqlite-wal'));
    const seen = { files: 0 };
    const found = await searchTree(dir, seen);
    expect(found).toEqual([]);
    expect(walBefore, 'the WAL file existed while the workspace was open').toBe(true);
    expect(exports).toHaveLength(FRAMEWORKS.length);
    for (const e of exports) {
      expect(fs.existsSync(e.zipPath)).toBe(true);
      expect(e.packageDir.startsWith(dir)).toBe(true);
    }
    // Folder files + zip + the xlsx/docx parts inside both: far more than the top-level files.
    expect(seen.files).toBeGreaterThan(FRAMEWORKS.length * 20);
  });

  it('the audit log rows, progress messages and stdout/stderr hold no trace', () => {
    const audit = ws.db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    expect(audit.length).toBeGreaterThan(3);
    expect(hits('audit_log', JSON.stringify(audit))).toEqual([]);
    expect(messages.length).toBeGreaterThan(10);
    expect(messages).toContain(`at web-alb password=[redacted: ${MARKER.length} chars]`);
    expect(hits('progress', messages.join('\n'))).toEqual([]);
    expect(hits('stdout/stderr', output.join('\n'))).toEqual([]);
  });

  it('the collection log counts the redactions of each planted resource and raw response, in the database too', () => {
    const byTarget = new Map(buffer.redactions.map((r) => [r.target, r]));
    expect(byTarget.get(uids.sgWeb)?.kinds).toEqual([
      'aws-secret-key',
      'bearer-token',
      'jwt',
      'key-name',
      'private-key',
      'secret-assignment',
      'url-password',
    ]);
    expect(byTarget.get(uids.sgEu)?.kinds).toEqual(['aws-secret-key', 'jwt', 'key-name']);
    expect(byTarget.get(uids.volume)?.kinds).toEqual(['aws-secret-key', 'jwt', 'key-name', 'private-key']);
    expect(byTarget.get(uids.policy)?.kinds).toEqual(['jwt', 'key-name']);
    for (const target of [
      'ec2/us-east-1/DescribeSecurityGroups',
      'ec2/eu-west-1/DescribeSecurityGroups',
      'ec2/us-east-1/DescribeVolumes',
      'iam/global/GetPolicyVersion',
    ]) {
      expect(byTarget.get(target)?.count, target).toBeGreaterThan(0);
    }
    // Each count is the number of markers in what was stored for that target.
    const web = buffer.resources.find((r) => r.uid === uids.sgWeb)!;
    const markers = JSON.stringify([web.name, web.tags, web.config]).match(/\[redacted: \d+ chars\]/g) ?? [];
    expect(byTarget.get(uids.sgWeb)?.count).toBe(markers.length);
    // Nothing unplanted was redacted: no false positives on the other resources of the estate.
    const resourceUids = new Set(buffer.resources.map((r) => r.uid));
    const redactedResources = buffer.redactions.map((r) => r.target).filter((t) => resourceUids.has(t));
    expect(redactedResources.sort()).toEqual(Object.values(uids).sort());

    const stored = ws.db
      .prepare('SELECT target, count, kinds FROM redactions WHERE snapshot_id = ? ORDER BY target')
      .all(snapshotId) as { target: string; count: number; kinds: string }[];
    expect(stored.map((r) => ({ ...r, kinds: JSON.parse(r.kinds) }))).toEqual(
      [...buffer.redactions].sort((a, b) => (a.target < b.target ? -1 : 1)),
    );
  });

  it('keeps the evidence the checks read: ids, rules, encryption flags and policy structure', () => {
    const web = buffer.resources.find((r) => r.uid === uids.sgWeb)!;
    expect(web.type).toBe(AWS_TYPES.ec2SecurityGroup);
    expect(web.name).toBe(`web-alb password=[redacted: ${MARKER.length} chars] (${SG_WEB})`);
    expect(web.config).toMatchObject({
      GroupId: SG_WEB,
      IpPermissions: [{ FromPort: 443, ToPort: 443 }, { FromPort: 80 }],
    });
    expect(web.tags.Environment).toBe('prod');
    const volume = buffer.resources.find((r) => r.uid === uids.volume)!;
    expect(volume.config).toMatchObject({ VolumeId: VOLUME, Encrypted: false });
    const policy = buffer.resources.find((r) => r.uid === uids.policy)!;
    expect(policy.config).toMatchObject({
      Document: {
        Statement: [
          {
            Effect: 'Allow',
            Resource: '*',
            Condition: {
              StringEquals: {
                'aws:PrincipalTag/api_key': `[redacted: ${MARKER.length} chars]`,
                'aws:PrincipalTag/session': `[redacted: ${JWT.length} chars]`,
              },
            },
          },
        ],
      },
    });
    const findings = ws.db
      .prepare(`SELECT status FROM findings WHERE snapshot_id = ? AND resource_uid = ?`)
      .all(snapshotId, uids.volume) as { status: string }[];
    expect(findings.map((f) => f.status)).toContain('fail'); // unencrypted volume still fails its check
  });

  it('after the workspace is closed (WAL checkpointed into the database) there is still no trace', async () => {
    ws.close();
    expect(await searchTree(dir, { files: 0 })).toEqual([]);
  });
});

/** A zip holding one text file, to prove the search inflates zip entries. */
async function zipOf(name: string, text: string): Promise<Buffer> {
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
