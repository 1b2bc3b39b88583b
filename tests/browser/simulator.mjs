// Browser tests of the simulator (headless Debian Chromium + playwright-core),
// in parts that CTest runs as separate tests (tests/CMakeLists.txt):
//
//   samples    every sample: load, step with the keyboard (→ ← Home End),
//              check state() after each move, the ARIA live region, a screenshot
//   mouse      the step deck and the timeline with the mouse (positions from
//              layerlab.ui.rect), Space runs to the end, a slab click selects it
//   container  type into the container terminal of the copy-up sample: the
//              copy-up event (100 MiB), docker diff, sizes, lookup in the container
//   persist    an edit typed into the editor survives a reload (localStorage);
//              a share link opens the same Dockerfile; a broken link says so
//   screens    screenshots of the main views (checked for their content), the
//              UI's frame cost with 100k files, and the phone layout (phone.mjs's
//              checks, in a context of their own: one Chromium launch for both)
//
//   node tests/browser/simulator.mjs --dist build/web/dist --part samples [--out DIR] [--docs DIR]
//
// --docs DIR writes the screenshots the README shows (scripts/screenshots).
// Exit codes: 0 pass, 1 fail, 77 skipped (no Chromium installed).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { phoneChecks } from './phone.mjs';
import { serve, requireChromium, launch, openApp, waitFrames, waitBuilt, centreOf, clickWidget, screenshot, regionStats, STEP_TIMEOUT_MS } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    out: { type: 'string', default: 'build/test-artifacts' },
    docs: { type: 'string' },
    part: { type: 'string', default: 'samples' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const DIST = resolve(opts.dist);
const OUT = resolve(opts.out);
const LIMIT_S = { samples: 420, mouse: 180, container: 200, persist: 240, screens: 400 }[opts.part] || 300;
const watchdog = setTimeout(() => { console.error(`FAIL: ${opts.part} took longer than ${LIMIT_S} s`); process.exit(1); }, LIMIT_S * 1000);

const chromium = await requireChromium(opts.chromium);
const server = await serve(DIST);
const problems = [];
const t_start = Date.now();
let browser;

function check(cond, message) {
  if (!cond) problems.push(`${opts.part}: ${message}`);
  return !!cond;
}
const api = (page, fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
const state = (page) => api(page, 'state');

async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await waitFrames(page, 2);   // the app reads keys in its next frame
    await waitBuilt(page);       // and builds one step per frame
  }
}
const click = (page, name) => clickWidget(page, name);
const shot = (page, name) => screenshot(page, name, OUT, opts.docs);
async function newContext(width = 1280, height = 760, scale = 1) {
  return browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
}
// Slabs are drawn in their layer's colour: the middle of a slab must not be the background.
function slabDrawn(img, rect, scale) {
  const inner = { x: rect.x + rect.w * 0.3, y: rect.y + 2, w: rect.w * 0.2, h: Math.max(2, rect.h - 4) };
  const bg = regionStats(img, inner, scale, [33, 36, 43], 6);
  return bg.nearShare < 0.5;
}

// ---------------------------------------------------------------- parts

async function partSamples() {
  const ctx = await newContext();
  const page = await openApp(ctx, server.url, 'samples', problems);
  const samples = await api(page, 'samples');
  check(samples.length >= 6, `expected at least 6 samples, got ${samples.length}`);
  const first = await state(page);
  check(first.sample === samples[0].name, `the first sample loads on start (got ${first.sample})`);
  for (const s of samples) {
    const t0 = Date.now();
    let st = await api(page, 'loadSample', s.name);
    check(st.step === 0 && st.steps.length > 0 && st.errors.length === 0, `${s.name}: loads with a plan and no errors`);
    await page.focus('#canvas');
    // → three times, one step each
    for (let i = 1; i <= Math.min(3, st.steps.length); i++) {
      await press(page, 'ArrowRight');
      st = await state(page);
      check(st.step === i, `${s.name}: → should be at step ${i}, is at ${st.step}`);
    }
    const live = await page.evaluate(() => document.getElementById('live').textContent);
    check(live.length > 10 && live.startsWith(st.narration.text.slice(0, 20)), `${s.name}: the ARIA live region follows the narration ("${live.slice(0, 60)}")`);
    await press(page, 'End');
    st = await state(page);
    check(st.at_end && !st.failed, `${s.name}: End runs to the end without failing (${st.build_error && st.build_error.message})`);
    check(st.layers.length > 0 && st.image.size > 0, `${s.name}: the image has layers and bytes`);
    for (const l of st.layers) {
      check(/^sha256:[0-9a-f]{64}$/.test(l.diff_id), `${s.name}: layer ${l.index} has a DiffID`);
      for (const k of ['instruction', 'size', 'added', 'modified', 'deleted']) check(k in l, `${s.name}: layer has ${k}`);
    }
    for (const step of st.steps) for (const k of ['line', 'instruction', 'cached', 'empty_layer']) check(k in step, `${s.name}: step has ${k}`);
    check(st.narration.text.length > 10, `${s.name}: narration of the last step`);
    // the last step's slab slides onto the stack for 0.4 s (ui_layers.cpp); look once it has landed
    await page.waitForTimeout(1000);
    await waitFrames(page, 3);
    const img = await shot(page, `sample-${s.name}.png`);
    const top = await page.evaluate((n) => window.layerlab.ui.rect('slab.' + n), st.layers.length - 1);
    check(top && slabDrawn(img, top, 1), `${s.name}: the top slab is drawn`);
    // ← is instant and moves one step; Home goes to 0
    const end = st.step;
    await press(page, 'ArrowLeft');
    st = await state(page);
    check(st.step < end, `${s.name}: ← steps back (from ${end} to ${st.step})`);
    await press(page, 'Home');
    st = await state(page);
    check(st.step === 0 && st.layers.length === 0, `${s.name}: Home resets to step 0`);
    console.log(`samples: ${s.name}: ${st.steps.length} steps, ${end} shown at the end, ${Date.now() - t0} ms`);
  }
  // sample facts worth pinning
  let st = await api(page, 'loadSample', '03-delete-trap');
  st = await api(page, 'runToEnd');
  check(st.image.wasted_bytes > 1e6, `03-delete-trap: the deleted apt lists are wasted bytes (${st.image.wasted_bytes})`);
  st = await api(page, 'loadSample', '05-multi-stage');
  st = await api(page, 'runToEnd');
  const gcc = await api(page, 'lookup', '/usr/bin/gcc');
  check(!gcc.found, '05-multi-stage: the final image has no gcc (the toolchain stayed in the build stage)');
  await ctx.close();
}

async function partMouse() {
  const ctx = await newContext();
  const page = await openApp(ctx, server.url, 'mouse', problems);
  await api(page, 'loadSample', '01-first-image');
  await waitFrames(page, 2);
  await click(page, 'deck.step');
  let st = await state(page);
  check(st.step === 1, `clicking Step runs step 1 (at ${st.step})`);
  await click(page, 'timeline.3');
  st = await state(page);
  check(st.step === 4, `clicking the 4th chip of the timeline jumps to step 4 (at ${st.step})`);
  await click(page, 'deck.back');
  st = await state(page);
  check(st.step === 3, `clicking Back goes to step 3 (at ${st.step})`);
  await click(page, 'deck.end');
  st = await state(page);
  check(st.at_end, 'clicking End runs to the end');
  await click(page, 'slab.1');
  const ui = await api(page, 'ui').catch(() => null);
  void ui;
  const us = await page.evaluate(() => window.layerlab.ui.state());
  check(us.selected_layer === 1, `clicking a slab selects it (selected ${us.selected_layer})`);
  await click(page, 'deck.reset');
  st = await state(page);
  check(st.step === 0, 'clicking Reset goes back to 0');
  // Space runs on its own until the end
  await page.evaluate(() => window.layerlab.ui.speed(4));
  await page.focus('#canvas');
  await press(page, 'Space');
  await page.waitForFunction(() => window.layerlab.state().at_end, null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  st = await state(page);
  check(st.at_end && st.step === st.steps.length, 'Space ran the build to the end');
  // a hovered tooltip names the control and its key
  const c = await centreOf(page, 'deck.step');
  await page.mouse.move(c.x, c.y);
  await waitFrames(page, 30);
  await shot(page, 'tooltip-step.png');
  await ctx.close();
}

async function partContainer() {
  const ctx = await newContext();
  const page = await openApp(ctx, server.url, 'container', problems);
  await api(page, 'loadSample', '06-copy-up');
  await page.focus('#canvas');
  await press(page, 'End');
  let st = await state(page);
  check(st.at_end && !st.failed, '06-copy-up builds');
  const bigLayer = st.layers.length - 1;
  await page.evaluate(() => window.layerlab.ui.tab('container'));
  await waitFrames(page, 3);
  // type the command into the terminal, as a student would
  await click(page, 'container.input');
  const cmd = 'printf x >> /data/big.bin';   // one byte
  await page.keyboard.type(cmd, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.layerlab.state().containers.length === 1 &&
                             window.layerlab.state().containers[0].size > 0, null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  st = await state(page);
  check(st.containers[0].size === 100 * 1024 * 1024 + 1, `the container's size is the copied-up file and its new byte: ${st.containers[0].size}`);
  check(st.containers[0].virtual_size === st.containers[0].size + st.image.size, 'virtual size = container + image');
  check(/copied the whole file \(100 MiB\)/.test(st.narration.text) && /1 byte/.test(st.narration.text),
        `narration explains the copy-up: "${st.narration.text}"`);
  const diff = await api(page, 'diff');
  // current moby (ChangesDirs): the changed file and every directory holding it
  check(JSON.stringify(diff) === JSON.stringify(['C /data', 'C /data/big.bin']), `docker diff: ${JSON.stringify(diff)}`);
  // the copy-up flies into the container's slab: catch it on screen
  // The label flies with the copy (1.2 s), then rests above the container's
  // slab (fading over 6 s): wait until it rests, so that the screenshot and
  // the rectangle read after it show the same place (a faster build reached
  // the screenshot while the label was still moving).
  await waitFrames(page, 20);
  const labelRect = () => page.evaluate(() => window.layerlab.ui.rect('anim.copyup'));
  for (let i = 0; i < 30; ++i) {
    const a = await labelRect();
    await page.waitForTimeout(100);
    const b = await labelRect();
    if (a && b && JSON.stringify(a) === JSON.stringify(b)) break;
  }
  const img = await shot(page, 'container-copy-up.png');
  const label = await labelRect();
  check(label !== null, 'the copy-up animation shows its label');
  const near = label && regionStats(img, label, 1, [214, 136, 52], 60).nearShare;
  console.log(`container: the copy-up label: ${near && near.toFixed(3)} of its pixels near the container colour`);
  if (label) check(near > 0.02, `the copy-up label is drawn in the container colour (${near.toFixed(3)} of its pixels near it, rect ${JSON.stringify(label)})`);
  const term = await page.evaluate(() => window.layerlab.ui.rect('container.terminal'));
  check(term && regionStats(img, term, 1).distinct > 8, 'the terminal shows text');
  // the same command through the API: the copy is already up, nothing moves
  const again = await api(page, 'exec', cmd);
  check(again.status === 0 && again.bytes_copied_up === 0, 'a second write copies nothing more');
  // a fresh container through the API: the copy-up event with its source layer
  await api(page, 'startContainer');
  const r = await api(page, 'exec', 'touch /data/big.bin');   // only the time changes, all 100 MiB move
  const ev = r.events.find((e) => e.kind === 'copy_up' && e.path === '/data/big.bin');
  check(ev && ev.bytes === 104857600 && ev.layer === bigLayer, `exec reports the copy-up with bytes and source layer: ${JSON.stringify(ev)}`);
  const lk = await api(page, 'lookup', '/data/big.bin');
  check(lk.in_container && lk.found && lk.hit_layer === 'upper' && lk.visited === 1, `lookup in the container hits the upper layer: ${JSON.stringify(lk).slice(0, 200)}`);
  const rm = await api(page, 'exec', 'rm /etc/motd');
  check(rm.events.some((e) => e.kind === 'whiteout' && e.path === '/etc/motd'), 'rm of a lower file reports a whiteout');
  check((await api(page, 'diff')).includes('D /etc/motd'), 'docker diff lists the deletion');
  st = await api(page, 'commit');
  check(st.layers[st.layers.length - 1].committed && st.layers.length === bigLayer + 2, 'commit stacks the container layer on the image');
  await ctx.close();
}

async function partPersist() {
  // an edit typed into the editor survives a reload
  const ctx = await newContext();
  let page = await openApp(ctx, server.url, 'persist', problems);
  await api(page, 'loadSample', '01-first-image');
  await waitFrames(page, 3);
  await click(page, 'editor.text');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nLABEL edited="yes"', { delay: 5 });
  await page.keyboard.press('Control+Enter');
  await waitFrames(page, 5);
  let st = await state(page);
  check(st.dockerfile.includes('LABEL edited="yes"'), 'the typed line is in the Dockerfile');
  check(st.errors.length === 0 && st.steps.some((s) => s.instruction === 'LABEL edited="yes"'), 'the edit rebuilt the plan');
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.layerlab && window.layerlab_frames > 0, null, { timeout: STEP_TIMEOUT_MS });
  await page.evaluate(() => window.layerlab.ready.then(() => true));
  st = await state(page);
  check(st.dockerfile.includes('LABEL edited="yes"'), 'the edit survived the reload (localStorage)');
  check(st.sample === '01-first-image', `the sample is kept too (${st.sample})`);
  // a share link carries it
  const link = await page.evaluate(() => window.layerlab.shareLink());
  check(/#df=[A-Za-z0-9_-]+&sample=01-first-image$/.test(link), `share link format: ${link.slice(-60)}`);
  await ctx.close();
  const ctx2 = await newContext();   // fresh storage: only the link can bring the edit
  page = await openApp(ctx2, link, 'share-link', problems);
  st = await state(page);
  check(st.dockerfile.includes('LABEL edited="yes"'), 'the share link opened the edited Dockerfile');
  await ctx2.close();
  // a broken link: a clear message, and the first sample
  const ctx3 = await newContext();
  page = await openApp(ctx3, server.url + '#df=AAAA-this-is-not-deflate&sample=01-first-image', 'broken-link', problems);
  st = await state(page);
  const notice = await page.evaluate(() => document.getElementById('notice') && document.getElementById('notice').innerText);
  check(notice && /link/i.test(notice) && /first sample/.test(notice), `a broken link says so: "${notice}"`);
  check(st.sample && st.steps.length > 0, 'after a broken link the first sample is open');
  await shot(page, 'broken-link.png');
  await ctx3.close();
  // a Dockerfile with errors: every error with line and column, nothing built
  const ctx4 = await newContext();
  page = await openApp(ctx4, server.url, 'errors', problems);
  st = await api(page, 'load', 'FROM scratch\nCOPPY a /\nWORKDIR\nCOPY --frm=x a b\n', {});
  check(st.errors.length === 3 && st.errors[0].line === 2 && st.errors[0].column === 1 &&
        st.errors[2].line === 4 && st.errors[2].column === 6 && /--from/.test(st.errors[2].message),
        `every error with its place: ${JSON.stringify(st.errors)}`);
  check(st.steps.length === 0, 'a Dockerfile with errors is not built');
  await waitFrames(page, 5);
  await shot(page, 'editor-errors.png');
  await ctx4.close();
}

async function partScreens() {
  const ctx = await newContext(1280, 760, 1);
  const page = await openApp(ctx, server.url, 'screens', problems);
  await page.evaluate(() => window.layerlab.ui.speed(1));
  // 1. the overview: the Python app, built, a slab hovered
  await api(page, 'loadSample', '02-python-app');
  let st = await api(page, 'runToEnd');
  await waitFrames(page, 10);
  const slab = await centreOf(page, 'slab.' + (st.layers.length - 2));
  await page.mouse.move(slab.x, slab.y);
  await waitFrames(page, 40);
  let img = await shot(page, 'overview.png');
  check(slabDrawn(img, slab.rect, 1), 'overview: slabs drawn');
  // 2. the delete trap: waste in the summary
  await page.mouse.move(1275, 755);   // out of the way (not over a menu)
  await api(page, 'loadSample', '03-delete-trap');
  st = await api(page, 'runToEnd');
  await waitFrames(page, 10);
  img = await shot(page, 'delete-trap.png');
  const wasted = await page.evaluate(() => window.layerlab.ui.rect('summary.wasted'));
  check(wasted && regionStats(img, wasted, 1, [232, 100, 96], 50).nearShare > 0.02, 'delete-trap: wasted bytes shown in red');
  // 3. a step that makes no layer: the ghost says why
  await api(page, 'loadSample', '01-first-image');
  await api(page, 'goto', 3);
  await api(page, 'step');   // ENV
  await waitFrames(page, 30);
  img = await shot(page, 'no-layer-step.png');
  const ghost = await page.evaluate(() => window.layerlab.ui.rect('stack.ghost'));
  check(ghost !== null, 'a metadata step shows the dashed "no layer" ghost');
  // 4. the lookup descending
  await api(page, 'loadSample', '02-python-app');
  await api(page, 'runToEnd');
  await api(page, 'lookup', '/usr/local/bin/python3');
  await waitFrames(page, 90);
  img = await shot(page, 'lookup.png');
  const res = await page.evaluate(() => window.layerlab.ui.rect('lookup.result'));
  check(res !== null, 'the lookup finished and says where the path was found');
  // 5. copy-up in a container
  await api(page, 'loadSample', '06-copy-up');
  await api(page, 'runToEnd');
  await api(page, 'exec', 'printf x >> /data/big.bin');
  await waitFrames(page, 25);
  img = await shot(page, 'copy-up.png');
  // 6. a Dockerfile with errors: squiggles, the gutter, the list
  st = await api(page, 'load', 'FROM python:3.11-slim\nWORKDIR /app\nCOPPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY --frm=build /src .\nEXPOSE\n', {});
  check(st.errors.length === 3, `three errors (${st.errors.length})`);
  await waitFrames(page, 10);
  img = await shot(page, 'editor-errors.png');
  // 7. files: 100k entries, and what a frame costs
  st = await api(page, 'synthetic', 100000);
  await page.evaluate(() => window.layerlab.ui.tab('files'));
  await waitFrames(page, 120);
  const ms = (await page.evaluate(() => window.layerlab.ui.state())).ui_ms;
  img = await shot(page, 'files-100k.png');
  const row = await page.evaluate(() => window.layerlab.ui.rect('files.first_row'));
  check(row !== null, 'the Files list shows rows of the 100k-file image');
  console.log(`screens: UI build with 100k files: ${ms.toFixed(2)} ms per frame (wasm, this machine)`);
  check(ms < 16, `the UI stays smooth with 100k files (${ms.toFixed(2)} ms per frame)`);
  await ctx.close();
  // 8. HiDPI: the same at devicePixelRatio 2
  const hi = await newContext(1280, 760, 2);
  const p2 = await openApp(hi, server.url, 'screens-hidpi', problems);
  await api(p2, 'loadSample', '01-first-image');
  await api(p2, 'runToEnd');
  await waitFrames(p2, 20);
  await shot(p2, 'hidpi.png');
  await hi.close();
  // 9. the phone (tests/browser/phone.mjs): 390 x 844 at DPR 3, touch, in this Chromium
  await phoneChecks(browser, { url: server.url, problems, check, out: OUT, docs: opts.docs });
}

try {
  browser = await launch(chromium, opts.chromium);
  const parts = { samples: partSamples, mouse: partMouse, container: partContainer, persist: partPersist, screens: partScreens };
  if (!parts[opts.part]) throw new Error(`unknown --part ${opts.part} (${Object.keys(parts).join(', ')})`);
  await parts[opts.part]();
} catch (e) {
  problems.push(`${opts.part}: ${e && e.stack || e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  server.close();
  clearTimeout(watchdog);
}
if (problems.length) {
  for (const p of problems) console.error('FAIL: ' + p);
  process.exit(1);
}
console.log(`PASS: ${opts.part} (${((Date.now() - t_start) / 1000).toFixed(1)} s)`);
