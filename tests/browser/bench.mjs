// bench.mjs: the same workloads natively and in headless Chromium, in one
// run, and the ratio per workload (issue 14). Figures, never pass/fail.
//
//   node tests/browser/bench.mjs --dist build/web/dist --native build/bench/tests/layerlab_bench \
//        [--workloads tests/bench/workloads.json] [--rounds 3] [--assets assets] [--json-out FILE]
//
// Each round natively is a fresh Lab (layerlab_bench --workloads), in the
// browser a fresh page (a new wasm instance) that has loaded its assets; the
// workloads run in file order through the JS API (window.layerlab.<method>),
// so both sides make the same JSON calls. Times: the median of the rounds.
// scripts/bench-web builds both and runs this.
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { loadavg, cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { serve, requireChromium, launch, openApp } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    native: { type: 'string', default: 'build/bench/tests/layerlab_bench' },
    workloads: { type: 'string', default: 'tests/bench/workloads.json' },
    assets: { type: 'string', default: 'assets' },
    rounds: { type: 'string', default: '3' },
    'json-out': { type: 'string' },
    'browser-only': { type: 'boolean', default: false },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const ROUNDS = Math.max(1, parseInt(opts.rounds, 10) || 3);
const doc = JSON.parse(await readFile(resolve(opts.workloads), 'utf8'));
const names = doc.workloads.map((w) => w.name);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

// ---------------------------------------------------------------- native
async function runNative() {
  const { stdout } = await promisify(execFile)(resolve(opts.native),
    ['--workloads', resolve(opts.workloads), '--rounds', String(ROUNDS), resolve(opts.assets)],
    { maxBuffer: 16 << 20, timeout: 1800_000 });
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).ms);
}

// ---------------------------------------------------------------- browser
// Runs in the page: the same loop as layerlab_bench's run_workloads().
function pageRun(workloads) {
  const L = window.layerlab;
  const call = ([method, args]) => {
    switch (method) {   // the JS API's own signatures (web/layerlab-api.js)
      case 'loadSample': return L.loadSample(args.name);
      case 'load': return L.load(args.text, args.files);
      case 'edit': return L.edit(args.text);
      case 'lookup': return L.lookup(args.path);
      case 'exec': return L.exec(args.command);
      case 'goto': return L.goto(args.n);
      default: return L[method]();
    }
  };
  const ms = {}, heap = {};
  for (const w of workloads) {
    for (const c of w.setup || []) call(c);
    const calls = w.rebuild ? [['edit', { text: L.state().dockerfile + '\n' }], ['runToEnd', {}]] : w.calls;
    const repeat = w.repeat || 1;
    const t0 = performance.now();
    for (let i = 0; i < repeat; i++) for (const c of calls) call(c);
    ms[w.name] = performance.now() - t0;
    heap[w.name] = window.Module.HEAPU8.length;  // the wasm memory's size: it grows, never shrinks
  }
  return { ms, heap };
}

async function runBrowser() {
  const chromium = await requireChromium(opts.chromium);
  const server = await serve(resolve(opts.dist));
  const browser = await launch(chromium, opts.chromium);
  const rounds = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
      const problems = [];
      const page = await openApp(context, server.url, `round ${r + 1}`, problems);
      rounds.push(await page.evaluate(pageRun, doc.workloads));
      await context.close();
      if (problems.length) throw new Error(problems.join('\n'));
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rounds;
}

// ---------------------------------------------------------------- report
const fmt = (x) => x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model?.trim()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const nat = opts['browser-only'] ? [] : await runNative();
const webRuns = await runBrowser();
const web = webRuns.map((r) => r.ms);
const rows = names.map((n) => {
  const a = nat.length ? median(nat.map((m) => m[n])) : undefined;
  const b = median(web.map((m) => m[n]));
  return { workload: n, native_ms: a, browser_ms: b, ratio: a ? b / a : undefined };
});
const w = Math.max(...names.map((n) => n.length));
console.log(`median of ${ROUNDS} round(s); load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${'workload'.padEnd(w)}  ${'native ms'.padStart(10)}  ${'browser ms'.padStart(10)}  ${'ratio'.padStart(7)}`);
for (const r of rows)
  console.log(`${r.workload.padEnd(w)}  ${fmt(r.native_ms).padStart(10)}  ${fmt(r.browser_ms).padStart(10)}  ${(r.ratio === undefined ? '-' : r.ratio.toFixed(1) + 'x').padStart(7)}`);
// The wasm heap (WebAssembly memory only grows: its size is the peak of what
// malloc asked for) after the last workload of each sample and at the end.
const mib = (b) => (b / 1048576).toFixed(0);
const lastSample = [...names].reverse().find((n) => /^0\d-/.test(n));
const heapAt = (n) => median(webRuns.map((r) => r.heap[n]));
if (lastSample) console.log(`wasm heap after the samples (through "${lastSample}"): ${mib(heapAt(lastSample))} MiB`);
console.log(`wasm heap after every workload: ${mib(heapAt(names[names.length - 1]))} MiB`);
if (opts['json-out']) {
  await mkdir(dirname(resolve(opts['json-out'])), { recursive: true });
  await writeFile(resolve(opts['json-out']), JSON.stringify({ rounds: ROUNDS, rows, native: nat, browser: web, heap: webRuns.map((r) => r.heap) }, null, 1) + '\n');
}
