// evidence-desk CLI: the whole pipeline headless (snapshot -> evaluate -> export -> verify), for scripted
// evidence runs and for auditors verifying a package without the app.
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { CallResponse } from '../../shared/api';
import { FrameworkId, FrameworkIdInput, type VerifyResult } from '../../shared/domain';
import { runLinks } from '../store/collection-runs-repo';
import {
  formatRuns,
  parseAccountsInParallel,
  parseRoleName,
  printPolicy,
  runOrganizationSnapshot,
} from './organization';
import { startSnapshot } from '../collect/run-snapshot';
import { isAzureConnection } from '../collect/targets';
import {
  cloudLabel,
  completeSnapshotsOfRun,
  parseDemoCloud,
  parseSubscriptions,
  printAzurePolicy,
  runAzureSnapshot,
  setCloudRequest,
  type SetCloudOptions,
} from './azure';
import { createDispatcher } from '../api/dispatch';
import { openWorkspace, type Workspace } from '../core/workspace';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import { isDemoKeyFingerprint } from '../evidence/signing-key';
import { appVersion, defaultDataDir } from '../paths';
import { listSnapshots } from '../store/snapshots-repo';
import { formatTable } from './format';
import { registerAssessmentCommands } from '../assessments/cli';

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

async function runSnapshot(
  ws: Workspace,
  connectionId: string,
  regions?: string[],
  endpointUrl?: string,
): Promise<string> {
  const { snapshotId, done } = startSnapshot(ws, {
    connectionId,
    regions,
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
  });
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
    demo: boolean;
  }>(ws, 'export.create', { snapshotId, framework, outputDir });
  process.stdout.write(
    `package ${result.packageDir}\nzip     ${result.zipPath}\nfiles   ${result.files.length}\nsigner fingerprint ${result.signingKeyFingerprint}\n` +
      (result.demo ? `${DEMO_LINE}\n` : ''),
  );
  return result;
}

/** Printed for every demo snapshot or package, so a terminal log can never pass demo output off as evidence. */
const DEMO_LINE = `${DEMO_LABEL}: this is a demo package signed with the published demo key; it is not evidence of any real account.`;

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
    `${headline}${v.demo ? ` (${DEMO_LABEL})` : ''}: ${target}`,
    ...(v.demo ? [DEMO_LINE] : []),
    `files checked: ${v.checkedFiles}; signature: ${v.signature}`,
    `signer fingerprint: ${signer?.fingerprint ?? '(none)'}${v.demo && isDemoKeyFingerprint(signer?.fingerprint) ? ' (the demo key)' : ''}`,
    ...(v.outcome === 'unknown-signer' && !v.demo
      ? [
          'The package is intact, but this workspace does not trust the key that signed it.',
          'Compare the fingerprint above with the one the analyst gave you; if it matches, run',
          `  evidence-desk keys trust "${signer?.fingerprint ?? ''}" --name "<who they are>"`,
          'or verify with --expect-key "<the fingerprint you were given>".',
        ]
      : []),
    // An assessment package: what it covers and each sign-off (a stale one is shown, not a failure).
    ...(v.assessment
      ? [
          `assessment: ${v.assessment.name} (${v.assessment.id}): ${v.assessment.snapshots} snapshot(s), ${v.assessment.attachments} attachment(s)`,
          ...v.assessment.signoffs.map(
            (s) =>
              `sign-off: ${s.framework} ${s.controlId === '*' ? 'whole framework' : s.controlId} ${s.role} ${s.personName} ${s.signedAt}: ` +
              `signature ${s.signatureValid ? 'valid' : 'INVALID'}${s.stale ? ', stale (the evidence changed since)' : ''}`,
          ),
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

  const connections = program
    .command('connections')
    .description(
      'list, add and remove connections (AWS profiles, environment, custom endpoints, Azure CLI / service principal / azd, demos)',
    );
  connections
    .command('list', { isDefault: true })
    .description('list AWS profiles and other connections this workspace can use (never shows secrets)')
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        const list = await call<CallResponse<'connections.list'>>(ws, 'connections.list', {});
        process.stdout.write(
          formatTable(
            ['id', 'kind', 'region', 'source', 'cloud', 'subscriptions'],
            list.connections.map((c) => [
              c.id,
              c.kind,
              c.region ?? '',
              c.source,
              cloudLabel(c),
              // Azure: what --subscriptions can pick from (empty: listed from Resource Manager at the run).
              (c.subscriptions ?? []).map((s) => `${s.name} (${s.id})`).join(', '),
            ]),
          ),
        );
        for (const p of list.problems) process.stderr.write(`warning: ${p}\n`);
      });
    });
  connections
    .command('add-endpoint')
    .description(
      'save a custom endpoint connection (LocalStack or another emulator, a FIPS or VPC endpoint) in the workspace',
    )
    .requiredOption('--name <name>', 'a name for it; its id is endpoint:<name as a-z0-9->')
    .requiredOption('--url <url>', 'http(s)://host[:port], no credentials or path')
    .requiredOption('--region <region>', 'the region to sign requests for (and to collect by default)')
    .option('--profile <name>', 'use the credentials of this AWS profile')
    .option('--env', 'use the environment credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)')
    .action(async (o: { name: string; url: string; region: string; profile?: string; env?: boolean }) => {
      if ((o.profile === undefined) === (o.env !== true))
        throw new Error('Choose where the credentials come from: --profile <name> or --env (one of them).');
      await withWorkspace(program, async (ws) => {
        const c = await call<CallResponse<'connections.addEndpoint'>>(ws, 'connections.addEndpoint', {
          name: o.name,
          url: o.url,
          region: o.region,
          credentials:
            o.profile !== undefined ? { source: 'profile', profile: o.profile } : { source: 'env' },
        });
        process.stdout.write(`saved ${c.id}: ${c.source}\n`);
      });
    });
  connections
    .command('remove-endpoint')
    .description('remove a saved custom endpoint connection (snapshots taken through it are kept)')
    .argument('<id>', 'its connection id, e.g. endpoint:localstack')
    .action(async (id: string) => {
      await withWorkspace(program, async (ws) => {
        const r = await call<CallResponse<'connections.removeEndpoint'>>(ws, 'connections.removeEndpoint', {
          connectionId: id,
        });
        if (!r.removed) throw new Error(`No custom endpoint ${id} in this workspace.`);
        process.stdout.write(`removed ${id}\n`);
      });
    });

  connections
    .command('set-cloud')
    .description(
      "set the Azure cloud of the environment service principal (azure-env) or azd (azure-azd); the Azure CLI's is az cloud show's",
    )
    .argument('<id>', 'azure-env or azure-azd')
    .argument('<cloud>', 'AzureCloud | AzureUSGovernment | AzureChinaCloud | custom | default (clears it)')
    .option('--resource-manager <url>', 'custom: the Resource Manager endpoint (https)')
    .option('--authority-host <url>', 'custom: the Entra ID / AD FS authority host (https)')
    .option('--graph <url>', 'custom: the Microsoft Graph endpoint (https; omit where there is none)')
    .option('--audience <url>', 'custom: the token audience, when it is not the Resource Manager endpoint')
    .option('--name <name>', 'custom: a name for the cloud (e.g. AzureStackHub)')
    .action(async (id: string, cloud: string, o: SetCloudOptions) => {
      const request = setCloudRequest(id, cloud, o);
      await withWorkspace(program, async (ws) => {
        const c = await call<CallResponse<'connections.setAzureCloud'>>(
          ws,
          'connections.setAzureCloud',
          request,
        );
        process.stdout.write(
          request.cloud === null
            ? `cleared the cloud of ${id}${c ? `: ${cloudLabel(c)}` : ''}\n`
            : `saved the cloud of ${id}: ${c ? cloudLabel(c) : `${cloud} (the connection is not on this machine right now)`}\n`,
        );
      });
    });

  program
    .command('snapshot')
    .description('collect a read-only snapshot and evaluate every check over it')
    .requiredOption(
      '-c, --connection <id>',
      "connection id from 'connections' (e.g. aws-profile:prod, demo, azure-cli, demo-azure)",
    )
    .option('-r, --regions <list>', 'comma-separated regions (default: every enabled region)', parseRegions)
    .option(
      '--subscriptions <list>',
      'Azure: comma-separated subscription ids (default: every subscription the identity can read)',
      parseSubscriptions,
    )
    .option(
      '--endpoint-url <url>',
      'one-off: send every call of this snapshot to this endpoint (e.g. http://localhost:4566 for LocalStack)',
    )
    .option('--organization', 'collect every account of the AWS Organization (one snapshot each, one run)')
    .option('--role-name <name>', 'with --organization: the role to assume in member accounts', parseRoleName)
    .option(
      '--max-accounts-in-parallel <n>',
      'with --organization: accounts collected at once (default 3)',
      parseAccountsInParallel,
    )
    .action(
      async (o: {
        connection: string;
        regions?: string[];
        endpointUrl?: string;
        organization?: boolean;
        roleName?: string;
        maxAccountsInParallel?: number;
        subscriptions?: string[];
      }) => {
        if (!o.organization && (o.roleName !== undefined || o.maxAccountsInParallel !== undefined))
          throw new Error('--role-name and --max-accounts-in-parallel go with --organization.');
        if (o.organization && o.endpointUrl !== undefined)
          throw new Error('--endpoint-url is for one account; save a custom endpoint connection instead.');
        await withWorkspace(program, async (ws) => {
          // An Azure connection is one snapshot per subscription, grouped in a run (main/collect/azure-run.ts).
          if (isAzureConnection(o.connection)) {
            if (o.regions || o.endpointUrl !== undefined || o.organization)
              throw new Error(
                `${o.connection} is an Azure connection: use --subscriptions, not --regions, --endpoint-url or --organization.`,
              );
            await runAzureSnapshot(ws, o);
            return;
          }
          if (o.subscriptions) throw new Error('--subscriptions goes with an Azure connection.');
          if (o.organization) await runOrganizationSnapshot(ws, o);
          else await runSnapshot(ws, o.connection, o.regions, o.endpointUrl);
        });
      },
    );

  program
    .command('snapshots')
    .description('list snapshots in the workspace')
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        const runOf = runLinks(ws.db);
        process.stdout.write(
          formatTable(
            ['id', 'status', 'account', 'started', 'resources', 'gaps', 'run'],
            listSnapshots(ws.db).map((s) => [
              s.id,
              s.status,
              // Demo snapshots say so wherever their account is shown.
              `${s.account ?? ''}${s.demo ? ` (${DEMO_LABEL})` : ''}`,
              s.startedAt,
              String(s.resourceCount),
              String(s.errorCount),
              runOf.get(s.id) ? `${runOf.get(s.id)?.runId} (${runOf.get(s.id)?.accountName ?? ''})` : '',
            ]),
          ),
        );
      });
    });

  program
    .command('runs')
    .description('list whole-organisation runs: their account snapshots and the accounts not collected')
    .action(async () => {
      await withWorkspace(program, async (ws) => {
        const runs = await call<CallResponse<'runs.list'>>(ws, 'runs.list', {});
        process.stdout.write(formatRuns(runs));
        for (const r of runs)
          for (const g of r.gaps) process.stdout.write(`${r.id} ${g.accountId}: ${g.message}\n`);
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
    .option(
      '--cloud <cloud>',
      'aws (the demo AWS account), azure (the demo Azure tenants: one package per subscription) or both',
      parseDemoCloud,
      'aws' as const,
    )
    .option('--azure', 'same as --cloud azure')
    .action(
      async (o: {
        framework: FrameworkId;
        out?: string;
        cloud: 'aws' | 'azure' | 'both';
        azure?: boolean;
      }) => {
        const cloud = o.azure ? (o.cloud === 'both' ? 'both' : 'azure') : o.cloud;
        await withWorkspace(program, async (ws) => {
          const snapshotIds: string[] = [];
          if (cloud !== 'azure') snapshotIds.push(await runSnapshot(ws, 'demo'));
          if (cloud !== 'aws') {
            // One snapshot per subscription, grouped in a run; each gets its own package.
            const runId = await runAzureSnapshot(ws, { connection: 'demo-azure' });
            const sealed = completeSnapshotsOfRun(ws, runId);
            if (sealed.length === 0) throw new Error(`The Azure demo run ${runId} sealed no subscription.`);
            snapshotIds.push(...sealed.map((s) => s.snapshotId));
          }
          let exitCode = 0;
          for (const snapshotId of snapshotIds) {
            await printControls(ws, snapshotId, o.framework);
            const result = await exportAndReport(ws, snapshotId, o.framework, o.out);
            const v = await printVerify(ws, result.packageDir);
            // The demo went as designed when its package is intact and labelled demo: "signer unknown" is what
            // a demo package must answer, so it is success here (exit 0); anything else keeps verify's exit
            // code (the worst of the packages).
            const code = v.demo && v.outcome === 'unknown-signer' ? 0 : VERIFY_EXIT[v.outcome];
            if (code === 1 || exitCode === 0) exitCode = code;
          }
          process.exitCode = exitCode;
        });
      },
    );

  program
    .command('regions')
    .description(
      'show or set the approved AWS regions (copied into every later snapshot; resources elsewhere are findings)',
    )
    .option('--set <list>', 'comma-separated approved regions, e.g. us-east-1,eu-west-1', parseRegions)
    .option('--clear', 'remove the approved regions (the region checks then answer error)')
    .option('--json', 'print JSON')
    .action(async (o: { set?: string[]; clear?: boolean; json?: boolean }) => {
      await withWorkspace(program, async (ws) => {
        if (o.set && o.clear) throw new Error('Use either --set or --clear, not both.');
        if (o.set || o.clear)
          await call(ws, 'settings.approvedRegions.set', { aws: o.clear ? [] : (o.set ?? []) });
        const r = await call<CallResponse<'settings.approvedRegions.get'>>(
          ws,
          'settings.approvedRegions.get',
          {},
        );
        if (o.json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        process.stdout.write(
          r.approved.aws.length > 0
            ? `approved AWS regions: ${r.approved.aws.join(', ')} (set ${r.updatedAt} by ${r.updatedBy})\n`
            : 'approved AWS regions: not set (the region checks answer error until they are)\n',
        );
        for (const seen of r.enabledSeen) {
          const unapproved = seen.regions.filter((x) => !r.approved.aws.includes(x));
          process.stdout.write(
            `account ${seen.account}: ${seen.regions.length} enabled region(s) in its latest snapshot; ` +
              `not approved: ${unapproved.length > 0 ? unapproved.join(', ') : 'none'}\n`,
          );
        }
      });
    });

  program
    .command('policy')
    .description(
      'print the least-privilege, read-only IAM policy covering every API call Evidence Desk makes',
    )
    .option(
      '--organization',
      "the management identity's policy for whole-organisation runs (+ trust policy notes)",
    )
    .option('--role-name <name>', 'the member role (default OrganizationAccountAccessRole)', parseRoleName)
    .option('--member-trust-policy', "print only the member role's trust policy")
    .option('--management-account <id>', 'the account id the member role trusts (in the trust policy)')
    .option('--azure', 'the least-privilege Azure custom role (JSON) and the Microsoft Graph permissions')
    .action(
      (o: {
        organization?: boolean;
        roleName?: string;
        memberTrustPolicy?: boolean;
        managementAccount?: string;
        azure?: boolean;
      }) => {
        if (o.azure) {
          if (o.organization || o.memberTrustPolicy || o.roleName || o.managementAccount)
            throw new Error('--azure prints the Azure role only; the other options are for AWS.');
          return printAzurePolicy();
        }
        // Notes on stderr: stdout stays a policy document that can be piped straight into the IAM API.
        printPolicy(o);
      },
    );

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

  // The assessment workflow: person, assessment, exception, evidence, signoff (main/assessments/cli.ts).
  registerAssessmentCommands(program, (fn) => withWorkspace(program, fn), call);

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
