// Checks 2, 3, 4 (browser part) and 5:
//  - serves PUBLIC_DIR on 127.0.0.1 (random port) with a strict CSP header,
//  - opens every HTML page in Debian's Chromium (playwright-core) at 320x640,
//    375x812 and 1280x900 and runs axe-core (WCAG 2.0/2.1 A + AA),
//  - fails when a page scrolls sideways at any of those widths (WCAG 1.4.10 reflow;
//    a table that scrolls inside its own wrapper does not count),
//  - opens every page once more in print emulation: no form control may print, nothing
//    may be wider than the paper, and axe's colour-contrast rule must pass (white text
//    on the white of the print),
//  - fails on any request to another host, any console error (CSP violations
//    show up there), uncaught page errors, HTTP errors, and a wrong <html lang>,
//  - writes full-page screenshots of SCREENSHOT_PAGES to SCREENSHOT_DIR.
// Usage: node axe.mjs PUBLIC_DIR [SCREENSHOT_DIR]
// Env: SITE_LANG (default nl), SCREENSHOT_PAGES (default "/ /agenda/2024-2025/borstlap/"),
//      CHROMIUM (default /usr/bin/chromium), AXE_CONCURRENCY (default 2),
//      SETTLE_MS (wait after "load" before axe runs, default 100).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { walk, isHtml, fileToUrlPath, isRedirectHtml, resolvePath, startServer, publicDirArg } from './lib.mjs';

const require = createRequire(import.meta.url);
const root = publicDirArg(process.argv[2]);
const shotDir = process.argv[3] ? path.resolve(process.argv[3]) : null;
const SITE_LANG = (process.env.SITE_LANG ?? 'nl').trim().toLowerCase();
const SCREENSHOT_PAGES = (process.env.SCREENSHOT_PAGES ?? '/ /agenda/2024-2025/borstlap/').split(/\s+/).filter(Boolean);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CONCURRENCY = Math.max(1, Number(process.env.AXE_CONCURRENCY) || 2);
const MAX_BYTES = 5 * 1024 * 1024;
const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];
/** Print emulation: the width of A4 less 2 cm margins at 96 dpi (17 cm). */
const PRINT = { width: 643, height: 900, print: true };
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};
/** In print emulation only the contrast is checked again (the rest is the same page). */
const AXE_PRINT_OPTIONS = { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] };

/**
 * Runs in the page: how wide the document is against the viewport, the outermost
 * elements that stick out (not counting those inside an element that scrolls or clips,
 * such as a table's wrapper), and, when printing, the form controls that would print.
 */
const LAYOUT_PROBE = (print) => {
  const de = document.documentElement;
  const width = de.clientWidth;
  const describe = (el) => {
    const name = el.tagName.toLowerCase();
    if (el.id) return `${name}#${el.id}`;
    return el.classList.length ? `${name}.${[...el.classList].join('.')}` : name;
  };
  const inScrollRegion = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (/^(auto|scroll|hidden|clip)$/.test(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  if (de.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (!box.width || box.right <= width + 0.5 || inScrollRegion(el)) continue;
      if (wide.some((w) => w.el.contains(el))) continue;
      wide.push({ el, right: Math.round(box.right) });
      if (wide.length === 5) break;
    }
  }
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden');
  };
  const controls = print
    ? [...document.querySelectorAll('input:not([type=hidden]), button, select, textarea')].filter(shown).map(describe)
    : [];
  return {
    scrollWidth: de.scrollWidth,
    clientWidth: width,
    wide: wide.map((w) => `${describe(w.el)} ends at ${w.right}px`),
    controls,
  };
};
const NAV_TIMEOUT = 30_000;
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 100);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') + '\n;void 0;';
const vpName = (v) => (v.print ? 'print' : `${v.width}x${v.height}`);
const oneLine = (s, n = 300) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

// ---- discover pages ------------------------------------------------------
const pages = [];
let redirects = 0;
const warnings = [];
for (const rel of walk(root).filter(isHtml)) {
  const abs = path.join(root, rel);
  const size = fs.statSync(abs).size;
  if (size > MAX_BYTES) {
    warnings.push(`WARN [axe] ${rel}: ${(size / 1048576).toFixed(1)} MB is larger than 5 MB, not opened in the browser`);
    continue;
  }
  if (isRedirectHtml(fs.readFileSync(abs, 'utf8'))) {
    redirects++;
    continue;
  }
  pages.push({ rel, url: fileToUrlPath(rel) });
}

// ---- findings ------------------------------------------------------------
// Grouped so that the same problem at both viewports is printed once.
const findings = new Map();
function fail(url, vp, rule, message, details = []) {
  const key = JSON.stringify([url, rule, message, details]);
  let f = findings.get(key);
  if (!f) findings.set(key, (f = { url, rule, message, details, vps: [] }));
  if (vp && !f.vps.includes(vpName(vp))) f.vps.push(vpName(vp));
}
const counts = { axe: 0, external: 0, console: 0, csp: 0, pageerror: 0, http: 0, lang: 0, nav: 0, reflow: 0, print: 0 };

// ---- browser -------------------------------------------------------------
const { server, statusLog, origin } = await startServer(root);
const isLocal = (u) => {
  if (/^(data|blob|about):/i.test(u)) return true;
  try {
    return new URL(u).origin === origin;
  } catch {
    return false;
  }
};
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // Playwright gives every launch a fresh temporary --user-data-dir itself.
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

/**
 * A browser tab that is reused for many pages (much faster than a fresh
 * context per page). Network and console events are recorded into `seen`,
 * the bucket of the page currently being checked.
 */
async function newTab() {
  const tab = { context: null, page: null, seen: null };
  const rec = (fn) => (...args) => {
    const s = tab.seen;
    if (s && !s.frozen) fn(s, ...args);
  };
  tab.init = async () => {
    tab.context = await browser.newContext({
      viewport: VIEWPORTS[0],
      deviceScaleFactor: 1,
      serviceWorkers: 'block',
      reducedMotion: 'reduce',
    });
    // Never let anything leave the machine: abort every non-local request.
    await tab.context.route((u) => !isLocal(u.href), (route) => {
      rec((s) => s.external.add(route.request().url()))();
      return route.abort('blockedbyclient');
    });
    const page = (tab.page = await tab.context.newPage());
    page.on('request', rec((s, req) => {
      if (!isLocal(req.url())) s.external.add(req.url());
    }));
    page.on('response', rec((s, res) => {
      if (res.status() >= 400 && isLocal(res.url())) s.broken.add(`${res.status()} ${res.url()}`);
    }));
    page.on('requestfailed', rec((s, req) => {
      if (isLocal(req.url())) s.broken.add(`${req.failure()?.errorText ?? 'failed'} ${req.url()}`);
    }));
    page.on('console', rec((s, msg) => {
      if (msg.type() === 'error') s.console.push({ text: msg.text(), loc: msg.location() });
    }));
    page.on('pageerror', rec((s, err) => s.pageerrors.push(err)));
  };
  /** Start over with a fresh context (after a crash or a hanging page). */
  tab.reset = async () => {
    tab.seen = null;
    await tab.context.close().catch(() => {});
    await tab.init();
  };
  tab.open = async (urlPath, vp) => {
    tab.seen = null;
    // Leave the previous document first so that none of its late events
    // end up in the next page's bucket.
    await tab.page.goto('about:blank').catch(() => {});
    await tab.page.setViewportSize({ width: vp.width, height: vp.height });
    await tab.page.emulateMedia({ media: vp.print ? 'print' : 'screen' });
    // `frozen` stops recording once axe starts: axe-core's own CSSOM preload
    // re-fetches stylesheets and would otherwise cause CSP noise of its own.
    const seen = (tab.seen = { frozen: false, external: new Set(), broken: new Set(), console: [], pageerrors: [] });
    let response = null;
    let navError = null;
    try {
      const encoded = urlPath.split('/').map((seg) => encodeURIComponent(seg)).join('/');
      response = await tab.page.goto(origin + encoded, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    } catch (e) {
      navError = e;
    }
    return { page: tab.page, seen, response, navError };
  };
  await tab.init();
  return tab;
}

function reportSeen(urlPath, vp, seen) {
  const rel = (u) => (u.startsWith(origin) ? u.slice(origin.length) : u);
  for (const u of seen.external) {
    counts.external++;
    fail(urlPath, vp, 'external-request', `page requested a resource from another host: ${u}`);
  }
  const brokenUrls = new Set();
  for (const b of seen.broken) {
    const [reason, ...rest] = b.split(' ');
    const u = rest.join(' ');
    if (brokenUrls.has(u)) continue;
    brokenUrls.add(u);
    counts.http++;
    const status = /^\d+$/.test(reason) ? reason : statusLog.get(rel(u));
    const why = status && Number(status) >= 400 ? `HTTP ${status}` : reason;
    fail(urlPath, vp, 'broken-resource', `request for ${rel(u)} failed: ${why}`);
  }
  const reported = new Set([...seen.external, ...brokenUrls]);
  for (const { text, loc } of seen.console) {
    // Follow-up messages for a URL already reported above add nothing, nor
    // does Chromium's own automatic /favicon.ico request.
    if (/^Failed to load resource/.test(text) && loc?.url &&
        (reported.has(loc.url) || loc.url === origin + '/favicon.ico')) continue;
    const mime = /^Refused to (?:apply style|execute script) from '([^']+)' because its MIME type/.exec(text);
    if (mime && brokenUrls.has(mime[1])) continue;
    const where = loc?.url ? ` (at ${rel(loc.url)}${loc.lineNumber ? `:${loc.lineNumber + 1}` : ''})` : '';
    if (/Content Security Policy/i.test(text)) {
      counts.csp++;
      fail(urlPath, vp, 'csp-violation', oneLine(text, 400) + where);
    } else {
      counts.console++;
      fail(urlPath, vp, 'console-error', oneLine(text, 400) + where);
    }
  }
  for (const e of seen.pageerrors) {
    counts.pageerror++;
    fail(urlPath, vp, 'page-error', `uncaught exception: ${oneLine(e.message, 400)}`);
  }
}

async function checkPage(tab, { url }, vp, checkLang) {
  const { page, seen, response, navError } = await tab.open(url, vp);
  let broken = false;
  try {
    if (navError) {
      counts.nav++;
      broken = true;
      fail(url, vp, 'navigation', `page did not load: ${oneLine(navError.message, 300)}`);
      return;
    }
    if (!response || response.status() >= 400) {
      counts.nav++;
      fail(url, vp, 'navigation', `HTTP status ${response ? response.status() : 'none'}`);
    }
    if (checkLang) {
      const lang = await page.evaluate(() => document.documentElement.lang || '');
      const l = lang.trim().toLowerCase();
      if (!(l === SITE_LANG || l.startsWith(SITE_LANG + '-'))) {
        counts.lang++;
        fail(url, null, 'html-lang', `<html lang="${lang}"> should start with "${SITE_LANG}" (set SITE_LANG to change)`, ['html']);
      }
    }
    // Let late console messages (CSP reports, script errors) arrive, then stop
    // recording so that axe's own work is not blamed on the page.
    await page.waitForTimeout(SETTLE_MS);
    seen.frozen = true;
    await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
    const layout = await page.evaluate(LAYOUT_PROBE, Boolean(vp.print));
    if (layout.scrollWidth > layout.clientWidth) {
      counts[vp.print ? 'print' : 'reflow']++;
      const what = vp.print ? 'print-overflow' : 'reflow';
      const where = vp.print ? 'the printed page' : 'the viewport';
      fail(url, vp, what, `page is ${layout.scrollWidth}px wide, ${where} ${layout.clientWidth}px: it scrolls sideways`, layout.wide);
    }
    if (layout.controls.length) {
      counts.print++;
      fail(url, vp, 'print-form', 'form controls are printed (hide them in @media print)', layout.controls.slice(0, 5));
    }
    // Evaluated through the DevTools protocol, so the page's CSP does not
    // block it and no <script> element is added to the page.
    await page.evaluate(axeSource);
    const options = vp.print ? AXE_PRINT_OPTIONS : AXE_OPTIONS;
    const results = await page.evaluate((opts) => window.axe.run(document, opts), options);
    for (const v of results.violations) {
      counts.axe++;
      const details = v.nodes.slice(0, 5).map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
        const why = oneLine((n.failureSummary || '').replace(/^Fix (any|all) of the following:\s*/i, ''), 200);
        return `${target}${why ? `  -- ${why}` : ''}`;
      });
      if (v.nodes.length > 5) details.push(`(and ${v.nodes.length - 5} more)`);
      fail(url, vp, `axe:${v.id}`, `(${v.impact}) ${v.help} [${v.helpUrl.replace(/\?.*$/, '')}]`, details);
    }
  } catch (e) {
    counts.nav++;
    broken = true;
    fail(url, vp, 'check-error', `checking the page failed: ${oneLine(e.message, 300)}`);
  } finally {
    seen.frozen = true;
    reportSeen(url, vp, seen);
    if (broken) await tab.reset();
  }
}

const t0 = Date.now();
const tasks = [];
for (const p of pages) [...VIEWPORTS, PRINT].forEach((vp, i) => tasks.push((tab) => checkPage(tab, p, vp, i === 0)));
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, async () => {
    const tab = await newTab();
    while (next < tasks.length) await tasks[next++](tab);
    await tab.context.close();
  }),
);
const checkSecs = ((Date.now() - t0) / 1000).toFixed(1);

// ---- screenshots -----------------------------------------------------------
let shots = 0;
let shotWarnings = 0;
if (shotDir) {
  fs.mkdirSync(shotDir, { recursive: true });
  const tab = await newTab();
  for (const p of SCREENSHOT_PAGES) {
    let urlPath = p.startsWith('/') ? p : '/' + p;
    let r = resolvePath(root, urlPath);
    if (r && r.redirect) {
      urlPath = r.redirect;
      r = resolvePath(root, urlPath);
    }
    if (!r || !r.file) {
      shotWarnings++;
      warnings.push(`WARN [screenshot] ${p}: no such page in ${root}, no screenshot taken`);
      continue;
    }
    const base = urlPath.replace(/\.html?$/i, '').replace(/\/index$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'home';
    for (const vp of [...VIEWPORTS, PRINT]) {
      const { page, navError } = await tab.open(urlPath, vp);
      try {
        if (navError) throw navError;
        await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
        const file = path.join(shotDir, `${base}-${vp.print ? 'print' : vp.width}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        shots++;
      } catch (e) {
        fail(urlPath, vp, 'screenshot', `screenshot failed: ${oneLine(e.message, 300)}`);
        await tab.reset();
      }
    }
  }
  await tab.context.close();
}

await browser.close();
server.close();

// ---- report ----------------------------------------------------------------
for (const w of warnings) console.log(w);
const sorted = [...findings.values()].sort((a, b) => a.url.localeCompare(b.url) || a.rule.localeCompare(b.rule));
for (const f of sorted) {
  const order = [...VIEWPORTS, PRINT].map(vpName);
  const at = f.vps.length ? ` @${f.vps.sort((x, y) => order.indexOf(x) - order.indexOf(y)).join(',')}` : '';
  console.log(`FAIL [browser] ${f.url}${at} ${f.rule}: ${f.message}`);
  for (const d of f.details) console.log(`    ${f.rule.startsWith('axe:') ? 'target: ' : ''}${d}`);
}
console.log(
  `axe: ${pages.length} pages x ${VIEWPORTS.length} viewports (${VIEWPORTS.map((v) => v.width).join(', ')} px) + print, ` +
    `${counts.axe} violations${redirects ? ` (${redirects} redirect pages skipped)` : ''}, ${checkSecs}s`,
);
console.log(
  `reflow: ${pages.length} pages, ${counts.reflow} scroll sideways; print: ${counts.print} problems ` +
    '(overflow or form controls printed)',
);
console.log(
  `browser: ${counts.external} external requests, ${counts.csp} CSP violations, ${counts.console} console errors, ` +
    `${counts.pageerror} page errors, ${counts.http} broken resources, ${counts.nav} pages not loaded`,
);
console.log(`lang: ${pages.length} pages, ${counts.lang} without lang="${SITE_LANG}…"`);
console.log(
  shotDir
    ? `screenshots: ${shots} written to ${shotDir}${shotWarnings ? `, ${shotWarnings} pages not found (warning)` : ''}`
    : 'screenshots: skipped (no SCREENSHOT_DIR given)',
);
const failed = findings.size > 0 || pages.length === 0;
if (pages.length === 0) console.log(`FAIL [browser] ${root}: no HTML pages to check`);
process.exit(failed ? 1 : 0);
