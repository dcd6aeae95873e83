// Electron entry point (bundled to dist/main/electron-main.mjs). Order matters: scheme privileges and the
// global sandbox must be set before 'ready'; the session is locked down before the window loads anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createDispatcher } from '../api/dispatch';
import { openWorkspace, type Workspace } from '../core/workspace';
import { appRoot, defaultDataDir } from '../paths';
import { electronPlatform, wireIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, hardenAllWebContents, hardenSession } from './window';

let workspace: Workspace | null = null;
let mainWindow: BrowserWindow | null = null;

function fatal(title: string, err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  // A better-sqlite3 built for Node instead of Electron is the classic first-run failure from source.
  const hint = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)
    ? '\n\nThe SQLite module was built for Node, not Electron. Start the app with: npm start'
    : '';
  console.error(`${title}: ${message}`);
  dialog.showErrorBox(title, message + hint);
  app.exit(1);
  // app.exit does not return control in practice; throw keeps the type honest if it ever does.
  throw new Error(title);
}

function start(): void {
  const rendererDir = path.join(appRoot(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html')))
    fatal(
      'Evidence Desk could not start',
      `The user interface is not built (${rendererDir}). Run: npm run build`,
    );
  const preloadPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
  if (!fs.existsSync(preloadPath))
    fatal(
      'Evidence Desk could not start',
      `The preload script is missing (${preloadPath}). Run: npm run build:main`,
    );

  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir);

  const dataDir = defaultDataDir();
  let ws: Workspace;
  try {
    ws = openWorkspace({ dataDir, mode: 'electron' });
    // The findings view's query worker starts now, not when the analyst first opens the view.
    ws.queries.warm();
  } catch (err) {
    fatal(`Evidence Desk could not open its workspace in ${dataDir}`, err);
  }
  workspace = ws;

  const dispatcher = createDispatcher(
    ws,
    electronPlatform(() => mainWindow),
  );
  const win = createMainWindow({ preloadPath, devTools: !app.isPackaged });
  mainWindow = win;
  const unwire = wireIpc(win, dispatcher);
  win.on('closed', () => {
    unwire();
    mainWindow = null;
  });
}

registerAppScheme();
app.enableSandbox();
hardenAllWebContents();

// One instance per workspace: two processes writing the same SQLite file and audit chain would race.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    workspace?.close();
    workspace = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('Evidence Desk could not start', err));
}
