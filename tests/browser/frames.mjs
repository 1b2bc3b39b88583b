// frames.mjs: the longest frame while each sample is built (issue 14's "no
// frozen frames"), a figure per sample, never pass/fail yet: the builds are
// still one synchronous call per step, so today's figures are far above the
// issue's 50 ms (and its test threshold of 250 ms); a test that fails above
// 250 ms belongs here once long steps are sliced across frames.
//
//   node tests/browser/frames.mjs --dist build/web/dist
//
// In the page, a requestAnimationFrame loop records the gaps between frames
// while the sample is built (1) for the first time, step by step, one
// layerlab.step() per task (the page can draw between steps), then (2) after
// reset(), to the end in one runToEnd() call (what the End key does; every
// step is then a cache hit).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, requireChromium, launch, openApp } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const chromium = await requireChromium(opts.chromium);
const server = await serve(resolve(opts.dist));
const browser = await launch(chromium, opts.chromium);
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await openApp(context, server.url, 'frames', problems);
  const samples = await page.evaluate(() => window.layerlab.samples().map((s) => s.name));
  console.log(`${'sample'.padEnd(16)} ${'steps'.padStart(5)}  first build, step by step  cached, runToEnd`);
  for (const name of samples) {
    const r = await page.evaluate(async (n) => {
      const L = window.layerlab;
      let last = 0, longest = 0, on = true;
      const tick = (t) => { if (last) longest = Math.max(longest, t - last); last = t; if (on) requestAnimationFrame(tick); };
      const frameGap = async (work) => {
        longest = 0; last = 0; on = true;
        requestAnimationFrame(tick);
        await new Promise((ok) => setTimeout(ok, 100));
        await work();
        await new Promise((ok) => setTimeout(ok, 100));
        on = false;
        return longest;
      };
      L.loadSample(n);
      let steps = 0;
      const stepwise = await frameGap(async () => {
        while (!L.state().at_end && steps < 500) {
          L.step();
          steps++;
          await new Promise((ok) => setTimeout(ok, 0));
        }
      });
      L.reset();
      const toEnd = await frameGap(async () => { L.runToEnd(); });
      return { steps, stepwise, toEnd };
    }, name);
    console.log(`${name.padEnd(16)} ${String(r.steps).padStart(5)}  ${r.stepwise.toFixed(0).padStart(20)} ms  ${r.toEnd.toFixed(0).padStart(14)} ms`);
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}
if (problems.length) { for (const p of problems) console.error('FAIL: ' + p); process.exit(1); }
