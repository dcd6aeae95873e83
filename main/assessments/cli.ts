// CLI commands of the assessment workflow: assessment, person, exception, evidence, signoff. Each goes
// through the same validated dispatcher as the UI; every listing (and every answer) prints JSON with --json.
// Passphrases are read from an environment variable named by the caller, never from argv (visible in ps).
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import type { AssessmentControl, ExceptionRecord } from '../../shared/domain';
import { FrameworkId, FrameworkIdInput } from '../../shared/domain';
import type { Workspace } from '../core/workspace';
import { formatTable } from '../cli/format';
import { DEMO_LABEL } from '../evidence/demo-snapshot';

type WithWorkspace = <T>(fn: (ws: Workspace) => Promise<T>) => Promise<T>;
type Call = <T>(ws: Workspace, name: string, payload: unknown) => Promise<T>;

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function frameworks(value: string): FrameworkId[] {
  return list(value).map((v) => {
    const parsed = FrameworkIdInput.safeParse(v);
    if (!parsed.success) throw new InvalidArgumentError(`choose from ${FrameworkId.options.join(', ')}`);
    return parsed.data;
  });
}

function tag(value: string): { key: string; value: string } {
  const i = value.indexOf('=');
  if (i <= 0) throw new InvalidArgumentError('expected key=value');
  return { key: value.slice(0, i), value: value.slice(i + 1) };
}

function passphraseFrom(envVar?: string): string | undefined {
  if (!envVar) return undefined;
  const v = process.env[envVar];
  if (!v) throw new Error(`The environment variable ${envVar} holding the passphrase is not set.`);
  return v;
}

const out = (text: string) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const json = (value: unknown) => out(JSON.stringify(value, null, 2));

export function registerAssessmentCommands(program: Command, withWorkspace: WithWorkspace, call: Call): void {
  const api = <K extends CallName>(ws: Workspace, name: K, payload: CallRequest<K>) =>
    call<CallResponse<K>>(ws, name, payload);

  // ---- person ----
  const person = program.command('person').description('people who prepare, review, approve and decide');
  person
    .command('add')
    .description('add a person and create their own Ed25519 signing key in the workspace')
    .requiredOption('--name <name>', 'their name')
    .requiredOption('--email <email>', 'their email (also accepted wherever a person is named)')
    .option(
      '--passphrase-env <VAR>',
      'encrypt their key with the passphrase held in this environment variable',
    )
    .option('--json', 'print JSON')
    .action(async (o: { name: string; email: string; passphraseEnv?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const p = await api(ws, 'people.create', {
          name: o.name,
          email: o.email,
          passphrase: passphraseFrom(o.passphraseEnv),
        });
        if (o.json) return json(p);
        out(
          `added ${p.name} <${p.email}>: ${p.id}\nkey fingerprint ${p.fingerprint}${p.keyEncrypted ? ' (passphrase-protected)' : ''}`,
        );
      });
    });
  person
    .command('list')
    .description('list people')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const people = await api(ws, 'people.list', {});
        if (o.json) return json(people);
        out(
          formatTable(
            ['id', 'name', 'email', 'fingerprint'],
            people.map((p) => [p.id, p.name, p.email, p.fingerprint]),
          ),
        );
      });
    });

  // ---- assessment ----
  const assessment = program
    .command('assessment')
    .description('assessments: frameworks, scope, period, people, snapshots');
  assessment
    .command('create')
    .description('create an assessment')
    .requiredOption('--as <person>', 'who is acting (id or email)')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('-f, --framework <ids>', `comma-separated: ${FrameworkId.options.join(', ')}`, frameworks)
    .requiredOption('--period-start <date>', 'YYYY-MM-DD')
    .option('--period-end <date>', 'YYYY-MM-DD (default: the start: point in time)')
    .option('--accounts <list>', 'accounts in scope (default: those of the attached snapshots)', list)
    .option('--connections <list>', 'connections in scope', list)
    .option('--regions <list>', 'regions in scope (default: all)', list)
    .option(
      '--tag <key=value>',
      'narrow the population to resources carrying this tag (e.g. a PCI CDE marker)',
      tag,
    )
    .option('--preparer <people>', 'comma-separated ids or emails', list)
    .option('--reviewer <people>', 'comma-separated ids or emails', list)
    .option('--approver <people>', 'comma-separated ids or emails', list)
    .option('--json', 'print JSON')
    .action(
      async (o: {
        as: string;
        name: string;
        framework: FrameworkId[];
        periodStart: string;
        periodEnd?: string;
        accounts?: string[];
        connections?: string[];
        regions?: string[];
        tag?: { key: string; value: string };
        preparer?: string[];
        reviewer?: string[];
        approver?: string[];
        json?: boolean;
      }) => {
        await withWorkspace(async (ws) => {
          const a = await api(ws, 'assessments.create', {
            actor: o.as,
            name: o.name,
            frameworks: o.framework,
            periodStart: o.periodStart,
            periodEnd: o.periodEnd ?? o.periodStart,
            scope: {
              ...(o.accounts ? { accounts: o.accounts } : {}),
              ...(o.connections ? { connections: o.connections } : {}),
              ...(o.regions ? { regions: o.regions } : {}),
              ...(o.tag ? { tag: o.tag } : {}),
            },
            people: [
              ...(o.preparer ?? []).map((p) => ({ person: p, role: 'preparer' as const })),
              ...(o.reviewer ?? []).map((p) => ({ person: p, role: 'reviewer' as const })),
              ...(o.approver ?? []).map((p) => ({ person: p, role: 'approver' as const })),
            ],
          });
          if (o.json) return json(a);
          out(`created assessment ${a.id}: ${a.name} (${a.status})`);
        });
      },
    );
  assessment
    .command('attach-snapshot')
    .description('attach a complete snapshot to an assessment (the latest per account in scope is current)')
    .argument('<assessment>', 'assessment id')
    .argument('<snapshot>', 'snapshot id')
    .requiredOption('--as <person>', 'who is acting (id or email)')
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, snapshotId: string, o: { as: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const a = await api(ws, 'assessments.attachSnapshot', { actor: o.as, assessmentId, snapshotId });
        if (o.json) return json(a);
        out(
          `attached ${snapshotId} to ${a.name}; ${a.snapshots.filter((s) => s.current).length} current snapshot(s)`,
        );
      });
    });
  assessment
    .command('export')
    .description(
      'write ONE signed evidence package for the assessment: every current snapshot in scope (AWS accounts and ' +
        'Azure subscriptions), all its frameworks, exceptions, manual evidence files and sign-offs',
    )
    .argument('<assessment>', 'assessment id')
    .option('-o, --out <dir>', 'folder to write the package into (default: <workspace>/exports)')
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, o: { out?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        // The API takes absolute paths only; a relative -o means "from where I am".
        const outputDir = o.out ? path.resolve(o.out) : undefined;
        const r = await api(ws, 'assessments.export', { assessmentId, outputDir });
        if (o.json) return json(r);
        out(
          [
            `package ${r.packageDir}`,
            `zip     ${r.zipPath}`,
            `files   ${r.files.length}`,
            `signer fingerprint ${r.signingKeyFingerprint}`,
            ...(r.demo
              ? [
                  `${DEMO_LABEL}: this is a demo package signed with the published demo key; it is not evidence of any real account.`,
                ]
              : []),
          ].join('\n'),
        );
      });
    });
  assessment
    .command('list')
    .description('list assessments')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const all = await api(ws, 'assessments.list', {});
        if (o.json) return json(all);
        out(
          formatTable(
            ['id', 'name', 'frameworks', 'period', 'status'],
            all.map((a) => [
              a.id,
              a.name,
              a.frameworks.join(','),
              `${a.periodStart}..${a.periodEnd}`,
              a.status,
            ]),
          ),
        );
      });
    });
  assessment
    .command('show')
    .description('show an assessment, and with --framework its controls: status, label and conclusion')
    .argument('<assessment>', 'assessment id')
    .option('-f, --framework <id>', 'list the controls of this framework', (v) => frameworks(v)[0])
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, o: { framework?: FrameworkId; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const a = await api(ws, 'assessments.get', { assessmentId });
        const controls: AssessmentControl[] | undefined = o.framework
          ? await api(ws, 'controls.forAssessment', { assessmentId, framework: o.framework })
          : undefined;
        if (o.json) return json(controls ? { assessment: a, controls } : a);
        out(
          [
            `${a.name} (${a.id}): ${a.status}`,
            `frameworks: ${a.frameworks.join(', ')}; period ${a.periodStart}..${a.periodEnd}`,
            ...a.people.map((p) => `${p.role}: ${p.name} <${p.email}>`),
            ...a.snapshots.map(
              (s) =>
                `snapshot ${s.snapshotId} account ${s.account ?? '?'} ${s.startedAt}${s.current ? ' (current)' : ` (${s.note})`}`,
            ),
          ].join('\n'),
        );
        if (controls)
          out(
            formatTable(
              ['control', 'status', 'label', 'signed'],
              controls.map((c) => [
                c.controlId,
                c.status,
                c.label,
                c.signoffs
                  .filter((s) => !s.stale && s.signatureValid)
                  .map((s) => s.role)
                  .join(','),
              ]),
            ),
          );
      });
    });

  // ---- exception ----
  const exception = program
    .command('exception')
    .description('exceptions (risk acceptances; with a compensating control: a CCW)');
  const printException = (e: ExceptionRecord, asJson?: boolean) =>
    asJson
      ? json(e)
      : out(`exception ${e.id} v${e.version}: ${e.status} (${e.checkId}, expires ${e.expiresAt})`);
  exception
    .command('request')
    .description(
      'request an exception for one finding, a set of resources (uids or tag) or a check in an account',
    )
    .requiredOption('--as <person>', 'who requests (id or email)')
    .requiredOption('--check <id>', 'the check it excepts')
    .requiredOption('--kind <kind>', 'finding | resources | check-account')
    .option('--account <id>', 'the account (required for finding and check-account)')
    .option('--resource <uids>', 'comma-separated resource uids (one for kind finding)', list)
    .option('--tag <key=value>', 'resources carrying this tag (kind resources)', tag)
    .requiredOption('--justification <text>', 'why the risk is accepted (20+ characters)')
    .option('--compensating <text>', 'the compensating control, if any')
    .requiredOption('--risk-owner <person>', 'who owns the risk (id or email)')
    .requiredOption('--expires <date>', 'ISO-8601 expiry (required; limited by severity)')
    .option('--draft', 'keep it a draft instead of submitting it for approval')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        as: string;
        check: string;
        kind: 'finding' | 'resources' | 'check-account';
        account?: string;
        resource?: string[];
        tag?: { key: string; value: string };
        justification: string;
        compensating?: string;
        riskOwner: string;
        expires: string;
        draft?: boolean;
        json?: boolean;
      }) => {
        await withWorkspace(async (ws) => {
          const scope =
            o.kind === 'finding'
              ? { kind: o.kind, account: o.account, resourceUid: o.resource?.[0] }
              : o.kind === 'resources'
                ? { kind: o.kind, account: o.account, resourceUids: o.resource, tag: o.tag }
                : { kind: o.kind, account: o.account };
          const e = await api(ws, 'exceptions.request', {
            actor: o.as,
            checkId: o.check,
            scope,
            justification: o.justification,
            compensatingControl: o.compensating ?? null,
            riskOwner: o.riskOwner,
            expiresAt: o.expires,
            submit: !o.draft,
          });
          printException(e, o.json);
        });
      },
    );
  const call_ = (
    ws: Workspace,
    name: 'exceptions.approve' | 'exceptions.reject' | 'exceptions.revoke',
    p: { actor: string; exceptionId: string; note: string },
  ) =>
    name === 'exceptions.approve'
      ? api(ws, name, { actor: p.actor, exceptionId: p.exceptionId, ...(p.note ? { note: p.note } : {}) })
      : api(ws, name, p);
  for (const [verb, call, noteRequired] of [
    ['approve', 'exceptions.approve', false],
    ['reject', 'exceptions.reject', true],
    ['revoke', 'exceptions.revoke', true],
  ] as const) {
    const cmd = exception
      .command(verb)
      .description(`${verb} an exception (never by its requester)`)
      .argument('<id>', 'exception id')
      .requiredOption('--as <person>', 'who decides (id or email)')
      .option('--json', 'print JSON');
    if (noteRequired) cmd.requiredOption('--note <text>', 'why');
    else cmd.option('--note <text>', 'a note for the record');
    cmd.action(async (id: string, o: { as: string; note?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const e = await call_(ws, call, { actor: o.as, exceptionId: id, note: o.note ?? '' });
        printException(e, o.json);
      });
    });
  }
  exception
    .command('renew')
    .description('renew an exception: a new pending version with a new expiry')
    .argument('<id>', 'exception id')
    .requiredOption('--as <person>', 'who requests the renewal (id or email)')
    .requiredOption('--expires <date>', 'the new expiry')
    .option('--justification <text>', 'new justification (default: the current one)')
    .option('--json', 'print JSON')
    .action(
      async (id: string, o: { as: string; expires: string; justification?: string; json?: boolean }) => {
        await withWorkspace(async (ws) => {
          const e = await api(ws, 'exceptions.renew', {
            actor: o.as,
            exceptionId: id,
            expiresAt: o.expires,
            ...(o.justification ? { justification: o.justification } : {}),
          });
          printException(e, o.json);
        });
      },
    );
  exception
    .command('list')
    .description('list exceptions (every version), status as of now')
    .option('--check <id>', 'only this check')
    .option('--status <status>', 'only this status')
    .option('--json', 'print JSON')
    .action(async (o: { check?: string; status?: ExceptionRecord['status']; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const all = await api(ws, 'exceptions.list', { checkId: o.check, status: o.status });
        if (o.json) return json(all);
        out(
          formatTable(
            ['id', 'version', 'status', 'check', 'scope', 'expires'],
            all.map((e) => [e.id, String(e.version), e.status, e.checkId, e.scope.kind, e.expiresAt]),
          ),
        );
      });
    });

  // ---- evidence ----
  const evidence = program
    .command('evidence')
    .description("manual evidence files answering a control's requests");
  evidence
    .command('attach')
    .description('attach a file to a manual evidence request (e.g. CC1.1-R1); replacing adds a revision')
    .argument('<assessment>', 'assessment id')
    .argument('<request>', 'request id, e.g. CC1.1-R1')
    .argument('<file>', 'the file (never opened beyond hashing and copying)')
    .requiredOption('--as <person>', 'who uploads (id or email)')
    .requiredOption('--description <text>', 'what the file shows')
    .requiredOption('--effective-from <date>', 'the date (or period start) the evidence is about')
    .option('--effective-to <date>', 'the period end (default: the start)')
    .option('--json', 'print JSON')
    .action(
      async (
        assessmentId: string,
        requestId: string,
        file: string,
        o: { as: string; description: string; effectiveFrom: string; effectiveTo?: string; json?: boolean },
      ) => {
        await withWorkspace(async (ws) => {
          const a = await api(ws, 'evidence.attach', {
            actor: o.as,
            assessmentId,
            requestId,
            description: o.description,
            effectiveFrom: o.effectiveFrom,
            ...(o.effectiveTo ? { effectiveTo: o.effectiveTo } : {}),
            file: { path: path.resolve(file) },
          });
          if (o.json) return json(a);
          out(`attached ${a.originalName} to ${a.requestId} (revision ${a.revision}, sha256 ${a.sha256})`);
        });
      },
    );
  evidence
    .command('list')
    .description('list the files attached to an assessment (every revision)')
    .argument('<assessment>', 'assessment id')
    .option('--request <id>', 'only this request')
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, o: { request?: string; json?: boolean }) => {
      await withWorkspace(async (ws) => {
        const all = await api(ws, 'evidence.list', { assessmentId, requestId: o.request });
        if (o.json) return json(all);
        out(
          formatTable(
            ['request', 'rev', 'current', 'name', 'sha256', 'effective'],
            all.map((a) => [
              a.requestId,
              String(a.revision),
              a.current ? 'yes' : '',
              a.originalName,
              a.sha256,
              `${a.effectiveFrom}..${a.effectiveTo}`,
            ]),
          ),
        );
      });
    });

  // ---- signoff ----
  program
    .command('signoff')
    .description(
      "sign a control ('*' = the whole framework) in your role with your own key, or --list sign-offs",
    )
    .argument('<assessment>', 'assessment id')
    .option('--list', 'list the sign-offs (signature valid? stale?) instead of signing')
    .option('-f, --framework <id>', FrameworkId.options.join(' | '), (v) => frameworks(v)[0])
    .option('--control <id>', "control id, or '*' for the whole framework")
    .option('--role <role>', 'preparer | reviewer | approver')
    .option('--as <person>', 'who signs (id or email)')
    .option('--passphrase-env <VAR>', 'environment variable holding the key passphrase')
    .option('--json', 'print JSON')
    .action(
      async (
        assessmentId: string,
        o: {
          list?: boolean;
          framework?: FrameworkId;
          control?: string;
          role?: 'preparer' | 'reviewer' | 'approver';
          as?: string;
          passphraseEnv?: string;
          json?: boolean;
        },
      ) => {
        await withWorkspace(async (ws) => {
          if (o.list) {
            const all = await api(ws, 'signoffs.list', { assessmentId, framework: o.framework });
            if (o.json) return json(all);
            return out(
              formatTable(
                ['framework', 'control', 'role', 'person', 'signed', 'signature', 'evidence'],
                all.map((s) => [
                  s.framework,
                  s.controlId,
                  s.role,
                  s.personName,
                  s.signedAt,
                  s.signatureValid ? 'valid' : 'INVALID',
                  s.stale ? 'STALE' : 'current',
                ]),
              ),
            );
          }
          if (!o.framework || !o.control || !o.role || !o.as)
            throw new Error('Signing needs --framework, --control, --role and --as (or use --list).');
          const s = await api(ws, 'signoffs.sign', {
            actor: o.as,
            assessmentId,
            framework: o.framework,
            controlId: o.control,
            role: o.role,
            passphrase: passphraseFrom(o.passphraseEnv),
          });
          if (o.json) return json(s);
          out(`${s.personName} signed ${s.framework} ${s.controlId} as ${s.role}; digest ${s.digest}`);
        });
      },
    );
}
