// The Electron shell's security rules, checked without an Electron binary: the pure policy in security.ts
// directly, and the preload / IPC / window wiring against a recording fake of the 'electron' module.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type EventName, type Result } from '../../shared/api';
import {
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  mimeTypeFor,
  resolveRendererFile,
  secureWebPreferences,
  securityHeaders,
} from '../../main/electron/security';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    exposed: {} as Record<string, unknown>,
    invoked: [] as unknown[][],
    rendererListeners: new Map<string, Set<(...args: unknown[]) => unknown>>(),
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    removedHandlers: [] as string[],
    dialogResult: { canceled: false, filePaths: ['/chosen/folder'] } as {
      canceled: boolean;
      filePaths: string[];
    },
    dialogCalls: [] as unknown[][],
  };
  return state;
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      fake.exposed[key] = value;
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true, value: 'from-main' });
    },
    on: (channel: string, listener: Listener) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: Listener) => {
      fake.rendererListeners.get(channel)?.delete(listener);
    },
  },
  ipcMain: {
    handle: (channel: string, handler: Listener) => {
      fake.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      fake.handlers.delete(channel);
      fake.removedHandlers.push(channel);
    },
  },
  dialog: {
    showOpenDialog: (...args: unknown[]) => {
      fake.dialogCalls.push(args);
      return Promise.resolve(fake.dialogResult);
    },
  },
  app: { on: () => undefined },
  BrowserWindow: class {},
  protocol: { registerSchemesAsPrivileged: () => undefined },
}));

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node, no webview, no insecure content', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('refuses a relative preload path (Electron would resolve it against an unpredictable cwd)', () => {
    expect(() => secureWebPreferences('dist/main/preload.cjs', { devTools: true })).toThrow(
      /must be absolute/,
    );
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string): string[] =>
    csp
      .split(';')
      .map((d) => d.trim().replace(/\s+/g, ' '))
      .filter(Boolean)
      .sort();

  it('matches renderer/index.html plus frame-ancestors (which only works as a header)', () => {
    const html = fs.readFileSync(path.join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta).not.toBeNull();
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual(directives(`${meta![1]}; frame-ancestors 'none'`));
  });

  it('never allows inline or eval script and is sent on every response', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('navigation, sender and request rules', () => {
  it('allows navigation only within app://evidence-desk/', () => {
    expect(isAllowedNavigation(APP_START_URL)).toBe(true);
    expect(isAllowedNavigation('app://evidence-desk/controls#soc2')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://evidence-desk/',
      'app://other-host/index.html',
      'app://evidence-desk@evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ])
      expect(isAllowedNavigation(url), url).toBe(false);
  });

  it('trusts only IPC from our origin', () => {
    expect(isTrustedSender('app://evidence-desk/index.html')).toBe(true);
    expect(isTrustedSender('https://evidence-desk/')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('lets the session load only app:, devtools: and data: URLs', () => {
    expect(isAllowedRequest('app://evidence-desk/assets/index-abc.js')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:5173/',
      'ws://localhost/',
      'file:///etc/hosts',
      'app://elsewhere/x',
      'ftp://x/',
      'blob:app://evidence-desk/123',
    ])
      expect(isAllowedRequest(url), url).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it('maps app URLs to files under the renderer folder, with index.html for the root and routes', () => {
    expect(resolveRendererFile(root, 'app://evidence-desk/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://evidence-desk/assets/app-1.js?v=2')).toBe(
      path.join(root, 'assets', 'app-1.js'),
    );
    expect(resolveRendererFile(root, 'app://evidence-desk/controls/soc2')).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveRendererFile(root, 'app://evidence-desk/a%20b.css')).toBe(path.join(root, 'a b.css'));
  });

  it('clamps plain and %2e dot segments at the root, as URL parsing does in any browser', () => {
    expect(resolveRendererFile(root, 'app://evidence-desk/../../etc/app.json')).toBe(
      path.join(root, 'etc', 'app.json'),
    );
    expect(resolveRendererFile(root, 'app://evidence-desk/%2e%2e/%2e%2e/etc/app.json')).toBe(
      path.join(root, 'etc', 'app.json'),
    );
  });

  it('refuses encoded separators, NUL, backslashes, bad encoding and other hosts', () => {
    for (const url of [
      'app://evidence-desk/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://evidence-desk/%2e%2e%2fsecret.txt',
      'app://evidence-desk/..%5c..%5cwindows%5cwin.ini',
      'app://evidence-desk/index.html%00.png',
      'app://evidence-desk/%E0%A4%A',
      'app://evil/index.html',
      'https://evidence-desk/index.html',
    ])
      expect(resolveRendererFile(root, url), url).toBeNull();
  });

  it('serves known types with the right MIME type and unknown ones as octet-stream', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/evil.exe')).toBe('application/octet-stream');
  });
});

describe('preload (window.api)', () => {
  type ExposedApi = {
    call(name: string, req: unknown): Promise<Result<unknown>>;
    on(name: string, l: (p: unknown) => void): () => void;
  };
  let api: ExposedApi;

  beforeAll(async () => {
    await import('../../main/electron/preload');
    api = fake.exposed.api as ExposedApi;
  });
  beforeEach(() => {
    fake.invoked.length = 0;
  });

  it('exposes exactly { call, on } under window.api, frozen', () => {
    expect(Object.keys(fake.exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends known calls over the one call channel', async () => {
    await expect(api.call('snapshots.get', { snapshotId: 's1' })).resolves.toEqual({
      ok: true,
      value: 'from-main',
    });
    expect(fake.invoked).toEqual([[IPC_CALL_CHANNEL, 'snapshots.get', { snapshotId: 's1' }]]);
  });

  it('answers unknown calls with an unknown-call Result without touching IPC', async () => {
    const result = await api.call('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'Unknown call "fs.readFile"' },
    });
    expect(fake.invoked).toEqual([]);
  });

  it('delivers only the named event payload (never the IPC event object) and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.on('snapshot.finished', (p) => got.push(p));
    const emit = (name: EventName, payload: unknown): void => {
      for (const l of fake.rendererListeners.get(IPC_EVENT_CHANNEL) ?? [])
        l({ sender: 'ipc-internals' }, name, payload);
    };
    emit('snapshot.progress', { n: 1 });
    emit('snapshot.finished', { snapshotId: 's1' });
    off();
    emit('snapshot.finished', { snapshotId: 's2' });
    expect(got).toEqual([{ snapshotId: 's1' }]);
    expect(fake.rendererListeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('rejects unknown event names and non-function listeners', () => {
    expect(() => api.on('ipc.raw', () => undefined)).toThrow(/Unknown event "ipc.raw"/);
    expect(() => api.on('snapshot.finished', 'x' as unknown as () => void)).toThrow(
      /listener must be a function/,
    );
  });
});

describe('IPC wiring (wireIpc)', () => {
  const mainFrame = { url: 'app://evidence-desk/index.html' };
  const sent: unknown[][] = [];
  const webContents = {
    mainFrame,
    isDestroyed: () => false,
    send: (...args: unknown[]) => sent.push(args),
  };
  const win = { webContents, isDestroyed: () => false };
  const dispatched: unknown[][] = [];
  let subscriber: ((event: EventName, payload: unknown) => void) | null = null;
  const dispatcher = {
    dispatch: (name: string, payload: unknown) => {
      dispatched.push([name, payload]);
      return Promise.resolve({ ok: true as const, value: `handled ${name}` });
    },
    subscribe: (l: (event: EventName, payload: unknown) => void) => {
      subscriber = l;
      return () => {
        subscriber = null;
      };
    },
  };
  let unwire: () => void;
  let handler: (event: unknown, name: unknown, payload: unknown) => Promise<Result<unknown>>;

  beforeAll(async () => {
    const { wireIpc } = await import('../../main/electron/ipc');
    unwire = wireIpc(win as never, dispatcher);
    handler = fake.handlers.get(IPC_CALL_CHANNEL) as typeof handler;
  });
  beforeEach(() => {
    dispatched.length = 0;
    sent.length = 0;
  });

  it('dispatches calls from our window main frame', async () => {
    const res = await handler({ sender: webContents, senderFrame: mainFrame }, 'app.info', {});
    expect(res).toEqual({ ok: true, value: 'handled app.info' });
    expect(dispatched).toEqual([['app.info', {}]]);
  });

  it('refuses calls from another web contents, a sub-frame, a foreign URL or a vanished frame', async () => {
    const cases = [
      { sender: { ...webContents }, senderFrame: mainFrame },
      { sender: webContents, senderFrame: { url: 'app://evidence-desk/index.html' } },
      { sender: webContents, senderFrame: null },
    ];
    for (const event of cases) {
      const res = await handler(event, 'app.info', {});
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('refused');
    }
    mainFrame.url = 'https://example.com/';
    const foreign = await handler({ sender: webContents, senderFrame: mainFrame }, 'app.info', {});
    mainFrame.url = 'app://evidence-desk/index.html';
    expect(foreign.ok).toBe(false);
    expect(dispatched).toEqual([]);
  });

  it('rejects a non-string call name as unknown-call', async () => {
    const res = await handler({ sender: webContents, senderFrame: mainFrame }, { toString: 1 }, {});
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('pushes core events to the window and stops after unwiring', () => {
    subscriber!('snapshot.progress', { done: 1 });
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, 'snapshot.progress', { done: 1 }]]);
    unwire();
    expect(fake.removedHandlers).toContain(IPC_CALL_CHANNEL);
    expect(subscriber).toBeNull();
  });

  it('implements dialog.chooseFolder with a directory picker, null when cancelled', async () => {
    const { electronPlatform } = await import('../../main/electron/ipc');
    const platform = electronPlatform(() => win as never);
    expect(platform.mode).toBe('electron');
    await expect(platform.chooseFolder!('Export to')).resolves.toBe('/chosen/folder');
    expect(fake.dialogCalls.at(-1)).toEqual([
      win,
      { title: 'Export to', properties: ['openDirectory', 'createDirectory'] },
    ]);
    fake.dialogResult = { canceled: true, filePaths: [] };
    await expect(platform.chooseFolder!('Export to')).resolves.toBeNull();
  });
});

describe('window and session hardening', () => {
  it('blocks off-app navigation, redirects, popups and webviews', async () => {
    const { hardenWebContents } = await import('../../main/electron/window');
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    hardenWebContents({
      on: (name: string, l: Listener) => listeners.set(name, l),
      setWindowOpenHandler: (h: Listener) => {
        openHandler = h;
      },
    } as never);
    const attempt = (eventName: string, url: string): boolean => {
      let prevented = false;
      const event = { url, preventDefault: () => (prevented = true) };
      listeners.get(eventName)!(event, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-navigate', 'app://evidence-desk/findings')).toBe(false);
    expect(attempt('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-redirect', 'http://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview', 'app://evidence-desk/')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and cancels remote requests', async () => {
    const { hardenSession } = await import('../../main/electron/window');
    let request: Listener | null = null;
    let check: Listener | null = null;
    let device: Listener | null = null;
    let beforeRequest: Listener | null = null;
    hardenSession({
      setPermissionRequestHandler: (h: Listener) => (request = h),
      setPermissionCheckHandler: (h: Listener) => (check = h),
      setDevicePermissionHandler: (h: Listener) => (device = h),
      webRequest: { onBeforeRequest: (h: Listener) => (beforeRequest = h) },
    } as never);
    const granted: unknown[] = [];
    request!({}, 'media', (ok: boolean) => granted.push(ok));
    request!({}, 'clipboard-read', (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false, false]);
    expect(check!({}, 'notifications', 'app://evidence-desk')).toBe(false);
    expect(device!({})).toBe(false);
    const decisions: unknown[] = [];
    beforeRequest!({ url: 'https://example.com/track.gif' }, (r: unknown) => decisions.push(r));
    beforeRequest!({ url: 'app://evidence-desk/assets/a.js' }, (r: unknown) => decisions.push(r));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);
  });
});

describe('renderer file serving end to end over the resolver', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-renderer-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<html></html>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never resolves to a real file outside the renderer folder', () => {
    const root = path.join(dir, 'renderer');
    for (const url of [
      'app://evidence-desk/../secret.txt',
      'app://evidence-desk/%2e%2e/secret.txt',
      'app://evidence-desk/..%2fsecret.txt',
      'app://evidence-desk/assets/..%2f..%2fsecret.txt',
    ]) {
      const file = resolveRendererFile(root, url);
      // Either refused or clamped inside the folder, where no such file exists: the secret is unreachable.
      if (file !== null) expect(file.startsWith(root + path.sep), url).toBe(true);
      expect(file !== null && fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'outside', url).toBe(
        false,
      );
    }
    const index = resolveRendererFile(root, 'app://evidence-desk/');
    expect(fs.readFileSync(index!, 'utf8')).toBe('<html></html>');
  });
});
