// The AWS SDK client packages load only where a collector needs them (why: main/collect/aws/sdk-loader.ts), and
// @azure/identity only when an Azure token is asked for (main/collect/azure/identity-loader.ts).
// Two ways that breaks, both checked here without `npm run build:main`:
// - a static import of a client package anywhere in a bundled entry's module graph: esbuild keeps packages
//   external and hoists that import to the top of the bundle, so the process loads it at start-up whatever
//   it then does. Each ESM entry of scripts/build-main.mjs is bundled in memory with that script's options.
// - a module the job worker imports for a snapshot, an export or a verify that loads one when imported, or a
//   collector that loads another service's package: test/fixtures/aws/sdk-load-probe.ts reports what a fresh
//   Node process has loaded after each step.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../../main/paths';

const SDK_PACKAGE = /^(?:@aws-sdk\/(?:client-[a-z0-9-]+|credential-providers)|@azure\/identity)$/;

/** The ESM entries of scripts/build-main.mjs (the CommonJS preload bundles no package but zod). */
const ENTRIES = {
  'job-worker.mjs': 'main/jobs/worker.ts',
  'cli.mjs': 'main/cli/index.ts',
  'web.mjs': 'main/web/main.ts',
  'electron-main.mjs': 'main/electron/main.ts',
} as const;

type Bundle = { text: string; imports: Metafile['outputs'][string]['imports'] };

/** scripts/build-main.mjs's options for an ESM entry, written to memory instead of dist/main. */
async function bundle(entry: string, outfile: string): Promise<Bundle> {
  const result = await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    absWorkingDir: appRoot(),
    entryPoints: [entry],
    outfile: path.join('dist', 'main', outfile),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output, ...others] = Object.values(result.metafile.outputs);
  const js = result.outputFiles.filter((f) => f.path.endsWith('.mjs'));
  if (!output || others.length > 0 || js.length !== 1) throw new Error(`expected one output for ${entry}`);
  return { text: js[0].text, imports: output.imports };
}

// Statements at the start of a line, as esbuild prints them: `import {\n  A,\n  B\n} from "pkg";` spans
// lines, so the clause may too (it holds no ';' or parentheses). `import("pkg")` is a call, not a statement.
const STATIC_IMPORT = /^[ \t]*(?:import|export)\b[^;()'"`]*?\bfrom\s*"([^"]+)"|^[ \t]*import\s*"([^"]+)"/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;

function sdkSpecifiers(text: string, pattern: RegExp): string[] {
  const found = [...text.matchAll(pattern)].map((m) => m[1] ?? m[2]).filter((s) => SDK_PACKAGE.test(s));
  return [...new Set(found)].sort();
}

describe('AWS SDK packages in the bundles', () => {
  it.each(Object.entries(ENTRIES))(
    '%s has no static import of an SDK client package, the credential providers or @azure/identity',
    async (outfile, entry) => {
      const { text, imports } = await bundle(entry, outfile);
      // esbuild's own account of the output's imports, then the printed text (the form the brief of this
      // check names): both must agree that every SDK import is dynamic.
      const staticSdk = imports.filter((i) => SDK_PACKAGE.test(i.path) && i.kind !== 'dynamic-import');
      expect(staticSdk).toEqual([]);
      expect(sdkSpecifiers(text, STATIC_IMPORT)).toEqual([]);
    },
  );

  it('the worker bundle still reaches every client package it used to, through import()', async () => {
    const { text, imports } = await bundle(ENTRIES['job-worker.mjs'], 'job-worker.mjs');
    const dynamic = sdkSpecifiers(text, DYNAMIC_IMPORT);
    // Without these the "no static import" answers above could be vacuous (the SDK not bundled at all).
    expect(dynamic).toEqual(
      expect.arrayContaining([
        '@aws-sdk/client-sts',
        '@aws-sdk/client-s3',
        '@aws-sdk/client-iam',
        '@aws-sdk/client-ec2',
        '@aws-sdk/client-cloudtrail',
        '@aws-sdk/client-organizations',
        '@aws-sdk/credential-providers',
        '@azure/identity',
      ]),
    );
    expect(dynamic.length).toBeGreaterThanOrEqual(25);
    const fromMeta = imports.filter((i) => SDK_PACKAGE.test(i.path)).map((i) => i.path);
    expect([...new Set(fromMeta)].sort()).toEqual(dynamic);
  });
});

describe('AWS SDK packages loaded at run time', () => {
  it('none while the job modules load; one collector loads only its own package', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'fixtures', 'aws', 'sdk-load-probe.ts')],
      { cwd: appRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const steps = new Map(
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          const r = JSON.parse(l) as { step: string; loaded: string[]; sqsResources?: number };
          return [r.step, r] as const;
        }),
    );
    expect([...steps.keys()]).toEqual(['start', 'modules imported', 'sqs collected']);
    expect(steps.get('start')?.loaded).toEqual([]);
    expect(steps.get('modules imported')?.loaded).toEqual([]);
    expect(steps.get('sqs collected')?.loaded).toEqual(['@aws-sdk/client-sqs']);
    // The collector really ran through the SDK client (the demo estate has SQS queues in us-east-1).
    expect(steps.get('sqs collected')?.sqsResources).toBeGreaterThan(0);
  });
});
