// One check file -> one CheckDefinition. The format (docs/check-format.md) is a YAML metadata header inside a
// leading SQL block comment, then the query, so the very file the app runs is also a script the sqlite3 shell
// runs unchanged and a document an auditor reads. Built-in and custom files are read by the same strict
// parser: a typo in a field name or a missing rationale is an error naming the file and the field, never a
// silently different check.
import crypto from 'node:crypto';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import {
  FrameworkId,
  Provider,
  Severity,
  withCanonicalFrameworkKeys,
  type CheckOrigin,
} from '../../shared/domain';
import type { CheckDefinition } from './types';

export class CheckFileError extends Error {
  constructor(
    /** The file's path as the analyst or the pack knows it (e.g. checks/custom/my_check.sql). */
    readonly file: string,
    /** The header field at fault (dotted path), or null for the file's layout as a whole. */
    readonly field: string | null,
    readonly detail: string,
  ) {
    super(`Check file ${file}${field ? `, field "${field}"` : ''}: ${detail}`);
  }
}

/** Lower-case letters, digits, '_' and '-', starting with a letter: safe as a file name on every OS. */
export const CHECK_ID = /^[a-z][a-z0-9_-]{0,99}$/;

const HEADER_OPEN = '/* ---';
const HEADER_CLOSE = '--- */';
const SERVICE = /^[a-z][a-z0-9-]{0,49}$/;
const CONTROL_ID = /^[A-Za-z0-9][A-Za-z0-9.()-]{0,39}$/;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const ReferenceSchema = z
  .object({
    title: text(300),
    url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
  })
  .strict();

// One optional list of control ids per framework we know; an unknown framework key is a strict-mode error.
// A retired framework id (e.g. pci-dss-4.0) is read as the current one, so older custom checks still load.
const FrameworkHintsSchema = z.preprocess(
  withCanonicalFrameworkKeys,
  z
    .object(
      Object.fromEntries(
        FrameworkId.options.map((id) => [
          id,
          z.array(z.string().regex(CONTROL_ID, 'not a control id')).optional(),
        ]),
      ) as Record<FrameworkId, z.ZodOptional<z.ZodArray<z.ZodString>>>,
    )
    .strict(),
);

export const CheckHeaderSchema = z
  .object({
    id: z.string().regex(CHECK_ID, 'must be lower-case letters, digits, "_" or "-", starting with a letter'),
    title: text(200),
    severity: Severity,
    provider: Provider,
    service: z.string().regex(SERVICE, 'must be a lower-case service name such as s3 or iam'),
    resource_type: text(200),
    rationale: text(5000),
    remediation: z.object({ console: text(5000), cli: text(5000), terraform: text(5000) }).strict(),
    references: z.array(ReferenceSchema),
    frameworks: FrameworkHintsSchema.optional(),
  })
  .strict();
export type CheckHeader = z.infer<typeof CheckHeaderSchema>;

export type CheckFileSource = {
  /** Path inside the check pack and every package, '/'-separated, e.g. checks/aws/s3/<id>.sql. */
  file: string;
  origin: CheckOrigin;
  /** How errors name the file when the analyst knows it by another path (a custom check in the workspace). */
  label?: string;
};

/** Parses and validates one check file; throws CheckFileError naming the file and the field at fault. */
export function parseCheckFile(bytes: Uint8Array, source: CheckFileSource): CheckDefinition {
  const { file } = source;
  const fail = (field: string | null, detail: string): never => {
    throw new CheckFileError(source.label ?? file, field, detail);
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    fail(
      null,
      'starts with a UTF-8 byte-order mark, which the sqlite3 shell reads as SQL; save it without one',
    );
  }
  let content = '';
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(null, 'is not valid UTF-8 text');
  }
  const { yamlText, sql } = splitHeader(content, fail);
  const header = parseHeader(yamlText, fail);

  const expected = path.posix.basename(file).replace(/\.sql$/, '');
  if (!file.endsWith('.sql')) fail(null, 'must be named <check id>.sql');
  if (header.id !== expected) {
    fail('id', `is "${header.id}" but the file is named ${expected}.sql; the two must match`);
  }
  if (sql.trim() === '') fail('sql', 'there is no SQL query after the metadata header');
  if (!sql.includes('@snapshot_id')) {
    fail('sql', 'the query never uses @snapshot_id, so it would read every snapshot in the workspace');
  }

  return {
    id: header.id,
    provider: header.provider,
    service: header.service,
    title: header.title,
    severity: header.severity,
    resourceType: header.resource_type,
    rationale: header.rationale,
    remediation: header.remediation,
    references: header.references,
    frameworks: header.frameworks ?? {},
    origin: source.origin,
    file,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    sql: sql.trim(),
    bytes,
  };
}

/**
 * Splits "/* ---\n<yaml>\n--- *\/\n<sql>". SQL block comments do not nest and end at the first '*\/', so the
 * first '*\/' in the file must be the one on the closing '--- *\/' line: anything else would make the shell
 * run the rest of the header as SQL.
 */
function splitHeader(
  content: string,
  fail: (field: string | null, detail: string) => never,
): { yamlText: string; sql: string } {
  const firstLineEnd = content.indexOf('\n');
  const firstLine = (firstLineEnd < 0 ? content : content.slice(0, firstLineEnd)).replace(/\r$/, '');
  if (firstLine !== HEADER_OPEN) {
    fail(
      null,
      `must start with a line "${HEADER_OPEN}", the YAML metadata, then a line "${HEADER_CLOSE}" ` +
        '(see docs/check-format.md)',
    );
  }
  const close = content.indexOf('*/');
  if (close < 0) fail(null, `the metadata header is never closed by a line "${HEADER_CLOSE}"`);
  const lineStart = content.lastIndexOf('\n', close) + 1;
  const lineEnd = content.indexOf('\n', close);
  const closeLine = content.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
  if (closeLine !== HEADER_CLOSE) {
    const lineNo = content.slice(0, close).split('\n').length;
    fail(
      null,
      `line ${lineNo} contains "*/", which ends the SQL comment before the closing "${HEADER_CLOSE}" line, ` +
        'so SQLite would run the rest of the header as SQL; reword it (e.g. "* /")',
    );
  }
  return {
    yamlText: content.slice(firstLineEnd + 1, lineStart),
    sql: lineEnd < 0 ? '' : content.slice(lineEnd + 1),
  };
}

function parseHeader(yamlText: string, fail: (field: string | null, detail: string) => never): CheckHeader {
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true, strict: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = problem.linePos?.[0].line;
    // The YAML starts on the file's second line, after "/* ---".
    const where = line === undefined ? '' : ` (line ${line + 1} of the file)`;
    fail(null, `the metadata header is not valid YAML${where}: ${problem.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS();
  const parsed = CheckHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      fail([...at, issue.keys[0]].join('.'), `is not a known field (${describeKnown(at)})`);
    }
    if (at.length === 0) fail(null, `the metadata header must be a YAML mapping of fields: ${issue.message}`);
    fail(at.join('.'), valueAt(raw, at) === undefined ? 'is missing' : issue.message);
  }
  return parsed.data!;
}

function valueAt(value: unknown, at: string[]): unknown {
  let v = value;
  for (const key of at)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function describeKnown(at: string[]): string {
  const shape: Record<string, string[]> = {
    '': Object.keys(CheckHeaderSchema.shape),
    remediation: ['console', 'cli', 'terraform'],
    frameworks: [...FrameworkId.options],
  };
  const key = at.length === 0 ? '' : at[0] === 'references' ? 'reference' : at.join('.');
  if (key === 'reference') return 'a reference has title and url';
  const known = shape[key];
  return known ? `expected one of ${known.join(', ')}` : 'see docs/check-format.md';
}
