// Serves the built renderer from app://evidence-desk/ instead of file:// or a dev server: a privileged
// standard scheme gives the page a real origin (so 'self' in the CSP means exactly our files), and every
// response carries the CSP header whatever the HTML says.
import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, mimeTypeFor, resolveRendererFile, securityHeaders } from './security';

/** Must run before app 'ready': Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Serves files under rendererDir on the app:// scheme of the given session. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return textResponse(404, 'Not found');
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...securityHeaders(), 'Content-Type': mimeTypeFor(file), 'Cache-Control': 'no-store' },
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return textResponse(404, 'Not found');
      return textResponse(500, 'The app could not read its own files. Reinstall Evidence Desk.');
    }
  });
}
