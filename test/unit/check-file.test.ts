// The check file parser: a good file becomes a CheckDefinition carrying its exact bytes; every kind of bad
// file is refused with a CheckFileError that names the file and the field at fault.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CheckFileError, parseCheckFile } from '../../main/checks/check-file';
import { validateCheckSql } from '../../main/checks/check-sql';

const FILE = 'checks/custom/custom_bucket_tagged.sql';

const HEADER = `/* ---
id: custom_bucket_tagged
title: S3 bucket carries an owner tag
severity: low
provider: aws
service: s3
resource_type: AWS::S3::Bucket
rationale: >-
  Every bucket needs an accountable owner, recorded as a tag
  so that inventories can be reconciled with the asset register.
remediation:
  console: S3 console > the bucket > Properties > Tags > Edit, add owner.
  cli: |-
    aws s3api put-bucket-tagging --bucket <bucket> --tagging 'TagSet=[{Key=owner,Value=<team>}]'
  terraform: |-
    resource "aws_s3_bucket" "this" {
      tags = { owner = "<team>" }
    }
references:
  - title: Tagging your AWS resources
    url: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
frameworks:
  soc2-2017: [CC6.1]
  iso27001-2022: [A.5.9]
--- */`;

const SQL = `SELECT uid AS resource_uid,
  CASE WHEN json_extract(tags, '$.owner') IS NOT NULL THEN 'pass' ELSE 'fail' END AS status,
  'owner tag checked' AS reason,
  json_object('owner', json_extract(tags, '$.owner')) AS evidence
FROM resources
WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket';`;

const GOOD = `${HEADER}\n${SQL}\n`;

function parse(text: string | Buffer, file = FILE) {
  return parseCheckFile(typeof text === 'string' ? Buffer.from(text) : text, { file, origin: 'custom' });
}

/** The CheckFileError thrown for `text`; fails the test if it parses. */
function refusal(text: string | Buffer, file = FILE): CheckFileError {
  try {
    parse(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(CheckFileError);
    const e = err as CheckFileError;
    expect(e.message).toContain(file);
    return e;
  }
  throw new Error('expected the file to be refused');
}

const replace = (from: string, to: string) => {
  expect(GOOD).toContain(from);
  return GOOD.replace(from, to);
};

describe('parseCheckFile', () => {
  it('reads hints under the retired framework id pci-dss-4.0 as pci-dss-4.0.1, and refuses both at once', () => {
    const old = parse(replace('  soc2-2017: [CC6.1]\n', '  soc2-2017: [CC6.1]\n  pci-dss-4.0: [12.5.1]\n'));
    expect(old.frameworks).toEqual({
      'soc2-2017': ['CC6.1'],
      'pci-dss-4.0.1': ['12.5.1'],
      'iso27001-2022': ['A.5.9'],
    });
    const both = refusal(
      replace(
        '  soc2-2017: [CC6.1]\n',
        '  soc2-2017: [CC6.1]\n  pci-dss-4.0: [12.5.1]\n  pci-dss-4.0.1: [12.5.2]\n',
      ),
    );
    expect(both.message).toMatch(/pci-dss-4\.0\b/);
  });

  it('reads every field of a good file and keeps its exact bytes and hash', () => {
    const bytes = Buffer.from(GOOD);
    const check = parseCheckFile(bytes, { file: FILE, origin: 'custom' });
    expect(check).toMatchObject({
      id: 'custom_bucket_tagged',
      title: 'S3 bucket carries an owner tag',
      severity: 'low',
      provider: 'aws',
      service: 's3',
      resourceType: 'AWS::S3::Bucket',
      origin: 'custom',
      file: FILE,
      references: [
        {
          title: 'Tagging your AWS resources',
          url: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
        },
      ],
      frameworks: { 'soc2-2017': ['CC6.1'], 'iso27001-2022': ['A.5.9'] },
    });
    // Folded block scalars join lines with spaces; literal ones keep them.
    expect(check.rationale).toBe(
      'Every bucket needs an accountable owner, recorded as a tag so that inventories can be reconciled with the asset register.',
    );
    expect(check.remediation.terraform).toBe(
      'resource "aws_s3_bucket" "this" {\n  tags = { owner = "<team>" }\n}',
    );
    expect(check.sql).toBe(SQL);
    expect(Buffer.from(check.bytes).equals(bytes)).toBe(true);
    expect(check.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(() => validateCheckSql(check)).not.toThrow();
  });

  it('accepts Windows line endings', () => {
    const check = parse(GOOD.replace(/\n/g, '\r\n'));
    expect(check.id).toBe('custom_bucket_tagged');
    expect(check.sql).toContain('@snapshot_id');
  });

  it.each([
    [
      'a file that does not start with the header',
      `-- note\n${GOOD}`,
      null,
      /must start with a line "\/\* ---"/,
    ],
    ['a header that is never closed', GOOD.replace('--- */', '---'), null, /never closed/],
    [
      'a "*/" inside the header, which would end the SQL comment early',
      replace('  console: S3 console', '  console: see /docs/*/tags in S3 console'),
      null,
      /line 12 contains "\*\/"/,
    ],
    [
      'invalid YAML',
      replace('severity: low', 'severity: [low'),
      null,
      /not valid YAML \(line \d+ of the file\)/,
    ],
    ['a duplicated field', replace('severity: low', 'severity: low\nseverity: high'), null, /not valid YAML/],
    ['a byte-order mark', `\uFEFF${GOOD}`, null, /byte-order mark/],
    [
      'a header that is not a mapping',
      `/* ---\n- just\n- a list\n--- */\n${SQL}\n`,
      null,
      /mapping of fields/,
    ],
  ])('refuses %s', (_what, text, field, message) => {
    const e = refusal(text);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it.each([
    ['a missing field', replace('title: S3 bucket carries an owner tag\n', ''), 'title', /is missing/],
    [
      'an unknown field',
      replace('severity: low', 'severity: low\nseverty: low'),
      'severty',
      /not a known field/,
    ],
    [
      'an unknown remediation kind',
      replace('remediation:\n', 'remediation:\n  powershell: Set-S3BucketTagging\n'),
      'remediation.powershell',
      /expected one of console, cli, terraform/,
    ],
    ['a bad severity', replace('severity: low', 'severity: urgent'), 'severity', /critical/],
    ['an unknown provider', replace('provider: aws', 'provider: gcp'), 'provider', /aws/],
    [
      'an empty rationale',
      replace(
        'rationale: >-\n  Every bucket needs an accountable owner, recorded as a tag\n  so that inventories can be reconciled with the asset register.',
        'rationale: ""',
      ),
      'rationale',
      /must not be empty/,
    ],
    [
      'a blank title',
      replace('title: S3 bucket carries an owner tag', 'title: "  "'),
      'title',
      /must not be empty/,
    ],
    [
      'a reference that is not https',
      replace('url: https://docs.aws', 'url: http://docs.aws'),
      'references.0.url',
      /https/,
    ],
    [
      'an unknown framework in the hints',
      replace('  soc2-2017: [CC6.1]', '  soc3: [CC6.1]'),
      'frameworks.soc3',
      /soc2-2017, pci-dss-4\.0\.1, iso27001-2022/,
    ],
    [
      'an id that does not match the file name',
      replace('id: custom_bucket_tagged', 'id: custom_other'),
      'id',
      /"custom_other" but the file is named custom_bucket_tagged\.sql/,
    ],
    [
      'an id with upper-case letters',
      replace('id: custom_bucket_tagged', 'id: Custom_Bucket'),
      'id',
      /lower-case/,
    ],
    ['no SQL after the header', `${HEADER}\n\n`, 'sql', /no SQL query/],
    [
      'SQL that never uses @snapshot_id',
      `${HEADER}\nSELECT uid AS resource_uid, 'pass' AS status, '' AS reason, '{}' AS evidence FROM resources;\n`,
      'sql',
      /@snapshot_id/,
    ],
  ])('refuses %s, naming the field', (_what, text, field, message) => {
    const e = refusal(text);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`field "${field}"`);
    expect(e.message).toMatch(message);
  });

  it('refuses a file that is not UTF-8', () => {
    const e = refusal(
      Buffer.concat([Buffer.from(GOOD.slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(GOOD.slice(40))]),
    );
    expect(e.message).toMatch(/not valid UTF-8/);
  });

  it('names the file as the analyst knows it when a label is given', () => {
    expect(() =>
      parseCheckFile(Buffer.from(replace('severity: low', 'severity: urgent')), {
        file: FILE,
        origin: 'custom',
        label: 'checks/custom_bucket_tagged.sql',
      }),
    ).toThrow(/^Check file checks\/custom_bucket_tagged\.sql, field "severity"/);
  });
});

describe('validateCheckSql (dry run against the evidence schema)', () => {
  const withSql = (sql: string) => parse(`${HEADER}\n${sql}\n`);
  it.each([
    [
      'a syntax error',
      `SELEC uid FROM resources WHERE snapshot_id = @snapshot_id`,
      /SQLite rejects the query/,
    ],
    [
      'an unknown table',
      `SELECT uid AS resource_uid FROM buckets WHERE snapshot_id = @snapshot_id`,
      /no such table/,
    ],
    [
      'missing result columns',
      `SELECT uid AS resource_uid, 'pass' AS status FROM resources WHERE snapshot_id = @snapshot_id`,
      /does not return reason, evidence/,
    ],
    [
      'a parameter other than @snapshot_id and @as_of',
      `SELECT uid AS resource_uid, 'pass' AS status, '' AS reason, '{}' AS evidence FROM resources
       WHERE snapshot_id = @snapshot_id AND region = @region`,
      /only @snapshot_id and @as_of/,
    ],
    [
      'two statements',
      `SELECT uid AS resource_uid, 'pass' AS status, '' AS reason, '{}' AS evidence FROM resources
       WHERE snapshot_id = @snapshot_id; SELECT 1`,
      /more than one statement/,
    ],
  ])('refuses %s, naming the file and "sql"', (_what, sql, message) => {
    const check = withSql(sql);
    let error: unknown;
    try {
      validateCheckSql(check);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CheckFileError);
    expect((error as CheckFileError).field).toBe('sql');
    expect((error as Error).message).toContain(FILE);
    expect((error as Error).message).toMatch(message);
  });
});
