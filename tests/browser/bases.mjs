// Browser test of issue 11: the page fetches a base's catalog when a FROM
// first names it (assets/catalog/bases.txt maps image names to files), and
// the apt index after the first document is open.
//
//   node tests/browser/bases.mjs --dist build/web/dist [--out DIR]
//
// `FROM node:22-alpine` + `RUN apk add --no-cache git` is loaded right after
// start: node:22-alpine's catalog is not fetched at start, so the first build
// stops at FROM, naming the file; the page fetches it (and any base it is
// built on), the build runs again and steps through to the end on the real
// image's layers (its history lines, no stand-in). Then
// `apt-get install autoconf` on debian:bookworm-slim, a package only the
// index has, once the index is in. Exit codes: 0 pass, 1 fail, 77 skipped.
// Cost: about 20 s.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, requireChromium, launch, openApp, STEP_TIMEOUT_MS } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    out: { type: 'string', default: 'build/test-artifacts' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const DIST = resolve(opts.dist);
const watchdog = setTimeout(() => { console.error('FAIL: bases took longer than 240 s'); process.exit(1); }, 240_000);
const chromium = await requireChromium(opts.chromium);
const server = await serve(DIST);
const problems = [];
let browser;
function check(cond, message) {
  if (!cond) problems.push(message);
  return !!cond;
}

try {
  browser = await launch(chromium, opts.chromium);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const catalogs = [];
  ctx.on('request', (r) => { const m = /assets\/catalog\/([^?]+)/.exec(r.url()); if (m) catalogs.push(m[1]); });
  const page = await openApp(ctx, server.url, 'bases', problems);
  check(!catalogs.includes('image-node-22-alpine.txt'), `node:22-alpine's catalog is not fetched at start: ${catalogs}`);
  check(catalogs.includes('bases.txt'), `the manifest is fetched at start: ${catalogs}`);

  const t0 = Date.now();
  await page.evaluate(() => { window.layerlab.load('FROM node:22-alpine\nRUN apk add --no-cache git\n'); window.layerlab.runToEnd(); });
  // the build runs again when the data is in, up to where it had stopped (the FROM); then step on
  await page.waitForFunction(() => window.layerlab.state().steps[0].state === 'done', null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  await page.evaluate(() => window.layerlab.runToEnd());
  await page.waitForFunction(() => {
    const s = window.layerlab.state();
    return s.steps.length === 2 && s.steps.every((x) => x.state === 'done' || x.state === 'cached');
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  console.log(`bases: FROM node:22-alpine + apk add git built ${Date.now() - t0} ms after load (the fetch included)`);
  check(catalogs.includes('image-node-22-alpine.txt'), `node:22-alpine's catalog was fetched on demand: ${catalogs}`);
  const st = await page.evaluate(() => window.layerlab.state());
  check(!/stand-in/.test(st.steps[0].narration), `FROM is the real image, not a stand-in: ${st.steps[0].narration}`);
  check(st.layers.length >= 5, `node:22-alpine's layers (alpine, node, yarn, entrypoint) and apk's: ${st.layers.length}`);
  check(st.layers.some((l) => /unofficial-builds\.nodejs\.org/.test(l.created_by)) && st.layers.some((l) => /ADD alpine-minirootfs/.test(l.created_by)),
        `the history lines are the real image's: ${st.layers.map((l) => l.created_by).join(' | ')}`);
  const ex = await page.evaluate(() => window.layerlab.lookup('/usr/bin/git'));
  check(ex.found, `apk installed git: ${JSON.stringify(ex).slice(0, 200)}`);

  // the apt index (fetched in the background after start): a package only it has
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /debian-bookworm\.index\.txt/.test(e.name)),
                             null, { timeout: STEP_TIMEOUT_MS, polling: 200 });
  await page.evaluate(() => { window.layerlab.load('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends autoconf\n'); window.layerlab.runToEnd(); });
  await page.waitForFunction(() => {
    const s = window.layerlab.state();
    if (s.steps.length === 2 && s.steps[1].state === 'pending' && s.steps[0].state === 'done') window.layerlab.runToEnd();
    return s.steps.length === 2 && s.steps[1].state === 'done';
  }, null, { timeout: STEP_TIMEOUT_MS, polling: 200 });
  const lk = await page.evaluate(() => window.layerlab.lookup('/usr/share/doc/autoconf'));
  check(lk.found, `autoconf (index only; its file list synthesized) installed in the page: ${JSON.stringify(lk).slice(0, 200)}`);
} catch (e) {
  problems.push(`exception: ${e.stack || e}`);
} finally {
  clearTimeout(watchdog);
  if (browser) await browser.close();
  server.close();
}
if (problems.length) {
  for (const p of problems) console.error('FAIL: ' + p);
  process.exit(1);
}
console.log('PASS: bases');
process.exit(0);
