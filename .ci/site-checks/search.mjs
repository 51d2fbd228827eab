// Check 6: the site search in a real browser (keten's search.js on the built index).
//  - no layout shift: the search page, opened with ?q= and without, moves nothing while
//    its results arrive (cumulative layout shift at most 0.01, at 375 and 1280 px);
//  - every result is reachable: "N resultaten" shows N results after clicking
//    "meer" (button.zoekmeer) until it is gone;
//  - a typo gets "Bedoelde u …?" (p.zoeksuggestie a) with the right word.
// Usage: node search.mjs PUBLIC_DIR
// Env: SEARCH_QUERY (default: the first word of 5+ letters of the home page's <title>),
//      CHROMIUM (default /usr/bin/chromium).
// The search page is the page with id="zoekresultaten"; without one, or without
// search-index/search.js, it prints that it skipped and exits 0.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { walk, isHtml, fileToUrlPath, startServer, publicDirArg } from './lib.mjs';

const root = publicDirArg(process.argv[2]);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MAX_SHIFT = 0.01;
const TIMEOUT = 15_000;

const searchFile = walk(root).filter(isHtml).find((rel) => fs.readFileSync(path.join(root, rel), 'utf8').includes('id="zoekresultaten"'));
if (!searchFile || !fs.existsSync(path.join(root, 'search-index', 'search.js'))) {
  console.log('search: skipped (no search page with id="zoekresultaten" and search-index/search.js)');
  process.exit(0);
}
const searchUrl = fileToUrlPath(searchFile);
const homeTitle = /<title>([^<]*)<\/title>/.exec(fs.readFileSync(path.join(root, 'index.html'), 'utf8'))?.[1] ?? '';
const query = process.env.SEARCH_QUERY || (homeTitle.match(/\p{L}{5,}/u) || ['zoeken'])[0].toLowerCase();
const typo = query.slice(0, -2) + query.slice(-1) + query.slice(-2, -1);

let failures = 0;
const fail = (what, message) => {
  failures++;
  console.log(`FAIL [search] ${searchUrl} ${what}: ${message}`);
};

const { server, origin } = await startServer(root);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});

/** Opens the search page (with `q` when given) and waits until its results are shown. */
async function open(width, height, q) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  // Injected through DevTools, so the page's CSP allows it; buffered, so shifts before
  // it runs count too.
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const url = origin + searchUrl + (q ? `?q=${encodeURIComponent(q)}` : '');
  await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
  if (q) await page.waitForFunction(() => document.querySelector('.zoekstatus')?.textContent, null, { timeout: TIMEOUT });
  await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
  await page.waitForTimeout(300);
  return { context, page };
}

const count = (page) => page.locator('.zoekresultaten-lijst > li').count();
let shown = 0;
let total = 0;
try {
  for (const [width, height] of [[375, 812], [1280, 900]]) {
    for (const q of [query, '']) {
      const { context, page } = await open(width, height, q);
      const shift = await page.evaluate(() => window.__shift);
      if (shift > MAX_SHIFT) fail('layout-shift', `${q ? `?q=${q}` : 'without a query'} at ${width}px: cumulative layout shift ${shift.toFixed(3)} > ${MAX_SHIFT}`);
      await context.close();
    }
  }

  const { context, page } = await open(1280, 900, query);
  const status = await page.locator('.zoekstatus').textContent();
  total = Number((status.match(/\d+/) || ['0'])[0]);
  if (!total) fail('results', `‘${query}’ finds nothing: "${status}" (set SEARCH_QUERY)`);
  for (let clicks = 0; clicks < 100 && (await page.locator('.zoekmeer').isVisible()); clicks++) {
    const before = await count(page);
    await page.locator('.zoekmeer').click();
    await page.waitForFunction((n) => document.querySelectorAll('.zoekresultaten-lijst > li').length > n, before, { timeout: TIMEOUT });
  }
  shown = await count(page);
  if (shown !== total) fail('all-results', `"${status}" but ${shown} results can be shown`);

  await page.fill('#zoekterm', typo);
  await page.waitForFunction((t) => document.querySelector('.zoekstatus')?.textContent.includes(t), typo, { timeout: TIMEOUT });
  const suggestion = page.locator('.zoeksuggestie a');
  const offered = (await suggestion.isVisible()) ? await suggestion.textContent() : null;
  if (offered !== query) fail('did-you-mean', `‘${typo}’ offers ${offered === null ? 'nothing' : `‘${offered}’`}, not ‘${query}’`);
  await context.close();
} catch (e) {
  fail('check-error', String(e.message || e).split('\n')[0]);
}
await browser.close();
server.close();
console.log(`search: ${searchUrl} ‘${query}’: ${shown} of ${total} results reachable, typo ‘${typo}’ checked, layout shift at 375 and 1280 px; ${failures} failures`);
process.exit(failures ? 1 : 0);
