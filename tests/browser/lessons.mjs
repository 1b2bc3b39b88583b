// Browser test of the lessons (issue 13), headless Debian Chromium + playwright-core:
// every lesson completed through the UI as a student would, and one wrong
// attempt per lesson told why.
//
//   for each lesson of layerlab.lessons():
//     open it from the Lessons menu (mouse, positions from layerlab.ui.rect)
//     the wrong attempt (lessonWrongAttempt(): the lesson's data) typed in:
//       the Dockerfile into the editor (Ctrl+A, type), End on the step deck,
//       context edits in the editor's file tab, commands into the Container
//       terminal, @start / @commit as the Container tab's buttons
//     -> the goal is not met, and a part's reason has the lesson's `expect` words
//     Reset (the Lesson window's button), then the solution the same way
//     -> the goal is met (state().lesson.goal.met), the goal box is drawn green
//        on screen, and the lesson is kept as done in localStorage
//   Show me and Undo are clicked once (lesson 01).
//   Lesson 11 solved, the X-ray tab: both containers' mount lines (lowerdir = -init, then the
//   image's layers), the copy-up under the second one's diff/; screenshot xray.png.
//
//   node tests/browser/lessons.mjs --dist build/web/dist [--out DIR] [--docs DIR]
//
// Bounded: a watchdog stops it after LIMIT_S. Exit codes: 0 pass, 1 fail, 77 skipped.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve, requireChromium, launch, openApp, waitFrames, centreOf, clickWidget, screenshot, regionStats, STEP_TIMEOUT_MS } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    out: { type: 'string', default: 'build/test-artifacts' },
    docs: { type: 'string' },
    only: { type: 'string' },   // a lesson name prefix, for debugging
    from: { type: 'string' },   // start at this lesson (name prefix), for debugging
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const DIST = resolve(opts.dist);
const OUT = resolve(opts.out);
const LIMIT_S = 900;
const watchdog = setTimeout(() => { console.error(`FAIL: lessons took longer than ${LIMIT_S} s`); process.exit(1); }, LIMIT_S * 1000);

const chromium = await requireChromium(opts.chromium);
const server = await serve(DIST);
const problems = [];
let browser;

function check(cond, message) {
  if (!cond) problems.push(message);
  return !!cond;
}
const api = (page, fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
const state = (page) => api(page, 'state');

const click = (page, name) => clickWidget(page, name);
// a tab is chosen on the frame after the press: press and release on different frames, as a hand does
async function clickTab(page, name) {
  const c = await centreOf(page, name);
  await page.mouse.move(c.x, c.y);
  await waitFrames(page, 1);
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 3);
  return c;
}
const shot = (page, name) => screenshot(page, name, OUT, opts.docs);
// waits until the model has stopped moving (a build in wasm can take seconds)
async function settle(page) {
  await waitFrames(page, 4);
}

// ---- what a student does, with the keyboard and the mouse

async function openFromMenu(page, name) {
  await click(page, 'menu.lessons');
  await click(page, 'lessons.' + name);
  await settle(page);
}
// changes the text of the editor's tab `file` from `before` to `text` as a student would:
// the lines both share at the start and at the end stay; the cursor goes to the first line
// that differs, the lines up to the common end are selected (Shift+Down) and the new ones
// typed in their place (every key typed costs two frames: type only what changes)
async function typeFile(page, file, text, before = '') {
  // the tabs show when the context has files; without them the editor shows the Dockerfile
  // back to step 0 first (Home on the deck), so a rebuild while typing re-runs nothing: a long
  // frame between a key's down and up would repeat the key
  await click(page, 'deck.reset');
  if (file !== 'Dockerfile' || await page.evaluate(() => !!window.layerlab.ui.rect('editor.tab.Dockerfile'))) {
    await clickTab(page, 'editor.tab.' + file);
    const shown = await page.evaluate(() => window.layerlab.ui.state().editor_file);
    check(shown === file, `a click on the editor's tab ${file} shows it (the editor shows ${shown})`);
  }
  await click(page, 'editor.text');
  const a = before.split('\n'), b = text.split('\n');
  let same = 0;
  while (same < a.length - 1 && same < b.length - 1 && a[same] === b[same]) same++;
  let tail = 0;   // lines both share at the end, after the common start
  while (tail < a.length - same && tail < b.length - same && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < same; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  if (tail === 0) {   // the last line differs: from here to the end
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.type(b.slice(same).join('\n'));
  } else {            // whole lines, up to the start of the common end
    const gone = a.length - tail - same, put = b.slice(same, b.length - tail);
    for (let i = 0; i < gone; i++) await page.keyboard.press('Shift+ArrowDown');
    if (gone) await page.keyboard.press('Delete');
    if (put.length) await page.keyboard.type(put.join('\n') + '\n');
  }
  await page.keyboard.press('Control+Enter');   // rebuild now
  await waitFrames(page, 3);
  await page.keyboard.press('Escape');
  await waitFrames(page, 2);
}
async function runToEnd(page) {
  await click(page, 'deck.end');
  await page.waitForFunction(() => { const s = window.layerlab.state(); return s.at_end || s.failed || s.errors.length > 0; },
                             null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
}
async function command(page, c) {
  if (await page.evaluate(() => window.layerlab.ui.state().inspector_tab) !== 2) await clickTab(page, 'tab.Container');
  if (c === '@start') { await click(page, 'container.start'); return; }
  if (c === '@commit') { await click(page, 'container.commit'); return; }
  if (c.startsWith('@')) throw new Error('the test does not know ' + c);
  const before = await page.evaluate(() => window.layerlab.state().narration.serial);
  await click(page, 'container.input');
  await page.keyboard.type(c);
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => window.layerlab.state().narration.serial > b, before, { timeout: STEP_TIMEOUT_MS, polling: 50 });
  await waitFrames(page, 2);
}
// an attempt ({dockerfile, files, edits, commands}) as typed by a student
async function attempt(page, a) {
  if (a.dockerfile !== undefined) {
    const st = await state(page);
    if (st.dockerfile !== a.dockerfile) await typeFile(page, 'Dockerfile', a.dockerfile, st.dockerfile);
    await page.waitForFunction((t) => window.layerlab.state().dockerfile === t, a.dockerfile, { timeout: 15_000, polling: 100 })
      .catch(() => {});
    const typed = (await state(page)).dockerfile;
    check(typed === a.dockerfile, `the typed Dockerfile is the one in the Lab: typed ${JSON.stringify(a.dockerfile)}, the Lab has ${JSON.stringify(typed)}`);
  }
  await runToEnd(page);
  for (const [path, text] of Object.entries(a.edits || {})) {
    await typeFile(page, path, text, (a.files || {})[path] || '');
    await runToEnd(page);
  }
  for (const c of a.commands || []) await command(page, c);
  await settle(page);
}

// lesson 11 solved (a 4-layer image, two containers, /srv/app.conf written in the second): what the
// X-ray tab shows, as the student looks for it there
async function xrayChecks(page) {
  await clickTab(page, 'tab.X-ray');
  const x = await api(page, 'xray');
  check(x.containers.length === 2 && x.layers.length === 4, `xray: 4 layers and 2 containers (${x.layers.length}, ${x.containers.length})`);
  for (let i = 0; i < x.containers.length; i++) {
    const c = x.containers[i];
    const m = /^overlay on \/var\/lib\/docker\/overlay2\/([0-9a-f]{64})\/merged type overlay \(rw,relatime,lowerdir=([^,]*),upperdir=\/var\/lib\/docker\/overlay2\/([0-9a-f]{64})\/diff,workdir=\/var\/lib\/docker\/overlay2\/([0-9a-f]{64})\/work\)$/.exec(c.mount_line);
    check(m && m[1] === c.mount_id && m[3] === c.mount_id && m[4] === c.mount_id, `xray: container ${i}'s mount line (${c.mount_line.slice(0, 140)})`);
    const lowers = m ? m[2].split(':') : [];
    check(lowers.length === 5 && lowers[0] === '/var/lib/docker/overlay2/l/' + c.init_link &&
          lowers.slice(1).every((d, k) => d === '/var/lib/docker/overlay2/l/' + x.layers[3 - k].link),
          `xray: container ${i}'s lowerdirs are its -init layer, then the image's 4 layers, uppermost first (${lowers.length})`);
    check(await page.evaluate((k) => !!window.layerlab.ui.rect('xray.mount.' + k), i), `the X-ray tab shows container ${i}'s mount line`);
  }
  const upper = (i) => `/var/lib/docker/overlay2/${x.containers[i].mount_id}/diff/srv/app.conf`;
  check(x.nodes.some((n) => n.path === upper(1)), 'xray: the second container\'s copy of /srv/app.conf is under its diff/');
  check(!x.nodes.some((n) => n.path === upper(0)), 'xray: the first container\'s diff/ holds no /srv/app.conf');
  check(x.layers.every((l, i) => i === 0 ? l.lower === '' : l.lower.startsWith('l/' + x.layers[i - 1].link)), 'xray: each lower starts with the layer below');
  await waitFrames(page, 3);
  await shot(page, 'xray.png');
}

function goalText(goal) { return goal.parts.map((p) => `  ${p.met ? 'met' : 'NOT met'}: ${p.text} -- ${p.reason}`).join('\n'); }

// ---- the test

try {
  browser = await launch(chromium, opts.chromium);
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  const page = await openApp(ctx, server.url, 'lessons', problems);
  const lessons = await api(page, 'lessons');
  check(lessons.length >= 10, `at least ten lessons (got ${lessons.length})`);
  check(lessons.every((l) => !l.done), 'no lesson is done in a fresh browser');

  // the lesson map, once
  await click(page, 'menu.lessons');
  await click(page, 'lessons.map');
  const map = await page.evaluate(() => window.layerlab.ui.rect('lessonmap'));
  check(map && map.w > 200, 'the lesson map opens from the Lessons menu');
  await shot(page, 'lesson-map.png');
  await click(page, 'lessonmap.' + lessons[0].name);
  check((await state(page)).lesson?.name === lessons[0].name, 'a click in the lesson map opens the lesson');

  for (const l of lessons) {
    if (opts.only && !l.name.startsWith(opts.only)) continue;
    if (opts.from && l.name < opts.from) continue;
    const t0 = Date.now();
    await openFromMenu(page, l.name);
    let st = await state(page);
    if (!check(st.lesson && st.lesson.name === l.name, `${l.name}: opens from the Lessons menu`)) continue;
    check(!st.lesson.goal.met, `${l.name}: the goal is not met at the start`);
    check(await page.evaluate(() => !!window.layerlab.ui.rect('lesson.goal')), `${l.name}: the goal is on screen`);

    // the wrong attempt: not met, and told why
    const wrong = await api(page, 'lessonWrongAttempt');
    const t1 = Date.now();
    await attempt(page, wrong);
    const t2 = Date.now();
    st = await state(page);
    check(!st.lesson.goal.met, `${l.name}: the wrong attempt does not meet the goal`);
    const told = st.lesson.goal.parts.some((p) => !p.met && p.reason.includes(wrong.expect));
    check(told, `${l.name}: the wrong attempt is told "${wrong.expect}"; it was told:\n${goalText(st.lesson.goal)}`);
    await waitFrames(page, 2);
    const n = st.lesson.goal.parts.findIndex((p) => !p.met);
    check(n >= 0 && await page.evaluate((k) => !!window.layerlab.ui.rect('lesson.part.' + k), n), `${l.name}: the unmet part is on screen`);
    if (l.name === lessons[3].name) await shot(page, 'lesson-wrong.png');

    // Reset, then the solution as a student would
    await click(page, 'lesson.reset');
    st = await state(page);
    check(!st.lesson.goal.met, `${l.name}: Reset starts the lesson again`);
    const sol = await api(page, 'lessonSolution');
    const t3 = Date.now();
    await attempt(page, sol);
    const t4 = Date.now();
    st = await state(page);
    check(st.lesson.goal.met, `${l.name}: the solution typed in meets the goal:\n${goalText(st.lesson.goal)}`);
    await waitFrames(page, 3);
    const img = await shot(page, `lesson-${l.name}.png`);
    const box = await page.evaluate(() => window.layerlab.ui.rect('lesson.goal'));
    const green = box && regionStats(img, { x: box.x + 2, y: box.y + 2, w: box.w - 4, h: box.h - 4 }, 1, [30, 70, 40], 8);
    check(green && green.nearShare > 0.3, `${l.name}: the goal box is drawn green when met (${green && green.nearShare.toFixed(2)})`);
    const kept = await page.evaluate((name) => JSON.parse(localStorage.getItem('layerlab.lessons.v1') || '{"done":[]}').done.includes(name), l.name);
    check(kept, `${l.name}: kept as done in localStorage`);
    if (l.name.startsWith('11-')) await xrayChecks(page);
    console.log(`lessons: ${l.name}: wrong told, solved, ${Date.now() - t0} ms (open ${t1 - t0}, wrong ${t2 - t1}, reset ${t3 - t2}, solution ${t4 - t3})`);
  }

  // Show me and Undo, with the mouse
  if (!opts.only && !opts.from) {
    await openFromMenu(page, lessons[0].name);
    await click(page, 'lesson.showme');
    let st = await state(page);
    check(st.lesson.goal.met, 'Show me meets the goal');
    await click(page, 'lesson.undo');
    st = await state(page);
    check(!st.lesson.goal.met && st.lesson.can_undo === false, 'Undo goes back to the lesson\'s start');
    const all = await api(page, 'lessons');
    check(all.every((x) => x.done), 'every lesson is done in the map');
    await click(page, 'menu.lessons');
    await click(page, 'lessons.map');
    await shot(page, 'lesson-map-done.png');
    await page.keyboard.press('Escape');
    await click(page, 'lessonmap.' + lessons[0].name);   // closes the map
  }

  await ctx.close();
} catch (e) {
  problems.push(`lessons: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  server.close();
  clearTimeout(watchdog);
}
if (problems.length) {
  console.error(problems.map((p) => 'FAIL: ' + p).join('\n'));
  process.exit(1);
}
console.log('PASS: lessons');
