// The main window and the guards around it. Session-level rules (permissions, network) apply to everything
// the app loads; web-contents rules (navigation, popups, <webview>) are attached to every web contents ever
// created, not only the window we made, so nothing slips through a code path we did not anticipate.
import { app, BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_START_URL, isAllowedNavigation, isAllowedRequest, secureWebPreferences } from './security';

/** Deny every permission (camera, notifications, clipboard-read, HID, serial...): the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No remote content at all: the app is offline by design; the core (main process) does the AWS calls.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
}

export function hardenWebContents(contents: WebContents): void {
  const blockNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows: links to documentation are shown as text rather than opened from inside the app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies hardenWebContents to every web contents the app creates from now on. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

export function createMainWindow(opts: { preloadPath: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title: 'Evidence Desk',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(opts.preloadPath, { devTools: opts.devTools }),
  });
  // Shown once painted so the analyst never sees a blank white flash.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
