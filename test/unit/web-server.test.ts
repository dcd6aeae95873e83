import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Result } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../../main/util/renderer-serving';
import {
  DEFAULT_TIMEOUTS,
  MAX_BODY_BYTES,
  PERMISSIONS_POLICY,
  startWebServer,
  type WebServer,
} from '../../main/web/server';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** node:http rather than fetch: fetch refuses to set Host, and these tests must forge it. */
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('startWebServer', () => {
  let dir: string;
  let server: WebServer;
  let calls: { name: string; payload: unknown }[];
  let listeners: Set<(event: EventName, payload: unknown) => void>;

  const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${server.token}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Evidence Desk</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'assets', 'app.css'), 'body{}');
    fs.writeFileSync(path.join(os.tmpdir(), 'ed-web-secret.txt'), 'TOP-SECRET-CONTENT');
    calls = [];
    listeners = new Set();
    server = await startWebServer({
      staticDir: dir,
      port: 0,
      dispatch: async (name, payload): Promise<Result<unknown>> => {
        calls.push({ name, payload });
        if (name === 'boom') throw new Error('handler bug');
        if (name === 'app.info') return { ok: true, value: { version: '1.2.3', echo: payload } };
        return { ok: false, error: { code: 'unknown-call', message: `no such call ${name}` } };
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

  it('binds to loopback with a random 64-hex-char token and puts it in the URL fragment', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('runs an authorised call through dispatch and returns its Result as JSON', async () => {
    const res = await api('app.info', { a: 1 });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { version: '1.2.3', echo: { a: 1 } } });
    expect(calls).toEqual([{ name: 'app.info', payload: { a: 1 } }]);
  });

  it('passes a dispatch error Result through and turns a thrown handler into a failed Result', async () => {
    const unknown = await api('nope.call', {});
    expect(JSON.parse(unknown.body)).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'no such call nope.call' },
    });
    const boom = await api('boom', {});
    expect(boom.status).toBe(200);
    expect(JSON.parse(boom.body)).toEqual({ ok: false, error: { code: 'failed', message: 'handler bug' } });
  });

  it('refuses a call without a token or with a wrong one (401) and never dispatches it', async () => {
    const none = await request(server.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).ok).toBe(false);
    const wrong = await api('app.info', {}, { authorization: `Bearer ${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
    const short = await api('app.info', {}, { authorization: 'Bearer x' });
    expect(short.status).toBe(401);
    const basic = await api('app.info', {}, { authorization: `Basic ${server.token}` });
    expect(basic.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const res = await api('app.info', {}, { host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    const wrongPort = await api('app.info', {}, { host: `127.0.0.1:${server.port + 1}` });
    expect(wrongPort.status).toBe(403);
    const page = await request(server.port, { path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('accepts localhost:PORT as Host and a same-origin Origin, refuses a cross-site Origin', async () => {
    const local = await api('app.info', {}, { host: `localhost:${server.port}` });
    expect(local.status).toBe(200);
    const same = await api('app.info', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
    const cross = await api('app.info', {}, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const nullOrigin = await api('app.info', {}, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(calls.length).toBe(2);
  });

  it('rejects a non-JSON body with 400 and a Result error', async () => {
    const res = await api('app.info', '{not json');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(calls).toEqual([]);
  });

  it('rejects a body over the size limit with 413', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const res = await api('app.info', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/larger than/);
    expect(calls).toEqual([]);
  });

  it('rejects GET on a call (405) and a malformed call name (404)', async () => {
    const get = await request(server.port, {
      path: '/api/app.info',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(get.status).toBe(405);
    const bad = await api('a%2F..%2Fb', {});
    expect(bad.status).toBe(404);
  });

  it('serves index.html for / and assets with correct types and security headers', async () => {
    const index = await request(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Evidence Desk</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['permissions-policy']).toBe(PERMISSIONS_POLICY);
    const js = await request(server.port, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await request(server.port, { path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await request(server.port, { path: '/assets/nope.js' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it("receives requests under deadlines of seconds by default, not Node's 60 s headers / 300 s request", () => {
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.bodyMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000);
    // A deadline is only enforced when Node checks it: the check must be much finer than the deadlines.
    expect(DEFAULT_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(DEFAULT_TIMEOUTS.headersMs / 5);
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(DEFAULT_TIMEOUTS.requestMs);
  });

  it('refuses path traversal out of the static folder', async () => {
    for (const p of [
      '/../ed-web-secret.txt',
      '/%2e%2e/ed-web-secret.txt',
      '/assets/..%2f..%2fed-web-secret.txt',
    ]) {
      const res = await request(server.port, { path: p });
      expect([403, 404]).toContain(res.status);
      expect(res.body).not.toContain('TOP-SECRET-CONTENT');
    }
  });

  it('streams events over SSE to a client with the token, and refuses one without it', async () => {
    const refused = await request(server.port, { path: '/api/events' });
    expect(refused.status).toBe(401);
    const wrong = await request(server.port, { path: '/api/events?token=abc' });
    expect(wrong.status).toBe(401);

    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          expect(res.headers['cache-control']).toBe('no-store');
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            if (buf.includes(': connected')) {
              for (const l of listeners) l('snapshot.progress', { snapshotId: 's1', done: 1, total: 2 });
            }
            const m = /^data: (.*)$/m.exec(buf);
            if (m) {
              req.destroy();
              resolve(m[1]);
            }
          });
        },
      );
      req.on('error', reject);
    });
    expect(JSON.parse(received)).toEqual({
      event: 'snapshot.progress',
      payload: { snapshotId: 's1', done: 1, total: 2 },
    });
    // The listener is removed when the client goes away, so a closed tab does not leak subscriptions.
    await expect.poll(() => listeners.size).toBe(0);
  });
});
