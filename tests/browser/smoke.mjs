// Browser smoke test: headless Debian Chromium (driven by playwright-core)
// loads the built page, waits until the app reports drawn frames, and fails on
// any console error, uncaught exception or failed request. It takes a
// screenshot (build/test-artifacts/browser.png) and checks the canvas is not
// blank; then that an exception stops at the JS bridge, that the canvas
// follows a resize and devicePixelRatio 2, that an idle page paints no frame
// and a step paints again, and that a missing WebGL2 or a
// failed download shows a readable error page; that the engine module
// (layerlab.deferred.wasm) arriving late is fetched on the spot when needed.
//
//   node tests/browser/smoke.mjs --dist build/web/dist [--out build/test-artifacts]
//
// It serves --dist itself on a free loopback port (scripts/serve need not run).
// Exit codes: 0 pass, 1 fail, 77 skipped (no Chromium installed).
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile, access } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { decodePng } from './lib.mjs';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    out: { type: 'string', default: 'build/test-artifacts' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const DIST = resolve(opts.dist);
const OUT = resolve(opts.out);
const WAIT_FRAMES = 10;
// What the page may download before it runs: keep in step with scripts/lib/web_size.py,
// which counts these files for scripts/size. Big data (assets/) is fetched later.
const FIRST_FRAME_FILES = new Set(['', 'index.html', 'layerlab-api.js', 'layerlab.js', 'layerlab.wasm', 'layerlab.data']);
const STEP_TIMEOUT_MS = 60_000;  // generous: CI machines have 2 cores and may be busy

// The whole test is bounded, whatever hangs.
const watchdog = setTimeout(() => { console.error("FAIL: browser test took longer than 150 s"); process.exit(1); }, 150_000);

try { await access(opts.chromium); } catch {
  console.log(`SKIP: ${opts.chromium} not found (scripts/setup installs Debian's chromium)`);
  process.exit(77);
}
const { chromium } = await import('playwright-core');

// ---------------------------------------------------------------- static server
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.json': 'application/json', '.png': 'image/png', '.txt': 'text/plain', '.data': 'application/octet-stream' };
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(DIST, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
                         'Content-Length': body.length });
    res.end(body);
  } catch { res.writeHead(404).end('not found'); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const URL_ = `http://127.0.0.1:${server.address().port}/`;

// ---------------------------------------------------------------- PNG decode (lib.mjs)
function colourStats({ width, height, bpp, px }) {
  const counts = new Map();
  for (let i = 0; i < width * height * bpp; i += bpp) {
    const k = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const top = Math.max(...counts.values());
  return { distinct: counts.size, dominantShare: top / (width * height) };
}

// ---------------------------------------------------------------- the test
const problems = [];
let browser;
// Requests that Chromium cancels because the test closes a page are not the
// page's fault (seen: the wasm fetch reported ERR_ABORTED at close).
let closing = false;
async function openPage(context, label, { selfTestErrors = false } = {}) {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !(selfTestErrors && m.text().includes('self-test:'))) problems.push(`${label}: console error: ${m.text()}`);
    else if (process.env.LAYERLAB_BROWSER_VERBOSE) console.log(`${label}: console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${label}: uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!closing) problems.push(`${label}: request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${label}: HTTP ${r.status()} for ${r.url()}`); });
  const t0 = Date.now();
  await page.goto(URL_, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction((n) => window.layerlab_frames >= n || !document.getElementById('error').hidden,
                             WAIT_FRAMES, { timeout: STEP_TIMEOUT_MS, polling: 50 });
  const shownError = await page.evaluate(() => document.getElementById('error').hidden ? null
      : document.getElementById('error-title').textContent + ': ' + document.getElementById('error-detail').textContent);
  if (shownError) throw new Error(`${label}: the page shows an error: ${shownError}`);
  // Everything the page requested before its first frame (Resource Timing,
  // against the time the app reported that frame): the app itself fetches its
  // data (assets/) after the first frame, so only the counted files may be here.
  const early = await page.evaluate(() => {
    const first = window.layerlab_first_frame_at;
    return performance.getEntriesByType('resource')
      .filter((e) => first === undefined || e.startTime < first)
      .map((e) => new URL(e.name).pathname.replace(/^\//, ''));
  });
  const unexpected = early.filter((f) => !FIRST_FRAME_FILES.has(f));
  if (unexpected.length)
    problems.push(`${label}: fetched before running: ${unexpected.join(', ')} (not counted by scripts/size: ` +
                  'fetch data after the first frame, or add it to scripts/lib/web_size.py and this list)');
  console.log(`${label}: ${WAIT_FRAMES} frames drawn ${Date.now() - t0} ms after navigation`);
  return page;
}
async function canvasSize(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: window.devicePixelRatio };
  });
}
async function waitFrames(page, n) {
  const start = await page.evaluate(() => window.layerlab_frames);
  await page.waitForFunction((s) => window.layerlab_frames >= s, start + n, { timeout: STEP_TIMEOUT_MS, polling: 20 });
}
function expectCanvasFollows(label, s) {
  const ok = Math.abs(s.w - Math.round(s.cssW * s.dpr)) <= 1 && Math.abs(s.h - Math.round(s.cssH * s.dpr)) <= 1;
  console.log(`${label}: canvas ${s.w}x${s.h} px for ${s.cssW}x${s.cssH} CSS px at devicePixelRatio ${s.dpr}`);
  if (!ok) problems.push(`${label}: canvas is ${s.w}x${s.h}, expected CSS size × devicePixelRatio`);
}

try {
  browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    timeout: STEP_TIMEOUT_MS,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });

  // 1. load, frames, screenshot, not blank
  const context = await browser.newContext({ viewport: { width: 1024, height: 640 } });
  const page = await openPage(context, 'dpr1');
  await mkdir(OUT, { recursive: true });
  const shot = await page.screenshot({ path: join(OUT, 'browser.png') });
  const stats = colourStats(decodePng(shot));
  console.log(`dpr1: screenshot ${join(OUT, 'browser.png')}: ${stats.distinct} colours, ` +
              `background covers ${(stats.dominantShare * 100).toFixed(1)}%`);
  if (stats.distinct < 16 || stats.dominantShare > 0.985)
    problems.push('dpr1: the canvas looks blank (too few colours in the screenshot)');

  // 1b. an unchanged frame is not painted (src/app/frame.cpp): once the page is idle, 30
  // frames in a row paint nothing; a change (a step) paints again
  const counts = () => page.evaluate(() => [window.layerlab_frames, window.layerlab_frames_painted]);
  await page.evaluate(() => window.layerlab.ready);
  let idle = null;
  for (let tries = 0; tries < 40 && !idle; tries++) {   // the first sample's animations settle first
    const [f0, p0] = await counts();
    await waitFrames(page, 30);
    const [f1, p1] = await counts();
    if (p1 === p0) idle = { frames: f1 - f0 };
  }
  if (!idle) problems.push('dpr1: the idle page kept painting: no 30 frames in a row without a paint');
  const [, before] = await counts();
  await page.evaluate(() => window.layerlab.step());
  await waitFrames(page, 3);
  const [, after] = await counts();
  if (after <= before) problems.push(`dpr1: a step did not paint the canvas again (painted ${before} -> ${after})`);
  console.log(`dpr1: idle for ${idle && idle.frames} frames without a paint; a step painted ${after - before} frames`);

  // 2. -fexceptions: a C++ exception stops at the bridge; the app keeps drawing
  const caught = await page.evaluate(() => Module._ll_selftest_exception());
  if (caught !== -1) problems.push(`dpr1: ll_selftest_exception() returned ${caught}, expected -1`);
  await waitFrames(page, 3);
  console.log('dpr1: a C++ exception was caught at the bridge; frames continue');

  // 3. the canvas follows a resize of the window
  expectCanvasFollows('dpr1', await canvasSize(page));
  await page.setViewportSize({ width: 800, height: 500 });
  await waitFrames(page, 3);
  expectCanvasFollows('dpr1 resized', await canvasSize(page));
  closing = true;
  await context.close();
  closing = false;

  // 4. HiDPI: devicePixelRatio 2 gives a drawing buffer twice the CSS size
  const hidpi = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page2 = await openPage(hidpi, 'dpr2');
  expectCanvasFollows('dpr2', await canvasSize(page2));
  await page2.screenshot({ path: join(OUT, 'browser-dpr2.png') });
  closing = true;
  await hidpi.close();
  closing = false;

  // 4b. an exception escaping a frame (the UI's code path): the page shows it,
  //     and the wasm instance is not aborted (the bridge still answers)
  const thrower = await browser.newContext({ viewport: { width: 640, height: 400 } });
  const page3 = await openPage(thrower, 'frame-exception', { selfTestErrors: true });
  await page3.evaluate(() => Module._ll_selftest_frame_exception());
  await page3.waitForFunction(() => !document.getElementById('error').hidden, null, { timeout: STEP_TIMEOUT_MS });
  const shown = await page3.evaluate(() => document.getElementById('error').innerText);
  if (!/self-test: an exception escaped a frame/.test(shown))
    problems.push(`frame-exception: the error page says "${shown}", expected the exception's message`);
  const alive = await page3.evaluate(() => ({ bridge: Module._ll_selftest_exception() }));
  const st = await page3.evaluate(() => { try { return window.layerlab.state().step; } catch (e) { return String(e); } });
  if (alive.bridge !== -1 || typeof st !== 'number')
    problems.push(`frame-exception: after it the instance does not answer (bridge ${alive.bridge}, state().step ${st})`);
  else console.log('frame-exception: reported on the page; the instance still answers the JS API');
  closing = true;
  await thrower.close();
  closing = false;

  // 4c. the engine's module (layerlab.deferred.wasm, scripts/lib/split-wasm.mjs)
  //     arrives late and the engine is called before: it is fetched on the spot
  //     (a synchronous request), the call answers, a C++ exception thrown in it is
  //     caught at the bridge, and the page opens its document when the fetch ends
  const late = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  await late.route('**/layerlab.deferred.wasm', async (r) => { await new Promise((ok) => setTimeout(ok, 3000)); await r.continue(); });
  const page4 = await openPage(late, 'engine-late');
  const warned = [];
  page4.on('console', (m) => { if (m.type() === 'warning') warned.push(m.text()); });
  const early4 = await page4.evaluate(() => ({ caught: Module._ll_selftest_exception(), frames: window.layerlab_frames }));
  await page4.evaluate(() => window.layerlab.ready.then(() => true));
  const step4 = await page4.evaluate(() => window.layerlab.state().step);
  if (early4.caught !== -1 || typeof step4 !== 'number' || !warned.some((w) => /engine was needed before it arrived/.test(w)))
    problems.push(`engine-late: ll_selftest_exception() ${early4.caught} (expected -1), state().step ${step4}, ` +
                  `warnings ${JSON.stringify(warned)}`);
  else console.log(`engine-late: the engine was fetched on the spot after ${early4.frames} frames; the page opened its document`);
  closing = true;
  await late.close();
  closing = false;

  // 5. the error page: no WebGL2, and a wasm that fails to download. These
  //    pages are expected to complain, so their console is not checked.
  for (const [label, setup, expected] of [
    ['no-webgl2', (ctx) => ctx.addInitScript(() => {
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : real.call(this, kind, ...rest);
      };
    }), /WebGL 2 is not available/],
    ['wasm-404', (ctx) => ctx.route('**/layerlab.wasm', (r) => r.fulfill({ status: 404, body: 'gone' })),
     /Could not load layerlab/],
    ['engine-404', (ctx) => ctx.route('**/layerlab.deferred.wasm', (r) => r.fulfill({ status: 404, body: 'gone' })),
     /Could not load layerlab.*engine could not be downloaded/s],
  ]) {
    const ctx = await browser.newContext({ viewport: { width: 640, height: 400 } });
    await setup(ctx);
    const p = await ctx.newPage();
    await p.goto(URL_, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    await p.waitForFunction(() => !document.getElementById('error').hidden, null, { timeout: STEP_TIMEOUT_MS });
    const text = await p.evaluate(() => document.getElementById('error').innerText);
    if (!expected.test(text)) problems.push(`${label}: error page says "${text}", expected ${expected}`);
    else console.log(`${label}: the page shows a readable error: ${text.split('\n')[0]}`);
    if (label === 'no-webgl2') await p.screenshot({ path: join(OUT, 'browser-no-webgl2.png') });
    await ctx.close();
  }
} catch (e) {
  problems.push(String(e && e.message || e));
} finally {
  if (browser) await browser.close().catch(() => {});
  server.close();
  clearTimeout(watchdog);
}

if (problems.length) {
  for (const p of problems) console.error('FAIL: ' + p);
  process.exit(1);
}
console.log('PASS: page loads, draws ImGui frames, no console errors, canvas follows size and devicePixelRatio, ' +
            'the engine module arriving late or not at all is handled, errors are shown readably');
