// Check 4 (static part): no page may load CSS, JS, fonts, images, frames or
// other embedded resources from another host. Scans every .html/.htm/.css/.svg
// file in PUBLIC_DIR. Plain links (<a href>, rel=canonical/alternate, ...) to
// other sites are fine. The browser check in axe.mjs also records every
// request a page really makes.
// Usage: node offline.mjs PUBLIC_DIR
import fs from 'node:fs';
import path from 'node:path';
import { walk, publicDirArg } from './lib.mjs';

const root = publicDirArg(process.argv[2]);

const isExternal = (u) => /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u) && !/^\s*(?:file:)/i.test(u);
const hostOf = (u) => {
  try {
    return new URL(u.trim(), 'http://local.invalid/').host;
  } catch {
    return u;
  }
};

/** Replace a matched region by spaces, keeping newlines (so line numbers stay right). */
const blank = (s) => s.replace(/[^\n]/g, ' ');
const lineAt = (text, index) => {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};
const decode = (v) =>
  v.replace(/&amp;/gi, '&').replace(/&#x2f;|&#47;|&sol;/gi, '/').replace(/&colon;|&#58;|&#x3a;/gi, ':');

const findings = [];
const report = (file, line, what, url, message) => findings.push({ file, line, what, url, message });

// ---- CSS ---------------------------------------------------------------
function scanCss(file, css, baseLine, what) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, blank);
  const importRe = /@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1/gi;
  let m;
  while ((m = importRe.exec(text))) {
    if (isExternal(m[2])) {
      report(file, baseLine + lineAt(text, m.index) - 1, what || `@import ${m[2]}`, m[2],
        `@import of a stylesheet from another host (${hostOf(m[2])})`);
    }
  }
  const urlRe = /url\(\s*(["']?)([^"')]*?)\1\s*\)/gi;
  while ((m = urlRe.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (/@import\s*$/i.test(before)) continue; // already reported above
    if (isExternal(m[2])) {
      report(file, baseLine + lineAt(text, m.index) - 1, what || `url(${m[2]})`, m[2],
        `CSS url() loads a resource from another host (${hostOf(m[2])})`);
    }
  }
}

// ---- HTML / SVG --------------------------------------------------------
const EMBED_RELS = new Set([
  'stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon',
  'preload', 'modulepreload', 'prefetch', 'prerender', 'preconnect', 'dns-prefetch', 'manifest',
]);
// tag -> attributes that make the browser fetch something
const FETCH_ATTRS = {
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  body: ['background'],
  table: ['background'],
  td: ['background'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
  base: ['href'],
};

const TAG_RE = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR_RE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttrs(s) {
  const attrs = {};
  let m;
  ATTR_RE.lastIndex = 0;
  while ((m = ATTR_RE.exec(s))) {
    const name = m[1].toLowerCase();
    if (!(name in attrs)) attrs[name] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const srcsetUrls = (v) =>
  v.split(/,(?=\s*\S)/).map((c) => c.trim().split(/\s+/)[0]).filter(Boolean);

function scanHtml(file, html) {
  // Blank out comments, and the bodies of script/style/textarea so that
  // text inside them is not mistaken for tags (line numbers are kept).
  let text = html.replace(/<!--[\s\S]*?-->/g, blank);
  const styles = [];
  text = text.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi, (all, open, body, close, offset) => {
    styles.push({ body, line: lineAt(html, offset + open.length) });
    return open + blank(body) + close;
  });
  text = text.replace(/(<(script|textarea|title)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi,
    (all, open, _t, body, close) => open + blank(body) + close);

  for (const s of styles) scanCss(file, s.body, s.line, null);

  let m;
  TAG_RE.lastIndex = 0;
  while ((m = TAG_RE.exec(text))) {
    const tag = m[1].toLowerCase();
    const attrs = parseAttrs(m[2] || '');
    const line = lineAt(text, m.index);
    const snippet = m[0].replace(/\s+/g, ' ').slice(0, 200);
    if (attrs.style) scanCss(file, attrs.style, line, snippet);

    if (tag === 'link') {
      const rels = (attrs.rel || '').toLowerCase().split(/\s+/).filter(Boolean);
      const hit = rels.find((r) => EMBED_RELS.has(r));
      if (hit) {
        for (const u of [attrs.href || '', ...srcsetUrls(attrs.imagesrcset || '')]) {
          if (u && isExternal(u)) {
            report(file, line, snippet, u, `<link rel="${hit}"> points to another host (${hostOf(u)})`);
          }
        }
      }
      continue;
    }
    if (tag === 'input' && (attrs.type || '').toLowerCase() !== 'image') continue;
    const list = FETCH_ATTRS[tag];
    if (!list) continue;
    for (const a of list) {
      if (!(a in attrs)) continue;
      const urls = a === 'srcset' ? srcsetUrls(attrs[a]) : [attrs[a]];
      for (const u of urls) {
        if (u && isExternal(u)) {
          const what = tag === 'base' ? '<base href> makes every relative URL load from' : `<${tag} ${a}> loads from`;
          report(file, line, snippet, u, `${what} another host (${hostOf(u)})`);
        }
      }
    }
  }
}

// ---- main --------------------------------------------------------------
const files = walk(root).filter((f) => /\.(html?|css|svg)$/i.test(f));
for (const f of files) {
  const abs = path.join(root, f);
  if (fs.statSync(abs).size > 20 * 1024 * 1024) {
    console.log(`WARN [offline] ${f}: larger than 20 MB, not scanned`);
    continue;
  }
  const text = fs.readFileSync(abs, 'utf8');
  if (/\.css$/i.test(f)) scanCss(f, text, 1, null);
  else scanHtml(f, text);
}

for (const x of findings) {
  console.log(`FAIL [offline] ${x.file}:${x.line} external-resource: ${x.message}`);
  console.log(`    element: ${x.what}`);
}
const nFiles = new Set(findings.map((x) => x.file)).size;
console.log(
  `offline: ${files.length} html/css/svg files scanned, ${findings.length} external resource references` +
    (findings.length ? ` in ${nFiles} files` : ''),
);
process.exit(findings.length ? 1 : 0);
