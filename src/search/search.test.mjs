// Tests the search core of search.js against an index that the Rust code builds.
//
// Run from anywhere:  node src/search/search.test.mjs
// It runs `cargo test --lib search::tests::writes_node_fixture` to write the fixture
// index into a temporary folder; set KETEN_SEARCH_FIXTURE to a folder that test already
// wrote to skip that step. Plain Node (20+), no packages.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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
