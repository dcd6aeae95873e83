// report.docx: the narrative an auditor files in their working papers. Cover, scope and method, then one
// section per control in the order auditors test them (test performed, population, results, conclusion),
// collection gaps and an appendix of checks. Real Word headings (navigation pane, table of contents) and a
// "Page X of Y" footer, because auditors cite evidence by page. Wording comes from evidence-templates/.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { CheckOrigin } from '../../shared/domain';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import type { EvidenceModel, ModelControl } from './evidence-model';
import { CONTROL_STATUS_STYLE, FINDING_STATUS_STYLE, type StatusStyle } from './status-style';
import { fillTemplate } from './templates';
import { accountInText, accountLabel } from './provider-words';

export type Block = Paragraph | Table | TableOfContents;

export async function buildReport(model: EvidenceModel): Promise<Buffer> {
  const t = model.templates.report;
  const vars = commonValues(model);
  const fill = (text: string, extra: Record<string, string | number> = {}) =>
    fillTemplate(text, { ...vars, ...extra });

  const children: Block[] = [
    ...cover(model, fill),
    new Paragraph({ children: [new PageBreak()] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ children: [new PageBreak()] }),
    heading(t.scopeHeading, HeadingLevel.HEADING_1),
    ...model.templates.narrative.introduction.map((p) => para(fill(p))),
    ...t.scope.map((p) => para(fill(p))),
    heading(t.methodHeading, HeadingLevel.HEADING_1),
    ...t.method.map((p) => para(fill(p))),
    heading(t.controlsHeading, HeadingLevel.HEADING_1, true),
    para(fill(t.controlsIntro)),
    statusSummaryTable(model),
    ...model.controls.flatMap((c) => controlSection(model, c, fill)),
    ...gapsSection(model, fill),
    ...appendix(model, fill),
  ];

  const doc = new Document({
    title: fill(t.coverTitle),
    subject: `Snapshot ${model.snapshot.id}`,
    creator: `${model.tool.name} ${model.tool.version}`,
    description: `Evidence report for ${model.framework.name}, ${accountLabel(model.snapshot.provider).toLowerCase()} ${model.snapshot.account ?? 'unknown'}`,
    features: { updateFields: true },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  // Every page of a demo report says so, not only the cover: pages get copied one at a time.
                  ...(model.snapshot.demo
                    ? [new TextRun({ text: `${DEMO_LABEL} - `, size: 16, bold: true, color: DEMO_RED })]
                    : []),
                  new TextRun({
                    text: `${model.framework.name} - ${accountLabel(model.snapshot.provider).toLowerCase()} ${model.snapshot.account ?? 'unknown'} - snapshot ${model.snapshot.id.slice(0, 8)}`,
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

function commonValues(model: EvidenceModel): Record<string, string | number> {
  const s = model.snapshot;
  return {
    frameworkName: model.framework.name,
    frameworkVersion: model.framework.version,
    account: accountInText(s.provider, s.account),
    provider: s.provider.toUpperCase(),
    snapshotId: s.id,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    regions: s.regions.join(', ') || 'none',
    resourceCount: model.inventory.count,
    gapCount: model.gaps.length,
    contentSha256: s.contentSha256,
    identity: s.identity ?? 'an unrecorded identity',
    tool: model.tool.name,
    toolVersion: model.tool.version,
    catalogVersion: model.evaluation.catalogVersion,
    customCheckCount: model.checks.filter((k) => k.origin === 'custom').length,
    generatedDate: model.generatedAt.slice(0, 10),
  };
}

type Fill = (text: string, extra?: Record<string, string | number>) => string;

export const DEMO_RED = 'C00000';

/**
 * The demo's cover banner: first on the cover, large, red, boxed. Its words are fixed here rather than in the
 * editable evidence-templates/report.json, so editing the templates cannot take the label off.
 */
export function demoCoverBanner(): Paragraph[] {
  const border = { style: BorderStyle.SINGLE, size: 24, color: DEMO_RED, space: 6 };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 1200, after: 120 },
      border: { top: border, bottom: border, left: border, right: border },
      children: [new TextRun({ text: DEMO_LABEL, bold: true, size: 56, color: DEMO_RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text:
            "This report describes the fictional Northwind Health estate served by Evidence Desk's embedded demo. " +
            'It is not evidence about any real account, and it is signed with the published demo key.',
          bold: true,
          color: DEMO_RED,
        }),
      ],
    }),
  ];
}

function cover(model: EvidenceModel, fill: Fill): Block[] {
  const t = model.templates.report;
  const s = model.snapshot;
  return [
    ...(s.demo ? demoCoverBanner() : []),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { before: s.demo ? 1200 : 2400 },
      children: [new TextRun(fill(t.coverTitle))],
    }),
    new Paragraph({
      spacing: { after: 480 },
      children: [new TextRun({ text: fill(t.coverSubtitle), size: 28 })],
    }),
    keyValueTable([
      ['Framework', `${model.framework.name} (${model.framework.version})`],
      [accountLabel(s.provider), s.account ?? 'unknown'],
      ['Snapshot', s.id],
      ['Collected (UTC)', `${s.startedAt} to ${s.finishedAt}`],
      ['Report date', model.generatedAt.slice(0, 10)],
      ['Content SHA-256', s.contentSha256],
      ['Findings SHA-256', model.evaluation.findingsSha256 ?? 'recomputed at export'],
      // Read aloud and compared with the one the analyst gave: who signed is part of the evidence.
      ['Signer fingerprint', model.signer?.fingerprint ?? 'unsigned draft'],
    ]),
    new Paragraph({
      spacing: { before: 480 },
      children: [new TextRun({ text: fill(t.preparedWith), bold: true })],
    }),
    para(fill(t.coverNote)),
  ];
}

function controlSection(model: EvidenceModel, c: ModelControl, fill: Fill): Block[] {
  const t = model.templates.report;
  const checks = c.checkIds.map((id) => model.checks.find((k) => k.id === id)).filter((k) => k !== undefined);
  const style = CONTROL_STATUS_STYLE[c.status];
  const blocks: Block[] = [
    heading(`${model.templates.narrative.controlLabel} ${c.controlId}: ${c.title}`, HeadingLevel.HEADING_2),
    para(c.description),
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: 'Status: ', bold: true }), statusRun(style)],
    }),
    heading(t.testPerformedHeading, HeadingLevel.HEADING_3),
  ];
  if (checks.length === 0) blocks.push(para(t.noChecksMapped));
  for (const k of checks) {
    blocks.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: `${k.title} `, bold: true }),
          new TextRun({ text: `(${k.id}, ${k.severity}${originLabel(k.origin)}, ${k.sqlFile}): ` }),
          new TextRun(k.rationale),
        ],
      }),
    );
  }
  if (c.manualEvidence.length > 0) {
    blocks.push(para(t.manualEvidenceLabel));
    for (const m of c.manualEvidence) blocks.push(new Paragraph({ text: m, bullet: { level: 0 } }));
  }

  blocks.push(heading(t.populationHeading, HeadingLevel.HEADING_3));
  const types = c.population.types.join(', ') || 'none';
  blocks.push(
    para(
      c.population.count > 0 || c.population.evaluated > 0
        ? fill(t.population, { count: c.population.count, types, evaluated: c.population.evaluated })
        : fill(t.emptyPopulation, { types }),
    ),
  );
  if (c.gaps.length > 0) {
    blocks.push(
      para(
        `${c.gaps.length} collection gap(s) affect the services this control's checks read: ` +
          c.gaps.map((g) => `${g.service} ${g.operation} in ${g.region} (${g.code})`).join('; ') +
          '.',
      ),
    );
  }

  blocks.push(heading(t.resultsHeading, HeadingLevel.HEADING_3));
  blocks.push(para(fill(t.results, { ...c.counts })));
  if (c.failingCount === 0) {
    blocks.push(para(t.noFailures));
  } else {
    // The report is read, not searched: a capped sample per control, the full list in the workbook and JSON.
    const shown = c.failing.slice(0, t.failingTableCap);
    blocks.push(
      dataTable(
        ['Check', 'Resource', 'Region', 'Status', 'Reason'],
        shown.map((f) => [f.checkId, f.resourceUid, f.region, FINDING_STATUS_STYLE[f.status], f.reason]),
      ),
    );
    if (c.failingCount > shown.length) {
      blocks.push(para(fill(t.failingTableMore, { shown: shown.length, total: c.failingCount })));
    }
  }

  blocks.push(heading(t.conclusionHeading, HeadingLevel.HEADING_3));
  blocks.push(para(fill(t.conclusion[c.status], { controlId: c.controlId, reason: c.statusReason })));
  return blocks;
}

function gapsSection(model: EvidenceModel, fill: Fill): Block[] {
  const t = model.templates.report;
  if (model.gaps.length === 0)
    return [heading(t.gapsHeading, HeadingLevel.HEADING_1, true), para(fill(t.noGaps))];
  return [
    heading(t.gapsHeading, HeadingLevel.HEADING_1, true),
    para(fill(t.gapsIntro)),
    dataTable(
      ['Service', 'Region', 'Operation', 'Resource', 'Code', 'Message'],
      model.gaps.map((g) => [g.service, g.region, g.operation, g.resource ?? '', g.code, g.message]),
    ),
  ];
}

function appendix(model: EvidenceModel, fill: Fill): Block[] {
  const t = model.templates.report;
  return [
    heading(t.appendixHeading, HeadingLevel.HEADING_1, true),
    para(fill(t.appendixIntro)),
    dataTable(
      ['Check', 'Title', 'Severity', 'Resource type', 'SQL file'],
      model.checks.map((k) => [
        k.id,
        `${k.title}${k.origin === 'custom' ? ' (custom check)' : ''}`,
        k.severity,
        k.resourceType,
        k.sqlFile,
      ]),
    ),
  ];
}

/** An analyst's own check is labelled wherever it is cited: the app did not ship or review it. */
function originLabel(origin: CheckOrigin): string {
  return origin === 'custom' ? ', custom check' : '';
}

function statusSummaryTable(model: EvidenceModel): Table {
  return dataTable(
    ['Control', 'Title', 'Status'],
    model.controls.map((c) => [c.controlId, c.title, CONTROL_STATUS_STYLE[c.status]]),
  );
}

export function heading(
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel],
  newPage = false,
): Paragraph {
  return new Paragraph({ text, heading: level, pageBreakBefore: newPage, keepNext: true });
}

export function para(text: string): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [new TextRun(text)] });
}

export function statusRun(style: StatusStyle): TextRun {
  return new TextRun({
    text: ` ${style.label} `,
    bold: true,
    color: style.font,
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: style.fill },
  });
}

export function keyValueTable(rows: [string, string][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [boldPara(k)] }),
            new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: [new Paragraph(v)] }),
          ],
        }),
    ),
  });
}

/** A table with a repeating header row; a StatusStyle cell is shown as its coloured label. */
export function dataTable(headers: string[], rows: (string | StatusStyle)[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map(
          (h) =>
            new TableCell({
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: '1F3864' },
              children: [
                new Paragraph({ children: [new TextRun({ text: h, bold: true, color: 'FFFFFF' })] }),
              ],
            }),
        ),
      }),
      ...rows.map(
        (cells) =>
          new TableRow({
            cantSplit: true,
            children: cells.map((cell) =>
              typeof cell === 'string'
                ? new TableCell({
                    children: [new Paragraph({ children: [new TextRun({ text: cell, size: 18 })] })],
                  })
                : new TableCell({
                    shading: { type: ShadingType.CLEAR, color: 'auto', fill: cell.fill },
                    children: [
                      new Paragraph({
                        children: [new TextRun({ text: cell.label, bold: true, color: cell.font, size: 18 })],
                      }),
                    ],
                  }),
            ),
          }),
      ),
    ],
  });
}

function boldPara(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })] });
}
