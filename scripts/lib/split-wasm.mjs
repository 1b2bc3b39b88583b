// split-wasm.mjs: splits the page's wasm in two, so that the first frame needs
// only the part that draws it (issue 14: the first download).
//
//   node scripts/lib/split-wasm.mjs DIST [--chromium PATH] [--frames N]
//
// The link (emcc -sSPLIT_MODULE=1, cmake/Web.cmake) leaves in DIST:
//   layerlab.wasm       the module instrumented by binaryen's wasm-split: it
//                       records which functions ran (export __write_profile)
//   layerlab.wasm.orig  the module itself
// This script opens the page (headless Debian Chromium through playwright-core,
// DIST served on a loopback port) with every request for assets/ held back, so
// the page draws its first frames with an empty Lab, exactly as it does while
// a user's browser is still fetching the package data. After --frames frames
// it asks the module for its profile, once per layout the page has (desktop,
// a small window at devicePixelRatio 2, a phone), merges them and hands them to
// wasm-split, which writes
//   layerlab.wasm            the functions that ran: what the first frame needs
//   layerlab.deferred.wasm   everything else (the build engine, the shell, ...)
// and deletes layerlab.wasm.orig. The page fetches layerlab.deferred.wasm after
// its first frame and instantiates it before it opens a document (web/index.html,
// layerlab.engine()); a function of it called before that loads it on the spot.
import { createServer } from 'node:http';
import { readFile, writeFile, rm, stat, rename } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    frames: { type: 'string', default: '20' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: split-wasm.mjs DIST [--chromium PATH] [--frames N]');
  process.exit(2);
}
const DIST = resolve(positionals[0]);
const WASM = join(DIST, 'layerlab.wasm');
const ORIG = WASM + '.orig';
const DEFERRED = join(DIST, 'layerlab.deferred.wasm');
const PROFILE = join(DIST, '..', 'layerlab.wasm.profile');
const FRAMES = Number(opts.frames);

const watchdog = setTimeout(() => { console.error('split-wasm: took longer than 180 s'); process.exit(1); }, 180_000);

try { await stat(ORIG); } catch {
  console.error(`split-wasm: ${ORIG} is missing: link with -sSPLIT_MODULE=1 (cmake/Web.cmake)`);
  process.exit(1);
}
// Without Chromium the page still works, as one module: the whole one, and an
// empty second module for the page to fetch. The first download is then ~1 MiB
// and the test web_size_budget fails: this says why, loudly.
async function unsplit(why) {
  console.warn(`split-wasm: WARNING: ${why}; the page is left as one module (no split): ` +
               'the first download is the whole engine (scripts/setup installs what is missing)');
  await rename(ORIG, WASM);
  await writeFile(DEFERRED, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));   // "\0asm", version 1: no functions
  clearTimeout(watchdog);
  process.exit(0);
}
let chromium;
try { ({ chromium } = await import('playwright-core')); } catch { await unsplit('playwright-core is missing (npm ci)'); }
try { await stat(opts.chromium); } catch { await unsplit(`${opts.chromium} is missing (Debian's chromium)`); }

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const held = [];
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  // never answered: no package data, no document, no second module (it is what this makes)
  if (path.startsWith('/assets/') || path === '/layerlab.deferred.wasm') { held.push(res); return; }
  const file = normalize(join(DIST, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));

const browser = await chromium.launch({
  executablePath: opts.chromium, headless: true,
  args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking'],
});
// The layouts the page has: desktop, a small window at devicePixelRatio 2 (the
// one-column layout starts below 700 CSS px), a phone with touch.
const LAYOUTS = [
  { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true },
];
const profiles = [];
try {
  for (const [i, layout] of LAYOUTS.entries()) {
    const context = await browser.newContext(layout);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load', timeout: 90_000 });
    await page.waitForFunction((n) => window.layerlab_frames >= n || !document.getElementById('error').hidden,
                               FRAMES, { timeout: 90_000, polling: 20 });
    const shown = await page.evaluate(() => document.getElementById('error').hidden ? null
        : document.getElementById('error-title').textContent + ': ' + document.getElementById('error-detail').textContent);
    if (shown || problems.length) throw new Error('the instrumented page failed: ' + (shown || problems.join('; ')));
    const profile = Buffer.from(await page.evaluate(() => {
      const size = 1 << 20, at = Module._ll_alloc(size);
      const n = Module.asm.__write_profile(at, size);
      return Array.from(Module.HEAPU8.subarray(at, at + n));
    }));
    profiles.push(`${PROFILE}.${i}`);
    await writeFile(profiles[i], profile);
    await context.close();
  }
} finally {
  await browser.close();
  held.forEach((res) => res.destroy());
  server.close();
}
execFileSync('wasm-split', ['--merge-profiles', ...profiles, '-o', PROFILE], { stdio: 'inherit' });
execFileSync('wasm-split', ['--all-features', `--profile=${PROFILE}`, ORIG, '-o1', WASM, '-o2', DEFERRED],
             { stdio: 'inherit' });
await rm(ORIG);
const size = async (f) => (await stat(f)).size;
console.log(`split-wasm: layerlab.wasm ${await size(WASM)} bytes (first frame), ` +
            `layerlab.deferred.wasm ${await size(DEFERRED)} bytes (after it); profile of ${FRAMES} frames in ${LAYOUTS.length} layouts`);
clearTimeout(watchdog);
