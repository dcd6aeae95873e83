// Bundles the Node-side entry points into dist/main with esbuild (`npm run build:main`).
// - ESM bundles keep node_modules external: better-sqlite3 is a native addon and the AWS SDK is large, so
//   they load from node_modules (inside the packaged app's asar) instead of being inlined.
// - The preload is the exception: Electron's sandboxed preloads cannot load ESM or anything from
//   node_modules, so it is CommonJS with shared/ and zod bundled in and only 'electron' left external.
// Entries whose source does not exist yet are skipped with a warning; real build errors fail the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'main');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** @type {Array<{ name: string; entry: string; outfile: string; options: import('esbuild').BuildOptions }>} */
const entries = [
  {
    name: 'Electron main',
    entry: 'main/electron/main.ts',
    outfile: 'electron-main.mjs',
    options: { format: 'esm', packages: 'external' },
  },
  {
    name: 'Electron preload',
    entry: 'main/electron/preload.ts',
    outfile: 'preload.cjs',
    // Minified: it carries zod and is parsed on every window load; the source map keeps it debuggable.
    options: { format: 'cjs', external: ['electron'], minify: true },
  },
  {
    name: 'CLI',
    entry: 'main/cli/index.ts',
    outfile: 'cli.mjs',
    options: { format: 'esm', packages: 'external' },
  },
  {
    name: 'Browser-mode server',
    entry: 'main/web/main.ts',
    outfile: 'web.mjs',
    options: { format: 'esm', packages: 'external' },
  },
  {
    // Long work (snapshot, export, verify) runs here, off the thread that serves the UI. The other bundles
    // start it as ./job-worker.mjs beside themselves (main/jobs/run-job.ts), so it must land in the same folder.
    name: 'Job worker',
    entry: 'main/jobs/worker.ts',
    outfile: 'job-worker.mjs',
    options: { format: 'esm', packages: 'external' },
  },
];

fs.mkdirSync(outDir, { recursive: true });
let built = 0;
const failed = [];
for (const { name, entry, outfile, options } of entries) {
  if (!fs.existsSync(path.join(root, entry))) {
    console.warn(`build-main: skipping ${name}: ${entry} does not exist yet`);
    continue;
  }
  const target = path.join(outDir, outfile);
  try {
    await build({ ...common, ...options, entryPoints: [entry], outfile: target });
  } catch (err) {
    // esbuild has already printed the located errors; build the other entries too so one run shows all.
    console.error(
      `build-main: ${name} (${entry}) failed: ${err instanceof Error ? err.message.split('\n')[0] : err}`,
    );
    failed.push(entry);
    continue;
  }
  console.log(`build-main: ${entry} -> ${path.relative(root, target)}`);
  built++;
}
if (failed.length > 0) {
  console.error(`build-main: FAILED: ${failed.join(', ')}`);
  process.exit(1);
}
if (built === 0) {
  console.error('build-main: nothing was built (no entry points found)');
  process.exit(1);
}
