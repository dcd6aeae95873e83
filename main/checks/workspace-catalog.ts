// The checks in force for one workspace: the built-in pack plus the analyst's own check files from
// <workspace>/checks/ (policy as code), and <workspace>/checks/mappings.yaml mapping checks to controls.
// Custom files are read by the same strict parser as built-in ones and their SQL is dry-run against the
// evidence schema; a file that fails becomes a problem the UI and CLI show, and never stops the built-in
// checks. The catalog version covers exactly the files in force, so adding, fixing or editing a custom check
// gives a new version (and a fresh evaluation) rather than findings that no longer match their checks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import {
  FrameworkId,
  withCanonicalFrameworkKeys,
  type CheckCatalogInfo,
  type CheckProblem,
} from '../../shared/domain';
import { getFramework } from '../frameworks/catalog';
import type { Db } from '../store/db';
import { allChecks, builtinCatalog, frameworkPackFiles } from './catalog';
import { CheckFileError, parseCheckFile } from './check-file';
import { validateCheckSql } from './check-sql';
import { byPath, catalogVersionOf } from './pack-hash';
import type { CheckCatalog, CheckDefinition, PackFile, WorkspaceMappings } from './types';

/** Folder of a workspace that holds custom check files and mappings.yaml. */
export const CUSTOM_CHECKS_DIR = 'checks';
export const MAPPINGS_FILE = 'mappings.yaml';
/** Where custom files sit in the pack and in every package: checks/custom/<path under <workspace>/checks>. */
export const CUSTOM_PACK_PREFIX = 'checks/custom/';

/** A check file is a page of SQL and metadata; anything bigger is not one, and is not read into memory. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_CUSTOM_FILES = 1000;
/** Path segments that are safe in a package on every OS and cannot climb out of checks/custom/. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const MappingsSchema = z
  .object({
    mappings: z.record(
      z.string(),
      // A retired framework id (e.g. pci-dss-4.0) is read as the current one, so older mappings still load.
      z.preprocess(
        withCanonicalFrameworkKeys,
        z
          .object(
            Object.fromEntries(
              FrameworkId.options.map((id) => [id, z.array(z.string()).optional()]),
            ) as Record<FrameworkId, z.ZodOptional<z.ZodArray<z.ZodString>>>,
          )
          .strict(),
      ),
    ),
  })
  .strict();

export function loadCheckCatalog(workspaceDir: string): CheckCatalog {
  const dir = path.join(workspaceDir, CUSTOM_CHECKS_DIR);
  const problems: CheckProblem[] = [];
  const builtinIds = new Map(allChecks.map((c) => [c.id, c.file]));
  const custom: CheckDefinition[] = [];
  const customIds = new Map<string, string>();
  const problem = (file: string, message: string) => problems.push({ file, message });

  for (const rel of customSqlFiles(dir, problem)) {
    const label = `${CUSTOM_CHECKS_DIR}/${rel}`;
    try {
      const bytes = readSmallFile(path.join(dir, ...rel.split('/')), label);
      const check = parseCheckFile(bytes, { file: `${CUSTOM_PACK_PREFIX}${rel}`, origin: 'custom', label });
      const builtin = builtinIds.get(check.id);
      if (builtin) {
        throw new CheckFileError(
          label,
          'id',
          `"${check.id}" is the id of the built-in check ${builtin}; give yours another id (e.g. custom_${check.id}) and rename the file to match`,
        );
      }
      const twin = customIds.get(check.id);
      if (twin) throw new CheckFileError(label, 'id', `"${check.id}" is already the id of ${twin}`);
      validateCheckSql(check, label);
      customIds.set(check.id, label);
      custom.push(check);
    } catch (err) {
      problem(label, (err as Error).message);
    }
  }

  const checks = [...allChecks, ...custom];
  const mappingsLabel = `${CUSTOM_CHECKS_DIR}/${MAPPINGS_FILE}`;
  let mappings: WorkspaceMappings = new Map();
  let mappingsFile: CheckCatalog['mappingsFile'] = null;
  const packFiles: PackFile[] = [
    ...checks.map((c) => ({ path: c.file, sha256: c.sha256 })),
    ...frameworkPackFiles(),
  ];
  const mappingsPath = path.join(dir, MAPPINGS_FILE);
  // lstat, not exists: a symbolic link named mappings.yaml is reported (readSmallFile), not silently skipped.
  if (fs.lstatSync(mappingsPath, { throwIfNoEntry: false })) {
    try {
      const bytes = readSmallFile(mappingsPath, mappingsLabel);
      mappings = parseMappings(bytes, mappingsLabel, checks);
      mappingsFile = { path: `${CUSTOM_PACK_PREFIX}${MAPPINGS_FILE}`, bytes };
      packFiles.push({ path: mappingsFile.path, sha256: sha256Hex(bytes) });
    } catch (err) {
      problem(mappingsLabel, (err as Error).message);
    }
  }
  packFiles.sort(byPath);
  return { checks, catalogVersion: catalogVersionOf(packFiles), packFiles, mappings, mappingsFile, problems };
}

/**
 * The catalog of the workspace a database belongs to: the workspace is the folder holding its
 * workspace.sqlite, so a job worker with only the database file finds the same checks as the UI thread.
 */
export function catalogForDatabase(db: Db): CheckCatalog {
  return db.memory ? builtinCatalog() : loadCheckCatalog(path.dirname(db.name));
}

/** What the UI and CLI are told: every check's metadata (not its bytes), the version and the problems. */
export function catalogInfo(catalog: CheckCatalog): CheckCatalogInfo {
  return {
    checks: catalog.checks.map(({ bytes: _bytes, ...info }) => info),
    catalogVersion: catalog.catalogVersion,
    problems: [...catalog.problems],
  };
}

/** One progress line: what runs, and which custom files do not (the analyst must see it, not find out later). */
export function describeCatalog(catalog: CheckCatalog, resources: number): string {
  const custom = catalog.checks.filter((c) => c.origin === 'custom').length;
  const running = `Running ${catalog.checks.length} checks${custom > 0 ? ` (${custom} custom)` : ''} over ${resources} resources`;
  if (catalog.problems.length === 0) return running;
  return `${running}; not loaded: ${catalog.problems.map((p) => p.message).join('; ')}`;
}

/** The file's bytes, refusing anything that is not a regular file of sane size. */
function readSmallFile(file: string, label: string): Uint8Array {
  const stat = fs.lstatSync(file);
  if (!stat.isFile()) throw new CheckFileError(label, null, 'is not a regular file');
  if (stat.size > MAX_FILE_BYTES) {
    throw new CheckFileError(
      label,
      null,
      `is ${stat.size} bytes; a check file may be at most ${MAX_FILE_BYTES}`,
    );
  }
  return fs.readFileSync(file);
}

/**
 * *.sql under <workspace>/checks, '/'-separated and sorted. Symbolic links are not followed (what ships in a
 * package must be what sits in the folder), and names that could not be a package path are refused.
 */
function customSqlFiles(dir: string, problem: (file: string, message: string) => void): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, ...rel.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (err) {
      problem(`${CUSTOM_CHECKS_DIR}/${rel}`, `could not be read: ${(err as Error).message}`);
      return;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const label = `${CUSTOM_CHECKS_DIR}/${child}`;
      if (entry.name.startsWith('.')) continue;
      const isSql = entry.name.endsWith('.sql');
      if (entry.isSymbolicLink()) {
        problem(label, 'is a symbolic link, which is not followed; copy the file into the folder instead');
      } else if (entry.isDirectory()) {
        if (SAFE_SEGMENT.test(entry.name)) walk(child);
        else problem(label, 'folder name may use only letters, digits, ".", "_" and "-"');
      } else if (isSql) {
        if (!SAFE_SEGMENT.test(entry.name)) {
          problem(label, 'file name may use only letters, digits, ".", "_" and "-"');
        } else if (out.length >= MAX_CUSTOM_FILES) {
          problem(
            label,
            `was not loaded: a workspace may hold at most ${MAX_CUSTOM_FILES} custom check files`,
          );
        } else {
          out.push(child);
        }
      }
    }
  };
  walk('');
  return out.sort();
}

/** Validates mappings.yaml against the checks in force and the framework catalogs; throws on any problem. */
function parseMappings(
  bytes: Uint8Array,
  label: string,
  checks: readonly CheckDefinition[],
): WorkspaceMappings {
  const fail = (field: string | null, detail: string): never => {
    throw new CheckFileError(label, field, detail);
  };
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(null, 'is not valid UTF-8 text');
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true });
  const yamlProblem = doc.errors[0] ?? doc.warnings[0];
  if (yamlProblem) {
    const line = yamlProblem.linePos?.[0].line;
    fail(null, `is not valid YAML${line ? ` (line ${line})` : ''}: ${yamlProblem.message.split('\n')[0]}`);
  }
  const parsed = MappingsSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const known =
        at.length === 0
          ? 'the file has one key, mappings'
          : `frameworks are ${FrameworkId.options.join(', ')}`;
      fail([...at, issue.keys[0]].join('.'), `is not known (${known})`);
    }
    fail(at.join('.') || null, issue.message);
  }
  const known = new Set(checks.map((c) => c.id));
  const controls = new Map(
    FrameworkId.options.map((id) => [id, new Set(getFramework(id).controls.map((c) => c.id))]),
  );
  const out = new Map<string, Partial<Record<FrameworkId, readonly string[]>>>();
  for (const [checkId, byFramework] of Object.entries(parsed.data!.mappings)) {
    if (!known.has(checkId)) {
      fail(
        `mappings.${checkId}`,
        `there is no check with id "${checkId}" (a custom check listed among the problems is not loaded, so it cannot be mapped)`,
      );
    }
    for (const [framework, ids] of Object.entries(byFramework) as [FrameworkId, string[] | undefined][]) {
      for (const controlId of ids ?? []) {
        if (!controls.get(framework)!.has(controlId)) {
          fail(
            `mappings.${checkId}.${framework}`,
            `"${controlId}" is not a control of ${framework} (see main/frameworks/${framework}.json for the control ids)`,
          );
        }
      }
    }
    out.set(checkId, byFramework);
  }
  return out;
}

function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
