/* keten site search: searches the index that `keten build` writes to search-index/.
 *
 * It enhances this markup from the theme (without JavaScript the form just submits):
 *
 *   <form role="search" action="/zoeken/" method="get" class="zoekformulier">
 *     <label for="zoekterm">Zoeken op de site</label>
 *     <input type="search" id="zoekterm" name="q">
 *     <button type="submit">Zoeken</button>
 *   </form>
 *   <script src="/search-index/search.js" data-index="/search-index/"></script>
 *   <div id="zoekresultaten" aria-live="polite"></div>
 *   <section class="alle-paginas">… every page, for browsers without JavaScript …</section>
 *
 * Loaded without `defer` before #zoekresultaten, it marks <html> with `zoeken-js` at once,
 * and with `zoeken-met-vraag` while there is a query (from ?q= already before the first
 * paint): a theme hides the list of all pages and reserves room for results with those,
 * so nothing moves when the results arrive. (With `defer` it works too, but the page may
 * shift.)
 *
 * On a page without #zoekresultaten it does nothing else. It fills #zoekresultaten with
 * p.zoekstatus[role=status], p.zoeksuggestie ("Bedoelde u …?" with a link),
 * ol.zoekresultaten-lijst (li > h2 > a, p.zoekresultaat-sectie, p.zoekresultaat-fragment
 * with <mark>) and button.zoekmeer, which shows the next results. It sets no styles and
 * runs no inline code: a strict CSP (script-src 'self') is enough.
 *
 * Index format: src/search/shards.rs. No stemming happens here: the vocabulary shards
 * give the stem of every word form on the site. Folding must match src/search/fold.rs.
 * Only a word the site never uses is guessed at: for Dutch, with the spelling rules of
 * `dutch_spelling` in src/search/stem.rs (`dutchSpelling` here), tried as stems.
 */
(function () {
  'use strict';

  /** Every text the visitor sees, per language (the <html lang> picks one). */
  const TEXTS = {
    nl: {
      results: (n, q) => `${n} ${n === 1 ? 'resultaat' : 'resultaten'} voor ‘${q}’`,
      none: (q) => `Geen resultaten voor ‘${q}’`,
      failed: 'Zoeken lukt nu niet. Probeer het later opnieuw.',
      didYouMean: ['Bedoelde u ', '?'],
      more: (n) => `Toon meer resultaten (nog ${n})`,
    },
    en: {
      results: (n, q) => `${n} ${n === 1 ? 'result' : 'results'} for ‘${q}’`,
      none: (q) => `No results for ‘${q}’`,
      failed: 'Search is not available right now. Please try again later.',
      didYouMean: ['Did you mean ', '?'],
      more: (n) => `Show more results (${n} more)`,
    },
  };

  const FORMAT_VERSION = 1;
  const MAX_RESULTS = 10;
  /** How many word forms starting with the half-typed last word are tried. */
  const PREFIX_FORMS = 30;
  /** Pages found only through such a longer form count for this much. */
  const PREFIX_FACTOR = 0.5;
  const EXCERPT_CHARS = 200;
  const CONTEXT_BEFORE = 60;
  const DEBOUNCE_MS = 150;
  const MIN_WORD = 2;
  const MAX_WORD = 40;
  const TITLE_BIT = 32;
  const HEADING_BIT = 16;
  /** A suggestion for a word the site does not have differs by at most this many edits. */
  const MAX_EDITS = 2;
  const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  const DIGIT_VALUE = new Map([...DIGITS].map((c, i) => [c, i]));
  /** A word, as `is_word_char` in fold.rs: letters, digits and combining diacritics. */
  const WORD = /[\p{Alphabetic}\p{N}\u0300-\u036f]+/gu;
  const ENDS_IN_WORD = /[\p{Alphabetic}\p{N}\u0300-\u036f]$/u;
  /** Letters Unicode does not decompose, for characters missing from meta.f. */
  const EXTRA_FOLDS = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

  /** The folded form of a word: lower-case ASCII letters and digits, as in the index. */
  function fold(word, table) {
    word = word.toLowerCase();
    if (/^[a-z0-9]*$/.test(word)) return word;
    let out = '';
    for (const c of word) {
      const folded = Object.hasOwn(table, c) ? table[c] : EXTRA_FOLDS[c] || c.normalize('NFKD').toLowerCase();
      out += folded.replace(/[^a-z0-9]/g, '');
    }
    return out;
  }

  /** The shard of a folded word or stem: its first `len` characters, `_` for a gap. */
  const shardKey = (word, len) => word.padEnd(len, '_').slice(0, len).replace(/[^a-z0-9]/g, '_');
  const keySet = (keys) => new Set(keys.match(/../g));

  /** Postings text to parallel arrays of page ids and weights. */
  function decode(encoded) {
    const pages = [];
    const weights = [];
    let page = 0;
    for (let i = 0, scale = 1; i < encoded.length; ) {
      const digit = DIGIT_VALUE.get(encoded[i++]);
      page += (digit % 32) * scale;
      scale *= 32;
      if (digit >= 32) continue;
      pages.push(page);
      weights.push(DIGIT_VALUE.get(encoded[i++]));
      scale = 1;
    }
    return [pages, weights];
  }

  /** `text` cut into parts, every word whose folding is in `forms` marked. */
  function highlight(text, forms, table) {
    const parts = [];
    let done = 0;
    for (const match of text.matchAll(WORD)) {
      if (!forms.has(fold(match[0], table))) continue;
      if (match.index > done) parts.push({ text: text.slice(done, match.index), mark: false });
      parts.push({ text: match[0], mark: true });
      done = match.index + match[0].length;
    }
    if (done < text.length) parts.push({ text: text.slice(done), mark: false });
    return parts;
  }

  /** About EXCERPT_CHARS of `text` around its first word in `forms`; null if none. */
  function excerpt(text, forms, table) {
    const first = firstMarked(text, forms, table);
    if (!first) return null;
    // Start and end at a space, so no word is cut.
    let start = Math.max(0, first.index - CONTEXT_BEFORE);
    const space = text.slice(start, first.index).search(/\s/);
    if (start > 0 && space >= 0) start += space + 1;
    let end = Math.min(text.length, start + EXCERPT_CHARS);
    if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), first.index + first[0].length);
    const parts = highlight(text.slice(start, end), forms, table);
    if (start > 0) parts.unshift({ text: '… ', mark: false });
    if (end < text.length) parts.push({ text: ' …', mark: false });
    return parts;
  }

  function firstMarked(text, forms, table) {
    for (const match of text.matchAll(WORD)) if (forms.has(fold(match[0], table))) return match;
    return null;
  }

  /** Parts as HTML: text escaped, marked words in <mark>. */
  function partsToHtml(parts) {
    const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return parts.map((p) => (p.mark ? `<mark>${escape(p.text)}</mark>` : escape(p.text))).join('');
  }

  /**
   * Dutch spelling rules of `dutch_spelling` in src/search/stem.rs: a final v or z becomes
   * f or s, and a doubled vowel before the final consonant is made single. Keep in step.
   */
  function dutchSpelling(word) {
    let w = word.replace(/v$/, 'f').replace(/z$/, 's');
    const n = w.length;
    if (n >= 3 && !'aeiouy'.includes(w[n - 1]) && w[n - 2] === w[n - 3] && 'aeou'.includes(w[n - 2])) {
      w = w.slice(0, n - 2) + w[n - 1];
    }
    return w;
  }

  /**
   * Stems a Dutch word the site never uses may have, most likely first: the word itself
   * and the word without a plural or inflection ending (-en, -s, -e), each with the
   * spelling rules applied (`afspraakbaan` → `afspraakban`, `banen` → `ban`).
   */
  function dutchGuesses(word) {
    const bases = [word];
    if (word.length > 4 && word.endsWith('en')) bases.push(word.slice(0, -2).replace(/(kk|dd|tt)$/, (d) => d[0]));
    if (word.length > 3 && /[^aeiouyj]s$/.test(word)) bases.push(word.slice(0, -1));
    if (word.length > 3 && word.endsWith('e')) bases.push(word.slice(0, -1));
    return [...new Set(bases.map(dutchSpelling))];
  }

  /** Edit distance with transpositions (optimal string alignment), capped at max + 1. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    const rows = [[...Array(b.length + 1).keys()]];
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      rows.push(row);
    }
    return rows[a.length][b.length];
  }

  /**
   * A search over one index. `load(path, version)` resolves to the parsed JSON of a file
   * of the index ('meta.json', 'v/re.json', …; `version` is meta's hash, for caches).
   */
  function createSearch(load) {
    const files = new Map();
    const file = (path, version) => {
      if (!files.has(path)) files.set(path, load(path, version));
      return files.get(path);
    };
    let meta = null;
    const loadMeta = async () => {
      if (meta) return meta;
      const m = await load('meta.json', '');
      if (m.v !== FORMAT_VERSION) throw new Error(`search index format ${m.v}`);
      meta = { ...m, vs: keySet(m.vs), ps: keySet(m.ps), sp: keySet(m.sp) };
      return meta;
    };
    const vocabularyOf = async (key) => (meta.vs.has(key) ? file(`v/${key}.json`, meta.h) : {});

    /**
     * The stems a folded query word stands for (Map stem → factor), and how they were
     * found: 'form' (a word of the site), 'prefix' (longer words, while typing), 'guess'
     * (a Dutch stem the word may have) or 'fallback' (a known word it starts with);
     * 'none' when nothing fits.
     */
    async function stemsFor(word, typing) {
      const stems = new Map();
      const vocabulary = await vocabularyOf(shardKey(word, 2));
      const stemOf = (form) => {
        const stem = vocabulary[form];
        return typeof stem === 'number' ? form.slice(0, stem) : stem;
      };
      if (Object.hasOwn(vocabulary, word)) stems.set(stemOf(word), 1);
      let how = stems.size ? 'form' : 'none';
      if (typing) {
        const longer = Object.keys(vocabulary).filter((f) => f.startsWith(word) && f !== word);
        longer.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
        for (const form of longer.slice(0, PREFIX_FORMS)) {
          if (!stems.has(stemOf(form))) stems.set(stemOf(form), PREFIX_FACTOR);
        }
        if (how === 'none' && stems.size) how = 'prefix';
      }
      if (stems.size === 0 && /^nl\b/.test(meta.l)) {
        // A Dutch form the site never uses: `afspraakbaan` where it says `afspraakbanen`.
        for (const guess of dutchGuesses(word)) {
          if (await postingsFor(guess)) {
            stems.set(guess, 1);
            how = 'guess';
            break;
          }
        }
      }
      if (stems.size === 0) {
        // A form the site never uses (`regelingen` where it says only `regeling`):
        // the longest known form or stem it starts with, if only a suffix differs.
        const known = new Set(Object.keys(vocabulary).flatMap((f) => [f, stemOf(f)]));
        let best = '';
        for (const k of known) {
          const fits = k.length >= 3 && word.length - k.length <= 4 && word.startsWith(k);
          if (fits && k.length > best.length) best = k;
        }
        if (best) {
          stems.set(Object.hasOwn(vocabulary, best) ? stemOf(best) : best, 1);
          how = 'fallback';
        }
      }
      return { stems, how };
    }

    /**
     * The word of the site closest to a word it does not have (a typo: `participatei`),
     * or null. Looks in the word's own vocabulary shard and in the one for its first two
     * letters swapped; prefers fewer edits, then a length closer to the word's.
     */
    async function suggestionFor(word) {
      if (word.length < 4) return null;
      const max = word.length >= 8 ? MAX_EDITS : 1;
      const keys = [...new Set([shardKey(word, 2), shardKey(word[1] + word[0] + word.slice(2), 2)])];
      let best = null;
      for (const key of keys) {
        for (const form of Object.keys(await vocabularyOf(key))) {
          const edits = editDistance(word, form, max);
          if (edits > max || form === word) continue;
          const rank = [edits, Math.abs(form.length - word.length), form];
          if (!best || rank[0] < best[0] || (rank[0] === best[0] && (rank[1] < best[1] || (rank[1] === best[1] && rank[2] < best[2])))) best = rank;
        }
      }
      return best && best[2];
    }

    /** [forms, postings text] of a stem, or null. */
    async function postingsFor(stem) {
      let key = shardKey(stem, 2);
      if (!meta.ps.has(key)) return null;
      if (meta.sp.has(key)) key = shardKey(stem, 3);
      const shard = await file(`p/${key}.json`, meta.h);
      return Object.hasOwn(shard, stem) ? shard[stem] : null;
    }

    /**
     * Pages for one query word (Map page → {level, value}) and the forms to mark. The
     * level is 2 for a title match, 1 for a heading match, 0 for description or text;
     * a page found through several stems keeps its best.
     */
    async function pagesFor(stems) {
      const found = new Map();
      const forms = new Set();
      const entries = await Promise.all([...stems.keys()].map(postingsFor));
      [...stems.values()].forEach((factor, i) => {
        if (!entries[i]) return;
        entries[i][0].forEach((f) => forms.add(f));
        const [pages, weights] = decode(entries[i][1]);
        pages.forEach((page, j) => {
          const w = weights[j];
          const level = w & TITLE_BIT ? 2 : w & HEADING_BIT ? 1 : 0;
          const value = factor * ((w % HEADING_BIT) + 1);
          const seen = found.get(page);
          if (!seen || level > seen.level || (level === seen.level && value > seen.value)) {
            found.set(page, { level, value });
          }
        });
      });
      return { found, forms };
    }

    /**
     * Pages matching every word, or else any word, best first: most words matched, then
     * most title matches, then most heading matches, then the weights.
     */
    function rank(perWord) {
      const all = new Set(perWord.flatMap((w) => [...w.found.keys()]));
      const every = [...all].filter((p) => perWord.every((w) => w.found.has(p)));
      const pages = every.length ? every : [...all];
      const rarity = perWord.map((w) => Math.log(1 + meta.n / Math.max(1, w.found.size)));
      const scored = pages.map((page) => {
        const rank = { page, words: 0, titles: 0, headings: 0, score: 0 };
        perWord.forEach((w, i) => {
          const hit = w.found.get(page);
          if (!hit) return;
          rank.words++;
          rank.titles += hit.level === 2;
          rank.headings += hit.level >= 1;
          rank.score += hit.value * rarity[i];
        });
        return rank;
      });
      scored.sort(
        (a, b) =>
          b.words - a.words || b.titles - a.titles || b.headings - a.headings || b.score - a.score || a.page - b.page,
      );
      return scored.map((s) => s.page);
    }

    /**
     * The result for a query: the total count, the pages from `offset` (default 0), at
     * most `limit` (default MAX_RESULTS) with marked parts, and `suggestion`: the query
     * with each word the site does not have replaced by its closest word, or null.
     */
    async function search(query, { offset = 0, limit = MAX_RESULTS } = {}) {
      await loadMeta();
      const words = [...new Set((query.match(WORD) || []).map((w) => fold(w, meta.f)))].filter(
        (w) => w.length >= MIN_WORD && w.length <= MAX_WORD,
      );
      if (!words.length) return { total: 0, results: [], suggestion: null };
      const typing = ENDS_IN_WORD.test(query);
      const found = await Promise.all(words.map((w, i) => stemsFor(w, typing && i === words.length - 1)));
      const perWord = await Promise.all(found.map((f) => pagesFor(f.stems)));
      const pages = rank(perWord);
      const forms = new Set(perWord.flatMap((w) => [...w.forms]));
      const top = pages.slice(offset, offset + limit);
      const documents = await Promise.all(top.map((page) => load(`d/${page}.json`, meta.h)));
      const results = documents.map((d) => ({
        url: d.u,
        title: highlight(d.t, forms, meta.f),
        section: d.s,
        excerpt: excerpt(d.x, forms, meta.f) ||
          excerpt(d.d, forms, meta.f) || [{ text: (d.d || d.x).slice(0, EXCERPT_CHARS), mark: false }],
      }));
      // Only words that matched no word of the site get a suggestion.
      const replacements = await Promise.all(
        words.map((w, i) => (['fallback', 'none'].includes(found[i].how) ? suggestionFor(w) : null)),
      );
      const suggestion = replacements.some(Boolean) ? words.map((w, i) => replacements[i] || w).join(' ') : null;
      return { total: pages.length, results, suggestion };
    }

    return { search };
  }

  function element(tag, className, children = []) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.append(...children);
    return made;
  }

  /** Parts as DOM nodes: text, and <mark> elements around the words found. */
  const nodes = (parts) => parts.map((p) => (p.mark ? element('mark', '', [p.text]) : p.text));

  function resultItem(result) {
    const link = element('a', '', nodes(result.title));
    link.href = result.url;
    const item = element('li', '', [element('h2', '', [link])]);
    if (result.section) item.append(element('p', 'zoekresultaat-sectie', [result.section]));
    item.append(element('p', 'zoekresultaat-fragment', nodes(result.excerpt)));
    return item;
  }

  /** Wires the search page up: ?q= on load, results while typing, the URL kept in step. */
  function start(script) {
    const container = document.getElementById('zoekresultaten');
    const input = document.getElementById('zoekterm');
    if (!container || !input) return;
    const base = (script && script.dataset.index) || '/search-index/';
    const texts = TEXTS[(document.documentElement.lang || 'nl').slice(0, 2)] || TEXTS.nl;
    const engine = createSearch(async (path, version) => {
      const url = base + path + (version ? `?v=${version}` : '');
      const response = await fetch(url, version ? {} : { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    });
    // Only the status line is live: a screen reader hears "3 resultaten voor …", not
    // every result read out at each keystroke.
    container.removeAttribute('aria-live');
    const status = element('p', 'zoekstatus');
    status.setAttribute('role', 'status');
    const suggestion = element('p', 'zoeksuggestie');
    suggestion.hidden = true;
    const list = element('ol', 'zoekresultaten-lijst');
    const more = element('button', 'zoekmeer');
    more.type = 'button';
    more.hidden = true;
    container.replaceChildren(status, suggestion, list, more);

    let latest = 0;
    let timer = 0;
    let current = { query: '', total: 0 };
    function showSuggestion(suggested) {
      suggestion.hidden = !suggested;
      if (!suggested) return suggestion.replaceChildren();
      const link = element('a', '', [suggested]);
      const url = new URL(location.href);
      url.searchParams.set('q', suggested);
      link.href = url.pathname + url.search;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        input.value = suggested;
        show(suggested);
        input.focus();
      });
      suggestion.replaceChildren(texts.didYouMean[0], link, texts.didYouMean[1]);
    }
    function showMore() {
      const left = current.total - list.children.length;
      more.hidden = left <= 0;
      more.textContent = left > 0 ? texts.more(left) : '';
    }
    async function show(query) {
      const ticket = ++latest;
      const trimmed = query.trim();
      keepInUrl(trimmed);
      document.documentElement.classList.toggle('zoeken-met-vraag', trimmed !== '');
      if (!trimmed) {
        status.textContent = '';
        showSuggestion(null);
        list.replaceChildren();
        current = { query: '', total: 0 };
        showMore();
        return;
      }
      try {
        const outcome = await engine.search(query);
        if (ticket !== latest) return;
        status.textContent = outcome.total ? texts.results(outcome.total, trimmed) : texts.none(trimmed);
        showSuggestion(outcome.suggestion);
        list.replaceChildren(...outcome.results.map(resultItem));
        current = { query, total: outcome.total };
        showMore();
      } catch (error) {
        if (ticket !== latest) return;
        status.textContent = texts.failed;
        showSuggestion(null);
        list.replaceChildren();
        current = { query: '', total: 0 };
        showMore();
        console.error(error);
      }
    }

    more.addEventListener('click', async () => {
      const ticket = latest;
      const offset = list.children.length;
      try {
        const outcome = await engine.search(current.query, { offset });
        if (ticket !== latest) return;
        const items = outcome.results.map(resultItem);
        list.append(...items);
        showMore();
        // Keyboard and screen reader users continue at the first new result.
        const first = items[0] && items[0].querySelector('a');
        if (first) first.focus();
      } catch (error) {
        console.error(error);
      }
    });
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => show(input.value), DEBOUNCE_MS);
    });
    if (input.form) {
      input.form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearTimeout(timer);
        show(input.value);
      });
    }
    const initial = new URLSearchParams(location.search).get('q');
    if (initial) {
      input.value = initial;
      show(initial);
    }
  }

  function keepInUrl(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
  }

  const api = { createSearch, fold, shardKey, decode, highlight, excerpt, partsToHtml, dutchSpelling, dutchGuesses, editDistance };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    // Mark the page at once, before the rest of it is parsed and painted: a theme hides
    // its list of all pages and reserves room for results with these classes.
    const root = document.documentElement;
    root.classList.add('zoeken-js');
    if (new URLSearchParams(location.search).get('q')) root.classList.add('zoeken-met-vraag');
    // currentScript is only set while this file runs, so read it now.
    const script = document.currentScript;
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => start(script));
    } else {
      start(script);
    }
  }
})();
