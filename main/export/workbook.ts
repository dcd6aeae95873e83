// workbook.xlsx: the evidence as tables an auditor can filter, sort and sample from. One sheet per table
// (column sets from evidence-templates/workbook-columns.json) plus a Summary; every table sheet has a frozen,
// styled header row and an autofilter, and status cells carry both a colour and the status word.
import ExcelJS from 'exceljs';
import type { ControlStatus, FindingStatus } from '../../shared/domain';
import type { EvidenceModel } from './evidence-model';
import type { FileHash } from './manifest';
import { CONTROL_STATUS_STYLE, FINDING_STATUS_STYLE, type StatusStyle } from './status-style';
import type { WorkbookColumn, WorkbookSheet } from './templates';

export const SHEETS = {
  summary: 'Summary',
  controls: 'Control matrix',
  findings: 'Findings',
  inventory: 'Inventory',
  gaps: 'Collection log',
  hashes: 'Hashes',
} as const;

/** Excel refuses cells longer than this; a longer reason is cut with a pointer to the full text. */
const EXCEL_CELL_LIMIT = 32_767;
const HEADER_FILL = '1F3864';

type Cell = string | number;
type Row = Record<string, Cell>;

export async function buildWorkbook(model: EvidenceModel, hashes: readonly FileHash[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${model.tool.name} ${model.tool.version}`;
  wb.created = new Date(model.generatedAt);
  wb.title = `${model.framework.name} evidence - ${model.snapshot.account ?? model.snapshot.id}`;

  addSummary(wb, model);
  const cols = model.templates.workbookColumns;

  addTable(
    wb,
    SHEETS.controls,
    cols['Control matrix'],
    model.controls.map((c) => ({
      controlId: c.controlId,
      title: c.title,
      status: CONTROL_STATUS_STYLE[c.status].label,
      statusReason: c.statusReason,
      checkIds: c.checkIds.join(', '),
      pass: c.counts.pass,
      fail: c.counts.fail,
      error: c.counts.error,
      na: c.counts.na,
      excepted: c.counts.excepted,
      manualEvidence: c.manualEvidence.join('\n'),
    })),
    model.controls.map((c) => CONTROL_STATUS_STYLE[c.status as ControlStatus]),
  );

  addTable(
    wb,
    SHEETS.findings,
    cols.Findings,
    model.findings.map((f) => ({
      checkId: f.checkId,
      checkTitle: f.checkTitle,
      // A custom check is the analyst's own SQL (<workspace>/checks), not one shipped with the app.
      checkOrigin: f.origin === 'custom' ? 'custom' : 'built-in',
      severity: f.severity,
      service: f.service,
      resourceUid: f.resourceUid,
      resourceName: f.resourceName,
      resourceType: f.resourceType,
      region: f.region,
      status: FINDING_STATUS_STYLE[f.status].label,
      reason: f.reason,
    })),
    model.findings.map((f) => FINDING_STATUS_STYLE[f.status as FindingStatus]),
  );

  addTable(
    wb,
    SHEETS.inventory,
    cols.Inventory,
    model.inventory.map((r) => ({ ...r })),
  );
  addTable(
    wb,
    SHEETS.gaps,
    cols['Collection log'],
    model.gaps.map((g) => ({ ...g })),
  );
  addTable(
    wb,
    SHEETS.hashes,
    cols.Hashes,
    hashes.map((h) => ({ path: h.path, sha256: h.sha256, bytes: h.bytes })),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Auditors print workbooks: every sheet prints landscape, one page wide, as many pages tall as it needs. */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  paperSize: 9, // A4
};

function addSummary(wb: ExcelJS.Workbook, model: EvidenceModel): void {
  const ws = wb.addWorksheet(SHEETS.summary, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: PRINT_SETUP,
  });
  ws.columns = [
    { header: 'Field', key: 'field', width: 34 },
    { header: 'Value', key: 'value', width: 90 },
  ];
  styleHeader(ws.getRow(1));
  const s = model.snapshot;
  const rows: [string, Cell][] = [
    ['Tool', model.tool.name],
    ['Tool version', model.tool.version],
    ['Check catalog version', model.tool.catalogVersion],
    ['Framework', `${model.framework.name} (${model.framework.id})`],
    ['Framework version', model.framework.version],
    ['Snapshot id', s.id],
    ['Provider', s.provider],
    ['Account', s.account ?? 'unknown'],
    ['Identity used', s.identity ?? 'unknown'],
    ['Regions', s.regions.join(', ') || 'none'],
    ['Collection started (UTC)', s.startedAt],
    ['Collection finished (UTC)', s.finishedAt],
    ['Package generated (UTC)', model.generatedAt],
    ['Content SHA-256', s.contentSha256],
    ['Evaluation', `${model.evaluation.id} (check catalog ${model.evaluation.catalogVersion})`],
    ['Signer fingerprint (SHA-256 of the public key)', model.signer?.fingerprint ?? 'unsigned draft'],
    ['Resources (population)', model.inventory.length],
    ['Collection gaps', model.gaps.length],
    ['Checks mapped to this framework', model.checks.length],
    ['Findings of mapped checks', model.findings.length],
  ];
  for (const [field, value] of rows) ws.addRow({ field, value });
  const statusRow = (label: string, n: number, style: StatusStyle) => {
    const row = ws.addRow({ field: label, value: n });
    paintStatus(row.getCell('field'), style);
  };
  for (const [status, style] of Object.entries(FINDING_STATUS_STYLE) as [FindingStatus, StatusStyle][]) {
    const key = status === 'n/a' ? 'na' : status;
    statusRow(`Findings: ${style.label}`, model.findingCounts[key], style);
  }
  for (const [status, style] of Object.entries(CONTROL_STATUS_STYLE) as [ControlStatus, StatusStyle][]) {
    statusRow(`Controls: ${style.label}`, model.controlStatusCounts[status], style);
  }
  ws.getColumn('value').alignment = { wrapText: true, vertical: 'top' };
}

function addTable(
  wb: ExcelJS.Workbook,
  name: WorkbookSheet,
  columns: readonly WorkbookColumn[],
  rows: Row[],
  rowStatus?: StatusStyle[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
  // Printed, the header row repeats on every page so a page of findings still says what each column is.
  ws.pageSetup.printTitlesRow = '1:1';
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeader(ws.getRow(1));
  rows.forEach((row, i) => {
    const added = ws.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fitCell(v)])));
    added.alignment = { vertical: 'top', wrapText: true };
    added.height = wrappedRowHeight(row, columns);
    const style = rowStatus?.[i];
    if (style && columns.some((c) => c.key === 'status')) paintStatus(added.getCell('status'), style);
  });
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: columns.length },
  };
}

/**
 * Spreadsheet apps do not reliably grow a row to fit wrapped text they did not lay out themselves (LibreOffice
 * prints such rows one line tall, overlapping). Estimate the lines from text length and column width instead.
 */
function wrappedRowHeight(row: Row, columns: readonly WorkbookColumn[]): number {
  let lines = 1;
  for (const c of columns) {
    const text = String(row[c.key] ?? '');
    const perLine = Math.max(1, Math.floor(c.width * 1.1));
    const needed = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, needed);
  }
  return Math.min(409, 15 * lines); // 409 points is Excel's maximum row height
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HEADER_FILL}` } };
  row.alignment = { vertical: 'middle' };
  row.height = 20;
}

function paintStatus(cell: ExcelJS.Cell, style: StatusStyle): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${style.fill}` } };
  cell.font = { bold: true, color: { argb: `FF${style.font}` } };
}

function fitCell(v: Cell): Cell {
  if (typeof v !== 'string' || v.length <= EXCEL_CELL_LIMIT) return v;
  const note = ' [cut at the Excel cell limit; full text in evidence/findings.json]';
  return v.slice(0, EXCEL_CELL_LIMIT - note.length) + note;
}
