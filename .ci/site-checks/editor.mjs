// End-to-end test of keten's browser editor (`keten serve`) in headless Chromium,
// on a copy of the site, as an editor uses it: open a speerpunt's editor from the
// printed token address, change its title and a sentence, see the preview follow,
// save with the keyboard, and find exactly those changes on disk and in a build; a
// save after the file changed on disk is refused with both versions; a new news item
// from its archetype builds; an uploaded image lands in the page's folder; a POST
// without the token or from another origin gets 403. axe-core runs on every editor
// page at 375 and 1280 px, and the screenshots for the README are taken.
//
// Usage: node .ci/site-checks/editor.mjs KETEN_BINARY SITE_DIR [SCREENSHOT_DIR]
//   e.g. node .ci/site-checks/editor.mjs target/release/keten . docs/screenshots
// Copies SITE_DIR's config.yaml, content/, themes/ (and templates/, static/ if there)
// to a temporary folder, makes it a git repository, and serves it with
// `KETEN_BINARY serve --root TMP --port 0`; SITE_DIR is never changed.
// Needs node_modules here (bash .ci/site-checks/run.sh installs it), Chromium and git.
// Env: CHROMIUM (default /usr/bin/chromium), EDITOR_TIMEOUT_MS (per wait, default 15000).
// Exits 0 when every step passes, 1 when one fails, 2 on a usage or set-up error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const SPEERPUNT = 'agenda/2024-2025/borstlap.md';
const UPLOAD_PAGE = 'agenda/2024-2025/participatiewet.md';
const NEW_TITLE = 'Borstlap blijft op de agenda';
const OLD_SENTENCE = 'Met dit rapport is dat wel zo.';
const NEW_SENTENCE = 'Met dit rapport is dat nog altijd zo.';
const NEWS_TITLE = 'Regionale bijeenkomst in Zwolle';
const COPIED = ['config.yaml', 'content', 'themes', 'templates', 'static', 'data'];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.EDITOR_TIMEOUT_MS) || 15_000;
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') + '\n;void 0;';

const started = performance.now();
const since = (t) => `${Math.round(performance.now() - t)} ms`;
const say = (line) => console.log(`editor: ${line}`);

class StepError extends Error {}
const check = (ok, message) => {
  if (!ok) throw new StepError(message);
};

function usage(message) {
  console.error(`editor: ${message}`);
  console.error('usage: node .ci/site-checks/editor.mjs KETEN_BINARY SITE_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}

// ---- arguments -------------------------------------------------------------
const [binaryArg, siteArg, shotsArg] = process.argv.slice(2);
if (!binaryArg || !siteArg) usage('two arguments are needed');
const binary = path.resolve(binaryArg);
const siteDir = path.resolve(siteArg);
const shots = shotsArg ? path.resolve(shotsArg) : null;
try {
  fs.accessSync(binary, fs.constants.X_OK);
} catch {
  usage(`${binary} is not an executable file (build it first: cargo build --release)`);
}
for (const name of ['config.yaml', `content/${SPEERPUNT}`, `content/${UPLOAD_PAGE}`, 'content/nieuws/_index.md']) {
  if (!fs.existsSync(path.join(siteDir, name))) usage(`${siteDir} has no ${name}`);
}
if (!fs.existsSync(CHROMIUM)) {
  usage(`no browser at ${CHROMIUM} (bash .ci/site-checks/run.sh installs Debian's chromium; or set CHROMIUM)`);
}

// ---- state and clean-up ------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keten-editor-'));
const site = path.join(tmp, 'site');
const content = (key) => path.join(site, 'content', key);
let server = null;
let serverExit = null;
let browser = null;
const output = [];

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server && serverExit === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

const serverTail = (n = 20) => output.slice(-n).map((l) => `    ${l}`).join('\n');

/** Starts `keten serve`; resolves with the printed editor address (with `?token=`). */
function startServer() {
  return new Promise((resolve, reject) => {
    // In Dutch, as the editor's pages are: keten's messages in them follow --lang.
    server = spawn(binary, ['serve', '--root', site, '--port', '0', '--lang', 'nl'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new StepError('the server printed no editor address within 60 s')), 60_000);
    server.on('error', (e) => reject(new StepError(`cannot start ${binary}: ${e.message}`)));
    server.on('exit', (code, signal) => {
      serverExit = signal ?? code;
      reject(new StepError(`the server exited (${serverExit}) before it was ready\n${serverTail()}`));
    });
    for (const stream of [server.stdout, server.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) {
          output.push(line);
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(line);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        }
      });
    }
  });
}

/** Runs `keten build` on the copy; fails the test when the build does. */
function build() {
  try {
    execFileSync(binary, ['build', '--root', site, '--lang', 'en'], { stdio: 'pipe' });
  } catch (e) {
    throw new StepError(`keten build failed:\n${e.stderr}`);
  }
  return (rel) => fs.readFileSync(path.join(site, 'public', rel), 'utf8');
}

function git(...args) {
  return execFileSync('git', args, { cwd: site, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
}

/** A small real PNG (a blue-green gradient), so the image pipeline has work to do. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows.set([20, Math.round((255 * x) / width), Math.round((255 * y) / height)], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the browser ---------------------------------------------------------------
let origin = null;
const problems = [];
const axeCounts = [];

/** Listens for what must never happen on an editor page: errors and CSP breaches. */
function watch(page) {
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // The refused conflicting save (409) and the refused second upload (422) are
    // meant; the browser logs every such answer.
    if (/status of (409|422) /.test(m.text())) return;
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|about|blob):/.test(r.url())) {
      problems.push(`request to another host from ${page.url()}: ${r.url()}`);
    }
  });
}

/** axe-core on the page as it is, at 375 and 1280 px; returns the violations. */
async function axe(page, name) {
  const found = [];
  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp);
    await page.evaluate(axeSource);
    const results = await page.evaluate((opts) => window.axe.run(document, opts), AXE_OPTIONS);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    if (wide) found.push(`${name} @${vp.width}: the page scrolls sideways`);
    for (const v of results.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
      found.push(`${name} @${vp.width}: axe:${v.id} (${v.impact}) ${v.help}: ${targets}`);
    }
  }
  await page.setViewportSize(VIEWPORTS[1]);
  axeCounts.push(`${name}: ${found.length}`);
  check(found.length === 0, `axe-core found violations:\n  ${found.join('\n  ')}`);
  say(`axe-core on the ${name} at 375 and 1280 px: 0 violations`);
}

async function screenshot(page, name) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.setViewportSize(VIEWPORTS[1]);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  say(`screenshot ${path.join(shotsArg, `${name}.png`)}`);
}

const editUrl = (key) => `${origin}/__keten/bewerk/bestand/${key}`;

/** The preview frame's text, or '' while it loads. */
async function previewText(page) {
  const frame = page.frames().find((f) => f.url().includes('/__keten/bewerk/voorbeeld'));
  if (!frame) return '';
  return frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
}

async function waitFor(what, fn) {
  const deadline = performance.now() + TIMEOUT;
  for (;;) {
    if (await fn()) return;
    if (performance.now() > deadline) throw new StepError(`${what}: not seen within ${TIMEOUT} ms\n${serverTail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Presses Tab from the top of the page until `stop` is focused; returns what got
 * focus on the way ("tag#id" or "tag[name]").
 */
async function tabTo(page, stop, most = 80) {
  const seen = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return 'body';
      return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.name ? `[${e.name}]` : ''}${e.value && e.tagName === 'BUTTON' ? `=${e.value}` : ''}`;
    });
    seen.push(here);
    if (here === stop) return seen;
  }
  throw new StepError(`Tab never reached ${stop}; focus went: ${seen.join(' → ')}`);
}

// ---- the test ----------------------------------------------------------------
let status = 0;
try {
  let t = performance.now();
  for (const name of COPIED) {
    const from = path.join(siteDir, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(site, name), { recursive: true });
  }
  git('init', '-q');
  git('config', 'user.name', 'Proef Redacteur');
  git('config', 'user.email', 'proef@example.nl');
  git('add', '-A');
  git('commit', '-qm', 'Begin');
  say(`copied the site to ${site} and made it a git repository (${since(t)})`);

  t = performance.now();
  const tokenUrl = await startServer();
  server.removeAllListeners('exit');
  server.on('exit', (code, signal) => {
    serverExit = signal ?? code;
  });
  origin = new URL(tokenUrl).origin;
  say(`keten serve printed the editor address ${tokenUrl.replace(/token=.*/, 'token=…')} (${since(t)})`);

  // A POST without the token, and one with it but from another origin: 403, nothing written.
  const original = fs.readFileSync(content(SPEERPUNT), 'utf8');
  const stranger = await fetch(editUrl(SPEERPUNT), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ title: 'Gekaapt', _hash: 'x', _tekst: 'x' }),
    redirect: 'manual',
  });
  check(stranger.status === 403, `a POST without the token got ${stranger.status}, not 403`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  }); // playwright gives every launch a fresh, temporary user-data-dir
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: VIEWPORTS[1], locale: 'nl-NL' });
  const page = await context.newPage();
  watch(page);
  page.setDefaultTimeout(TIMEOUT);

  // 1. The printed address gives this browser the key; the site shows the Bewerk link.
  t = performance.now();
  await page.goto(tokenUrl);
  check(!page.url().includes('token='), `the token stays in the address bar: ${page.url()}`);
  const cookies = await context.cookies(origin);
  const key = cookies.find((c) => c.name.startsWith('keten-bewerk'));
  check(key && key.httpOnly && key.sameSite === 'Strict', `no HttpOnly SameSite=Strict cookie: ${JSON.stringify(cookies)}`);
  const foreign = await fetch(editUrl(SPEERPUNT), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `${key.name}=${key.value}`, Origin: 'http://evil.example' },
    body: new URLSearchParams({ title: 'Gekaapt', _hash: 'x', _tekst: 'x' }),
    redirect: 'manual',
  });
  check(foreign.status === 403, `a POST with the token from another origin got ${foreign.status}, not 403`);
  check(fs.readFileSync(content(SPEERPUNT), 'utf8') === original, 'a refused POST changed the file');
  say('a POST without the token and one from another origin both got 403; the file is untouched');

  await page.goto(`${origin}/agenda/2024-2025/borstlap/`);
  await page.getByRole('link', { name: 'Bewerk deze pagina' }).click();
  await page.waitForURL(editUrl(SPEERPUNT));
  check((await page.title()).startsWith('Bewerken:'), `the Bewerk link led to ${page.url()}`);
  await waitFor('the first preview', async () => (await previewText(page)).includes('Borstlap'));
  say(`opened the editor of ${SPEERPUNT} from the page's "Bewerk deze pagina" link (${since(t)})`);
  await axe(page, 'editor');

  // 2. Title and a sentence changed with the keyboard; the preview follows.
  t = performance.now();
  await page.goto(editUrl(SPEERPUNT));
  await page.evaluate(() => document.activeElement?.blur());
  const toTitle = await tabTo(page, 'input#veld-title[title]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(NEW_TITLE);
  await waitFor('the new title in the preview', async () => (await previewText(page)).includes(NEW_TITLE));
  say(`typed a new title; the preview showed it after ${since(t)}`);
  t = performance.now();
  const toText = await tabTo(page, 'textarea#tekst[_tekst]');
  await page.evaluate((sentence) => {
    const area = document.getElementById('tekst');
    const at = area.value.indexOf(sentence);
    area.setSelectionRange(at, at + sentence.length);
  }, OLD_SENTENCE);
  await page.keyboard.type(NEW_SENTENCE);
  await waitFor('the new sentence in the preview', async () => (await previewText(page)).includes(NEW_SENTENCE));
  say(`typed over a sentence; the preview showed it after ${since(t)}`);
  const toSave = await tabTo(page, 'button[_actie]=opslaan');
  say(`Tab order: title after ${toTitle.length}, text after ${toTitle.length + toText.length}, Opslaan after ${toTitle.length + toText.length + toSave.length} presses`);
  await Promise.all([page.waitForURL(/opgeslagen=1/), page.keyboard.press('Enter')]);
  await page.getByText('Opgeslagen.').waitFor();
  const saved = fs.readFileSync(content(SPEERPUNT), 'utf8');
  const expected = original
    .replace('title: "Op de agenda houden van het rapport van de commissie Borstlap"', `title: "${NEW_TITLE}"`)
    .replace(OLD_SENTENCE, NEW_SENTENCE);
  check(expected !== original, 'the expected text is the original; the test data changed');
  if (saved !== expected) {
    let diff = '';
    try {
      execFileSync('git', ['diff', '--no-index', '--', 'content/' + SPEERPUNT], { cwd: site });
    } catch (e) {
      diff = String(e.stdout);
    }
    throw new StepError(`the file on disk is not the original with only the title and the sentence changed:\n${diff}`);
  }
  const changed = git('diff', '--numstat', '--', `content/${SPEERPUNT}`).trim();
  check(/^2\t2\t/.test(changed), `git sees more than two changed lines: ${changed}`);
  say(`saved with Enter on Opslaan: the file differs from the original in exactly the title line and the sentence (${changed.split('\t').slice(0, 2).join('+/-')})`);
  await waitFor('the saved page in the preview', async () => (await previewText(page)).includes(NEW_TITLE));
  await screenshot(page, 'editor');

  // The same save with Space and no change: the file stays byte for byte.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, 'button[_actie]=opslaan');
  await Promise.all([page.waitForURL(/opgeslagen=0/), page.keyboard.press('Space')]);
  check(fs.readFileSync(content(SPEERPUNT), 'utf8') === expected, 'an unchanged save changed the file');
  say('saved again without a change, with Space on Opslaan: the file is byte-identical');

  // 3. A save after the file changed on disk is refused, with both versions.
  t = performance.now();
  await page.goto(editUrl(SPEERPUNT));
  await page.locator('#veld-title').fill('Mijn eigen titel');
  const theirs = expected.replace('Het rapport pleit', 'Het rapport van 2020 pleit');
  fs.writeFileSync(content(SPEERPUNT), theirs);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === editUrl(SPEERPUNT)),
    page.getByRole('button', { name: 'Opslaan', exact: true }).click(),
  ]);
  check(answer.status() === 409, `the conflicting save got ${answer.status()}, not 409`);
  await page.getByRole('heading', { name: 'Het bestand is intussen veranderd' }).waitFor();
  const sides = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
  check(sides.includes('Het rapport van 2020 pleit') && sides.includes('Mijn eigen titel'), `the conflict view does not show both versions:\n${sides.slice(0, 800)}`);
  check(fs.readFileSync(content(SPEERPUNT), 'utf8') === theirs, 'the conflicting save overwrote the file');
  say(`a save after the file changed on disk got 409 and both versions side by side; nothing was overwritten (${since(t)})`);
  await axe(page, 'conflict view');
  await screenshot(page, 'conflict');
  fs.writeFileSync(content(SPEERPUNT), expected);

  // 4. A new news item from the section's archetype, made public, builds.
  t = performance.now();
  await page.goto(`${origin}/__keten/bewerk/`);
  await page.getByRole('link', { name: 'Nieuwe pagina', exact: true }).click();
  await page.getByLabel('Sectie').selectOption('nieuws/_index.md');
  await axe(page, 'new page form');
  await page.getByLabel(/^Titel/).fill(NEWS_TITLE);
  await page.locator('#plan code', { hasText: '/nieuws/regionale-bijeenkomst-in-zwolle/' }).waitFor();
  const planned = await page.locator('#plan').innerText();
  const file = /nieuws\/\d{4}-\d\d-\d\d-regionale-bijeenkomst-in-zwolle\.md/.exec(planned)?.[0];
  check(file, `the plan names no file: ${planned}`);
  await Promise.all([page.waitForURL(/\/bestand\/nieuws\//), page.getByRole('button', { name: 'Maak de pagina' }).click()]);
  const made = fs.readFileSync(content(file), 'utf8');
  check(made.includes(`title: "${NEWS_TITLE}"`) && made.includes('Schrijf hier het bericht.') && made.includes('draft: true'), `${file} is not the archetype:\n${made}`);
  await page.getByLabel('Concept').uncheck();
  await Promise.all([page.waitForURL(/opgeslagen=1/), page.getByRole('button', { name: 'Opslaan', exact: true }).click()]);
  check(!fs.readFileSync(content(file), 'utf8').includes('draft: true'), 'the draft mark stayed after unticking Concept');
  say(`"Nieuwe pagina" made content/${file} from the nieuws archetype; unticked Concept and saved (${since(t)})`);

  // 5. An image uploaded to a single-file page: the page becomes a folder, the image lands in it.
  t = performance.now();
  await page.goto(editUrl(UPLOAD_PAGE));
  await page.getByLabel('Bestand toevoegen').setInputFiles({ name: 'Kaart van de Regio.png', mimeType: 'image/png', buffer: png(320, 200) });
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await page.locator('#status', { hasText: 'is toegevoegd' }).waitFor();
  const bundle = UPLOAD_PAGE.replace(/\.md$/, '');
  check(fs.existsSync(content(`${bundle}/index.md`)) && !fs.existsSync(content(UPLOAD_PAGE)), `${UPLOAD_PAGE} did not become ${bundle}/index.md`);
  check(fs.existsSync(content(`${bundle}/kaart-van-de-regio.png`)), `no ${bundle}/kaart-van-de-regio.png`);
  await page.locator('#tekst').press('Control+End');
  await page.getByRole('button', { name: 'Zet in de tekst' }).click();
  await Promise.all([page.waitForURL(/opgeslagen=1/), page.getByRole('button', { name: 'Opslaan', exact: true }).click()]);
  check(fs.readFileSync(content(`${bundle}/index.md`), 'utf8').includes('(kaart-van-de-regio.png)'), 'the image is not in the text');
  const again = await page.evaluate(async (action) => {
    const data = new FormData();
    data.append('bestand', new Blob(['\x89PNG\r\n\x1a\nanders'], { type: 'image/png' }), 'kaart-van-de-regio.png');
    const r = await fetch(action, { method: 'POST', body: data, headers: { Accept: 'application/json' } });
    return r.status;
  }, await page.locator('#upload').getAttribute('action'));
  check(again === 422, `uploading over the image got ${again}, not 422`);
  check(fs.readFileSync(content(`${bundle}/kaart-van-de-regio.png`)).equals(png(320, 200)), 'an upload replaced the image');
  say(`uploaded "Kaart van de Regio.png": it is content/${bundle}/kaart-van-de-regio.png beside index.md; a second upload of that name got 422 (${since(t)})`);

  // 6. The changes view lists the files and commits them.
  t = performance.now();
  await page.goto(`${origin}/__keten/bewerk/wijzigingen`);
  const listed = await page.locator('#vastleggen').innerText();
  for (const f of [SPEERPUNT, file, `${bundle}/index.md`]) check(listed.includes(`content/${f}`), `the changes view does not list content/${f}:\n${listed}`);
  await axe(page, 'changes view');
  await screenshot(page, 'changes');
  await page.getByLabel(/^Wat is er veranderd/).fill('Borstlap bijgewerkt, bericht over Zwolle, kaart bij de participatiewet');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vastleggen' }).click()]);
  const said = await page.locator('.melding').innerText().catch(() => '(no message)');
  check(said.startsWith('Vastgelegd als'), `the commit was not made: ${said}`);
  const log = git('log', '-1', '--format=%an|%s');
  check(log.startsWith('Proef Redacteur|Borstlap bijgewerkt'), `the commit is not there: ${log}`);
  say(`"Wijzigingen" listed the changed files and committed them as the user in git config (${since(t)})`);

  // 7. A following keten build has exactly these changes.
  t = performance.now();
  const built = build();
  const speerpunt = built('agenda/2024-2025/borstlap/index.html');
  check(speerpunt.includes(NEW_TITLE) && speerpunt.includes(NEW_SENTENCE) && !speerpunt.includes(OLD_SENTENCE), 'the built speerpunt lacks the new title or sentence');
  check(!speerpunt.includes('__keten') && !speerpunt.includes('Bewerk deze pagina'), 'the built page has the editor in it');
  check(built('nieuws/regionale-bijeenkomst-in-zwolle/index.html').includes(NEWS_TITLE), 'the new news item is not built');
  const participatie = built(`${bundle}/index.html`);
  check(/kaart-van-de-regio[^"]*\.(png|webp|jpg)/.test(participatie), 'the built page does not show the uploaded image');
  say(`keten build: the speerpunt has the new title and sentence, the news item and the image are built, no editor in the output (${since(t)})`);

  if (serverExit !== null) throw new StepError(`the server exited (${serverExit}) during the test`);
  check(problems.length === 0, problems.join('\n'));
  say(`passed in ${since(started)}; axe-core violations per page: ${axeCounts.join(', ')}`);
} catch (e) {
  status = 1;
  if (e instanceof StepError) console.error(`editor: FAIL ${e.message}`);
  else console.error(`editor: FAIL unexpected error: ${e?.stack ?? e}\n${serverTail()}`);
  if (problems.length) console.error(`editor: also seen:\n  ${problems.join('\n  ')}`);
  console.error(`editor: failed after ${since(started)}`);
} finally {
  await cleanup();
}
process.exit(status);
