// lib.mjs: what the browser tests share: a static server for dist/, Debian's
// Chromium through playwright-core, opening the app and waiting for
// window.layerlab.ready, and a small PNG decoder to check screenshots.
import { createServer } from 'node:http';
import { readFile, access, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';

export const STEP_TIMEOUT_MS = 90_000;   // generous: CI machines have 2 cores and may be busy

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.json': 'application/json', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
                '.md': 'text/plain; charset=utf-8', '.data': 'application/octet-stream' };

// Serves `dist` on a free loopback port. Returns { url, close }.
export async function serve(dist) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dist, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
      res.end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Exit 77 (CTest: skipped) when Chromium is not installed.
export async function requireChromium(path) {
  try { await access(path); } catch {
    console.log(`SKIP: ${path} not found (scripts/setup installs Debian's chromium)`);
    process.exit(77);
  }
  return (await import('playwright-core')).chromium;
}

export async function launch(chromium, executablePath) {
  return chromium.launch({
    executablePath, headless: true, timeout: STEP_TIMEOUT_MS,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

// Opens the app in a new page of `context`, records console errors, page
// errors and failed requests into `problems`, and waits for layerlab.ready.
export async function openApp(context, url, label, problems, { expectErrors = false } = {}) {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !expectErrors) problems.push(`${label}: console error: ${m.text()}`);
    else if (process.env.LAYERLAB_BROWSER_VERBOSE) console.log(`${label}: console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${label}: uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    // a reload or navigation aborts the page's background catalog fetches (the apt index): not a fault
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/assets\/catalog\//.test(r.url())) return;
    if (!page.isClosed() && !page.__closing) problems.push(`${label}: request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${label}: HTTP ${r.status()} for ${r.url()}`); });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(() => window.layerlab && (window.layerlab_frames > 0 || !document.getElementById('error').hidden),
                             null, { timeout: STEP_TIMEOUT_MS, polling: 50 });
  const err = await page.evaluate(() => document.getElementById('error').hidden ? null
      : document.getElementById('error-title').textContent + ': ' + document.getElementById('error-detail').textContent);
  if (err) throw new Error(`${label}: the page shows an error: ${err}`);
  await page.evaluate(() => window.layerlab.ready.then(() => true));
  console.log(`${label}: layerlab.ready ${Date.now() - t0} ms after navigation`);
  return page;
}

// n frames drawn, and every key and click sent so far seen by the UI: keys typed
// faster than frames queue up (ImGui takes one press of a key per frame), and a
// check or an API call must not overtake them.
export async function waitFrames(page, n) {
  const start = await page.evaluate(() => window.layerlab_frames);
  await page.waitForFunction((s) => window.layerlab_frames >= s && !window.layerlab_input_pending, start + n,
                             { timeout: STEP_TIMEOUT_MS, polling: 20 });
}

// The centre of a widget the app published (layerlab.ui.rect(name)), in CSS px.
export async function centreOf(page, name) {
  const r = await page.evaluate((n) => window.layerlab.ui.rect(n), name);
  if (!r) throw new Error(`the app shows no widget named "${name}"`);
  return { x: r.x + r.w / 2, y: r.y + r.h / 2, rect: r };
}

// Until the build a deck click or key started is done: the app builds one
// step per frame (issue 14), so a click on End returns before the end is built.
export async function waitBuilt(page) {
  await page.waitForFunction(() => !window.layerlab.building().busy, null, { timeout: STEP_TIMEOUT_MS, polling: 20 });
}

// Clicks the centre of a published widget and lets the app draw 3 frames
// (and finish the build the click started).
export async function clickWidget(page, name) {
  const c = await centreOf(page, name);
  await page.mouse.click(c.x, c.y);
  await waitFrames(page, 3);
  await waitBuilt(page);
  return c;
}

// A screenshot written to `out/name` (and `docs/name` when docs is given), decoded.
export async function screenshot(page, name, out, docs) {
  const buf = await page.screenshot();
  await mkdir(out, { recursive: true });
  await writeFile(join(out, name), buf);
  if (docs) {
    await mkdir(resolve(docs), { recursive: true });
    await writeFile(join(resolve(docs), name), buf);
  }
  return decodePng(buf);
}

// Just enough PNG to read pixels: 8-bit RGB/RGBA, non-interlaced (what Chromium writes).
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9];
      if (data[8] !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG (depth ${data[8]}, colour type ${colorType}, interlace ${data[12]})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3, stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1, dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[dst + x - bpp] : 0, b = y > 0 ? px[dst + x - stride] : 0;
      const c = x >= bpp && y > 0 ? px[dst + x - stride - bpp] : 0;
      let v = raw[src + x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[dst + x] = v & 255;
    }
  }
  return { width, height, bpp, px };
}

// Colours in a rectangle of a decoded PNG (CSS px × scale): distinct count and
// the share of pixels close to `rgb` (within `tol` per channel).
export function regionStats(img, rect, scale = 1, rgb = null, tol = 40) {
  const x0 = Math.max(0, Math.floor(rect.x * scale)), y0 = Math.max(0, Math.floor(rect.y * scale));
  const x1 = Math.min(img.width, Math.ceil((rect.x + rect.w) * scale)), y1 = Math.min(img.height, Math.ceil((rect.y + rect.h) * scale));
  const seen = new Set();
  let near = 0, total = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * img.bpp;
      const r = img.px[i], g = img.px[i + 1], b = img.px[i + 2];
      seen.add((r << 16) | (g << 8) | b);
      total++;
      if (rgb && Math.abs(r - rgb[0]) <= tol && Math.abs(g - rgb[1]) <= tol && Math.abs(b - rgb[2]) <= tol) near++;
    }
  return { distinct: seen.size, nearShare: total ? near / total : 0, total };
}

export async function exists(path) {
  try { await access(path); return true; } catch { return false; }
}

// The frame of a one-part browser test (quiz.mjs, phone.mjs): its options (--dist, --out, --docs,
// --chromium and `extra`), a watchdog of `limitS` seconds, the static server, Chromium (exit 77
// without it), check(cond, message) collecting problems, and finish(browser, error) that closes
// everything, prints the problems and exits 1 when there are any.
export async function testFrame(name, limitS, extra = {}) {
  const { parseArgs } = await import('node:util');
  const { values: opts } = parseArgs({
    options: {
      dist: { type: 'string', default: 'build/web/dist' },
      out: { type: 'string', default: 'build/test-artifacts' },
      docs: { type: 'string' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      ...extra,
    },
  });
  opts.dist = resolve(opts.dist);
  opts.out = resolve(opts.out);
  const watchdog = setTimeout(() => { console.error(`FAIL: ${name} took longer than ${limitS} s`); process.exit(1); }, limitS * 1000);
  const chromium = await requireChromium(opts.chromium);
  const server = await serve(opts.dist);
  const problems = [];
  const check = (cond, message) => {
    if (!cond) problems.push(message);
    return !!cond;
  };
  const finish = async (browser, error) => {
    if (error) problems.push(`${name}: ${error.stack || error}`);
    if (browser) await browser.close();
    server.close();
    clearTimeout(watchdog);
    if (problems.length) {
      console.error(problems.map((p) => 'FAIL: ' + p).join('\n'));
      process.exit(1);
    }
    console.log('PASS: ' + name);
  };
  return { opts, chromium, server, problems, check, finish };
}
