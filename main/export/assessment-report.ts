// report.docx of an assessment package: the cover names the assessment, its period, the signer fingerprint and
// the preparer, reviewer and approver with their sign-off dates; a Scope section lists every AWS account and
// Azure subscription concluded on (and what was left out, with why); then per framework and control the
// single-snapshot structure (test performed, population, results, conclusion) plus what only an assessment
// has: the conclusion in the framework's words, the exceptions in force, the manual evidence files (name and
// SHA-256) and the sign-off history.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from 'docx';
import type { AssessmentControl, AssessmentRole, Finding } from '../../shared/domain';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import type { AssessmentPackageModel, PackagedFramework } from './assessment-model';
import { exceptionResources, personNames, requestIndex } from './assessment-workbook';
import { accountLabel } from './provider-words';
import {
  DEMO_RED,
  dataTable,
  demoCoverBanner,
  heading,
  keyValueTable,
  para,
  statusRun,
  type Block,
} from './report';
import type { StatusCounts } from './evidence-rows';
import { CONTROL_STATUS_STYLE, FINDING_STATUS_STYLE } from './status-style';
import { fillTemplate } from './templates';

export const SCOPE_HEADING = 'Scope';
export const OUT_OF_SCOPE_HEADING = 'Out of scope';
export const SIGNOFF_HISTORY_HEADING = 'Sign-off history';

const ROLES: readonly AssessmentRole[] = ['preparer', 'reviewer', 'approver'];

export async function buildAssessmentReport(model: AssessmentPackageModel): Promise<Buffer> {
  const a = model.assessment;
  const children: Block[] = [
    ...cover(model),
    new Paragraph({ children: [new PageBreak()] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ children: [new PageBreak()] }),
    ...scopeSection(model),
    ...methodSection(model),
    ...model.frameworks.flatMap((f) => frameworkSection(model, f)),
    ...gapsSection(model),
    ...appendix(model),
  ];
  const doc = new Document({
    title: `${a.name}: assessment evidence`,
    subject: `Assessment ${a.id}`,
    creator: `${model.tool.name} ${model.tool.version}`,
    description: `Evidence report for ${a.name}, ${a.periodStart} to ${a.periodEnd}`,
    features: { updateFields: true },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  ...(model.demo
                    ? [new TextRun({ text: `${DEMO_LABEL} - `, size: 16, bold: true, color: DEMO_RED })]
                    : []),
                  new TextRun({
                    text: `${a.name} - ${a.periodStart} to ${a.periodEnd}`,
                    size: 16,
                    color: '595959',
                  }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** "Name (signed 2026-02-01)" per role holder: the latest valid sign-off they made in that role. */
function roleHolders(model: AssessmentPackageModel, role: AssessmentRole): string {
  const holders = model.assessment.people.filter((p) => p.role === role);
  if (holders.length === 0) return 'none assigned';
  return holders
    .map((p) => {
      const signed = model.signoffs
        .filter((s) => s.personId === p.personId && s.role === role && s.signatureValid)
        .map((s) => s.signedAt)
        .sort()
        .at(-1);
      return `${p.name} <${p.email}> (${signed ? `signed ${signed.slice(0, 10)}` : 'not signed'})`;
    })
    .join('; ');
}

function cover(model: AssessmentPackageModel): Block[] {
  const a = model.assessment;
  const cap = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;
  return [
    ...(model.demo ? demoCoverBanner() : []),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { before: model.demo ? 1200 : 2400 },
      children: [new TextRun(a.name)],
    }),
    new Paragraph({
      spacing: { after: 480 },
      children: [new TextRun({ text: 'Assessment evidence report', size: 28 })],
    }),
    keyValueTable([
      ['Assessment', `${a.name} (${a.id})`],
      ['Period', `${a.periodStart} to ${a.periodEnd}`],
      ['Frameworks', model.frameworks.map((f) => `${f.info.name} (${f.info.version})`).join('; ')],
      ['Accounts and subscriptions', String(model.snapshots.length)],
      ['Report date', model.generatedAt.slice(0, 10)],
      ['Signer fingerprint', model.signer?.fingerprint ?? 'unsigned draft'],
      ...ROLES.map((r): [string, string] => [cap(r), roleHolders(model, r)]),
    ]),
    para(
      'Conclusions are point-in-time tests of design and implementation drawn from configuration snapshots; ' +
        'they do not claim operating effectiveness over the period.',
    ),
  ];
}

function scopeSection(model: AssessmentPackageModel): Block[] {
  const sc = model.assessment.scope;
  const blocks: Block[] = [
    heading(SCOPE_HEADING, HeadingLevel.HEADING_1),
    para(
      `The assessment concludes on ${model.snapshots.length} snapshot(s): the latest complete snapshot of each ` +
        'AWS account and Azure subscription in scope.',
    ),
    dataTable(
      ['Cloud', 'Account / subscription', 'Name', 'Snapshot', 'Collected (UTC)', 'Regions'],
      model.snapshots.map((s) => [
        s.provider === 'azure' ? 'Azure' : s.provider.toUpperCase(),
        `${accountLabel(s.provider)} ${s.account ?? 'unknown'}`,
        s.accountName ?? '',
        s.id,
        `${s.startedAt} to ${s.finishedAt}`,
        s.regions.join(', ') || 'none',
      ]),
    ),
    para(`Regions in scope: ${sc.regions.length ? sc.regions.join(', ') : 'every region collected'}.`),
    para(
      sc.tag
        ? `Tag filter: ${sc.tag.key}=${sc.tag.value} (resources carrying tags but not this one are left out; untagged resources stay in).`
        : 'Tag filter: none.',
    ),
    heading(OUT_OF_SCOPE_HEADING, HeadingLevel.HEADING_2),
  ];
  if (model.outOfScope.length === 0)
    blocks.push(para('Nothing attached or collected was left out of scope.'));
  else
    blocks.push(
      dataTable(
        ['Kind', 'Account / subscription', 'Item', 'Reason'],
        model.outOfScope.map((x) => [x.kind, x.account, x.item, x.reason]),
      ),
    );
  return blocks;
}

function methodSection(model: AssessmentPackageModel): Block[] {
  return [
    heading('Method', HeadingLevel.HEADING_1),
    para(
      'Configuration was collected with read-only API calls. Each security check is a SQL query over a snapshot; ' +
        'every snapshot, its findings and the assessment records ship in snapshot.sqlite and every check in ' +
        `checks/ (check pack ${model.tool.catalogVersion}), so any check can be re-performed.`,
    ),
    para(
      'Each control is concluded over every snapshot in scope: Deficient when a failure is not covered by an ' +
        'approved, unexpired exception; Incomplete when results could not be evaluated or collection gaps affect ' +
        'the population; Awaiting evidence while manual evidence requests are unanswered; Effective with ' +
        'exceptions when every failure is covered. People sign each conclusion with their own key over a digest ' +
        'of the evidence; a sign-off over evidence that has since changed is shown as stale.',
    ),
  ];
}

function frameworkSection(model: AssessmentPackageModel, f: PackagedFramework): Block[] {
  return [
    heading(`${f.info.name} (${f.info.version})`, HeadingLevel.HEADING_1, true),
    ...f.narrative.introduction.map((p) => para(p)),
    dataTable(
      ['Control', 'Title', 'Status', 'Conclusion'],
      f.controls.map((c) => [c.controlId, c.title, CONTROL_STATUS_STYLE[c.status], c.label]),
    ),
    ...frameworkSignoffs(model, f),
    ...f.controls.flatMap((c) => controlSection(model, f, c)),
  ];
}

function frameworkSignoffs(model: AssessmentPackageModel, f: PackagedFramework): Block[] {
  const whole = model.signoffs.filter((s) => s.framework === f.info.id && s.controlId === '*');
  if (whole.length === 0) return [para(`No one has signed off ${f.info.name} as a whole.`)];
  return [para(`Sign-offs of ${f.info.name} as a whole:`), signoffTable(whole)];
}

function signoffTable(list: AssessmentPackageModel['signoffs']) {
  return dataTable(
    ['Role', 'Person', 'Time (UTC)', 'Digest', 'Signature', 'Current'],
    list.map((s) => [
      s.role,
      s.personName,
      s.signedAt,
      s.digest,
      s.signatureValid ? 'valid' : 'INVALID',
      s.stale ? 'stale (evidence changed since)' : 'holds',
    ]),
  );
}

function controlSection(model: AssessmentPackageModel, f: PackagedFramework, c: AssessmentControl): Block[] {
  const t = model.templates.report;
  const person = personNames(model);
  const requests = requestIndex(model);
  const checks = c.checkIds.map((id) => model.checks.find((k) => k.id === id)).filter((k) => k !== undefined);
  const blocks: Block[] = [
    heading(`${f.narrative.controlLabel} ${c.controlId}: ${c.title}`, HeadingLevel.HEADING_2),
    para(c.description),
    new Paragraph({
      spacing: { after: 120 },
      children: [
        new TextRun({ text: 'Status: ', bold: true }),
        statusRun(CONTROL_STATUS_STYLE[c.status]),
        new TextRun({ text: `  ${c.label}` }),
      ],
    }),
    heading(t.testPerformedHeading, HeadingLevel.HEADING_3),
  ];
  if (checks.length === 0) blocks.push(para(t.noChecksMapped));
  for (const k of checks)
    blocks.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: `${k.title} `, bold: true }),
          new TextRun({
            text: `(${k.id}, ${k.severity}${k.origin === 'custom' ? ', custom check' : ''}, ${k.sqlFile}): `,
          }),
          new TextRun(k.rationale),
        ],
      }),
    );
  if (c.manualEvidence.length > 0) {
    blocks.push(para(t.manualEvidenceLabel));
    for (const m of c.manualEvidence) blocks.push(new Paragraph({ text: m, bullet: { level: 0 } }));
  }

  blocks.push(heading(t.populationHeading, HeadingLevel.HEADING_3));
  const p = c.population;
  blocks.push(
    para(
      `${p.resources} resource result(s) in ${p.accounts.length ? `account(s) / subscription(s) ${p.accounts.join(', ')}` : 'no account'}` +
        `, region(s) ${p.regions.join(', ') || 'none'}` +
        (p.excluded > 0 ? `; ${p.excluded} result(s) left out of scope` : '') +
        '.',
    ),
  );

  blocks.push(heading(t.resultsHeading, HeadingLevel.HEADING_3));
  blocks.push(para(fillTemplate(t.results, { ...c.counts })));
  const failing = failingOf(model, c, t.failingTableCap);
  if (failing.total === 0) blocks.push(para(t.noFailures));
  else {
    blocks.push(
      dataTable(
        ['Account / subscription', 'Check', 'Resource', 'Status', 'Reason'],
        failing.rows.map(([account, f]) => [
          account,
          f.checkId,
          f.resourceUid,
          FINDING_STATUS_STYLE[f.status],
          f.reason,
        ]),
      ),
    );
    if (failing.total > failing.rows.length)
      blocks.push(
        para(
          `${failing.rows.length} of ${failing.total} failing or error results shown; all of them are in the ` +
            "workbook's Findings sheets and in evidence/<cloud>/<account>/findings.json.",
        ),
      );
  }

  blocks.push(heading(t.conclusionHeading, HeadingLevel.HEADING_3));
  blocks.push(
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: c.label, bold: true })] }),
    para(c.conclusion),
  );

  blocks.push(heading('Exceptions in force', HeadingLevel.HEADING_3));
  if (c.exceptionsInForce.length === 0) blocks.push(para('None.'));
  else
    blocks.push(
      dataTable(
        ['Exception', 'Check', 'Resources', 'Compensating control', 'Approved by', 'Expires'],
        c.exceptionsInForce.map((x) => {
          const e = model.exceptions.find((v) => v.id === x.id && v.version === x.version);
          return [
            `${x.id} v${x.version}`,
            e?.checkId ?? '',
            e ? exceptionResources(e) : '',
            e?.compensatingControl ?? 'none (risk acceptance)',
            e?.decidedBy ? person(e.decidedBy) : '',
            x.expiresAt,
          ];
        }),
      ),
    );

  blocks.push(heading('Manual evidence', HeadingLevel.HEADING_3));
  const files = model.attachments.filter((a) => requests.get(a.requestId)?.controlId === c.controlId);
  if (files.length === 0)
    blocks.push(
      para(c.requests.length ? 'No file has been attached yet.' : 'No manual evidence is requested.'),
    );
  else
    blocks.push(
      dataTable(
        ['Request', 'File', 'SHA-256', 'Effective', 'Uploaded', 'Revision'],
        files.map((a) => [
          a.requestId,
          a.originalName,
          a.sha256,
          a.effectiveFrom === a.effectiveTo ? a.effectiveFrom : `${a.effectiveFrom} to ${a.effectiveTo}`,
          `${a.uploadedAt} by ${person(a.uploadedBy)}`,
          `${a.revision}${a.current ? ' (current)' : ''}`,
        ]),
      ),
    );

  blocks.push(heading(SIGNOFF_HISTORY_HEADING, HeadingLevel.HEADING_3));
  if (c.signoffs.length === 0) blocks.push(para('Not signed off.'));
  else blocks.push(signoffTable(c.signoffs));
  return blocks;
}

/** Counts per check of each snapshot, computed once per report rather than once per control. */
const COUNTS = new WeakMap<object, Map<string, StatusCounts>>();

/** The first fail/error findings of the control's checks across every snapshot, and how many there are. */
function failingOf(
  model: AssessmentPackageModel,
  c: AssessmentControl,
  cap: number,
): { rows: [string, Finding][]; total: number } {
  const rows: [string, Finding][] = [];
  let total = 0;
  for (const s of model.snapshots) {
    let counts = COUNTS.get(s.findings);
    if (!counts) COUNTS.set(s.findings, (counts = s.findings.countsByCheck()));
    for (const id of c.checkIds) total += (counts.get(id)?.fail ?? 0) + (counts.get(id)?.error ?? 0);
    if (rows.length < cap)
      for (const f of s.findings.failing(c.checkIds, cap - rows.length))
        rows.push([s.account ?? 'unknown', f]);
  }
  return { rows, total };
}

function gapsSection(model: AssessmentPackageModel): Block[] {
  const gaps = model.snapshots.flatMap((s) => s.gaps.map((g) => ({ account: s.account ?? 'unknown', ...g })));
  return [
    heading('Collection gaps', HeadingLevel.HEADING_1, true),
    gaps.length === 0
      ? para('Every API call of every snapshot in scope succeeded.')
      : dataTable(
          ['Account / subscription', 'Service', 'Region', 'Operation', 'Code', 'Message'],
          gaps.map((g) => [g.account, g.service, g.region, g.operation, g.code, g.message]),
        ),
  ];
}

function appendix(model: AssessmentPackageModel): Block[] {
  return [
    heading('Appendix: checks', HeadingLevel.HEADING_1, true),
    dataTable(
      ['Check', 'Title', 'Severity', 'Resource type', 'SQL file'],
      model.checks.map((k) => [k.id, k.title, k.severity, k.resourceType, k.sqlFile]),
    ),
  ];
}
