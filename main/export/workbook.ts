// workbook.xlsx: the evidence as tables an auditor can filter, sort and sample from. One sheet per table
// (column sets from evidence-templates/workbook-columns.json) plus a Summary; every table sheet has a frozen,
// styled header row and an autofilter, and status cells carry both a colour and the status word.
// Written with exceljs's streaming WorkbookWriter, row by row from the model's row sources, so a workbook of
// a million findings needs no more memory than one of a thousand; a table longer than Excel's sheet limit
// continues on "<name> 2", "<name> 3"...
import fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ControlStatus, FindingStatus } from '../../shared/domain';
import { DEMO_LABEL } from '../evidence/demo-snapshot';
import type { EvidenceModel } from './evidence-model';
import type { FileHash } from './manifest';
import { CONTROL_STATUS_STYLE, FINDING_STATUS_STYLE, type StatusStyle } from './status-style';
import type { WorkbookColumn, WorkbookSheet } from './templates';
import { accountLabel, identityLabel } from './provider-words';

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
/** Points: Excel's default row height, one line of 11 pt text. */
const SINGLE_LINE_HEIGHT = 15;

export type Cell = string | number;
export type Row = Record<string, Cell>;

/** Excel's limit: 1,048,576 rows per sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;

export type WorkbookOptions = {
  /** Rows per sheet, header included; a longer table continues on "<name> 2", "<name> 3"... */
  maxRowsPerSheet?: number;
  /** Checked between chunks of rows: a cancelled export stops writing. */
  signal?: AbortSignal;
  /**
   * Called with a sheet's row count every PROGRESS_EVERY_ROWS rows and when it is finished, so an export of
   * a million findings shows movement.
   */
  onSheet?: (sheet: string, rows: number, finished: boolean) => void;
};

/** Rows written between yields: lets the zip stream drain and a cancel arrive, without slowing small sheets. */
const ROWS_PER_YIELD = 500;
/** Rows between progress reports within one sheet. */
export const PROGRESS_EVERY_ROWS = 100_000;
/** Sheet XML allowed to wait for compression before rows stop being added. */
const MAX_SHEET_BACKLOG_BYTES = 32 << 20;

/**
 * exceljs's sheet stream (StreamBuf) ignores backpressure: rows committed faster than the zip deflates them
 * queue in memory, which grew with the estate (150 MB of XML at 250k rows) because zlib only gets to run
 * when the event loop turns. This is the only part of
 * exceljs's internals we read: the sheet stream's own buffers and the zip entry stream it is piped into. If a later
 * exceljs changes them, the backlog reads as 0 and export still works, only without the bound (the bench shows it).
 */
type SheetStream = {
  buffers?: { length?: number }[];
  pipes?: { writableLength?: number; _writableState?: { length?: number } }[];
};

function sheetBacklogBytes(ws: ExcelJS.Worksheet): number {
  const stream = (ws as unknown as { _stream?: SheetStream })._stream;
  if (!stream) return 0;
  let n = 0;
  for (const b of stream.buffers ?? []) n += b.length ?? 0;
  // archiver's entry stream is a readable-stream v2 PassThrough: no writableLength, only its state.
  for (const p of stream.pipes ?? []) n += p.writableLength ?? p._writableState?.length ?? 0;
  return n;
}

async function drainSheet(ws: ExcelJS.Worksheet): Promise<void> {
  while (sheetBacklogBytes(ws) > MAX_SHEET_BACKLOG_BYTES) await new Promise((r) => setTimeout(r, 2));
}

/**
 * Streams the workbook to `file` (created exclusively, mode 0600) with exceljs's WorkbookWriter: each row is
 * committed as it is written, so memory does not grow with the number of findings.
 */
export async function writeWorkbook(
  model: EvidenceModel,
  hashes: readonly FileHash[],
  file: string,
  opts: WorkbookOptions = {},
): Promise<void> {
  const maxRows = opts.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 2)
    throw new Error(`maxRowsPerSheet must be an integer of at least 2 (a header and a row), not ${maxRows}`);
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  await opened;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = `${model.tool.name} ${model.tool.version}`;
  wb.created = new Date(model.generatedAt);
  wb.title = `${model.snapshot.demo ? `${DEMO_LABEL} - ` : ''}${model.framework.name} evidence - ${model.snapshot.account ?? model.snapshot.id}`;
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', () => resolve());
    out.once('error', reject);
  });
  // Awaited after commit; until then an early stream error must not surface as an unhandled rejection
  // (it also fails commit, which is what reports it).
  closed.catch(() => undefined);
  try {
    const demo = model.snapshot.demo;
    addSummary(wb, model);
    const cols = model.templates.workbookColumns;
    const table = (name: WorkbookSheet, rows: Iterable<[Row, StatusStyle?]>) =>
      addTable(wb, name, cols[name], rows, maxRows, { ...opts, demo });

    await table(
      SHEETS.controls,
      mapRows(model.controls, (c) => [
        {
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
        },
        CONTROL_STATUS_STYLE[c.status as ControlStatus],
      ]),
    );
    await table(
      SHEETS.findings,
      mapRows(model.findings.rows(), (f) => [
        {
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
        },
        FINDING_STATUS_STYLE[f.status as FindingStatus],
      ]),
    );
    await table(
      SHEETS.inventory,
      mapRows(model.inventory.rows(), (r) => [{ ...r }]),
    );
    await table(
      SHEETS.gaps,
      // An account-wide call's gap names no resource: an empty cell.
      mapRows(model.gaps, (g) => [{ ...g, resource: g.resource ?? '' }]),
    );
    await table(
      SHEETS.hashes,
      mapRows(hashes, (h) => [{ path: h.path, sha256: h.sha256, bytes: h.bytes }]),
    );
    await wb.commit();
    await closed;
  } catch (e) {
    out.destroy();
    throw e;
  }
}

export function* mapRows<T>(
  rows: Iterable<T>,
  f: (row: T) => [Row, StatusStyle?],
): Iterable<[Row, StatusStyle?]> {
  for (const r of rows) yield f(r);
}

/** Auditors print workbooks: every sheet prints landscape, one page wide, as many pages tall as it needs. */
export const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  paperSize: 9, // A4
};

const DEMO_RED = 'C00000';
const DEMO_COLUMN_KEY = '__demo';

/**
 * A demo workbook says so on every sheet, on screen and on paper: a red cell closing the header row (row 1, frozen,
 * and repeated on every printed page as the print titles), the same words in the printed page header and footer,
 * and a red sheet tab. Fixed here, not in the editable evidence-templates, so no template edit removes it.
 */
export function demoSheetOptions(demo: boolean): Partial<ExcelJS.AddWorksheetOptions> {
  if (!demo) return {};
  const printed = `&C&"-,Bold"&14&K${DEMO_RED}${DEMO_LABEL}`;
  return {
    properties: { tabColor: { argb: `FF${DEMO_RED}` } } as ExcelJS.WorksheetProperties,
    headerFooter: { oddHeader: printed, oddFooter: printed, differentFirst: false, differentOddEven: false },
  };
}

export const demoColumn = (demo: boolean) =>
  demo ? [{ header: DEMO_LABEL, key: DEMO_COLUMN_KEY, width: DEMO_LABEL.length + 4 }] : [];

export function paintDemoHeader(ws: ExcelJS.Worksheet, demo: boolean): void {
  if (!demo) return;
  const cell = ws.getRow(1).getCell(DEMO_COLUMN_KEY);
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${DEMO_RED}` } };
  cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
}

function addSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: EvidenceModel): void {
  const demo = model.snapshot.demo;
  const ws = wb.addWorksheet(SHEETS.summary, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // A demo Summary repeats its labelled header row on every printed page, like the tables do.
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
  const s = model.snapshot;
  const rows: [string, Cell][] = [
    ...(demo
      ? ([
          [
            DEMO_LABEL,
            "The fictional Northwind Health estate of Evidence Desk's embedded demo, signed with the published " +
              'demo key: not evidence about any real account.',
          ],
        ] as [string, Cell][])
      : []),
    ['Tool', model.tool.name],
    ['Tool version', model.tool.version],
    ['Check catalog version', model.tool.catalogVersion],
    ['Framework', `${model.framework.name} (${model.framework.id})`],
    ['Framework version', model.framework.version],
    ['Snapshot id', s.id],
    ['Provider', s.provider],
    [accountLabel(s.provider), s.account ?? 'unknown'],
    [identityLabel(s.provider), s.identity ?? 'unknown'],
    ['Regions', s.regions.join(', ') || 'none'],
    ['Collection started (UTC)', s.startedAt],
    ['Collection finished (UTC)', s.finishedAt],
    ['Package generated (UTC)', model.generatedAt],
    ['Content SHA-256', s.contentSha256],
    // One line each: the catalog version is its own row above, and the label fits column A (a longer one ran
    // into the value when rendered).
    ['Evaluation id', model.evaluation.id],
    ['Signer fingerprint (SHA-256)', model.signer?.fingerprint ?? 'unsigned draft'],
    ['Resources (population)', model.inventory.count],
    ['Collection gaps', model.gaps.length],
    ['Checks mapped to this framework', model.checks.length],
    ['Findings of mapped checks', model.findings.count],
  ];
  // Styles are per cell here: a streamed sheet has no column style to fall back on once rows are committed.
  const addRow = (field: string, value: Cell) => {
    const row = ws.addRow({ field, value });
    row.getCell('value').alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  for (const [field, value] of rows) addRow(field, value).commit();
  const statusRow = (label: string, n: number, style: StatusStyle) => {
    const row = addRow(label, n);
    paintStatus(row.getCell('field'), style);
    row.commit();
  };
  for (const [status, style] of Object.entries(FINDING_STATUS_STYLE) as [FindingStatus, StatusStyle][]) {
    const key = status === 'n/a' ? 'na' : status;
    statusRow(`Findings: ${style.label}`, model.findingCounts[key], style);
  }
  for (const [status, style] of Object.entries(CONTROL_STATUS_STYLE) as [ControlStatus, StatusStyle][]) {
    statusRow(`Controls: ${style.label}`, model.controlStatusCounts[status], style);
  }
  ws.commit();
}

/** The name of the n-th sheet of a table: "Findings", then "Findings 2", "Findings 3"... */
export function continuedSheetName(name: string, n: number): string {
  return n === 1 ? name : `${name} ${n}`;
}

export async function addTable(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly WorkbookColumn[],
  rows: Iterable<[Row, StatusStyle?]>,
  maxRows: number,
  opts: WorkbookOptions & { demo: boolean },
): Promise<void> {
  const hasStatus = columns.some((c) => c.key === 'status');
  let part = 0;
  let ws: ExcelJS.Worksheet | null = null;
  let inSheet = 0;
  let total = 0;
  const close = () => {
    if (!ws) return;
    ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: Math.max(1, inSheet + 1), column: columns.length },
    };
    ws.commit();
    opts.onSheet?.(continuedSheetName(name, part), inSheet, true);
    ws = null;
  };
  const open = () => {
    part++;
    inSheet = 0;
    const sheet = wb.addWorksheet(continuedSheetName(name, part), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { ...PRINT_SETUP, printTitlesRow: '1:1' },
      ...demoSheetOptions(opts.demo),
    });
    // Printed, the header row repeats on every page so a page of findings still says what each column is.
    sheet.columns = [
      ...columns.map((c) => ({ header: c.header, key: c.key, width: c.width })),
      ...demoColumn(opts.demo),
    ];
    styleHeader(sheet.getRow(1));
    paintDemoHeader(sheet, opts.demo);
    sheet.getRow(1).commit();
    return sheet;
  };
  ws = open();
  for (const [row, style] of rows) {
    if (inSheet + 1 >= maxRows) {
      close();
      ws = open();
    }
    const added = ws.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fitCell(v)])));
    // Only a row whose text needs more than one line gets wrapping and a height: each styled cell costs a
    // style lookup as it is written, and most rows of a large table are one line.
    const height = wrappedRowHeight(row, columns);
    if (height > SINGLE_LINE_HEIGHT) {
      added.alignment = { vertical: 'top', wrapText: true };
      added.height = height;
    }
    if (style && hasStatus) paintStatus(added.getCell('status'), style);
    added.commit();
    inSheet++;
    if (inSheet % PROGRESS_EVERY_ROWS === 0) opts.onSheet?.(continuedSheetName(name, part), inSheet, false);
    if (++total % ROWS_PER_YIELD === 0) {
      await yieldToEventLoop();
      await drainSheet(ws);
      opts.signal?.throwIfAborted();
    }
  }
  close();
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
  return Math.min(409, SINGLE_LINE_HEIGHT * lines); // 409 points is Excel's maximum row height
}

export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HEADER_FILL}` } };
  row.alignment = { vertical: 'middle' };
  row.height = 20;
}

export function paintStatus(cell: ExcelJS.Cell, style: StatusStyle): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${style.fill}` } };
  cell.font = { bold: true, color: { argb: `FF${style.font}` } };
}

function fitCell(v: Cell): Cell {
  if (typeof v !== 'string' || v.length <= EXCEL_CELL_LIMIT) return v;
  const note = ' [cut at the Excel cell limit; full text in evidence/findings.json]';
  return v.slice(0, EXCEL_CELL_LIMIT - note.length) + note;
}
