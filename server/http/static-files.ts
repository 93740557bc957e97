// Serves the built web app (web/dist) for every non-API GET: files as they are, other paths fall back to index.html.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Notes and answers are untrusted text, so the page may run only its own scripts and talk only to its own server.
 * Styles allow 'unsafe-inline' because the chart library sets style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names built assets by content hash, so they never change under the same URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function securityHeaders(c: Context): void {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
}

/**
 * True when the request path, decoded, stays inside the web root: no `..` or `.` segments, no backslashes,
 * no NUL, no doubled slashes, and it decodes cleanly. serveStatic refuses these too; this is the second lock.
 */
export function isSafeAssetPath(requestPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return false;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\') || decoded.includes('//')) return false;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return false;
  const root = path.resolve('/web-root');
  const resolved = path.resolve(root, `.${decoded}`);
  return resolved === root || resolved.startsWith(root + path.sep);
}

/** A path that names a file (`/assets/app.js`, `/favicon.svg`) rather than a screen of the app (`/interview/abc`). */
const looksLikeFile = (requestPath: string) => /\.[A-Za-z0-9]{1,8}$/.test(requestPath.split('/').pop() ?? '');

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Interview Tutor</title>
<body style="font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>网页界面尚未构建 · The web app is not built</h1>
<p>运行 <code>npm run build:web</code>（或重新运行 <code>npm start</code>）后刷新本页。API 仍可在 <code>/api</code> 下使用。</p>
<p>Run <code>npm run build:web</code> (or restart <code>npm start</code>), then reload this page. The API still answers under <code>/api</code>.</p>
</body>`;

/**
 * GET/HEAD handler for everything outside /api. `root` is the built app's folder (web/dist); when it has no
 * index.html the handler answers 503 with what to run.
 */
export function webAppFiles(root: string): MiddlewareHandler {
  const absoluteRoot = path.resolve(root);
  const indexFile = path.join(absoluteRoot, 'index.html');
  const files = serveStatic({ root: absoluteRoot });
  const index = serveStatic({ root: absoluteRoot, path: 'index.html' });

  return async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    securityHeaders(c);
    if (!existsSync(indexFile)) return c.html(NOT_BUILT_PAGE, 503);
    if (!isSafeAssetPath(c.req.path)) return c.json({ code: 'not_found', message: 'No such file' }, 404);
    const served = await files(c, async () => {});
    if (served) {
      served.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      return served;
    }
    if (looksLikeFile(c.req.path)) return c.json({ code: 'not_found', message: `No such file: ${c.req.path}` }, 404);
    const page = await index(c, async () => {});
    page?.headers.set('Cache-Control', 'no-cache');
    return page ?? next();
  };
}
