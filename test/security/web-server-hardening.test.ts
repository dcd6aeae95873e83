// Threat: any local process can reach the browser-mode server on 127.0.0.1. A slowloris client (headers that
// never finish, or a body trickled a byte at a time) could hold connections open for Node's 300 s default, and a
// script slipped into the page could ask for the camera, microphone, clipboard or USB devices.
// Proves: header, body and whole-request deadlines cut such clients off within the configured time (with a
// Result body and the security headers), the SSE stream and slow API calls are NOT cut by those deadlines, and
// every response (static, API, error, and Node-generated errors) carries a Permissions-Policy denying device
// and sensor access.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Result } from '../../shared/api';
import {
  PERMISSIONS_POLICY,
  startWebServer,
  type WebServer,
  type WebServerTimeouts,
} from '../../main/web/server';

const TIMEOUTS: WebServerTimeouts = {
  headersMs: 1_000,
  // Well past bodyMs, so the body test proves the body deadline (not this backstop) cut the client off.
  requestMs: 3_000,
  bodyMs: 1_000,
  keepAliveMs: 500,
  checkIntervalMs: 100,
};
/** Scheduling slack on a loaded 2-core machine; still far below Node's 300 s / 60 s defaults. */
const SLACK_MS = 1_000;
const TRICKLE_EVERY_MS = 500;

type RawOutcome = { response: string; closedAfterMs: number; bytesTrickled: number };

/**
 * Opens a raw TCP connection, writes `head`, then trickles `trickle` one byte per TRICKLE_EVERY_MS until the
 * server closes the connection (or the bytes run out, which would mean the server never cut it off).
 */
function rawClient(port: number, head: string, trickle = ''): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= trickle.length || socket.destroyed || !socket.writable) return;
        socket.write(trickle[sent++]);
      }, TRICKLE_EVERY_MS);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    // The server resets the connection when it drops a client mid-request; that still counts as cut off.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({
        response: Buffer.concat(chunks).toString(),
        closedAfterMs: Date.now() - started,
        bytesTrickled: sent,
      });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept a slow client connected for 20 s'));
    }, 20_000).unref();
  });
}

function parseRaw(response: string): { status: number; headers: Record<string, string>; body: string } {
  const [head, ...rest] = response.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function get(
  port: number,
  p: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('browser-mode server hardening', () => {
  let dir: string;
  let server: WebServer;
  let calls: string[];
  let listeners: Set<(event: EventName, payload: unknown) => void>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-web-hard-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Evidence Desk</title>');
    calls = [];
    listeners = new Set();
    server = await startWebServer({
      staticDir: dir,
      timeouts: TIMEOUTS,
      dispatch: async (name): Promise<Result<unknown>> => {
        calls.push(name);
        if (name === 'slow.call') {
          // Longer than the request deadline: the deadline is for receiving the request, not for answering.
          await new Promise((r) => setTimeout(r, TIMEOUTS.requestMs + 1_000));
          return { ok: true, value: 'slow answer' };
        }
        return { ok: true, value: name };
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const apiHead = (name: string, contentLength: number) =>
    `POST /api/${name} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
    `Authorization: Bearer ${server.token}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${contentLength}\r\n\r\n`;

  it('cuts off an API body trickled one byte per 500 ms at the body deadline, with 408, before dispatch', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(60) });
    const out = await rawClient(server.port, apiHead('app.info', body.length), body);
    expect(out.bytesTrickled).toBeGreaterThanOrEqual(1);
    expect(out.bytesTrickled).toBeLessThan(body.length);
    expect(out.closedAfterMs).toBeLessThan(TIMEOUTS.bodyMs + SLACK_MS);
    const res = parseRaw(out.response);
    expect(res.status).toBe(408);
    expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(JSON.parse(res.body).error.message).toMatch(/did not arrive within 1000 ms/);
    expect(calls).toEqual([]);
  });

  it('cuts off a trickled body the handler never reads at the whole-request deadline', async () => {
    // POST / is answered 405 without reading the body; Node then keeps draining it, so only requestMs ends it.
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 60\r\n\r\n`;
    const out = await rawClient(server.port, head, 'y'.repeat(60));
    expect(out.bytesTrickled).toBeLessThan(60);
    expect(out.closedAfterMs).toBeLessThan(TIMEOUTS.requestMs + TIMEOUTS.checkIntervalMs + SLACK_MS);
    expect(out.response).toMatch(/^HTTP\/1\.1 405 /);
  });

  it('cuts off a client that never finishes its headers at the header deadline, with 408', async () => {
    const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `;
    const out = await rawClient(server.port, head, 'z'.repeat(60));
    expect(out.bytesTrickled).toBeLessThan(60);
    expect(out.closedAfterMs).toBeLessThan(TIMEOUTS.headersMs + TIMEOUTS.checkIntervalMs + SLACK_MS);
    const res = parseRaw(out.response);
    expect(res.status).toBe(408);
    // Node's own timeout answer goes through the clientError handler, so it has the headers too.
    expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('closes an idle keep-alive connection after keepAliveMs', async () => {
    const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: keep-alive\r\n\r\n`;
    const out = await rawClient(server.port, head);
    expect(out.response).toMatch(/^HTTP\/1\.1 200 /);
    // Node waits a fixed 1 s past keepAliveTimeout (so a client reusing the socket at the edge does not race
    // the close); the bound is still well below Node's own 5 s default plus that second.
    expect(out.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveMs);
    expect(out.closedAfterMs).toBeLessThan(TIMEOUTS.keepAliveMs + 1_000 + SLACK_MS);
  });

  it('sends a Permissions-Policy denying device, sensor, clipboard and payment access on every response', async () => {
    for (const denied of [
      'camera',
      'microphone',
      'geolocation',
      'usb',
      'serial',
      'hid',
      'bluetooth',
      'payment',
      'clipboard-read',
      'display-capture',
    ]) {
      expect(PERMISSIONS_POLICY.split(', ')).toContain(`${denied}=()`);
    }
    // No feature is allowed for any origin, not even self.
    expect(PERMISSIONS_POLICY).not.toMatch(/=\((?!\))/);

    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const responses = {
      static: await get(server.port, '/'),
      staticMissing: await get(server.port, '/nope.js'),
      api: await get(server.port, '/api/app.info', auth, 'POST', '{}'),
      apiNoToken: await get(server.port, '/api/app.info', {}, 'POST', '{}'),
      apiWrongMethod: await get(server.port, '/api/app.info', auth),
      apiBadJson: await get(server.port, '/api/app.info', auth, 'POST', '{nope'),
      foreignHost: await get(server.port, '/', { host: 'evil.example' }),
      eventsNoToken: await get(server.port, '/api/events'),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.status]))).toEqual({
      static: 200,
      staticMissing: 404,
      api: 200,
      apiNoToken: 401,
      apiWrongMethod: 405,
      apiBadJson: 400,
      foreignHost: 403,
      eventsNoToken: 401,
    });
    for (const [name, r] of Object.entries(responses)) {
      expect(r.headers['permissions-policy'], name).toBe(PERMISSIONS_POLICY);
    }

    // A request Node itself rejects as malformed never reaches the handler; it must carry the policy too.
    const malformed = parseRaw((await rawClient(server.port, 'NOT HTTP AT ALL\r\n\r\n')).response);
    expect(malformed.status).toBe(400);
    expect(malformed.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
  });

  it('keeps the SSE stream open and delivering past the request deadline', async () => {
    const waitMs = TIMEOUTS.requestMs + TIMEOUTS.checkIntervalMs * 5 + 500;
    const outcome = await new Promise<{ status: number; data: string; closedEarly: boolean }>(
      (resolve, reject) => {
        let closedEarly = false;
        const req = http.get(
          { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
          (res) => {
            expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
            let buf = '';
            res.on('data', (c: Buffer) => {
              buf += c.toString();
              const m = /^data: (.*)$/m.exec(buf);
              if (m) {
                req.destroy();
                resolve({ status: res.statusCode ?? 0, data: m[1], closedEarly });
              }
            });
            res.on('close', () => {
              closedEarly = true;
            });
            setTimeout(() => {
              for (const l of listeners) l('snapshot.progress', { snapshotId: 's1', done: 2, total: 3 });
            }, waitMs);
          },
        );
        req.on('error', reject);
      },
    );
    expect(outcome.status).toBe(200);
    expect(outcome.closedEarly).toBe(false);
    expect(JSON.parse(outcome.data)).toEqual({
      event: 'snapshot.progress',
      payload: { snapshotId: 's1', done: 2, total: 3 },
    });
  });

  it('answers an API call whose handler takes longer than the request deadline', async () => {
    const started = Date.now();
    const res = await get(
      server.port,
      '/api/slow.call',
      { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      'POST',
      '{}',
    );
    expect(Date.now() - started).toBeGreaterThan(TIMEOUTS.requestMs);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: 'slow answer' });
  });

  it('refuses deadlines that could never fire or that Node would reject', async () => {
    const base = {
      staticDir: dir,
      dispatch: async () => ({ ok: true as const, value: null }),
      subscribe: () => () => {},
    };
    await expect(
      startWebServer({ ...base, timeouts: { headersMs: 5_000, requestMs: 1_000 } }),
    ).rejects.toThrow(/headersMs \(5000\) and bodyMs \(\d+\) must not exceed requestMs \(1000\)/);
    await expect(startWebServer({ ...base, timeouts: { bodyMs: 0 } })).rejects.toThrow(
      /timeouts\.bodyMs must be a positive whole number of ms, got 0/,
    );
  });
});
