// evidence-desk CLI: the whole pipeline headless (snapshot -> evaluate -> export -> verify), for scripted
// evidence runs and for auditors verifying a package without the app.
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { CallResponse } from '../../shared/api';
import { FrameworkId, FrameworkIdInput, type VerifyResult } from '../../shared/domain';
import { leastPrivilegePolicy, leastPrivilegePolicyNotes } from '../collect/registry';
import { discoverAwsConnections } from '../collect/aws/credentials';
import { startSnapshot } from '../collect/run-snapshot';
import { createDispatcher } from '../api/dispatch';
import { openWorkspace, type Workspace } from '../core/workspace';
import { appVersion, defaultDataDir } from '../paths';
import { listSnapshots } from '../store/snapshots-repo';
import { formatTable } from './format';

type GlobalOpts = { dataDir: string };

function parseFramework(value: string): FrameworkId {
  const parsed = FrameworkIdInput.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`choose one of ${FrameworkId.options.join(', ')}`);
  return parsed.data;
}

function parseRegions(value: string): string[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}

async function withWorkspace<T>(program: Command, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const { dataDir } = program.opts<GlobalOpts>();
  const ws = openWorkspace({ dataDir, mode: 'cli' });
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

/** Calls go through the same validated dispatcher as the UI, so the CLI cannot do what the app would refuse. */
async function call<T>(ws: Workspace, name: string, payload: unknown): Promise<T> {
  const result = await createDispatcher(ws, { mode: 'browser' }).dispatch(name, payload);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

function resolveSnapshotId(ws: Workspace, ref: string): string {
  if (ref !== 'latest') return ref;
  const latest = listSnapshots(ws.db).find((s) => s.status === 'complete');
  if (!latest)
    throw new Error(
      'No complete snapshot in this workspace yet. Run: evidence-desk snapshot --connection <id>',
    );
  return latest.id;
}

async function runSnapshot(ws: Workspace, connectionId: string, regions?: string[]): Promise<string> {
  const { snapshotId, done } = startSnapshot(ws, { connectionId, regions });
  const unsubscribe = ws.events.subscribe((event, payload) => {
    if (event !== 'snapshot.progress') return;
    const p = payload as { done: number; total: number; message: string };
    process.stderr.write(`  [${p.done}/${p.total}] ${p.message}\n`);
  });
  const outcome = await done;
  unsubscribe();
  if (outcome.status !== 'complete') throw new Error(`Snapshot ${outcome.status}: ${outcome.message}`);
  process.stdout.write(`${outcome.message}\nsnapshot ${snapshotId}\n`);
  return snapshotId;
}

async function printControls(ws: Workspace, snapshotId: string, framework: FrameworkId): Promise<void> {
  const controls = await call<{ controlId: string; status: string; title: string; statusReason: string }[]>(
    ws,
    'controls.list',
    { snapshotId, framework },
  );
  process.stdout.write(
    formatTable(
      ['control', 'status', 'title'],
      controls.map((c) => [c.controlId, c.status, c.title]),
    ),
  );
  const counts = new Map<string, number>();
  for (const c of controls) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  process.stdout.write(`\n${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}\n`);
}

async function exportAndReport(ws: Workspace, snapshotId: string, framework: FrameworkId, out?: string) {
  // The API takes absolute paths only; a relative -o means "from where I am", so resolve it here and say so.
  const outputDir = out ? path.resolve(out) : undefined;
  if (out && outputDir && !path.isAbsolute(out))
    process.stderr.write(`writing into ${outputDir} (-o ${out} resolved against the current folder)\n`);
  const result = await call<{
    packageDir: string;
    zipPath: string;
    files: unknown[];
    signingKeyFingerprint: string;
  }>(ws, 'export.create', { snapshotId, framework, outputDir });
  process.stdout.write(
    `package ${result.packageDir}\nzip     ${result.zipPath}\nfiles   ${result.files.length}\nsigner fingerprint ${result.signingKeyFingerprint}\n`,
  );
  return result;
}

/** Exit codes: 0 verified by a trusted (or the pinned) signer, 3 intact but signer unknown, 1 not verified. */
export const VERIFY_EXIT = { verified: 0, 'unknown-signer': 3, 'not-verified': 1 } as const;

async function printVerify(ws: Workspace, target: string, expectKey?: string): Promise<VerifyResult> {
  const v = await call<VerifyResult>(ws, 'export.verify', { path: path.resolve(target), expectKey });
  const signer = v.signer;
  const headline =
    v.outcome === 'verified'
      ? `VERIFIED (${signer?.pinned ? 'the expected key' : `trusted signer "${signer?.name ?? ''}"`})`
      : v.outcome === 'unknown-signer'
        ? 'INTACT BUT SIGNER UNKNOWN'
        : 'NOT VERIFIED';
  const lines = [
    `${headline}: ${target}`,
    `files checked: ${v.checkedFiles}; signature: ${v.signature}`,
    `signer fingerprint: ${signer?.fingerprint ?? '(none)'}`,
    ...(v.outcome === 'unknown-signer'
      ? [
          'The package is intact, but this workspace does not trust the key that signed it.',
          'Compare the fingerprint above with the one the analyst gave you; if it matches, run',
          `  evidence-desk keys trust "${signer?.fingerprint ?? ''}" --name "<who they are>"`,
          'or verify with --expect-key "<the fingerprint you were given>".',
        ]
      : []),
    ...v.changed.map((f) => `changed: ${f}`),
    ...v.missing.map((f) => `missing: ${f}`),
    ...v.added.map((f) => `added:   ${f}`),
    ...v.problems.map((p) => `problem: ${p}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return v;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('evidence-desk')
    .description('Snapshot cloud configuration, run security checks and export signed audit evidence.')
    .version(appVersion())
    .option(
      '--data-dir <dir>',
      'workspace folder (default: EVIDENCE_DESK_DATA or the per-user app data folder)',
      defaultDataDir(),
    )
    .showHelpAfterError();

  program
    .command('connections')
    .description('list AWS profiles and other connections found on this machine (never shows secrets)')
    .action(() => {
      const list = discoverAwsConnections();
      process.stdout.write(
        formatTable(
          ['id', 'kind', 'region', 'source'],
          list.connections.map((c) => [c.id, c.kind, c.region ?? '', c.source]),
        ),
      );
      for (const p of list.problems) process.stderr.write(`warning: ${p}\n`);
    });

  program
    .command('snapshot')
    .description('collect a read-only snapshot and evaluate every check over it')
    .requiredOption('-c, --connection <id>', "connection id from 'connections' (e.g. aws-profile:prod, demo)")
    .option('-r, --regions <list>', 'comma-separated regions (default: every enabled region)', parseRegions)
    .action(async (o: { connection: string; regions?: string[] }) => {
      await withWorkspace(program, (ws) => runSnapshot(ws, o.connection, o.regions));
    });

  program
    .command('snapshots')
    .description('list snapshots in the workspace')
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        process.stdout.write(
          formatTable(
            ['id', 'status', 'account', 'started', 'resources', 'gaps'],
            listSnapshots(ws.db).map((s) => [
              s.id,
              s.status,
              s.account ?? '',
              s.startedAt,
              String(s.resourceCount),
              String(s.errorCount),
            ]),
          ),
        );
      });
    });

  program
    .command('evaluate')
    .description("show control status for a snapshot ('latest' = newest complete)")
    .option('-s, --snapshot <id>', 'snapshot id or latest', 'latest')
    .requiredOption('-f, --framework <id>', FrameworkId.options.join(' | '), parseFramework)
    .action(async (o: { snapshot: string; framework: FrameworkId }) => {
      await withWorkspace(program, (ws) => printControls(ws, resolveSnapshotId(ws, o.snapshot), o.framework));
    });

  program
    .command('findings')
    .description('list findings of a snapshot')
    .option('-s, --snapshot <id>', 'snapshot id or latest', 'latest')
    .option('--status <status>', 'only this status (pass, fail, error, n/a)')
    .action(async (o: { snapshot: string; status?: string }) => {
      await withWorkspace(program, async (ws) => {
        const findings = await call<
          { checkId: string; status: string; severity: string; resourceName: string; reason: string }[]
        >(ws, 'findings.list', { snapshotId: resolveSnapshotId(ws, o.snapshot) });
        const rows = findings.filter((f) => !o.status || f.status === o.status);
        process.stdout.write(
          formatTable(
            ['status', 'severity', 'check', 'resource', 'reason'],
            rows.map((f) => [f.status, f.severity, f.checkId, f.resourceName, f.reason]),
          ),
        );
      });
    });

  program
    .command('export')
    .description('write a signed evidence package (folder + zip) for one framework')
    .option('-s, --snapshot <id>', 'snapshot id or latest', 'latest')
    .requiredOption('-f, --framework <id>', FrameworkId.options.join(' | '), parseFramework)
    .option('-o, --out <dir>', 'folder to write the package into (default: <workspace>/exports)')
    .action(async (o: { snapshot: string; framework: FrameworkId; out?: string }) => {
      await withWorkspace(program, (ws) =>
        exportAndReport(ws, resolveSnapshotId(ws, o.snapshot), o.framework, o.out),
      );
    });

  program
    .command('verify')
    .description(
      'verify an evidence package folder or zip offline: exit 0 verified by a trusted signer, ' +
        '3 intact but signer unknown, 1 not verified',
    )
    .argument('<path>', 'package folder or .zip')
    .option(
      '--expect-key <key>',
      'pin the signer: its fingerprint, or its public key (PEM text or file); any other signer fails (exit 1)',
    )
    .action(async (target: string, o: { expectKey?: string }) => {
      await withWorkspace(program, async (ws) => {
        process.exitCode = VERIFY_EXIT[(await printVerify(ws, target, o.expectKey)).outcome];
      });
    });

  const keys = program
    .command('keys')
    .description("signing keys: this workspace's own, and the signers it trusts");
  keys
    .command('list')
    .description("show this workspace's signing key and the trusted signers")
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withWorkspace(program, async (ws) => {
        const k = await call<CallResponse<'keys.list'>>(ws, 'keys.list', {});
        if (o.json) return void process.stdout.write(`${JSON.stringify(k, null, 2)}\n`);
        process.stdout.write(`this workspace signs with: ${k.own.fingerprint}\n\n`);
        process.stdout.write(
          formatTable(
            ['name', 'fingerprint', 'added', 'how', 'withdrawn'],
            k.signers.map((s) => [
              s.name,
              s.fingerprint,
              s.addedAt,
              `${s.addedHow} by ${s.addedBy}`,
              s.removedAt ?? '',
            ]),
          ),
        );
      });
    });
  keys
    .command('show')
    .description("print this workspace's public key (PEM) and fingerprint, to give to auditors")
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        const k = await call<CallResponse<'keys.list'>>(ws, 'keys.list', {});
        process.stdout.write(`${k.own.publicKeyPem.trim()}\nfingerprint: ${k.own.fingerprint}\n`);
      });
    });
  keys
    .command('trust')
    .description('trust a signer: a public key (PEM file or text) or its fingerprint, read out by the signer')
    .argument('<key>', 'PEM file, PEM text, or fingerprint (64 hex digits; spaces and colons allowed)')
    .requiredOption('--name <name>', 'who the key belongs to, e.g. "Jane Doe, Acme GRC"')
    .action(async (key: string, o: { name: string }) => {
      await withWorkspace(program, async (ws) => {
        const s = await call<CallResponse<'keys.trust'>>(ws, 'keys.trust', { key, name: o.name });
        process.stdout.write(`trusted "${s.name}": ${s.fingerprint}\n`);
      });
    });
  keys
    .command('withdraw')
    .description('stop trusting a signer (kept in the list, marked withdrawn)')
    .argument('<fingerprint>', 'the fingerprint of the key')
    .action(async (fingerprint: string) => {
      await withWorkspace(program, async (ws) => {
        const s = await call<CallResponse<'keys.withdraw'>>(ws, 'keys.withdraw', { fingerprint });
        process.stdout.write(`withdrew trust in "${s.name}": ${s.fingerprint}\n`);
      });
    });

  program
    .command('demo')
    .description('run the embedded demo estate end to end: snapshot, evaluate, export, verify')
    .option(
      '-f, --framework <id>',
      FrameworkId.options.join(' | '),
      parseFramework,
      'soc2-2017' as FrameworkId,
    )
    .option('-o, --out <dir>', 'folder to write the package into (default: <workspace>/exports)')
    .action(async (o: { framework: FrameworkId; out?: string }) => {
      await withWorkspace(program, async (ws) => {
        const snapshotId = await runSnapshot(ws, 'demo');
        await printControls(ws, snapshotId, o.framework);
        const result = await exportAndReport(ws, snapshotId, o.framework, o.out);
        process.exitCode = VERIFY_EXIT[(await printVerify(ws, result.packageDir)).outcome];
      });
    });

  program
    .command('policy')
    .description(
      'print the least-privilege, read-only IAM policy covering every API call Evidence Desk makes',
    )
    .action(() => {
      process.stdout.write(`${JSON.stringify(leastPrivilegePolicy(), null, 2)}\n`);
      // Notes on stderr: stdout stays a policy document that can be piped straight into the IAM API.
      process.stderr.write(
        leastPrivilegePolicyNotes()
          .map((n) => `# ${n}\n`)
          .join(''),
      );
    });

  program
    .command('audit-verify')
    .description("check the workspace audit log's hash chain")
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        const r = await call<CallResponse<'audit.verify'>>(ws, 'audit.verify', {});
        process.stdout.write(
          r.ok
            ? `audit log intact: ${r.entries} entries; ${r.checkpoints} signed checkpoints` +
                (r.latestCheckpoint
                  ? `, the latest covers entry ${r.latestCheckpoint.seq} (${r.latestCheckpoint.at})` +
                    (r.uncovered ? `; ${r.uncovered} newer entries not yet checkpointed` : '')
                  : '') +
                '\n'
            : `AUDIT LOG BROKEN at entry ${r.firstBadSeq}: ${r.problem}\n`,
        );
        if (!r.ok) process.exitCode = 1;
      });
    });

  program
    .command('serve')
    .description('open the app in browser mode on 127.0.0.1')
    .option('-p, --port <port>', 'port (0 = any free port)', '0')
    .action(async (o: { port: string }) => {
      const { serveBrowserMode } = await import('../web/main');
      const stop = await serveBrowserMode({
        dataDir: program.opts<GlobalOpts>().dataDir,
        port: Number(o.port),
      });
      await new Promise<void>((resolve) => {
        const done = () => void stop().finally(resolve);
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
    });

  return program;
}

export async function runCli(argv = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`evidence-desk: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

const isEntry = process.argv[1] && /main[\\/]cli[\\/]index\.ts$|cli\.mjs$/.test(process.argv[1]);
if (isEntry) void runCli();
