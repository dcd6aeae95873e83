// The built-in check pack: every main/checks/<provider>/<service>/<check_id>.sql, read and validated once at
// startup (a broken built-in file stops the app with the file and field named, rather than running without
// it), and the pack's version. Evaluations are stored per catalog version and never recomputed (engine.ts), so
// the version is the SHA-256 of the pack's files themselves: changing any check, or any framework mapping,
// yields a new version, and an auditor can recompute it from the files with sha256sum (docs/check-format.md).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../paths';
import { CheckFileError, parseCheckFile } from './check-file';
import { validateCheckSql } from './check-sql';
import { byPath, catalogVersionOf } from './pack-hash';
import type { CheckCatalog, CheckDefinition, PackFile } from './types';

/** Folder the pack's paths are relative to: pack paths read checks/aws/s3/<id>.sql, frameworks/<id>.json. */
export function packRoot(): string {
  return path.join(appRoot(), 'main');
}

const sha256 = (data: Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');

/** Every *.sql under dir, as '/'-separated paths relative to it, sorted. */
function sqlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.sql')) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

function loadBuiltinChecks(): CheckDefinition[] {
  const dir = path.join(packRoot(), 'checks');
  const checks = sqlFilesUnder(dir).map((rel) => {
    const file = `checks/${rel}`;
    const check = parseCheckFile(fs.readFileSync(path.join(dir, rel)), { file, origin: 'builtin' });
    const parts = rel.split('/');
    if (parts.length !== 3 || parts[0] !== check.provider || parts[1] !== check.service) {
      throw new CheckFileError(
        file,
        null,
        `a built-in check lives at checks/<provider>/<service>/<id>.sql; this one declares provider ` +
          `${check.provider} and service ${check.service}, so it belongs at checks/${check.provider}/${check.service}/${check.id}.sql`,
      );
    }
    validateCheckSql(check);
    return check;
  });
  const seen = new Map<string, string>();
  for (const c of checks) {
    const other = seen.get(c.id);
    if (other) throw new CheckFileError(c.file, 'id', `"${c.id}" is already the id of ${other}`);
    seen.set(c.id, c.file);
  }
  return checks;
}

/**
 * The framework catalogs are part of the pack (a changed mapping changes what an evaluation means). They are
 * editable data read at run time, so they are hashed afresh each time a catalog is loaded.
 */
export function frameworkPackFiles(): PackFile[] {
  const dir = path.join(packRoot(), 'frameworks');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ path: `frameworks/${f}`, sha256: sha256(fs.readFileSync(path.join(dir, f))) }));
}

export const allChecks: readonly CheckDefinition[] = loadBuiltinChecks();

/** Every built-in file the version covers, sorted by path. */
export function builtinPackFiles(): PackFile[] {
  return [...allChecks.map((c) => ({ path: c.file, sha256: c.sha256 })), ...frameworkPackFiles()].sort(
    byPath,
  );
}

/**
 * The built-in pack's version as of startup. A workspace's version also covers its custom checks and
 * mappings, and the framework files as they are when it is loaded: use loadCheckCatalog (workspace-catalog.ts).
 */
export const CATALOG_VERSION: string = catalogVersionOf(builtinPackFiles());

const byId = new Map(allChecks.map((c) => [c.id, c]));

export function getCheck(id: string): CheckDefinition | undefined {
  return byId.get(id);
}

/** The built-in pack as a catalog: what a workspace without custom checks runs. */
export function builtinCatalog(): CheckCatalog {
  const packFiles = builtinPackFiles();
  return {
    checks: allChecks,
    catalogVersion: catalogVersionOf(packFiles),
    packFiles,
    mappings: new Map(),
    mappingsFile: null,
    problems: [],
  };
}
