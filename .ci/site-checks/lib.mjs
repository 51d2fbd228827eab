// Shared helpers for the site checks: walking the public folder, mapping
// files to URLs, and a tiny static HTTP server with a strict CSP.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.map': 'application/json; charset=utf-8',
};

/** Recursively list all files below root (sorted, relative paths with '/'). */
export function walk(root) {
  const out = [];
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop();
    const abs = path.join(root, rel);
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) stack.push(r);
      else if (ent.isFile()) out.push(r);
      else if (ent.isSymbolicLink()) {
        try {
          const st = fs.statSync(path.join(root, r));
          if (st.isFile()) out.push(r);
          else if (st.isDirectory()) stack.push(r);
        } catch { /* dangling link: ignore */ }
      }
    }
  }
  return out.sort();
}

export const isHtml = (rel) => /\.html?$/i.test(rel);

/** Site URL path for an HTML file: "a/b/index.html" -> "/a/b/", "x.html" -> "/x.html". */
export function fileToUrlPath(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

/** Does the HTML look like a meta-refresh redirect page? */
export function isRedirectHtml(text) {
  return /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/i.test(text);
}

/**
 * Resolve a URL path to a file in root the way a static host would.
 * Returns { file } | { redirect } | null.
 */
export function resolvePath(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + p));
  if (abs !== root && !abs.startsWith(root + path.sep)) return null;
  let st;
  try { st = fs.statSync(abs); } catch { st = null; }
  if (st && st.isFile()) return { file: abs };
  if (st && st.isDirectory()) {
    if (!p.endsWith('/')) return { redirect: p + '/' };
    const idx = path.join(abs, 'index.html');
    if (fs.existsSync(idx)) return { file: idx };
    return null;
  }
  // "/foo" -> "/foo.html" like most static hosts
  if (!p.endsWith('/') && fs.existsSync(abs + '.html')) return { file: abs + '.html' };
  return null;
}

/** Start the static server on 127.0.0.1 with a random free port. */
export function startServer(root) {
  // Last HTTP status per request path, so that a failed request seen by the
  // browser (e.g. net::ERR_ABORTED for a missing stylesheet) can be explained.
  const statusLog = new Map();
  const server = http.createServer((req, res) => {
    res.on('finish', () => statusLog.set(req.url, res.statusCode));
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers);
      res.end();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const r = resolvePath(root, url.pathname);
    const send = (status, file) => {
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      const body = fs.readFileSync(file);
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (r && r.redirect) {
        res.writeHead(301, { ...headers, Location: encodeURI(r.redirect) + url.search });
        res.end();
      } else if (r && r.file) {
        send(200, r.file);
      } else {
        const notFound = path.join(root, '404.html');
        if (fs.existsSync(notFound)) send(404, notFound);
        else {
          res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('404 Not Found\n');
        }
      }
    } catch (e) {
      res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, statusLog, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/** Resolve and validate the PUBLIC_DIR argument. */
export function publicDirArg(arg) {
  if (!arg) {
    console.error('usage: <script> PUBLIC_DIR [SCREENSHOT_DIR]');
    process.exit(2);
  }
  let root;
  try { root = fs.realpathSync(path.resolve(arg)); } catch { root = null; }
  if (!root || !fs.statSync(root).isDirectory()) {
    console.error(`not a directory: ${arg}`);
    process.exit(2);
  }
  return root;
}
