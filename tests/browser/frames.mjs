// frames.mjs: the longest frame while the page works (issue 14's "no frozen
// frames"), the ctest browser_frames. Prints a figure per piece of work and
// fails only when a frame is longer than 250 ms (issue 14: its goal is 50 ms on
// this machine; the test's bound is wider so a busy machine does not flake).
//
//   node tests/browser/frames.mjs --dist build/web/dist [--budget-s 60]
//
// In the page, a requestAnimationFrame loop records the longest gap between
// two frames while each sample is built (1) for the first time, step by step
// with stepAsync() (the app builds one step per frame, the DiffIDs one layer
// per task), then (2) after reset(), to the end with runToEndAsync() (every
// step a cache hit), and (3) while a container of the last sample runs a
// 10,000-iteration shell loop (one exec: the interpreter cannot stop between
// iterations, README "Frozen frames" says why). The samples run in order until
// the time budget is spent (a sample not reached is named, never failed).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, requireChromium, launch, openApp } from './lib.mjs';

const LIMIT_MS = 250;
const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    'budget-s': { type: 'string', default: '60' },
  },
});
const started = Date.now();
const deadline = started + Number(opts['budget-s']) * 1000 - 12_000;   // keep time for the loop and closing
const chromium = await requireChromium(opts.chromium);
const server = await serve(resolve(opts.dist));
const browser = await launch(chromium, opts.chromium);
const problems = [];
const over = [];
const row = (what, ms, extra = '') => {
  console.log(`${what.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms${extra}`);
  if (ms > LIMIT_MS) over.push(`${what}: longest frame ${ms.toFixed(0)} ms (above ${LIMIT_MS} ms)`);
};
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await openApp(context, server.url, 'frames', problems);
  await page.evaluate(() => {
    // the longest gap between two frames while work() runs
    window.__frameGap = async (work) => {
      let last = 0, longest = 0, on = true;
      const tick = (t) => { if (last) longest = Math.max(longest, t - last); last = t; if (on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      await new Promise((ok) => setTimeout(ok, 100));
      const t0 = performance.now();
      const out = await work();
      const ms = performance.now() - t0;
      await new Promise((ok) => setTimeout(ok, 100));
      on = false;
      return { longest, ms, out };
    };
  });
  const samples = await page.evaluate(() => window.layerlab.samples().map((s) => s.name));
  console.log(`longest frame (the page draws ~60 per second; issue 14: under 50 ms, this test fails above ${LIMIT_MS} ms)`);
  let last = null;
  for (const name of samples) {
    if (Date.now() > deadline) { console.log(`${name}: not reached within the time budget (${opts['budget-s']} s)`); continue; }
    const r = await page.evaluate(async (n) => {
      const L = window.layerlab;
      L.loadSample(n);
      let steps = 0;
      const stepwise = await window.__frameGap(async () => {
        while (!L.state().at_end && steps < 200) { await L.stepAsync(); steps++; }
      });
      L.reset();
      const toEnd = await window.__frameGap(() => L.runToEndAsync());
      return { steps, stepwise, toEnd, failed: L.state().failed };
    }, name);
    if (r.failed) problems.push(`${name}: the build failed`);
    row(`${name}: first build, ${r.steps} steps (stepAsync)`, r.stepwise.longest, `  (${(r.stepwise.ms / 1000).toFixed(1)} s in all)`);
    row(`${name}: cached, runToEndAsync`, r.toEnd.longest, `  (${r.toEnd.ms.toFixed(0)} ms in all)`);
    last = name;
  }
  if (last) {
    const r = await page.evaluate(async () => {
      const L = window.layerlab;
      L.startContainer();
      return window.__frameGap(async () =>
        L.exec('i=0; while [ $i -lt 10000 ]; do echo line $i >> /tmp/loop.log; i=$((i+1)); done; wc -l < /tmp/loop.log'));
    });
    const lines = r.out.output.trim();
    if (r.out.status !== 0 || lines !== '10000') problems.push(`container loop: status ${r.out.status}, output "${lines.slice(0, 200)}"`);
    row('container: a 10,000-iteration shell loop (exec)', r.longest, `  (${r.ms.toFixed(0)} ms in all)`);
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
console.log(`frames: ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const p of [...problems, ...over]) console.error('FAIL: ' + p);
if (problems.length || over.length) process.exit(1);
