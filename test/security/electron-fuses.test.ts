// Threat: the signed desktop binary is used to run code that is not the app (ELECTRON_RUN_AS_NODE, NODE_OPTIONS,
// --inspect, a swapped or loose app folder) with the app's access to the workspace and signing key, or a fuse
// key misspelt in electron-builder.yml is silently ignored and the fuse stays at Electron's permissive default.
// Proves: electron-builder.yml sets every fuse to the locked-down value, the file is valid against
// electron-builder's own schema (an unknown key fails), and electron-builder's own translation of the section
// sets every fuse in the wire explicitly.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
// ajv 8 comes with electron-builder (app-builder-lib depends on it); the schema below is its draft-07 schema.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const require = createRequire(import.meta.url);

type BuilderConfig = Record<string, unknown> & { electronFuses?: Record<string, unknown> };

function readConfig(): BuilderConfig {
  const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  const doc = YAML.parseDocument(text);
  // A duplicate key or bad indentation must fail here, not be resolved by the parser's last-one-wins rule.
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as BuilderConfig;
}

function schemaValidator() {
  const schema = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
  ) as object;
  // strict: false because the schema uses annotation keywords (e.g. "deprecated") ajv does not know.
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml fuses', () => {
  it('sets every fuse to its locked-down value', () => {
    const { electronFuses } = readConfig();
    expect(electronFuses).toEqual(EXPECTED_FUSES);
  });

  it('keeps the asar archive and its integrity hash, which onlyLoadAppFromAsar and integrity validation need', () => {
    const cfg = readConfig();
    expect(cfg.asar === undefined || cfg.asar === true || typeof cfg.asar === 'object').toBe(true);
    if (typeof cfg.asar === 'object' && cfg.asar !== null) {
      expect((cfg.asar as Record<string, unknown>).disableIntegrity).not.toBe(true);
    }
    expect(cfg.disableAsarIntegrity).not.toBe(true);
  });

  it("is valid against electron-builder's schema, which rejects a misspelt fuse key or a non-boolean value", () => {
    const validate = schemaValidator();
    const cfg = readConfig();
    expect(validate(cfg), JSON.stringify(validate.errors)).toBe(true);

    // The same validator must fail the mistakes this test exists to catch, or a green run proves nothing.
    const typo = { ...cfg, electronFuses: { ...EXPECTED_FUSES, runAsNod: false } };
    expect(validate(typo)).toBe(false);
    expect(validate.errors?.some((e) => e.params && 'additionalProperty' in e.params)).toBe(true);
    const quoted = { ...cfg, electronFuses: { ...EXPECTED_FUSES, runAsNode: 'false' } };
    expect(validate(quoted)).toBe(false);
    const misplaced = { ...cfg, electronFuse: EXPECTED_FUSES };
    expect(validate(misplaced)).toBe(false);
  });

  it("sets every fuse in Electron's fuse wire explicitly when electron-builder translates the section", async () => {
    const { electronFuses } = readConfig();
    // The packager's own translation (the code that runs before signing), so a key it does not read would show
    // up as a fuse left at Electron's default.
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> } };
    };
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, electronFuses);
    expect(wire.version).toBe(FuseVersion.V1);
    const fuseIds = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(fuseIds.length).toBeGreaterThanOrEqual(8);
    for (const id of fuseIds) {
      // A fuse added by a newer @electron/fuses must be decided on here, not left at its default.
      expect(typeof wire[id], `fuse ${FuseV1Options[id]} is not set`).toBe('boolean');
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
