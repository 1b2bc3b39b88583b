// Browser tests of issue 16: an image of the student's own in the page.
//
//   open   buildah's busybox-waste image as skopeo's docker-archive (`docker
//          save` format) is given to the page's file input (#image-file), as a
//          student picking it does: the stack shows its 4 layers with the DiffIDs
//          skopeo reads from its config, titled by its history; a lookup of
//          /etc/passwd finds it in layer 2 (rewritten there); the student's
//          documents are untouched; screenshot image-open.png. Then the busybox
//          base as an OCI layout tar is dropped on the page (a drop event with
//          the file): the stack becomes its one layer. A broken file says why in
//          the page's notice and the page keeps working.
//
//   tree   the delete trap built to its end: layerlab.tree() sorted by size lists
//          the largest directory first, every directory's total is the sum of
//          its children's; the RUN rm layer's tree marks the lists D; the Tree
//          tab drawn with "by size" clicked (screenshot image-tree.png)
//   compare the delete trap kept as A, then its fix (the rm in the RUNs that
//          download) built as B: compare() says B is smaller by about the bytes
//          A wasted, the base layer is shared, the Compare tab shows it
//          (screenshot image-compare.png)
//
//   node tests/browser/image.mjs --dist build/web/dist --part open [--out DIR]
// Exit codes: 0 pass, 1 fail, 77 skipped (no Chromium or no skopeo).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve, requireChromium, launch, openApp, waitFrames, decodePng, regionStats, STEP_TIMEOUT_MS } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'build/web/dist' },
    out: { type: 'string', default: 'build/test-artifacts' },
    part: { type: 'string', default: 'open' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const DIST = resolve(opts.dist);
const OUT = resolve(opts.out);
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const watchdog = setTimeout(() => { console.error(`FAIL: ${opts.part} took longer than 240 s`); process.exit(1); }, 240_000);

try { execFileSync('skopeo', ['--version']); } catch {
  console.log('SKIP: skopeo is not installed (it makes the docker save archive)');
  process.exit(77);
}
const chromium = await requireChromium(opts.chromium);
const server = await serve(DIST);
const problems = [];
let browser;
const work = mkdtempSync(join(tmpdir(), 'layerlab-image-'));

function check(cond, message) {
  if (!cond) problems.push(`${opts.part}: ${message}`);
  return !!cond;
}
const api = (page, fn, ...args) => page.evaluate(([f, a]) => window.layerlab[f](...a), [fn, args]);
async function shot(page, name) {
  const buf = await page.screenshot();
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, name), buf);
  return decodePng(buf);
}

// buildah's image (tests/golden/images) with the base blob put back, as skopeo's docker-archive
function dockerArchive() {
  const oci = join(work, 'oci');
  cpSync(join(SRC, 'tests/golden/images/busybox-waste/oci'), oci, { recursive: true });
  const base = join(SRC, 'tests/oracle/busybox-base-oci/blobs/sha256');
  for (const b of readdirSync(base)) cpSync(join(base, b), join(oci, 'blobs/sha256', b));
  const tar = join(work, 'busybox-waste.tar');
  execFileSync('skopeo', ['copy', '-q', 'oci:' + oci, 'docker-archive:' + tar + ':busybox-waste:latest']);
  const config = JSON.parse(execFileSync('skopeo', ['inspect', '--config', 'oci:' + oci]).toString());
  return { tar, diffIds: config.rootfs.diff_ids, history: config.history.map((h) => h.created_by) };
}

async function partOpen() {
  const want = dockerArchive();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  const page = await openApp(ctx, server.url, 'open', problems);
  await api(page, 'load', 'FROM busybox\nRUN echo mine > /mine\n');   // a document of the student's
  await waitFrames(page, 3);
  const docsBefore = await api(page, 'documents');
  // the change event: subscribed here, heard when the image opens
  await page.evaluate(() => { window.__changes = []; window.layerlab.on('change', (e) => window.__changes.push(e)); });
  await page.evaluate(() => { window.__winChanges = 0; window.addEventListener('layerlab:change', () => window.__winChanges++); });

  // the file input, as the picker sets it
  await page.setInputFiles('#image-file', want.tar);
  await page.waitForFunction(() => window.layerlab.state().layers.length === 4 &&
                                   /busybox-waste/.test(window.layerlab.state().dockerfile),
                             null, { timeout: STEP_TIMEOUT_MS, polling: 100 });
  await waitFrames(page, 10);
  const st = await api(page, 'state');
  check(st.layers.map((l) => l.diff_id).join() === want.diffIds.join(),
        `the stack's DiffIDs are skopeo's: ${st.layers.map((l) => l.diff_id)} vs ${want.diffIds}`);
  check(st.layers.every((l) => l.from_base), 'every slab is one of the image\'s own layers');
  check(st.layers[3].created_by === want.history[3], `the top slab is titled by its history: ${st.layers[3].created_by}`);
  check(st.image.wasted_bytes > 300000, `the summary counts the waste of /big.bin: ${st.image.wasted_bytes}`);
  check(/Opened busybox-waste\.tar \(docker-save, /.test(st.narration.text), `narration: ${st.narration.text}`);
  const lk = await api(page, 'lookup', '/etc/passwd');
  check(lk.found && lk.hit_layer === 2, `lookup /etc/passwd: found in layer 2 (${JSON.stringify([lk.found, lk.hit_layer])})`);
  const ex = await api(page, 'exec', 'cat /etc/passwd | tail -1');
  check(/more/.test(ex.output), `a container of the image runs: ${ex.output}`);
  await waitFrames(page, 20);
  const png = await shot(page, 'image-open.png');
  const stats = regionStats(png, { x: 0, y: 0, w: png.width, h: png.height });
  check(stats.distinct > 50, `the screenshot is not blank (${stats.distinct} colours)`);
  const docsAfter = await api(page, 'documents');
  check(JSON.stringify(docsAfter.docs.map((d) => [d.id, d.name])) === JSON.stringify(docsBefore.docs.map((d) => [d.id, d.name])),
        `the student's documents are untouched: ${JSON.stringify(docsAfter.docs.map((d) => d.name))}`);

  // a drop of an OCI layout tar (the busybox base), as a drag from the desktop does
  const baseTar = join(work, 'base.tar');
  execFileSync('tar', ['-C', join(SRC, 'tests/oracle/busybox-base-oci'), '-cf', baseTar, '.']);
  const b64 = readFileSync(baseTar).toString('base64');
  await page.evaluate((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'busybox-base.tar', { type: 'application/x-tar' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, b64);
  await page.waitForFunction(() => /busybox-base/.test(window.layerlab.state().dockerfile), null,
                             { timeout: STEP_TIMEOUT_MS, polling: 100 });
  const st2 = await api(page, 'state');
  check(st2.layers.length === 1, `the dropped image has one layer (${st2.layers.length})`);

  // the docker-archive again, a 64 KiB slice per frame: skopeo writes the layer
  // tars first and manifest.json last, so the layers are read one by one as
  // their last byte arrives, the page drawing between slices
  const prog = await page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const seen = [];
    const off = window.layerlab.on('import', (p) => seen.push({ bytes: p.bytes_in, layers: p.layers_read, size: p.size,
      frame: window.layerlab_frames, line: (document.getElementById('import-status') || {}).textContent || '' }));
    const st = await window.layerlab.openImage(bytes, 'sliced.tar', { slice: 65536 });
    off();
    return { seen, layers: st.layers.map((l) => l.diff_id) };
  }, readFileSync(want.tar).toString('base64'));
  const s = prog.seen;
  check(s.length > 4 && s[s.length - 1].bytes === s[0].size, `one progress event per slice (${s.length})`);
  check(s.some((e) => e.layers > 0 && e.layers < 4) && s[s.length - 1].layers === 4,
        `the layers are read while the file arrives: ${s.map((e) => e.layers).join(',')}`);
  check(s[s.length - 1].frame > s[0].frame, `the page draws between slices (frames ${s[0].frame}..${s[s.length - 1].frame})`);
  check(s.some((e) => /layers? read \(\d+ files\), the last sha256:/.test(e.line)), `the notice says which: ${s[s.length - 1].line}`);
  check(prog.layers.join() === want.diffIds.join(), `and the sliced import is the same image: ${prog.layers}`);

  // a broken file: the notice says why, the page goes on
  const ev = await page.evaluate(() => ({ changes: window.__changes, win: window.__winChanges }));
  check(ev.changes.some((e) => /Opened busybox-waste\.tar/.test(e.narration) && e.revision > 0) && ev.win > 0,
        `on('change') and 'layerlab:change' told of the import: ${JSON.stringify(ev.changes.slice(-3))}`);
  const [err, code] = await page.evaluate(() => window.layerlab.openImage(new Uint8Array([1, 2, 3, 4]), 'junk.tar')
    .then(() => ['opened?', ''], (e) => [e.message, e.code]));
  check(/layerlab\.openImage: .*junk\.tar/.test(err), `a broken file is refused with its name: ${err}`);
  check(code && code !== 'internal' && code !== 'refused', `with a stable code from the core: ${code}`);
  const codes = await page.evaluate(() => {
    const codeOf = (f) => { try { f(); return 'no error'; } catch (e) { return e.name + ':' + e.code; } };
    return [codeOf(() => window.layerlab.goto(-1)), codeOf(() => window.layerlab.compare()),
            codeOf(() => window.layerlab.openDocument('nope')), codeOf(() => window.layerlab.on('nope', () => {}))];
  });
  check(codes.join() === 'LayerlabError:bad_argument,LayerlabError:no_image_kept,LayerlabError:no_document,LayerlabError:bad_argument',
        `errors carry stable codes: ${codes}`);
  const notice = await page.evaluate(() => { const n = document.getElementById('notice'); return n ? n.innerText : ''; });
  check(/Could not open junk\.tar/.test(notice), `the page says so: ${notice}`);
  check((await api(page, 'state')).layers.length === 4, 'the open image (sliced.tar) stays');
  // every function of window.layerlab is declared in web/layerlab.d.ts
  const keys = await page.evaluate(() => Object.keys(window.layerlab).filter((k) => !k.startsWith('_')));
  const dts = readFileSync(join(SRC, 'web/layerlab.d.ts'), 'utf8');
  const undeclared = keys.filter((k) => !new RegExp('\\b' + k + '[(:?]').test(dts));
  check(undeclared.length === 0, `web/layerlab.d.ts declares every function: missing ${undeclared}`);
  await ctx.close();
}

async function tab(page, name) {
  await page.evaluate((n) => window.layerlab.ui.tab(n), name);
  await waitFrames(page, 5);
}
async function clickRect(page, name) {
  const r = await page.evaluate((n) => window.layerlab.ui.rect(n), name);
  if (!check(r && r.w > 0, `the app publishes ${name}`)) return;
  await page.mouse.click(r.x + Math.min(10, r.w / 2), r.y + r.h / 2);
  await waitFrames(page, 5);
}

async function partTree() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  const page = await openApp(ctx, server.url, 'tree', problems);
  await api(page, 'loadSample', '03-delete-trap');
  const st = await api(page, 'runToEnd');
  const t = await api(page, 'tree', { sort: 'size', depth: 2 });
  const totals = t.children.map((c) => c.total);
  check(totals.every((v, i) => i === 0 || totals[i - 1] >= v), `top level sorted by size: ${totals}`);
  check(t.total === totals.reduce((a, b) => a + b, 0), `/ holds the sum of its children (${t.total})`);
  for (const c of t.children.filter((c) => c.children))
    check(c.total === c.size + c.children.reduce((a, b) => a + b.total, 0), `${c.path}: total = own + children`);
  const byName = await api(page, 'tree', { sort: 'name' });
  const names = byName.children.map((c) => c.name);
  check(names.join() === [...names].sort().join(), `sort by name: ${names}`);
  // the RUN rm layer: the package lists marked D, sized by what they hide
  const rmLayer = st.layers.findIndex((l) => /rm -rf \/var\/lib\/apt\/lists/.test(l.created_by) && !/jq/.test(l.created_by));
  const lt = await api(page, 'tree', { layer: rmLayer, depth: 6, sort: 'size' });
  const flat = [];
  const walk = (n) => { flat.push(n); (n.children || []).forEach(walk); };
  walk(lt);
  const dels = flat.filter((n) => n.mark === 'D');
  check(dels.length > 0 && dels.some((n) => n.path.startsWith('/var/lib/apt/lists/') && n.size > 0),
        `the rm layer's whiteouts are D with the bytes they hide: ${dels.slice(0, 3).map((n) => n.path + ' ' + n.size)}`);
  check(flat.find((n) => n.path === '/var')?.mark === 'M', 'a directory holding changes is M');
  await tab(page, 'tree');
  await clickRect(page, 'tree.by_name');
  await clickRect(page, 'tree.by_size');
  const ui = await page.evaluate(() => window.layerlab.ui.state());
  check(ui.inspector_tab === 3 && ui.tree_by_size === true, `the Tree tab is open, sorted by size: ${JSON.stringify(ui)}`);
  await waitFrames(page, 10);
  const png = await shot(page, 'image-tree.png');
  check(regionStats(png, { x: 0, y: 0, w: png.width, h: png.height }).distinct > 50, 'the tree screenshot is not blank');
  await ctx.close();
}

async function partCompare() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  const page = await openApp(ctx, server.url, 'compare', problems);
  await api(page, 'loadSample', '03-delete-trap');
  const before = await api(page, 'runToEnd');
  await api(page, 'pin');
  const fixed = 'FROM debian:bookworm-slim\n' +
    'RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n' +
    'RUN apt-get update \\\n && apt-get install -y --no-install-recommends jq \\\n && rm -rf /var/lib/apt/lists/*\n';
  await api(page, 'edit', fixed);
  const after = await api(page, 'runToEnd');
  const c = await api(page, 'compare');
  console.log(`compare: A ${c.a.size} B ${c.b.size}, saved ${c.saved_bytes}, A wasted ${c.a.wasted_bytes}, ` +
              `shared ${c.common_base_layers} layers, files +${c.added} -${c.removed} ~${c.changed}`);
  check(c.a.size === before.image.size && c.b.size === after.image.size, 'A is the trap, B the fix');
  check(c.saved_bytes > 0.9 * c.a.wasted_bytes && c.a.wasted_bytes > 1e6,
        `the fix saves about what the trap wasted: ${c.saved_bytes} vs ${c.a.wasted_bytes}`);
  check(c.b.wasted_bytes < c.a.wasted_bytes / 10, `the fix wastes little: ${c.b.wasted_bytes}`);
  check(c.common_base_layers >= 1 && c.shared_bytes > 0, 'the base layers are shared');
  await tab(page, 'compare');
  await waitFrames(page, 10);
  const r = await page.evaluate(() => window.layerlab.ui.rect('compare.saved'));
  check(r && r.w > 0, 'the Compare tab shows the saved bytes');
  const png = await shot(page, 'image-compare.png');
  check(regionStats(png, { x: 0, y: 0, w: png.width, h: png.height }).distinct > 50, 'the compare screenshot is not blank');
  await ctx.close();
}

try {
  browser = await launch(chromium, opts.chromium);
  const parts = { open: partOpen, tree: partTree, compare: partCompare };
  if (!parts[opts.part]) throw new Error(`unknown --part ${opts.part} (${Object.keys(parts).join(', ')})`);
  await parts[opts.part]();
} catch (e) {
  problems.push(`${opts.part}: ${e && e.stack || e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  server.close();
  clearTimeout(watchdog);
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
  for (const p of problems) console.error('FAIL: ' + p);
  process.exit(1);
}
console.log(`PASS: ${opts.part}`);
