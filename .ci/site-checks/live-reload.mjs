// End-to-end test of `keten serve` in headless Chromium: a save shows up in an
// open page by itself (live reload), a broken file shows the error overlay, and
// fixing it takes the overlay away again. The test never reloads or navigates
// the page itself after opening it.
//
// Usage: node .ci/site-checks/live-reload.mjs KETEN_BINARY SITE_DIR
//   e.g. node .ci/site-checks/live-reload.mjs target/release/keten .
// Copies SITE_DIR's config.yaml, content/ and themes/ to a temporary folder,
// serves it with `KETEN_BINARY serve --root TMP --port 0`, and edits
// content/agenda/2024-2025/borstlap.md there (never in SITE_DIR).
// Needs node_modules here (bash .ci/site-checks/run.sh installs it) and Chromium.
// Env: CHROMIUM (default /usr/bin/chromium), LIVE_RELOAD_TIMEOUT_MS (per step, default 15000),
//      LIVE_RELOAD_STRICT=1 (fail, not just warn, when the server sends signals with no edit),
//      LIVE_RELOAD_VERBOSE=1 (print the server's output at the end).
// Exits 0 when every step passes, 1 when one fails, 2 on a usage or set-up error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const PAGE = '/agenda/2024-2025/borstlap/';
const FILE = 'content/agenda/2024-2025/borstlap.md';
const COPIED = ['config.yaml', 'content', 'themes'];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.LIVE_RELOAD_TIMEOUT_MS) || 15_000;
const START_TIMEOUT = 60_000;
const IDLE_MS = 1_500;
const STRICT = process.env.LIVE_RELOAD_STRICT === '1';

const started = performance.now();
const since = (t) => `${Math.round(performance.now() - t)} ms`;
const say = (line) => console.log(`live-reload: ${line}`);

class StepError extends Error {}

function usage(message) {
  console.error(`live-reload: ${message}`);
  console.error('usage: node .ci/site-checks/live-reload.mjs KETEN_BINARY SITE_DIR');
  process.exit(2);
}

// ---- arguments -------------------------------------------------------------
const [binaryArg, siteArg] = process.argv.slice(2);
if (!binaryArg || !siteArg) usage('two arguments are needed');
const binary = path.resolve(binaryArg);
const siteDir = path.resolve(siteArg);
try {
  fs.accessSync(binary, fs.constants.X_OK);
} catch {
  usage(`${binary} is not an executable file (build it first: cargo build --release)`);
}
for (const name of ['config.yaml', 'content']) {
  if (!fs.existsSync(path.join(siteDir, name))) usage(`${siteDir} has no ${name}`);
}
if (!fs.existsSync(path.join(siteDir, FILE))) usage(`${siteDir} has no ${FILE}`);
if (!fs.existsSync(CHROMIUM)) {
  usage(`no browser at ${CHROMIUM} (bash .ci/site-checks/run.sh installs Debian's chromium; or set CHROMIUM)`);
}

// ---- state and clean-up ------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keten-live-reload-'));
const site = path.join(tmp, 'site');
const file = path.join(site, FILE);
let server = null;
let serverExit = null;
let browser = null;
const output = []; // the server's lines: [ms since start, stream, text]

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
process.on('unhandledRejection', async (e) => {
  console.error(`live-reload: FAIL unexpected error: ${e?.stack ?? e}`);
  await cleanup();
  process.exit(1);
});

function serverTail(n = 20) {
  return output.slice(-n).map(([t, s, l]) => `    [${t} ms ${s}] ${l}`).join('\n');
}

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--root', site, '--port', '0', '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(
      () => reject(new StepError(`the server did not say where it serves within ${START_TIMEOUT} ms`)),
      START_TIMEOUT,
    );
    server.on('error', (e) => reject(new StepError(`cannot start ${binary}: ${e.message}`)));
    server.on('exit', (code, signal) => {
      serverExit = signal ?? code;
      reject(new StepError(`the server exited (${serverExit}) before it was ready`));
    });
    for (const [stream, name] of [[server.stdout, 'out'], [server.stderr, 'err']]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) {
          output.push([Math.round(performance.now() - started), name, line]);
          const m = name === 'out' && /^Serving the site at (http:\/\/\S+?)\/? \(/.exec(line);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        }
      });
    }
  });
}

/** Waits until fn(arg) is true in the page, without touching the page. */
async function waitInPage(page, what, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: TIMEOUT, polling: 20 });
  } catch (e) {
    let text = '(page not readable)';
    try {
      text = await page.evaluate(() => document.body?.innerText ?? '');
    } catch {}
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 400);
    throw new StepError(
      `${what}: not seen within ${TIMEOUT} ms (${e.message.split('\n')[0]})\n` +
        `  page ${page.url()} shows: ${excerpt}\n  server output (last lines):\n${serverTail()}`,
    );
  }
}

// ---- the test ----------------------------------------------------------------
let status = 0;
try {
  let t = performance.now();
  for (const name of COPIED) {
    const from = path.join(siteDir, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(site, name), { recursive: true });
  }
  say(`copied ${COPIED.join(', ')} of ${siteDir} to ${site} (${since(t)})`);

  t = performance.now();
  const origin = await startServer();
  server.removeAllListeners('exit');
  server.on('exit', (code, signal) => {
    serverExit = signal ?? code;
  });
  say(`${path.relative(process.cwd(), binary) || binary} serve is up at ${origin} (${since(t)})`);

  t = performance.now();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // Records every signal the page gets from the server (in sessionStorage, so the
  // record survives the reloads); this only listens, it changes nothing.
  await context.addInitScript(() => {
    const Original = window.EventSource;
    if (!Original) return;
    window.EventSource = function (url, options) {
      const source = new Original(url, options);
      source.addEventListener('message', (event) => {
        const seen = JSON.parse(sessionStorage.getItem('keten-signals') || '[]');
        seen.push(event.data);
        sessionStorage.setItem('keten-signals', JSON.stringify(seen));
      });
      return source;
    };
    window.EventSource.prototype = Original.prototype;
  });
  const signals = async () => {
    try {
      return JSON.parse((await page.evaluate(() => sessionStorage.getItem('keten-signals'))) || '[]');
    } catch {
      return null;
    }
  };
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  // The page must be listening for the server's signals before anything is edited.
  const listening = page
    .waitForResponse((r) => new URL(r.url()).pathname === '/__keten/events', { timeout: TIMEOUT })
    .then(() => true, () => false);
  let response;
  try {
    response = await page.goto(origin + PAGE, { waitUntil: 'load', timeout: TIMEOUT });
  } catch (e) {
    throw new StepError(`cannot open ${origin + PAGE}: ${e.message.split('\n')[0]}\n  server output (last lines):\n${serverTail()}`);
  }
  if (!response || response.status() !== 200) {
    throw new StepError(`${PAGE} answered ${response ? response.status() : 'nothing'}, not 200`);
  }
  if (!(await listening)) {
    throw new StepError(`${PAGE} did not open /__keten/events within ${TIMEOUT} ms (is live.js injected?)`);
  }
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (!title) throw new StepError(`no title: line in ${FILE}`);
  await waitInPage(page, 'the page title', (s) => document.body?.innerText.includes(s), title);
  say(`opened ${PAGE} in Chromium, listening for reloads (${since(t)})`);

  // Nothing changed yet: an open page should stay as it is.
  const before = navigations;
  const signalsBefore = (await signals())?.length ?? 0;
  await page.waitForTimeout(IDLE_MS);
  const idleReloads = navigations - before;
  const idleSignals = ((await signals()) ?? []).slice(signalsBefore);
  if (idleReloads > 0 || idleSignals.length > 0) {
    if (STRICT) {
      throw new StepError(`without any edit, in ${IDLE_MS} ms the server sent ${idleSignals.length} signal(s) ` +
        `and the page reloaded ${idleReloads} time(s)\n  server output (last lines):\n${serverTail()}`);
    }
    say(`WARN without any edit, in ${IDLE_MS} ms the server sent ${idleSignals.length} signal(s) ` +
        `(${[...new Set(idleSignals)].join(', ') || '-'}) and the page reloaded ${idleReloads} time(s)`);
  } else {
    say(`idle for ${IDLE_MS} ms: no signal from the server, no reload, as expected`);
  }

  // 1. A saved edit appears by itself.
  const sentence = `Deze zin is toegevoegd door de live-reload-test ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.`;
  const original = fs.readFileSync(file, 'utf8');
  t = performance.now();
  fs.appendFileSync(file, `\n\n${sentence}\n`);
  await waitInPage(page, 'the appended paragraph', (s) => document.body?.innerText.includes(s), sentence);
  say(`step 1: appended a paragraph to ${FILE}; it showed in the open page after ${since(t)}`);

  // 2. A broken front matter shows the error overlay, naming the file.
  const edited = fs.readFileSync(file, 'utf8');
  const broken = edited.replace(/^title:/m, 'titel:');
  if (broken === edited) throw new StepError(`could not break ${FILE}: no line starts with "title:"`);
  t = performance.now();
  fs.writeFileSync(file, broken);
  await waitInPage(page, 'the error overlay (.keten-fout, role=alert, naming borstlap.md)', () => {
    const el = document.querySelector('.keten-fout[role="alert"]');
    return !!el && el.innerText.includes('borstlap.md');
  });
  const overlay = await page.evaluate(() => document.querySelector('.keten-fout pre')?.innerText ?? '');
  say(`step 2: broke the front matter (title: -> titel:); the overlay showed after ${since(t)}: ${overlay.split('\n').find((l) => l.trim()) ?? ''}`);

  // 3. Fixing it takes the overlay away and shows the page again.
  t = performance.now();
  fs.writeFileSync(file, edited);
  await waitInPage(
    page,
    'the page without overlay, with its title and the new paragraph',
    ([title, sentence]) => {
      if (document.querySelector('.keten-fout')) return false;
      const text = document.body?.innerText ?? '';
      return text.includes(title) && text.includes(sentence);
    },
    [title, sentence],
  );
  say(`step 3: fixed the front matter; the overlay went and the title showed after ${since(t)}`);

  if (page.url() !== origin + PAGE) throw new StepError(`the page moved to ${page.url()}`);
  if (serverExit !== null) throw new StepError(`the server exited (${serverExit}) during the test`);
  if (problems.length) throw new StepError(problems.join('\n'));
  fs.writeFileSync(file, original);
  say(`passed in ${since(started)}; the page loaded ${navigations} times (1 + 3 expected)`);
  if (process.env.LIVE_RELOAD_VERBOSE) console.log(`  server output:\n${serverTail(1000)}`);
} catch (e) {
  status = 1;
  if (e instanceof StepError) {
    console.error(`live-reload: FAIL ${e.message}`);
  } else {
    console.error(`live-reload: FAIL unexpected error: ${e?.stack ?? e}`);
    if (output.length) console.error(`  server output (last lines):\n${serverTail()}`);
  }
  console.error(`live-reload: failed after ${since(started)}`);
} finally {
  await cleanup();
}
process.exit(status);
