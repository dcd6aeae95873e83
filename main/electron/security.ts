// The Electron shell's security policy as plain data and pure functions. Kept free of runtime 'electron'
// imports (type imports are erased) so vitest can check every rule without an Electron binary, and so the
// policy reads in one place: what the renderer may load, where it may navigate, who may call the core.
import path from 'node:path';
import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../util/renderer-serving';

export { CONTENT_SECURITY_POLICY, mimeTypeFor } from '../util/renderer-serving';

export const APP_SCHEME = 'app';
export const APP_HOST = 'evidence-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Headers on every app:// response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The renderer is an untrusted web page as far as the OS is concerned: no Node, sandboxed, isolated from the
 * preload, no <webview>. Its only power is the window.api the preload exposes.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  if (!path.isAbsolute(preloadPath)) throw new Error(`preload path must be absolute, got ${preloadPath}`);
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** The window may only ever show our own pages; links to the web are not followed inside the app. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** An IPC call is trusted only when it comes from a frame showing our own app:// origin. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/**
 * What the session may fetch at all: our app files, devtools' own pages and inline data: images.
 * Anything else (http, https, file, ws, ftp...) is cancelled, so there is no remote content even if a bug
 * or a malicious snapshot value injected a URL.
 */
export function isAllowedRequest(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'devtools:' || u.protocol === 'data:') return true;
  return isAppUrl(url);
}

/**
 * Maps an app:// request URL to a file under rootDir, or null when the URL is not ours or would escape the
 * folder (../, encoded %2e%2e or %2f, backslashes, NUL). Paths without an extension fall back to index.html
 * so the single-page app owns its routes.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || !isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const root = path.resolve(rootDir);
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const withFallback = path.extname(relative) === '' ? 'index.html' : relative;
  const file = path.resolve(root, withFallback);
  // Belt and braces: whatever the checks above missed, the result must stay inside the renderer folder.
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}
