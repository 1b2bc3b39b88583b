// Browser test of predict-then-reveal (issue 13), headless Debian Chromium + playwright-core.
//
// A four-step Dockerfile on busybox (FROM, COPY hello.txt, ENV, RUN that appends to hello.txt).
// For each of the five kinds of question:
//   the state is set (the cursor after FROM, or at the end), the question is asked from the
//   Quiz menu (mouse), answered WRONG through the UI (No, a slab below, a number far off, an
//   empty docker diff) -> the verdict says so, the verdict box is drawn red, "You said" and
//   "What happened" are on screen; then the same state again, the same question (same prompt; asked
//   through the API this time),
//   answered RIGHT through the UI with what was revealed (Yes, the slab, the number typed, one
//   A/C/D button per line) -> correct, the box green, the Lab moved (the step ran, the lookup or
//   the container's command happened).
// Then "Ask me before each step": → asks instead of stepping, the answer runs the step; and quiz
// mode's Next question. Screenshots quiz-question.png and quiz-reveal.png (the lookup question
// before and after its reveal; --docs DIR also writes them there).
//
//   node tests/browser/quiz.mjs --dist build/web/dist [--out DIR] [--docs DIR]
//
// Bounded: a watchdog stops it after 120 s (about 45 s on 2 busy cores). Exit: 0 pass, 1 fail, 77 skipped.
import { testFrame, launch, openApp, waitFrames, centreOf, screenshot, regionStats } from './lib.mjs';

const { opts, chromium, server, problems, check, finish } = await testFrame('quiz', 120);
const OUT = opts.out;
let browser;

const api = (page, fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
// a click on a published widget, then two frames (the app answers on the frame of the release)
async function click(page, name) {
  const c = await centreOf(page, name);
  await page.mouse.click(c.x, c.y);
  await waitFrames(page, 2);
}
const rect = (page, name) => page.evaluate((n) => window.layerlab.ui.rect(n), name);

const DOCKERFILE = 'FROM busybox\nCOPY hello.txt /hello.txt\nENV GREETING=hi\nRUN echo more >> /hello.txt\n';

// asks from the Quiz menu (fromMenu) or through the API
async function ask(page, kind, fromMenu) {
  if (fromMenu) {
    await click(page, 'menu.quiz');
    await click(page, 'quiz.menu.' + kind);
  } else {
    await api(page, 'question', kind);
    await waitFrames(page, 2);
  }
  const q = (await api(page, 'quiz')).question;
  check(q && q.kind === kind, `${kind}: the Quiz menu asks it (asked: ${q && q.kind})`);
  check(!!(await rect(page, 'quiz.prompt')), `${kind}: the question is on screen`);
  return q;
}
async function typeNumber(page, text) {
  await click(page, 'quiz.number');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');   // Enter reveals, as the Reveal button does
  await waitFrames(page, 2);
}
// answers through the UI; `truth` null: a wrong answer
async function answerUi(page, q, truth) {
  if (q.kind === 'adds_layer') await click(page, truth === null ? 'quiz.no' : truth.yes ? 'quiz.yes' : 'quiz.no');
  else if (q.kind === 'lookup_layer') {
    if (truth === null) await click(page, 'slab.0');   // the base layer: /hello.txt is not there
    else if (truth.layer === null) await click(page, 'quiz.notfound');
    else if (truth.layer === 'container') await click(page, 'container.0');
    else await click(page, 'slab.' + truth.layer);
  } else if (q.kind === 'image_size') await typeNumber(page, truth === null ? '100' : (truth.bytes / 1048576).toFixed(4));
  else if (q.kind === 'copy_up_bytes') await typeNumber(page, truth === null ? '7' : String(truth.bytes));
  else if (q.kind === 'docker_diff') {
    if (truth !== null)
      for (const line of truth.lines) {
        const i = q.paths.indexOf(line.slice(2));
        if (!check(i >= 0, `docker_diff: the line "${line}" has its path among the choices`)) continue;
        await click(page, `quiz.diff.${i}.${line[0]}`);
      }
    await click(page, 'quiz.reveal');
  }
  // the keys and clicks reach ImGui over several frames (its input queue takes one
  // press of a key per frame): wait for the answer, not for a number of frames
  await page.waitForFunction(() => window.layerlab.quiz().question === null, null, { timeout: 10_000, polling: 20 })
    .catch(() => {});
  await waitFrames(page, 1);
  const z = await api(page, 'quiz');
  check(z.question === null, `${q.kind}: the answer closes the question`);
  return z.last && z.last.verdict;
}
async function checkShown(page, kind, v, right) {
  check(v && v.correct === right, `${kind}: answered ${right ? 'right' : 'wrong'}, the verdict says correct=${v && v.correct} (${v && v.yours} / ${v && v.right})`);
  for (const n of ['quiz.verdict', 'quiz.yours', 'quiz.right'])
    check(!!(await rect(page, n)), `${kind}: ${n} is on screen after the reveal`);
  const img = await screenshot(page, `quiz-${kind}-${right ? 'right' : 'wrong'}.png`, OUT);
  const box = await rect(page, 'quiz.verdict');
  const rgb = right ? [30, 70, 40] : [84, 34, 34];
  const fill = box && regionStats(img, { x: box.x + 2, y: box.y + 2, w: box.w - 4, h: box.h - 4 }, 1, rgb, 8);
  check(fill && fill.nearShare > 0.3, `${kind}: the verdict box is drawn ${right ? 'green' : 'red'} (${fill && fill.nearShare.toFixed(2)})`);
}

const SETUPS = {
  adds_layer: async (page) => { await api(page, 'goto', 1); },       // next: COPY
  image_size: async (page) => { await api(page, 'goto', 1); },
  lookup_layer: async (page) => { await api(page, 'goto', 0); await api(page, 'runToEnd'); },
  copy_up_bytes: async (page) => { await api(page, 'runToEnd'); },
  docker_diff: async (page) => { await api(page, 'runToEnd'); },
};

try {
  browser = await launch(chromium, opts.chromium);
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await openApp(ctx, server.url, 'quiz', problems);
  await api(page, 'load', DOCKERFILE, { 'hello.txt': 'hello\n' });
  await waitFrames(page, 3);

  for (const kind of Object.keys(SETUPS)) {
    const t0 = Date.now();
    await SETUPS[kind](page);
    const q = await ask(page, kind, true);
    if (kind === 'lookup_layer') await screenshot(page, 'quiz-question.png', OUT, opts.docs);
    const cursor = (await api(page, 'state')).step;
    const wrong = await answerUi(page, q, null);
    await checkShown(page, kind, wrong, false);
    if (!wrong) continue;
    const truth = wrong.truth;
    if (kind === 'adds_layer' || kind === 'image_size')
      check((await api(page, 'state')).step === cursor + 1, `${kind}: the reveal ran the step`);

    await SETUPS[kind](page);
    const again = await ask(page, kind, false);
    check(again.prompt === q.prompt, `${kind}: the same state asks the same question ("${again.prompt}" vs "${q.prompt}")`);
    const right = await answerUi(page, again, truth);
    await checkShown(page, kind, right, true);
    if (kind === 'lookup_layer') await screenshot(page, 'quiz-reveal.png', OUT, opts.docs);
    console.log(`quiz: ${kind}: wrong then right, ${Date.now() - t0} ms (truth ${JSON.stringify(truth)})`);
  }

  // "Ask me before each step": → asks first, the answer runs the step
  await api(page, 'goto', 1);
  await click(page, 'menu.quiz');
  await click(page, 'quiz.menu.ask');
  check((await api(page, 'quiz')).ask_before_step, 'the Quiz menu turns "ask me before each step" on');
  await click(page, 'deck.step');
  const z = await api(page, 'quiz');
  check(z.question && (z.question.kind === 'adds_layer' || z.question.kind === 'image_size') && z.question.step === 1,
        `→ asks about step 2 before running it (${JSON.stringify(z.question)})`);
  check((await api(page, 'state')).step === 1, '→ waits for the answer');
  if (z.question) {
    await answerUi(page, z.question, z.question.kind === 'adds_layer' ? { yes: true } : { bytes: 4 << 20 });
    check((await api(page, 'state')).step === 2, 'the answer runs the step');
  }
  await api(page, 'setQuiz', { ask_before_step: false });

  // quiz mode: one question after another
  await click(page, 'menu.quiz');
  await click(page, 'quiz.menu.mode');
  const first = (await api(page, 'quiz')).question;
  check(first !== null, 'quiz mode asks a question');
  await click(page, 'quiz.next');
  const second = (await api(page, 'quiz')).question;
  check(second && first && second.kind !== first.kind, `Next question asks another kind (${first && first.kind} -> ${second && second.kind})`);
  await click(page, 'quiz.close');
  check(!(await api(page, 'quiz')).quiz_mode && !(await rect(page, 'quiz')), 'End the quiz closes the window');
  await ctx.close();
  await finish(browser);
} catch (e) {
  await finish(browser, e);
}
