// Browser mode: serves the built renderer and the same API handlers as Electron over HTTP on loopback.
// Anything on this machine (other users' processes, any web page the analyst visits) can reach 127.0.0.1, so
// every API request must carry a random per-run token, and Host/Origin are checked so a rebound DNS name or a
// cross-site page cannot drive the API even if it learned the port. Every stage of receiving a request has a
// deadline, so a local process that opens connections and trickles bytes cannot hold them (and the event loop's
// sockets) open for minutes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode, EventName, Result } from '../../shared/api';
import { CONTENT_SECURITY_POLICY, mimeTypeFor } from '../util/renderer-serving';

export type Dispatch = (name: string, payload: unknown) => Promise<Result<unknown>>;
export type Subscribe = (listener: (event: EventName, payload: unknown) => void) => () => void;

export type WebServerOptions = {
  dispatch: Dispatch;
  subscribe: Subscribe;
  /** Folder holding the built renderer (index.html + assets/). */
  staticDir: string;
  /** 0 or absent = a random free port. */
  port?: number;
  /** Absent = 32 random bytes, hex. */
  token?: string;
  /** Absent fields take DEFAULT_TIMEOUTS; tests pass short ones. */
  timeouts?: Partial<WebServerTimeouts>;
};

/**
 * Deadlines for receiving a request. None of them limits a response: a long API call and the SSE stream stay
 * open as long as they need once their request has arrived.
 */
export type WebServerTimeouts = {
  /** The whole header block must arrive within this (a client that never finishes its headers). */
  headersMs: number;
  /** Headers and body together must arrive within this (Node's own backstop for any route). */
  requestMs: number;
  /** An API call's body must arrive within this once its headers are in (a body trickled byte by byte). */
  bodyMs: number;
  /** An idle keep-alive connection between requests is closed after this. */
  keepAliveMs: number;
  /** How often Node checks the header and request deadlines: a cut-off lands up to this late. */
  checkIntervalMs: number;
};

/** Bodies are at most 1 MiB of JSON from a browser on the same machine: seconds are generous. */
export const DEFAULT_TIMEOUTS: WebServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  bodyMs: 10_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};

/**
 * Browser mode needs no device, sensor, credential or payment access, so the page and anything it might load is
 * denied all of them; a script injected despite the CSP still cannot turn on the camera or read the clipboard.
 * Every feature here is one Chromium recognises, except 'bluetooth': the Web Bluetooth spec defines it and it is
 * listed for browsers that enforce it, at the cost of a console warning (not an error) in Chromium.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'browsing-topics',
  'camera',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-write',
  'compute-pressure',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'speaker-selection',
  'usb',
  'window-management',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export type WebServer = { url: string; token: string; port: number; close(): Promise<void> };

/** Body limit for API calls: requests are small JSON objects; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 1024 * 1024;

const SSE_HEARTBEAT_MS = 15_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['Permissions-Policy', PERMISSIONS_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

function setSecurityHeaders(res: http.ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
}

function resolveTimeouts(given: Partial<WebServerTimeouts> | undefined): WebServerTimeouts {
  const t = { ...DEFAULT_TIMEOUTS, ...given };
  for (const [name, value] of Object.entries(t)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`startWebServer: timeouts.${name} must be a positive whole number of ms, got ${value}`);
    }
  }
  // Node refuses headersTimeout > requestTimeout; a body deadline past the request deadline would never fire.
  if (t.headersMs > t.requestMs || t.bodyMs > t.requestMs) {
    throw new Error(
      `startWebServer: timeouts.headersMs (${t.headersMs}) and bodyMs (${t.bodyMs}) must not exceed requestMs (${t.requestMs})`,
    );
  }
  return t;
}

/**
 * Errors Node finds before a request reaches the handler (header deadline, request deadline, malformed
 * request) are answered by Node on the raw socket with a bare status line; this gives them the same security
 * headers and Result body as every other response.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  // Never write over a response that has started: the peer would read a corrupt stream.
  if (socket.writable && !inFlight?.headersSent) {
    const [status, reason, message] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request did not arrive in time; the connection is closed']
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'request headers are too large']
          : [400, 'Bad Request', 'malformed HTTP request'];
    const result: Result<never> = { ok: false, error: { code: apiErrorCode(status), message } };
    const body = JSON.stringify(result);
    const head = [
      `HTTP/1.1 ${status} ${reason}`,
      'Connection: close',
      'Cache-Control: no-store',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}`),
    ];
    // As Node's own handler does: a write this small goes out at once, then the connection is dropped.
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy();
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function apiErrorCode(status: number): ApiErrorCode {
  return status === 400 || status === 413 || status === 415 || status === 431
    ? 'invalid-request'
    : status === 404
      ? 'not-found'
      : status >= 500
        ? 'failed'
        : 'refused';
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  const body: Result<never> = { ok: false, error: { code: apiErrorCode(status), message } };
  sendJson(res, status, body);
}

/** Constant-time: hashing first makes both sides the same length, so length is not leaked either. */
function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

/** Reads an API call's body, failing with 413 past MAX_BODY_BYTES and 408 past the body deadline. */
function readBody(req: http.IncomingMessage, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // A deadline for the whole body, not an idle timer: one byte every few seconds would reset an idle timer
    // forever.
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new HttpError(408, `request body did not arrive within ${deadlineMs} ms; send it in one go`),
          ),
        ),
      deadlineMs,
    );
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        settle(() => reject(new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`)));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', (err) => settle(() => reject(err)));
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(32).toString('hex');
  if (token.length < 16) throw new Error('startWebServer: the access token must be at least 16 characters');
  const timeouts = resolveTimeouts(opts.timeouts);
  const staticRoot = path.resolve(opts.staticDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  /** DNS-rebinding guard: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example. */
  function hostAllowed(req: http.IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  function originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  async function handleCall(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, `use POST for /api/${name}`);
      return;
    }
    if (!tokenMatches(bearerToken(req), token)) {
      sendError(res, 401, 'missing or wrong access token; reopen the URL printed when Evidence Desk started');
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (contentType && !contentType.startsWith('application/json')) {
      sendError(res, 415, 'send the request body as application/json');
      return;
    }
    const raw = await readBody(req, timeouts.bodyMs);
    let payload: unknown = {};
    if (raw.length > 0) {
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        sendError(res, 400, `request body is not valid JSON: ${(err as Error).message}`);
        return;
      }
    }
    let result: Result<unknown>;
    try {
      result = await opts.dispatch(name, payload);
    } catch (err) {
      // dispatch should never throw (it returns Result), but a bug must not hang the request or leak a stack.
      result = { ok: false, error: { code: 'failed', message: (err as Error).message || 'internal error' } };
    }
    sendJson(res, 200, result);
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      sendError(res, 405, 'use GET for /api/events');
      return;
    }
    // EventSource cannot set headers, so this one route takes the token in the query string.
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      sendError(res, 401, 'missing or wrong access token for the event stream');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const unsubscribe = opts.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      sseClients.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendError(res, 405, 'only GET and HEAD are served');
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      sendError(res, 400, 'malformed URL path');
      return;
    }
    if (rel.includes('\0')) {
      sendError(res, 400, 'malformed URL path');
      return;
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(staticRoot, '.' + rel);
    // Path-traversal guard: the resolved path must stay inside the static root.
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) {
      sendError(res, 403, 'path escapes the app folder');
      return;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      sendError(res, 404, `not found: ${url.pathname}`);
      return;
    }
    if (!stat.isFile()) {
      sendError(res, 404, `not found: ${url.pathname}`);
      return;
    }
    const type = mimeTypeFor(file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      // index.html must be re-read so a rebuilt app is picked up; hashed assets are immutable.
      'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/') || url.pathname === '/api') {
      res.setHeader('Cache-Control', 'no-store');
    }
    if (!hostAllowed(req)) {
      sendError(res, 403, 'Host header not allowed; open Evidence Desk via 127.0.0.1 or localhost');
      return;
    }
    if (!originAllowed(req)) {
      sendError(res, 403, 'cross-origin requests are not allowed');
      return;
    }
    if (url.pathname === '/api/events') {
      handleEvents(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      if (!/^[a-zA-Z0-9._-]{1,100}$/.test(name)) {
        sendError(res, 404, `no such API call: ${name.slice(0, 100)}`);
        return;
      }
      await handleCall(req, res, name);
      return;
    }
    serveStatic(req, res, url);
  }

  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node's default is 30 s, which would let a header or request deadline overrun by that much.
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (err instanceof HttpError) {
          // Stop reading an oversized or trickled body; the client gets its 413/408 and the socket closes.
          res.setHeader('Connection', 'close');
          sendError(res, err.status, err.message);
          return;
        }
        sendError(res, 500, 'internal server error');
      });
    },
  );
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: browser mode must never be reachable from the network.
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web server did not bind a TCP port');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
