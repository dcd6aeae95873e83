// workbook.xlsx of an assessment package: the single-snapshot sheets across every snapshot (with Cloud and
// Account / subscription columns), a Control matrix per framework with the assessment's statuses and
// conclusions, and the assessment's own sheets: Scope, Exceptions, Manual evidence, Sign-offs. Streamed with
// the same table writer as the single-snapshot workbook (main/export/workbook.ts).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { ControlStatus, ExceptionRecord, FindingStatus } from '../../shared/domain';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import type { AssessmentPackageModel } from './assessment-model';
import type { FileHash } from './manifest';
import { accountLabel } from './provider-words';
import { CONTROL_STATUS_STYLE, FINDING_STATUS_STYLE, type StatusStyle } from './status-style';
import type { WorkbookColumn } from './templates';
import {
  EXCEL_MAX_ROWS,
  PRINT_SETUP,
  addTable,
  demoColumn,
  demoSheetOptions,
  paintDemoHeader,
  styleHeader,
  type Cell,
  type Row,
  type WorkbookOptions,
} from './workbook';

export const ASSESSMENT_SHEETS = {
  summary: 'Summary',
  scope: 'Scope',
  controls: (framework: string) => `Control matrix ${framework}`.slice(0, 31),
  findings: 'Findings',
  inventory: 'Inventory',
  gaps: 'Collection log',
  exceptions: 'Exceptions',
  evidence: 'Manual evidence',
  signoffs: 'Sign-offs',
  hashes: 'Hashes',
} as const;

const col = (key: string, header: string, width: number): WorkbookColumn => ({ key, header, width });
/** Which cloud and which account or subscription a row is about: the first columns of every estate table. */
const WHERE = [col('cloud', 'Cloud', 8), col('account', 'Account / subscription', 40)];

const SCOPE_COLUMNS = [
  col('inScope', 'In scope', 10),
  col('kind', 'Kind', 12),
  ...WHERE,
  col('item', 'Item', 60),
  col('detail', 'Detail / reason', 70),
];
const CONTROL_COLUMNS = [
  col('controlId', 'Control', 14),
  col('title', 'Title', 40),
  col('status', 'Status', 24),
  col('label', 'Conclusion (framework wording)', 26),
  col('conclusion', 'Conclusion', 80),
  col('checkIds', 'Mapped checks', 40),
  col('pass', 'Pass', 8),
  col('fail', 'Fail', 8),
  col('error', 'Error', 8),
  col('na', 'N/A', 8),
  col('excepted', 'Excepted', 10),
  col('exceptions', 'Exceptions in force', 40),
  col('requests', 'Manual evidence', 50),
  col('signedBy', 'Holding sign-offs', 40),
  col('digest', 'Evidence digest', 68),
];
const EXCEPTION_COLUMNS = [
  col('id', 'Exception', 38),
  col('version', 'Version', 9),
  col('scope', 'Scope', 30),
  col('checkId', 'Check', 34),
  col('resources', 'Resources', 50),
  col('justification', 'Justification', 60),
  col('compensatingControl', 'Compensating control', 40),
  col('riskOwner', 'Risk owner', 24),
  col('requestedBy', 'Requested by', 24),
  col('requestedAt', 'Requested at (UTC)', 24),
  col('decidedBy', 'Approved / rejected by', 24),
  col('decision', 'Decision', 10),
  col('decidedAt', 'Decision time (UTC)', 24),
  col('expiresAt', 'Expiry (UTC)', 24),
  col('status', 'Status', 10),
];
const EVIDENCE_COLUMNS = [
  col('controlId', 'Control', 14),
  col('request', 'Request', 60),
  col('fileName', 'File name', 30),
  col('sha256', 'SHA-256', 68),
  col('description', 'Description', 50),
  col('effective', 'Effective date / period', 24),
  col('uploadedBy', 'Uploaded by', 24),
  col('uploadedAt', 'Upload time (UTC)', 24),
  col('revision', 'Revision', 9),
  col('current', 'Current', 9),
];
const SIGNOFF_COLUMNS = [
  col('framework', 'Framework', 16),
  col('controlId', 'Control or framework', 22),
  col('role', 'Role', 10),
  col('person', 'Person', 30),
  col('signedAt', 'Time (UTC)', 24),
  col('digest', 'Digest', 68),
  col('signatureValid', 'Signature valid', 14),
  col('stale', 'Stale', 8),
];
const HASH_COLUMNS = [col('path', 'File', 60), col('sha256', 'SHA-256', 68), col('bytes', 'Bytes', 14)];

const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const cloud = (provider: string) => provider.toUpperCase();

export function exceptionScopeText(e: Pick<ExceptionRecord, 'scope'>): string {
  const s = e.scope;
  const account = s.account ? ` in ${s.account}` : '';
  if (s.kind === 'finding') return `one finding${account}`;
  if (s.kind === 'check-account') return `the check${account}`;
  return s.tag ? `resources tagged ${s.tag.key}=${s.tag.value}${account}` : `named resources${account}`;
}

export function exceptionResources(e: Pick<ExceptionRecord, 'scope'>): string {
  const s = e.scope;
  if (s.resourceUid) return s.resourceUid;
  if (s.resourceUids) return s.resourceUids.join('\n');
  if (s.tag) return `tag ${s.tag.key}=${s.tag.value}`;
  return 'every resource of the check';
}

export async function writeAssessmentWorkbook(
  model: AssessmentPackageModel,
  hashes: readonly FileHash[],
  file: string,
  opts: WorkbookOptions = {},
): Promise<void> {
  const maxRows = opts.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = `${model.tool.name} ${model.tool.version}`;
  wb.created = new Date(model.generatedAt);
  wb.title = `${model.demo ? `${DEMO_LABEL} - ` : ''}${model.assessment.name} evidence`;
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  closed.catch(() => undefined);
  const demo = model.demo;
  const person = personNames(model);
  const table = (name: string, columns: readonly WorkbookColumn[], rows: Iterable<[Row, StatusStyle?]>) =>
    addTable(wb, name, columns, rows, maxRows, { ...opts, demo });
  const cols = model.templates.workbookColumns;
  try {
    addSummary(wb, model);
    await table(ASSESSMENT_SHEETS.scope, SCOPE_COLUMNS, scopeRows(model));
    for (const f of model.frameworks) {
      await table(
        ASSESSMENT_SHEETS.controls(f.info.id),
        CONTROL_COLUMNS,
        f.controls.map((c) => [
          {
            controlId: c.controlId,
            title: c.title,
            status: CONTROL_STATUS_STYLE[c.status].label,
            label: c.label,
            conclusion: c.conclusion,
            checkIds: c.checkIds.join(', '),
            pass: c.counts.pass,
            fail: c.counts.fail,
            error: c.counts.error,
            na: c.counts.na,
            excepted: c.counts.excepted,
            exceptions: c.exceptionsInForce
              .map((e) => `${e.id} v${e.version} (expires ${e.expiresAt})`)
              .join('\n'),
            requests: c.requests
              .map((r) => `${r.id}: ${r.answered ? `${r.attachments} file(s)` : 'unanswered'}`)
              .join('\n'),
            signedBy: c.signoffs
              .filter((s) => s.signatureValid && !s.stale)
              .map((s) => `${s.role}: ${s.personName} ${s.signedAt}`)
              .join('\n'),
            digest: c.digest,
          },
          CONTROL_STATUS_STYLE[c.status as ControlStatus],
        ]),
      );
    }
    await table(ASSESSMENT_SHEETS.findings, [...WHERE, ...cols.Findings], findingRows(model));
    await table(ASSESSMENT_SHEETS.inventory, [...WHERE, ...cols.Inventory], inventoryRows(model));
    await table(
      ASSESSMENT_SHEETS.gaps,
      [...WHERE, ...cols['Collection log']],
      model.snapshots.flatMap((s) =>
        s.gaps.map((g): [Row] => [
          { cloud: cloud(s.provider), account: s.account ?? '', ...g, resource: g.resource ?? '' },
        ]),
      ),
    );
    await table(
      ASSESSMENT_SHEETS.exceptions,
      EXCEPTION_COLUMNS,
      model.exceptions.map((e): [Row] => {
        const decision = [...e.events]
          .reverse()
          .find((x) => x.event === 'approved' || x.event === 'rejected');
        return [
          {
            id: e.id,
            version: e.version,
            scope: exceptionScopeText(e),
            checkId: e.checkId,
            resources: exceptionResources(e),
            justification: e.justification,
            compensatingControl: e.compensatingControl ?? '',
            riskOwner: person(e.riskOwner),
            requestedBy: person(e.requestedBy),
            requestedAt: e.requestedAt,
            decidedBy: decision ? person(decision.actor) : '',
            decision: decision?.event ?? '',
            decidedAt: decision?.at ?? '',
            expiresAt: e.expiresAt,
            status: e.status,
          },
        ];
      }),
    );
    const requests = requestIndex(model);
    await table(
      ASSESSMENT_SHEETS.evidence,
      EVIDENCE_COLUMNS,
      model.attachments.map((a): [Row] => [
        {
          controlId: requests.get(a.requestId)?.controlId ?? '',
          request: `${a.requestId}: ${requests.get(a.requestId)?.request ?? ''}`,
          fileName: a.originalName,
          sha256: a.sha256,
          description: a.description,
          effective:
            a.effectiveFrom === a.effectiveTo ? a.effectiveFrom : `${a.effectiveFrom} to ${a.effectiveTo}`,
          uploadedBy: person(a.uploadedBy),
          uploadedAt: a.uploadedAt,
          revision: a.revision,
          current: yesNo(a.current),
        },
      ]),
    );
    await table(
      ASSESSMENT_SHEETS.signoffs,
      SIGNOFF_COLUMNS,
      model.signoffs.map((s): [Row] => [
        {
          framework: s.framework,
          controlId: s.controlId === '*' ? 'whole framework' : s.controlId,
          role: s.role,
          person: s.personName,
          signedAt: s.signedAt,
          digest: s.digest,
          signatureValid: yesNo(s.signatureValid),
          stale: yesNo(s.stale),
        },
      ]),
    );
    await table(
      ASSESSMENT_SHEETS.hashes,
      HASH_COLUMNS,
      hashes.map((h): [Row] => [{ path: h.path, sha256: h.sha256, bytes: h.bytes }]),
    );
    await wb.commit();
    await closed;
  } catch (e) {
    out.destroy();
    throw e;
  }
}

export function personNames(model: Pick<AssessmentPackageModel, 'people'>): (id: string) => string {
  const byId = new Map(model.people.map((p) => [p.id, `${p.name} <${p.email}>`]));
  return (id) => byId.get(id) ?? id;
}

export function requestIndex(model: Pick<AssessmentPackageModel, 'frameworks'>) {
  const out = new Map<string, { controlId: string; request: string }>();
  for (const f of model.frameworks)
    for (const c of f.framework.controls)
      for (const m of c.manualEvidence) out.set(m.id, { controlId: c.id, request: m.request });
  return out;
}

function* scopeRows(model: AssessmentPackageModel): Iterable<[Row]> {
  const sc = model.assessment.scope;
  for (const s of model.snapshots)
    yield [
      {
        inScope: 'yes',
        kind: 'snapshot',
        cloud: cloud(s.provider),
        account: s.account ?? '',
        item: `${accountLabel(s.provider)} ${s.account ?? 'unknown'}${s.accountName ? ` (${s.accountName})` : ''}`,
        detail: `snapshot ${s.id} collected ${s.startedAt} to ${s.finishedAt}; regions ${s.regions.join(', ') || 'none'}`,
      },
    ];
  yield [
    {
      inScope: 'yes',
      kind: 'regions',
      cloud: '',
      account: '',
      item: sc.regions.length ? sc.regions.join(', ') : 'every region collected',
      detail: 'account-wide resources (region global) are always in scope',
    },
  ];
  yield [
    {
      inScope: 'yes',
      kind: 'tag filter',
      cloud: '',
      account: '',
      item: sc.tag ? `${sc.tag.key}=${sc.tag.value}` : 'none',
      detail: sc.tag ? 'resources with tags but not this one are left out; untagged resources stay in' : '',
    },
  ];
  for (const x of model.outOfScope)
    yield [{ inScope: 'no', kind: x.kind, cloud: '', account: x.account, item: x.item, detail: x.reason }];
}

function* findingRows(model: AssessmentPackageModel): Iterable<[Row, StatusStyle]> {
  const ids = model.checks.map((c) => c.id);
  for (const s of model.snapshots)
    for (const f of s.findings.rows(ids))
      yield [
        {
          cloud: cloud(s.provider),
          account: s.account ?? '',
          checkId: f.checkId,
          checkTitle: f.checkTitle,
          checkOrigin: f.origin === 'custom' ? 'custom' : 'built-in',
          severity: f.severity,
          service: f.service,
          resourceUid: f.resourceUid,
          resourceName: f.resourceName,
          resourceType: f.resourceType,
          region: f.region,
          status: FINDING_STATUS_STYLE[f.status].label,
          reason: f.reason,
        },
        FINDING_STATUS_STYLE[f.status as FindingStatus],
      ];
}

function* inventoryRows(model: AssessmentPackageModel): Iterable<[Row]> {
  // Read per snapshot from the findings' database through the model's snapshot list.
  for (const s of model.snapshots)
    for (const r of s.inventory()) yield [{ cloud: cloud(s.provider), account: s.account ?? '', ...r }];
}

function addSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: AssessmentPackageModel): void {
  const demo = model.demo;
  const ws = wb.addWorksheet(ASSESSMENT_SHEETS.summary, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: demo ? { ...PRINT_SETUP, printTitlesRow: '1:1' } : PRINT_SETUP,
    ...demoSheetOptions(demo),
  });
  ws.columns = [
    { header: 'Field', key: 'field', width: 34 },
    { header: 'Value', key: 'value', width: 90 },
    ...demoColumn(demo),
  ];
  styleHeader(ws.getRow(1));
  paintDemoHeader(ws, demo);
  const a = model.assessment;
  const rows: [string, Cell][] = [
    ...(demo
      ? ([
          [
            DEMO_LABEL,
            'The fictional Northwind Health estate of the embedded demo: not evidence about any real account.',
          ],
        ] as [string, Cell][])
      : []),
    ['Assessment', a.name],
    ['Assessment id', a.id],
    ['Period', `${a.periodStart} to ${a.periodEnd}`],
    ['Status', a.status],
    ['Frameworks', model.frameworks.map((f) => `${f.info.name} (${f.info.version})`).join('; ')],
    ['Snapshots in scope', model.snapshots.length],
    ...model.snapshots.map((s): [string, Cell] => [
      `${cloud(s.provider)} ${accountLabel(s.provider).toLowerCase()} ${s.account ?? ''}`,
      `${s.id} (${s.startedAt})`,
    ]),
    ...a.people.map((p): [string, Cell] => [p.role, `${p.name} <${p.email}>`]),
    ['Exceptions shipped (versions)', model.exceptions.length],
    ['Manual evidence files (revisions)', model.attachments.length],
    ['Sign-offs', model.signoffs.length],
    ['Tool', `${model.tool.name} ${model.tool.version}`],
    ['Check catalog version', model.tool.catalogVersion],
    ['Package generated (UTC)', model.generatedAt],
    ['Signer fingerprint (SHA-256)', model.signer?.fingerprint ?? 'unsigned draft'],
  ];
  for (const [field, value] of rows) {
    const row = ws.addRow({ field, value });
    row.getCell('value').alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  ws.commit();
}
