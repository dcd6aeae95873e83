// Browser mode: the same core and handlers as the Electron app, served to a local browser over loopback.
// Used by `npm start` where no Electron binary is installed, by `evidence-desk serve`, and by the e2e tests.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../api/dispatch';
import { openWorkspace } from '../core/workspace';
import { appRoot, defaultDataDir } from '../paths';
import { startWebServer } from './server';

export async function serveBrowserMode(opts: {
  dataDir: string;
  port: number;
}): Promise<() => Promise<void>> {
  const ws = openWorkspace({ dataDir: opts.dataDir, mode: 'browser' });
  // The findings view's query worker starts now, not when the analyst first opens the view.
  ws.queries.warm();
  const { dispatch, subscribe } = createDispatcher(ws, { mode: 'browser' });
  const server = await startWebServer({
    dispatch,
    subscribe,
    staticDir: path.join(appRoot(), 'dist', 'renderer'),
    port: opts.port,
  });
  // Machine-readable line first (tests and scripts read it), then the human one.
  process.stdout.write(`EVIDENCE_DESK_URL=${server.url}\n`);
  process.stdout.write(
    `\nEvidence Desk is running in browser mode (workspace: ${ws.dataDir}).\n` +
      `Open this address in your browser; it carries a one-time access token, so keep it private:\n\n  ${server.url}\n\n` +
      `Press Ctrl+C to stop.\n`,
  );
  return async () => {
    await server.close();
    ws.close();
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string', default: '0' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const stop = await serveBrowserMode({ dataDir: values['data-dir'] ?? defaultDataDir(), port });
  const shutdown = () => void stop().finally(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

const isEntry = process.argv[1] && /main[\\/]web[\\/]main\.ts$|web\.mjs$/.test(process.argv[1]);
if (isEntry) {
  main().catch((err: Error) => {
    process.stderr.write(`evidence-desk: ${err.message}\n`);
    process.exit(1);
  });
}
