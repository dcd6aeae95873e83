// The editable text and layout an evidence package is built from (appRoot()/evidence-templates): report
// narrative per framework and the workbook's column sets. Loaded and validated at export time so a firm can
// adapt wording without a new build, and a broken edit fails the export with the file and field to fix.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ControlStatus, type FrameworkId } from '../../shared/domain';
import { appRoot } from '../paths';

const Text = z.string().min(1);

export const ReportTemplate = z.object({
  coverTitle: Text,
  coverSubtitle: Text,
  preparedWith: Text,
  coverNote: Text,
  scopeHeading: Text,
  scope: z.array(Text),
  methodHeading: Text,
  method: z.array(Text),
  controlsHeading: Text,
  controlsIntro: Text,
  testPerformedHeading: Text,
  noChecksMapped: Text,
  manualEvidenceLabel: Text,
  populationHeading: Text,
  population: Text,
  emptyPopulation: Text,
  resultsHeading: Text,
  results: Text,
  failingTableCap: z.number().int().min(1).max(1000),
  failingTableMore: Text,
  noFailures: Text,
  conclusionHeading: Text,
  conclusion: z.record(ControlStatus, Text),
  gapsHeading: Text,
  gapsIntro: Text,
  noGaps: Text,
  appendixHeading: Text,
  appendixIntro: Text,
});
export type ReportTemplate = z.infer<typeof ReportTemplate>;

export const FrameworkNarrative = z.object({ controlLabel: Text, introduction: z.array(Text) });
export type FrameworkNarrative = z.infer<typeof FrameworkNarrative>;

/** The fields each workbook table sheet can show; a column set picks, orders and labels some of them. */
export const WORKBOOK_FIELDS = {
  'Control matrix': [
    'controlId',
    'title',
    'status',
    'statusReason',
    'checkIds',
    'pass',
    'fail',
    'error',
    'na',
    'excepted',
    'manualEvidence',
  ],
  Findings: [
    'checkId',
    'checkTitle',
    'checkOrigin',
    'severity',
    'service',
    'resourceUid',
    'resourceName',
    'resourceType',
    'region',
    'status',
    'reason',
  ],
  Inventory: ['uid', 'type', 'service', 'region', 'name', 'sha256'],
  'Collection log': ['service', 'region', 'operation', 'resource', 'code', 'message'],
  Hashes: ['path', 'sha256', 'bytes'],
} as const;
export type WorkbookSheet = keyof typeof WORKBOOK_FIELDS;

const Column = z.object({ key: Text, header: Text, width: z.number().min(4).max(120) });
export type WorkbookColumn = z.infer<typeof Column>;
export type WorkbookColumns = Record<WorkbookSheet, WorkbookColumn[]>;

function columnsFor(sheet: WorkbookSheet) {
  const keys: readonly string[] = WORKBOOK_FIELDS[sheet];
  return z
    .array(Column)
    .min(1)
    .superRefine((cols, ctx) => {
      for (const c of cols) {
        if (!keys.includes(c.key)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown column key '${c.key}' (known: ${keys.join(', ')})`,
          });
        }
      }
    });
}

const WorkbookColumnsFile = z
  .object({
    'Control matrix': columnsFor('Control matrix'),
    Findings: columnsFor('Findings'),
    Inventory: columnsFor('Inventory'),
    'Collection log': columnsFor('Collection log'),
    Hashes: columnsFor('Hashes'),
  })
  .loose();

export type EvidenceTemplates = {
  report: ReportTemplate;
  narrative: FrameworkNarrative;
  workbookColumns: WorkbookColumns;
};

export class TemplateError extends Error {}

export function templatesDir(): string {
  return path.join(appRoot(), 'evidence-templates');
}

export function loadTemplates(framework: FrameworkId, dir = templatesDir()): EvidenceTemplates {
  return {
    report: readJson(path.join(dir, 'report.json'), ReportTemplate),
    narrative: readJson(path.join(dir, 'frameworks', `${framework}.json`), FrameworkNarrative),
    workbookColumns: readJson(path.join(dir, 'workbook-columns.json'), WorkbookColumnsFile),
  };
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TemplateError(`Evidence template ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TemplateError(`Evidence template ${file} is invalid: ${issues}`);
  }
  return parsed.data;
}

/**
 * Fills {name} placeholders. An unknown placeholder throws rather than printing "{acount}" into a report an
 * auditor will read.
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_match, name: string) => {
    if (!(name in values)) {
      throw new TemplateError(
        `Evidence template text "${template}" uses {${name}}, which is not available here ` +
          `(available: ${Object.keys(values).join(', ')})`,
      );
    }
    return String(values[name]);
  });
}
