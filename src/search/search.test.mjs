// Tests the search core of search.js against an index that the Rust code builds.
//
// Run from anywhere:  node src/search/search.test.mjs
// It runs `cargo test --lib search::tests::writes_node_fixture` to write the fixture
// index into a temporary folder; set KETEN_SEARCH_FIXTURE to a folder that test already
// wrote to skip that step. Plain Node (20+), no packages.
//
// The second half searches the G40 site of this repository as built: it runs
// `cargo run -- build --output TMP`; set KETEN_G40_PUBLIC to a built site (`public`)
// to skip that. Those tests check what a reader of that site met (issue 10), not
// wording: they name only pages and words the site is about.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));

function fixtureIndex() {
  if (process.env.KETEN_SEARCH_FIXTURE) return join(process.env.KETEN_SEARCH_FIXTURE, 'search-index');
  const root = mkdtempSync(join(tmpdir(), 'keten-search-'));
  execFileSync('cargo', ['test', '--quiet', '--lib', 'search::tests::writes_node_fixture'], {
    cwd: resolve(here, '../..'),
    env: { ...process.env, KETEN_SEARCH_FIXTURE: root },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(root, 'search-index');
}

/** search.js as a browser would run it, but with `module` defined so it exports its core. */
function loadScript() {
  const source = readFileSync(join(here, 'search.js'), 'utf8');
  const module = { exports: {} };
  vm.runInThisContext(`(function (module) {${source}\n})`, { filename: 'search.js' })(module);
  return module.exports;
}

const core = loadScript();
const index = fixtureIndex();
const engine = core.createSearch(async (path) => JSON.parse(readFileSync(join(index, path), 'utf8')));
const urls = (outcome) => outcome.results.map((r) => r.url);
const html = (result) => core.partsToHtml(result.excerpt);

test('a plural finds the page with the singular, title match first', async () => {
  const outcome = await engine.search('regelingen');
  assert.deepEqual(urls(outcome), ['/regeling/', '/nieuws/']);
  assert.equal(outcome.total, 2);
});

test('folding works both ways for diacritics', async () => {
  assert.deepEqual(urls(await engine.search('beinvloeding')), ['/beinvloeding/']);
  assert.deepEqual(urls(await engine.search('BEÏNVLOEDING')), ['/beinvloeding/']);
  assert.equal(core.fold('Beïnvloeding', {}), 'beinvloeding');
});

test('the excerpt marks every form of the stem', async () => {
  const [regeling, nieuws] = (await engine.search('regelingen')).results;
  assert.match(html(regeling), /<mark>regeling<\/mark> geldt/);
  assert.match(html(nieuws), /<mark>regelingen<\/mark>/);
  assert.equal(core.partsToHtml(regeling.title), 'Een <mark>regeling</mark> voor iedereen');
});

test('HTML in the text is escaped', async () => {
  const [regeling] = (await engine.search('regeling')).results;
  assert.match(html(regeling), /&#60;script&#62;alert\(1\)&#60;\/script&#62; tekst &#38; meer/);
  assert.doesNotMatch(html(regeling), /<script>/);
});

test('the word being typed matches as a prefix', async () => {
  const outcome = await engine.search('partic');
  assert.deepEqual(urls(outcome).sort(), ['/gemeente/', '/nieuws/']);
  assert.match(html(outcome.results[0]), /<mark>participatie/);
  assert.deepEqual(urls(await engine.search('partic ')), []);
});

test('an unseen form falls back to a known stem', async () => {
  assert.deepEqual(urls(await engine.search('inwoner beleid')), ['/beinvloeding/']);
});

test('all words must match, else any', async () => {
  assert.deepEqual(urls(await engine.search('college regeling')), ['/nieuws/']);
  assert.equal((await engine.search('beleid college')).total, 2);
  assert.equal((await engine.search('xyzzy')).total, 0);
  assert.equal((await engine.search(' , ')).total, 0);
});

test('postings decode as the Rust side encodes them', () => {
  // The postings of shards.rs postings_round_trip.
  assert.deepEqual(core.decode('051_W10WW1W_Wc17'), [
    [0, 1, 33, 1057, 40000],
    [5, 63, 0, 32, 7],
  ]);
});

test('the Dutch spelling rules match stem.rs', () => {
  // The cases of stem.rs dutch_spelling_keeps_words_without_those_endings and more.
  assert.equal(core.dutchSpelling('afspraakbaan'), 'afspraakban');
  assert.equal(core.dutchSpelling('afspraakban'), 'afspraakban');
  assert.equal(core.dutchSpelling('participatie'), 'participatie');
  assert.equal(core.dutchSpelling('leeuw'), 'leeuw');
  assert.equal(core.dutchSpelling('zee'), 'zee');
  assert.equal(core.dutchSpelling('sociaal'), 'social');
  assert.equal(core.dutchSpelling('bedrijv'), 'bedrijf');
  assert.deepEqual(core.dutchGuesses('banen'), ['banen', 'ban']);
  assert.equal(core.editDistance('participatei', 'participatie', 2), 1);
  assert.equal(core.editDistance('abc', 'xyz', 1), 2, 'capped at max + 1');
});

// ---- The G40 site, as built -------------------------------------------------------

function g40Public() {
  if (process.env.KETEN_G40_PUBLIC) return resolve(process.env.KETEN_G40_PUBLIC);
  const out = join(mkdtempSync(join(tmpdir(), 'keten-g40-')), 'public');
  execFileSync('cargo', ['run', '--quiet', '--', 'build', '--output', out], {
    cwd: resolve(here, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

const g40 = g40Public();
const g40Index = join(g40, 'search-index');
const site = core.createSearch(async (path) => JSON.parse(readFileSync(join(g40Index, path), 'utf8')));
const participatiewet = '/agenda/2024-2025/participatiewet/';

/** Every page of the build a reader can open: its URL path, for `a/index.html`. */
function builtPages(root) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, rel)).isDirectory()) {
        if (rel !== 'search-index') walk(rel);
      } else if (name === 'index.html' && !/http-equiv="refresh"/.test(readFileSync(join(root, rel), 'utf8'))) {
        found.push('/' + rel.slice(0, -'index.html'.length));
      }
    }
  };
  walk('');
  return found.sort();
}

test('G40: a query with more results than fit on a page reaches every one of them', async () => {
  const first = await site.search('themagroep');
  assert.ok(first.total > first.results.length, `${first.total} results, ${first.results.length} shown first`);
  const seen = urls(first);
  while (seen.length < first.total) {
    const next = await site.search('themagroep', { offset: seen.length });
    assert.ok(next.results.length > 0, `results stop at ${seen.length} of ${first.total}`);
    seen.push(...urls(next));
  }
  assert.equal(new Set(seen).size, first.total, 'each result once');
});

test('G40: a singular finds the page that has only the plural (afspraakbaan → afspraakbanen)', async () => {
  const paper = '/papers/regionaal-arbeidsmarktbeleid-groningen/';
  assert.ok(readFileSync(join(g40, paper, 'index.html'), 'utf8').includes('afspraakbanen'), 'the paper says afspraakbanen');
  for (const query of ['afspraakbaan', 'afspraakbaan ']) {
    const outcome = await site.search(query);
    assert.equal(urls(outcome)[0], paper, `‘${query}’: ${urls(outcome)}`);
    assert.match(html(outcome.results[0]), /<mark>afspraakbanen<\/mark>/i);
  }
});

test('G40: titles and headings outrank body text (participatie → the Participatiewet speerpunt)', async () => {
  // As typed or sent from a search form: the last word also matches longer words.
  for (const query of ['participatie', 'Participatiewet']) {
    const found = urls(await site.search(query));
    const at = found.indexOf(participatiewet);
    assert.ok(at >= 0 && at < 3, `‘${query}’ ranks it ${at + 1}: ${found.slice(0, 5)}`);
  }
});

test('G40: a typo offers a word of the site (participatei → participatie)', async () => {
  const outcome = await site.search('participatei');
  assert.equal(outcome.suggestion, 'participatie');
  const corrected = urls(await site.search(outcome.suggestion));
  assert.ok(corrected.includes(participatiewet), 'and the suggestion finds pages');
  assert.equal((await site.search('participatie')).suggestion, null, 'a word of the site gets none');
  assert.equal((await site.search('afspraakbaan')).suggestion, null, 'nor does a form of one');
});

test('G40: without JavaScript, the list of all pages on /zoeken/ has every page', () => {
  const search = readFileSync(join(g40, 'zoeken', 'index.html'), 'utf8');
  const list = search.slice(search.indexOf('class="alle-paginas"'));
  const linked = new Set([...list.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
  const missing = builtPages(g40).filter((url) => !linked.has(url));
  assert.deepEqual(missing, [], 'pages missing from the list');
  for (const url of ['/', '/themas/']) assert.ok(linked.has(url), url);
});

test('G40: the search page marks itself before the results, so the page does not shift', () => {
  const search = readFileSync(join(g40, 'zoeken', 'index.html'), 'utf8');
  const script = search.search(/<script src="[^"]*search\.js"[^>]*>/);
  const results = search.indexOf('id="zoekresultaten"');
  const list = search.indexOf('class="alle-paginas"');
  assert.ok(script >= 0 && script < results && results < list, 'script, then results, then the list');
  assert.doesNotMatch(search.slice(script, search.indexOf('>', script)), /\b(defer|async)\b/);
  const css = readFileSync(join(g40, 'css', 'site.css'), 'utf8');
  assert.match(css, /\.zoeken-met-vraag \.alle-paginas \{\s*display: none;/);
  assert.match(css, /\.zoeken-met-vraag \.zoekresultaten \{\s*min-height:/);
});

test('G40: the built index exists where the page looks for it', () => {
  assert.ok(existsSync(join(g40Index, 'meta.json')));
  assert.ok(existsSync(join(g40Index, 'search.js')));
});
