// Browser test of the page on a phone (issue 13): 390 x 844 CSS px at device pixel ratio 3, touch.
//
//   the layout is one column with four tabs (Dockerfile, Layers, Inspect, What happened), each
//   tab tapped (touch events) shows its part:
//     - every tab (the inspector's too), and every deck control (reset, back, step, run, end, speed, each timeline chip)
//       lies inside the screen and is at least 40 CSS px tall (buttons also wide)
//     - no two published widget rectangles overlap (one inside another is nesting, not overlap)
//     - the editor (Dockerfile tab) and every slab (Layers tab) span the width; a short stack
//       stands right under its header (no empty screen above it)
//     - a tap on the deck's step button steps; a tap on a slab selects it (a small Dockerfile over
//       debian:bookworm-slim)
//     - a drag on the Files list scrolls it (drag to scroll); the inspector's six tabs are two
//       rows of three buttons, whole names
//   screenshot phone.png, the Layers tab (--docs DIR also writes it there)
//
// CTest runs it inside browser_screens (tests/browser/simulator.mjs --part screens), in the
// Chromium that part launched: phoneChecks(browser, ...) opens its own context and page.
// Alone, for debugging:
//   node tests/browser/phone.mjs --dist build/web/dist [--out DIR] [--docs DIR]
// (bounded: a watchdog stops it after 90 s; exit 0 pass, 1 fail, 77 skipped).
import { pathToFileURL } from 'node:url';
import { testFrame, launch, openApp, waitFrames, waitBuilt, screenshot } from './lib.mjs';

const W = 390, H = 844;
const DOCKERFILE = `FROM debian:bookworm-slim
RUN mkdir /data && echo 'hello' > /data/greeting
ENV GREETING=/data/greeting
RUN echo 'and more' >> /data/greeting
RUN rm /data/greeting
`;

const api = (page, fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
const rects = (page) => page.evaluate(() => window.layerlab.ui.rects());
const uiState = (page) => page.evaluate(() => window.layerlab.ui.state());

async function tap(page, name) {
  const r = (await rects(page))[name];
  if (!r) throw new Error(`the app shows no widget named "${name}"`);
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await waitFrames(page, 2);
  await waitBuilt(page);  // a tap on the deck builds one step per frame (issue 14)
  return r;
}
// a finger drag from (x, y) by dy, in steps, through the DevTools protocol's touch events
async function drag(page, cdp, x, y, dy) {
  const pt = (yy) => [{ x, y: yy, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pt(y) });
  await waitFrames(page, 1);
  for (let i = 1; i <= 4; i++) {   // one move a frame: ImGui's input queue keeps one position a frame
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pt(y + (dy * i) / 4) });
    await waitFrames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitFrames(page, 2);
}

const inside = (r) => r.x >= -0.5 && r.y >= -0.5 && r.x + r.w <= W + 0.5 && r.y + r.h <= H + 0.5;
const contains = (a, b) => a.x <= b.x + 1 && a.y <= b.y + 1 && a.x + a.w >= b.x + b.w - 1 && a.y + a.h >= b.y + b.h - 1;
function overlaps(all) {
  const names = Object.keys(all).filter((n) => all[n].w > 0 && all[n].h > 0);
  const bad = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a = all[names[i]], b = all[names[j]];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1 && !contains(a, b) && !contains(b, a)) bad.push(`${names[i]} ${JSON.stringify(a)} and ${names[j]} ${JSON.stringify(b)}`);
    }
  return bad;
}
async function checkTab(page, tab, check) {
  const all = await rects(page);
  for (const o of overlaps(all)) check(false, `${tab}: widgets overlap: ${o}`);
  for (const [n, r] of Object.entries(all))
    if (n.startsWith('deck.') || n.startsWith('timeline.') || n.startsWith('phone.tab.') || n.startsWith('tab.')) {
      check(inside(r), `${tab}: ${n} is on the screen (${JSON.stringify(r)})`);
      check(r.h >= 40 - 0.5, `${tab}: ${n} is at least 40 px tall (${r.h})`);
      if (n !== 'deck.speed') check(r.w >= 40 - 0.5, `${tab}: ${n} is at least 40 px wide (${r.w})`);
    }
  for (const n of ['deck.reset', 'deck.back', 'deck.step', 'deck.run', 'deck.end', 'deck.speed'])
    check(!!all[n], `${tab}: the deck's ${n} is shown`);
  return all;
}

// The checks, in a context of their own in `browser`; failures go through `check`.
export async function phoneChecks(browser, { url, problems, check, out, docs }) {
  let tLap = Date.now(), fLap = 0, page = null;
  const lap = async (what) => {
    const f = page ? await page.evaluate(() => window.layerlab_frames) : 0;
    console.log(`phone: ${what} ${Date.now() - tLap} ms, ${f - fLap} frames`);
    tLap = Date.now();
    fLap = f;
  };
  const ctx = await browser.newContext({ viewport: { width: W, height: H }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  page = await openApp(ctx, url, 'phone', problems);
  const cdp = await ctx.newCDPSession(page);
  await lap('open');
  // small steps over Debian's 4,000 files (a long Files list), cheap to build in wasm
  await api(page, 'load', DOCKERFILE);
  await api(page, 'goto', 2);
  await waitFrames(page, 2);
  await lap('load');
  check((await uiState(page)).layout === 'phone', `the layout at ${W} x ${H} is the phone's (${(await uiState(page)).layout})`);

  // Dockerfile
  await tap(page, 'phone.tab.Dockerfile');
  let all = await checkTab(page, 'Dockerfile', check);
  // the editor's text spans the width but for the gutter (line numbers and step dots) on its left
  const ed = all['editor.text'];
  check(ed && ed.x <= 70 && ed.x + ed.w >= W - 16 && inside(ed), `the editor spans the width (${JSON.stringify(ed)})`);
  const before = (await api(page, 'state')).step;
  await tap(page, 'deck.step');
  check((await api(page, 'state')).step === before + 1, 'a tap on the deck\'s step button steps');
  await api(page, 'runToEnd');
  await lap('Dockerfile');

  // Layers
  await tap(page, 'phone.tab.Layers');
  all = await checkTab(page, 'Layers', check);
  check(!all['editor.text'], 'the Layers tab hides the editor');
  const slabs = Object.keys(all).filter((n) => /^slab\.\d+$/.test(n));
  check(slabs.length === (await api(page, 'state')).layers.length, `every slab is shown (${slabs.length})`);
  // a slab spans the width but for the margin and the base layers' bracket on its right
  for (const n of slabs) check(all[n].x >= 0 && all[n].x <= 16 && all[n].x + all[n].w >= W - 40 && all[n].x + all[n].w <= W,
                               `${n} spans the width (${JSON.stringify(all[n])})`);
  // a short stack stands right under its header (the window's title and one line), not at the foot of
  // the screen with an empty area above it
  const tabsBottom = all['phone.tab.Layers'].y + all['phone.tab.Layers'].h;
  const stackTop = Math.min(...slabs.map((n) => all[n].y));
  check(stackTop - tabsBottom < 110, `the stack stands under its header (${(stackTop - tabsBottom).toFixed(0)} px below the tabs)`);
  await lap('Layers checked');
  await screenshot(page, 'phone.png', out, docs);   // the README's picture: the Layers tab
  await lap('screenshot');
  await tap(page, slabs[0]);
  check((await uiState(page)).selected_layer === 0, 'a tap on a slab selects it');

  // Inspect: the Files tab of the merged view; a drag scrolls the list
  await lap('Layers');
  await tap(page, 'phone.tab.Inspect');
  await page.evaluate(() => window.layerlab.ui.tab('files'));
  await waitFrames(page, 2);
  all = await checkTab(page, 'Inspect', check);
  // the inspector's six tabs: two rows of three, each a third of the width (one row cut
  // "Container" and "Compare" to "Contain…" and "Compar…")
  for (const n of ['Files', 'Lookup', 'Container', 'Tree', 'Compare', 'X-ray'])
    check(all['tab.' + n] && all['tab.' + n].w >= 100, `Inspect: the tab ${n} is a third of the width (${JSON.stringify(all['tab.' + n])})`);
  const row = all['files.first_row'];
  if (check(row, 'Inspect shows the Files list')) {
    const s0 = (await uiState(page)).touch_scrolled;
    await drag(page, cdp, W / 2, Math.min(H - 60, row.y + 300), -200);
    const s1 = (await uiState(page)).touch_scrolled;
    check(s1 - s0 >= 100, `a drag scrolls the Files list (${s1 - s0} px)`);
  }
  await lap('Inspect');

  // What happened
  await tap(page, 'phone.tab.What happened');
  all = await checkTab(page, 'What happened', check);
  check(!!all['narration.text'] && !!all['summary.size'], 'What happened shows the narration and the image summary');
  await lap('What happened');
  await ctx.close();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { opts, chromium, server, problems, check, finish } = await testFrame('phone', 90);
  let browser;
  try {
    browser = await launch(chromium, opts.chromium);
    await phoneChecks(browser, { url: server.url, problems, check, out: opts.out, docs: opts.docs });
    await finish(browser);
  } catch (e) {
    await finish(browser, e);
  }
}
