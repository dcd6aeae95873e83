#!/usr/bin/env node
// The evidence-desk command. From a source checkout it runs the TypeScript directly (tsx); from a built or
// packaged app it runs the bundled CLI.
import { existsSync } from 'node:fs';

const source = new URL('../main/cli/index.ts', import.meta.url);
const built = new URL('../dist/main/cli.mjs', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else if (existsSync(built)) {
  cli = await import(built.href);
} else {
  process.stderr.write(
    'evidence-desk: neither main/cli/index.ts nor dist/main/cli.mjs found; run npm run build\n',
  );
  process.exit(1);
}
await cli.runCli(process.argv);
