// Check 1: HTML validity with the W3C Nu Html Checker (npm vnu-jar) on the
// installed Java. One JVM run for all *.html files; errors fail, warnings are
// printed only.
// Usage: node vnu.mjs PUBLIC_DIR
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walk, isHtml, publicDirArg } from './lib.mjs';

const require = createRequire(import.meta.url);
const root = publicDirArg(process.argv[2]);
const java = process.env.JAVA || 'java';
const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

const files = walk(root).filter(isHtml);
if (files.length === 0) {
  console.log(`FAIL [vnu] ${root}: no HTML files found`);
  console.log('vnu: 0 files, FAILED (nothing to check)');
  process.exit(1);
}

// One JVM for everything; split only if the argument list would get huge.
const CHUNK = 4000;
const messages = [];
for (let i = 0; i < files.length; i += CHUNK) {
  const chunk = files.slice(i, i + CHUNK).map((f) => path.join(root, f));
  const r = spawnSync(java, [
    '-Xss8m', // deep documents need a bigger stack
    '-jar', jar,
    '--format', 'json', '--stdout', '--exit-zero-always',
    '--skip-non-html', '--skip-info-messages', '--asciiquotes',
    ...chunk,
  ], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) {
    console.log(`FAIL [vnu] could not run ${java}: ${r.error.message}`);
    process.exit(2);
  }
  let parsed;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    console.log(`FAIL [vnu] unexpected output from vnu (exit ${r.status}):`);
    console.log((r.stdout || '') + (r.stderr || ''));
    process.exit(2);
  }
  messages.push(...(parsed.messages || []));
}

const rel = (url) => {
  try {
    return path.relative(root, fileURLToPath(url)) || url;
  } catch {
    return url || '(unknown file)';
  }
};
const oneLine = (s) => String(s || '').replace(/\s+/g, ' ').trim();

let errors = 0;
let warnings = 0;
const failed = new Set();
for (const m of messages) {
  const isError = m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal';
  const isWarning = m.type === 'info' && m.subType === 'warning';
  if (!isError && !isWarning) continue;
  const file = rel(m.url);
  // vnu reports a range; its end line is where the problem is. Use the start
  // column when the range is on one line, else the end column.
  const line = m.lastLine ?? m.firstLine;
  const col = m.firstLine == null || m.firstLine === m.lastLine ? m.firstColumn ?? m.lastColumn : m.lastColumn;
  const where = line != null ? `${file}:${line}${col != null ? `:${col}` : ''}` : file;
  if (isError) {
    errors++;
    failed.add(file);
    console.log(`FAIL [vnu] ${where} html-error: ${oneLine(m.message)}`);
  } else {
    warnings++;
    console.log(`WARN [vnu] ${where} html-warning: ${oneLine(m.message)}`);
  }
  if (m.extract) console.log(`    near: ${oneLine(m.extract).slice(0, 160)}`);
}

console.log(
  `vnu: ${files.length} files, ${errors} errors${errors ? ` in ${failed.size} files` : ''}, ${warnings} warnings`,
);
process.exit(errors ? 1 : 0);
