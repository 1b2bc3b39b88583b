// layerlab-api.js: window.layerlab, the page's JS API (for tests and
// embedding), plus what the page does around the app once it runs:
//   - after the first frame: fetch the package catalogs and the samples
//     (assets/), hand them to the wasm, then open the document: a share
//     link (#df=...) as a new document, else the document open last
//     (localStorage), else the first sample; a broken, oversized or
//     over-limit link shows a message and opens nothing;
//   - keep the student's documents in localStorage (the Documents menu
//     lists them); make share links;
//   - tell the app about prefers-reduced-motion.
// Every function returns plain JSON-able values; a refused call throws an
// Error with the reason. Documented in README.md, "JS API".
'use strict';
(function () {
  // Limits (README "Limits"): checked before the work they protect.
  const DOCS_KEY = 'layerlab.documents.v2';   // the student's documents
  const OLD_KEY = 'layerlab.document.v1';     // the one slot of earlier versions, migrated on start
  const RECOVER_KEY = 'layerlab.recover';     // sessionStorage: set by "Reload with your work kept" (index.html)
  const MAX_DOCUMENTS = 30;                   // documents kept in one browser
  const LINK_MAX_CHARS = 32768;               // a share link's #fragment, checked before it is decoded
  const LINK_MAX_BYTES = 1 << 20;             // what it unpacks to: the Dockerfile limit (src/core/dockerfile/limits.h)
  const NEW_DOCUMENT = '# A new Dockerfile: write your own here, Ctrl+Enter rebuilds it\nFROM busybox\n';
  // assets/catalog/*.txt fetched at start (the native app lists the folder): the package
  // catalogs, bases.txt (the manifest: every base image's catalog file by image name, so a
  // FROM of one that is not here yet reports the file it needs) and the small bases
  const CATALOGS = ['debian-bookworm.apt.txt', 'apt-state.txt', 'pypi.pip.txt', 'npm.npm.txt', 'alpine.apk.txt',
                    'bases.txt',
                    'image-debian-bookworm-slim.txt', 'image-python-3.11-slim.txt',
                    'image-node-20-bookworm-slim.txt', 'image-busybox.txt',
                    // the real alpine minirootfs (13 KB gzip each): FROM alpine and the -alpine
                    // toolchain stand-ins (sample 07) sit on it, as they do natively
                    'image-alpine-3.18.txt', 'image-alpine-3.19.txt', 'image-alpine-3.20.txt'];
  // fetched after the first document is open, in the background: every Debian bookworm
  // package (2.1 MB gzip), so apt-get install knows the whole archive as it does natively
  const LATER_CATALOGS = ['debian-bookworm.index.txt'];
  // every other base (bases.txt) is fetched when a FROM first needs it: watchMissing()

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {});   // a failed start is reported on the page; don't also log an unhandled rejection
  let started = false;
  let sampleList = [];
  let store = { current: null, sample: null, seq: 0, docs: [] };
  let pendingNew = false;    // the next edit makes a new document (layerlab.load, Documents > New)
  let openingLink = false;   // a link's text is on trial (limits): not a document yet
  let settled = false;       // the first document is open: changes are the student's from now on
  const warned = {};

  // ---- strings in and out of wasm memory
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8');
  function cstr(s) {
    const bytes = encoder.encode(String(s));
    const p = Module._ll_alloc(bytes.length + 1);
    Module.HEAPU8.set(bytes, p);
    Module.HEAPU8[p + bytes.length] = 0;
    return p;
  }
  function fromC(p) {
    const heap = Module.HEAPU8;
    let end = p;
    while (heap[end] !== 0) end++;
    return decoder.decode(heap.subarray(p, end));
  }
  function withStrings(strings, fn) {
    const ptrs = strings.map(cstr);
    try { return fn(...ptrs); } finally { ptrs.forEach((p) => Module._ll_free(p)); }
  }

  // Every refusal is an Error with a stable .code (README "JS API", layerlab.d.ts ErrorCode):
  // not_ready, internal, unknown_method, bad_argument, refused, no_image_kept, or the
  // core's error code (bad_tar, bad_oci, too_large, unsupported, enoent, ...).
  function apiError(message, code) {
    const e = new Error(message);
    e.name = 'LayerlabError';
    e.code = code || 'refused';
    return e;
  }
  function lastCode() { return Module._ll_result_code ? fromC(Module._ll_result_code()) : 'refused'; }
  function call(method, args) {
    if (!Module._ll_call) throw apiError('layerlab is not running yet: await layerlab.ready first', 'not_ready');
    const rc = withStrings([method, JSON.stringify(args === undefined ? {} : args)], (m, a) => Module._ll_call(m, a));
    if (rc === -1) throw apiError('layerlab.' + method + ': internal error: ' + fromC(Module._ll_last_error()), 'internal');
    const text = fromC(Module._ll_result());
    if (rc !== 0) throw apiError('layerlab.' + method + ': ' + text, lastCode());
    const out = JSON.parse(text);
    setTimeout(notify, 0);   // a call may change the model: subscribers hear of it after this task
    return out;
  }

  // ---- the Promise forms of the long calls (issue 14, README "Frozen frames"):
  // stepAsync(), runToEndAsync(), gotoAsync(n) aim the cursor and let the build
  // run one step per frame (the app's main loop calls Lab::work each frame; if
  // no frame comes, a hidden tab, this loop does the piece itself), then
  // compute the layers' DiffIDs one layer per task, and resolve with state().
  // The page draws between pieces; the step deck says what is building.
  function nextTurn() {
    return new Promise((ok) => {
      let done = false;
      const fin = () => { if (!done) { done = true; ok(); } };
      requestAnimationFrame(() => setTimeout(fin, 0));   // after the app's frame
      setTimeout(fin, 100);
    });
  }
  let building = Promise.resolve();
  function buildAsync(to) {
    const run = async () => {
      let w = call('aim', { to });
      while (w.busy) {
        const frame = Module._ll_frame_count();
        await nextTurn();
        w = Module._ll_frame_count() === frame ? call('work') : call('work', { peek: true });
      }
      while (call('hashLayer')) await nextTurn();
      return call('state');
    };
    building = building.then(run, run);   // one after the other, in the order asked
    return building;
  }

  // ---- events: layerlab.on('change', fn) instead of polling state(). After every
  // frame and every API call the page compares the Lab's revision (one C call);
  // when it moved, each listener gets {revision, step, narration} and a
  // 'layerlab:change' CustomEvent goes to window with the same detail.
  const listeners = { change: new Set(), import: new Set() };
  let seenRevision = -1;
  function notify() {
    if (!started || !Module._ll_revision) return;   // the exports work once the app has drawn a frame
    const revision = Module._ll_revision();
    if (revision === seenRevision) return;
    seenRevision = revision;
    const detail = { revision, step: Module._ll_cursor(), narration: fromC(Module._ll_narration()) };
    for (const fn of listeners.change) { try { fn(detail); } catch (e) { console.error(e); } }
    window.dispatchEvent(new CustomEvent('layerlab:change', { detail }));
  }
  function on(event, fn) {
    if (!listeners[event]) throw apiError('layerlab.on: no event "' + event + '" (there are: change, import)', 'bad_argument');
    if (typeof fn !== 'function') throw apiError('layerlab.on: the listener must be a function', 'bad_argument');
    listeners[event].add(fn);
    return () => listeners[event].delete(fn);
  }
  function off(event, fn) { if (listeners[event]) listeners[event].delete(fn); }
  (function watch() { notify(); requestAnimationFrame(watch); })();

  // ---- share links: #df=<base64url of deflate-raw UTF-8>&sample=<name>
  function toBase64Url(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('it contains characters a link of layerlab never has');
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
    let bin;
    try { bin = atob(b64); } catch (e) { throw new Error('it is not valid base64'); }
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  async function pipe(bytes, stream) {
    const res = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await res.arrayBuffer());
  }
  async function encodeDockerfile(text) {
    const raw = encoder.encode(text);
    if (typeof CompressionStream === 'function') return 'df=' + toBase64Url(await pipe(raw, new CompressionStream('deflate-raw')));
    return 'dft=' + toBase64Url(raw);   // no compression in this browser: plain UTF-8
  }
  // deflate-raw, stopped as soon as the output passes `max` bytes (a small link may unpack to a lot)
  async function inflateLimited(bytes, max) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.byteLength;
      if (n > max) {
        reader.cancel().catch(() => {});
        throw new Error('it unpacks to more than ' + (max >> 20) + ' MiB, and a Dockerfile may be at most ' + (max >> 20) +
                        ' MiB, so layerlab stopped unpacking it');
      }
      chunks.push(value);
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.byteLength; }
    return out;
  }
  async function decodeFragment(hash) {
    const frag = hash.replace(/^#/, '');
    if (!/(^|&)(df|dft|sample)=/.test(frag)) return null;   // a fragment that is not ours: ignore it
    if (frag.length > LINK_MAX_CHARS)
      throw new Error('it is ' + frag.length + ' characters long, and layerlab opens links of up to ' + LINK_MAX_CHARS +
                      ' characters, so it did not read it');
    const params = new URLSearchParams(frag);
    const sample = params.get('sample') || null;
    let text = null, bytes = null;
    if (params.has('df')) {
      if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot decompress it (no DecompressionStream)');
      try { bytes = await inflateLimited(fromBase64Url(params.get('df')), LINK_MAX_BYTES); }
      catch (e) { throw new Error(e.message && e.message.startsWith('it ') ? e.message : 'its compressed data is damaged or cut short'); }
    } else if (params.has('dft')) {
      bytes = fromBase64Url(params.get('dft'));
      if (bytes.length > LINK_MAX_BYTES) throw new Error('it carries more than ' + (LINK_MAX_BYTES >> 20) + ' MiB');
    } else if (!sample) {
      return null;
    }
    if (bytes) {
      try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); }
      catch (e) { throw new Error('its text is not valid UTF-8'); }
    }
    return { sample, text };
  }
  async function shareLink() {
    const st = call('state');
    let frag = await encodeDockerfile(st.dockerfile);
    if (st.sample) frag += '&sample=' + encodeURIComponent(st.sample);
    if (frag.length > LINK_MAX_CHARS)
      throw apiError('this Dockerfile makes a link of ' + frag.length + ' characters, and layerlab opens links of up to ' +
                     LINK_MAX_CHARS + ': share a shorter one, or share the file itself', 'too_long');
    return location.href.replace(/#.*$/, '') + '#' + frag;
  }

  // ---- messages in the page (outside the canvas)
  function banner(text, kind) {
    let el = document.getElementById('notice');
    if (!el) {
      el = document.createElement('div');
      el.id = 'notice';
      el.setAttribute('role', 'alert');
      el.style.cssText = 'position:fixed;left:50%;top:2.2rem;transform:translateX(-50%);max-width:40rem;z-index:10;' +
        'padding:.7rem 2.6rem .7rem 1rem;border-radius:6px;background:#2a2d35;color:#eee;font:15px/1.4 system-ui,sans-serif;' +
        'box-shadow:0 4px 18px rgba(0,0,0,.5);border-left:4px solid #e0a040';
      const close = document.createElement('button');
      close.textContent = '×';
      close.setAttribute('aria-label', 'Close this message');
      close.style.cssText = 'position:absolute;right:.5rem;top:.35rem;background:none;border:0;color:#ccc;font-size:1.3rem;cursor:pointer';
      close.onclick = () => { el.remove(); document.getElementById('canvas').focus(); };
      el.appendChild(document.createElement('span'));
      el.appendChild(close);
      document.body.appendChild(el);
    }
    el.dataset.kind = kind || 'info';
    el.style.borderLeftColor = kind === 'error' ? '#e05d4d' : '#4d8fe0';
    el.firstChild.textContent = text;
  }
  function shareDialog(url) {
    let dlg = document.getElementById('share');
    if (!dlg) {
      dlg = document.createElement('dialog');
      dlg.id = 'share';
      dlg.setAttribute('aria-label', 'Share this Dockerfile');
      dlg.style.cssText = 'background:#24262c;color:#eee;border:1px solid #444;border-radius:8px;padding:1rem 1.2rem;' +
        'font:15px/1.4 system-ui,sans-serif;width:min(40rem,90vw)';
      dlg.innerHTML = '<p style="margin:0 0 .5rem">A link that opens layerlab with this Dockerfile:</p>' +
        '<input id="share-url" readonly style="width:100%;box-sizing:border-box;font:13px monospace;padding:.4rem;' +
        'background:#16171b;color:#eee;border:1px solid #555;border-radius:4px">' +
        '<p style="margin:.7rem 0 0;text-align:right"><button id="share-copy">Copy</button> ' +
        '<button id="share-close">Close</button></p>';
      document.body.appendChild(dlg);
      dlg.querySelector('#share-close').onclick = () => { dlg.close(); document.getElementById('canvas').focus(); };
      dlg.querySelector('#share-copy').onclick = async () => {
        const input = dlg.querySelector('#share-url');
        input.select();
        try { await navigator.clipboard.writeText(input.value); dlg.querySelector('#share-copy').textContent = 'Copied'; }
        catch (e) { document.execCommand && document.execCommand('copy'); }
      };
    }
    dlg.querySelector('#share-url').value = url;
    dlg.querySelector('#share-copy').textContent = 'Copy';
    if (!dlg.open) dlg.showModal();
    dlg.querySelector('#share-url').select();
  }

  // ---- the student's documents, kept across reloads (README "The page keeps your documents")
  // localStorage[DOCS_KEY] = {current: id|null, sample: name|null, seq, docs: [{id, name, sample, text, origin, updated}]}
  // A document is a Dockerfile the student edited (origin "edit") or one a share link brought
  // (origin "link"); a sample as shipped is not a document (the Samples menu has it). An edit
  // changes the open document, or makes a new one if a sample as shipped is open; a link
  // always makes a new one. Nothing overwrites another document.
  function validDoc(d) { return d && typeof d.id === 'string' && typeof d.text === 'string' && typeof d.name === 'string'; }
  function readStore() {
    let raw = null;
    try { raw = localStorage.getItem(DOCS_KEY); } catch (e) { return; }   // storage switched off: nothing kept
    if (raw) {
      try {
        const s = JSON.parse(raw);
        if (s && Array.isArray(s.docs)) {
          store = { current: s.current || null, sample: s.sample || null, seq: s.seq | 0, docs: s.docs.filter(validDoc) };
          if (!currentDoc()) store.current = null;
          return;
        }
      } catch (e) { /* below */ }
      // damaged: put it aside (never overwrite what may be someone's work) and start empty
      try { localStorage.setItem(DOCS_KEY + '.damaged', raw); } catch (e) { /* nothing more to do */ }
      banner('The documents this browser kept for layerlab could not be read; they are set aside under "' +
             DOCS_KEY + '.damaged" in its storage.', 'error');
      return;
    }
    // the single slot of earlier versions becomes the first document
    let old = null;
    try { old = JSON.parse(localStorage.getItem(OLD_KEY) || 'null'); } catch (e) { old = null; }
    if (!old || typeof old.text !== 'string') return;
    if (old.edited) {
      const d = newDoc(old.sample, old.text, 'edit');
      store.current = d.id;
    } else {
      store.sample = old.sample || null;
    }
    if (writeStore()) { try { localStorage.removeItem(OLD_KEY); } catch (e) { /* kept: harmless */ } }
  }
  function writeStore() {
    try {
      localStorage.setItem(DOCS_KEY, JSON.stringify(store));
      return true;
    } catch (e) {
      if (!warned.storage) banner('This browser did not let layerlab keep your documents (' + (e && e.name || e) +
        '): its storage is full or switched off, so what you change now is not kept after a reload.', 'error');
      warned.storage = true;
      return false;
    }
  }
  function currentDoc() { return store.docs.find((d) => d.id === store.current) || null; }
  function sampleTitle(name) {
    const s = name && sampleList.find((x) => x.name === name);
    return s ? s.title : null;
  }
  function newDoc(sample, text, origin) {
    if (store.docs.length >= MAX_DOCUMENTS) return null;
    const from = /^[ \t]*FROM[ \t]+(\S{1,40})/im.exec(text);
    const what = sampleTitle(sample) || (from ? 'FROM ' + from[1] : 'a Dockerfile');
    const base = origin === 'link' ? 'From a link: ' + what : sampleTitle(sample) ? what + ', edited' : 'My Dockerfile';
    let name = base;
    for (let i = 2; store.docs.some((d) => d.name === name); i++) name = base + ' (' + i + ')';
    const d = { id: 'd' + (++store.seq), name, sample: sample || null, text, origin, updated: Date.now() };
    store.docs.push(d);
    return d;
  }
  function tooMany() {
    if (!warned.full) banner('layerlab keeps up to ' + MAX_DOCUMENTS + ' documents in this browser and has ' +
      store.docs.length + ', so this one is not kept: delete one you no longer need (Documents > Delete this document).', 'error');
    warned.full = true;
  }
  function syncMenu() {
    if (!Module._ll_call) return;
    const cur = currentDoc();
    try {
      call('ui.documents', { docs: store.docs.map((d) => ({ id: d.id, name: d.name })), current: cur ? cur.id : '',
                             current_name: cur ? cur.name : '', max: MAX_DOCUMENTS });
    } catch (e) { console.warn('layerlab: ' + e.message); }
  }
  // The app reports every change of its document (once per frame, src/ui/ui.cpp).
  function documentChanged(sample, text, edited) {
    if (!settled || openingLink) return;   // before the first document is open: the app's empty one
    if (importedText !== null && text === importedText) {
      // an opened image file: kept nowhere (its layers are gone after a reload); the documents stay
      store.current = null;
      store.sample = null;
      pendingNew = false;
      writeStore();
      setTimeout(syncMenu, 0);
      return;
    }
    sample = sample || null;
    const cur = currentDoc();
    if (!edited) {
      // a sample as shipped is open: the documents stay as they are
      if (!(cur && cur.text === text && cur.sample === sample)) { store.current = null; store.sample = sample; }
      pendingNew = false;
    } else if (cur && !pendingNew) {
      if (cur.text === text && cur.sample === sample) return;
      cur.text = text;
      cur.sample = sample;
      cur.updated = Date.now();
    } else {
      pendingNew = false;
      const d = newDoc(sample, text, 'edit');
      if (d) store.current = d.id;
      else { store.current = null; store.sample = sample; tooMany(); }
    }
    writeStore();
    setTimeout(syncMenu, 0);   // not inside the app's frame
  }
  function openDocument(id) {
    const d = store.docs.find((x) => x.id === id);
    if (!d) throw apiError('layerlab.openDocument: there is no document "' + id + '"', 'no_document');
    store.current = d.id;
    pendingNew = false;
    writeStore();
    if (d.sample && sampleList.some((s) => s.name === d.sample)) {
      call('loadSample', { name: d.sample });
      call('edit', { text: d.text });   // cursor at 0: nothing is built until the student steps
    } else {
      call('load', { text: d.text, files: {} });
    }
    syncMenu();
    return call('state');
  }
  function newDocument() {
    pendingNew = true;
    const st = call('load', { text: NEW_DOCUMENT, files: {} });
    return st;
  }
  function deleteDocument(id) {
    const i = store.docs.findIndex((x) => x.id === id);
    if (i < 0) throw apiError('layerlab.deleteDocument: there is no document "' + id + '"', 'no_document');
    const [d] = store.docs.splice(i, 1);
    if (store.current === id) {
      store.current = null;
      const name = d.sample && sampleList.some((s) => s.name === d.sample) ? d.sample : sampleList.length ? sampleList[0].name : null;
      store.sample = name;
      if (name) call('loadSample', { name });
    }
    writeStore();
    syncMenu();
    return documents();
  }
  function documents() {
    return { current: store.current, max: MAX_DOCUMENTS,
             docs: store.docs.map((d) => ({ id: d.id, name: d.name, sample: d.sample, origin: d.origin, updated: d.updated,
                                            bytes: d.text.length })) };
  }
  function documentAction(action, id) {
    try {
      if (action === 'open') openDocument(id);
      else if (action === 'delete') deleteDocument(id);
      else if (action === 'new') newDocument();
      else if (action === 'share-lesson') lessonLink().then(shareDialog, (e) => banner('No lesson link: ' + e.message, 'error'));
    } catch (e) { banner(e.message, 'error'); }
  }
  function clearLink() {
    if (location.hash) history.replaceState(null, '', location.href.replace(/#.*$/, ''));
  }

  async function fetchText(path) {
    const r = await fetch(path);
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.text();
  }

  // The open document when there is no link: the current one, else the sample last open, else the first.
  // recovering >= 2: the page stopped again after "Reload with your work kept": open the first sample only.
  function openKept(recovering) {
    const known = (name) => sampleList.some((s) => s.name === name);
    const first = sampleList.length ? sampleList[0].name : null;
    const d = currentDoc();
    if (d && recovering < 2) { openDocument(d.id); return; }
    if (d) store.current = null;
    if (store.sample && known(store.sample) && recovering < 2) call('loadSample', { name: store.sample });
    else if (first) call('loadSample', { name: first });
  }

  // A share link: a new document (or the one it already made), never over the student's own.
  function openLink(link) {
    const known = (name) => sampleList.some((s) => s.name === name);
    if (link.sample && !known(link.sample)) {
      banner('This link names a sample layerlab does not have ("' + link.sample.slice(0, 60) +
             '"), so it opens nothing. It may come from a newer or older layerlab. Your own work is open.', 'error');
      openKept(0);
      return;
    }
    if (link.text === null) {   // #sample=NAME: the sample as shipped
      call('loadSample', { name: link.sample });
      store.current = null;
      store.sample = link.sample;
      return;
    }
    const same = store.docs.find((d) => d.origin === 'link' && d.text === link.text && d.sample === (link.sample || null));
    if (same) {
      openDocument(same.id);
      banner('This link\'s Dockerfile is open: "' + same.name + '" (the Documents menu has your others).', 'info');
      return;
    }
    // load it first: the core checks its limits (size, lines, instructions) before it plans anything
    openingLink = true;
    let st;
    try {
      if (link.sample) { call('loadSample', { name: link.sample }); st = call('edit', { text: link.text }); }
      else st = call('load', { text: link.text, files: {} });
    } finally { openingLink = false; }
    const over = st.errors.find((e) => e.code === 'too large');
    if (over) {
      banner('This link\'s Dockerfile is over one of layerlab\'s limits, so it is neither opened nor kept (line ' +
             over.line + ': ' + over.message + '). Your own work is open.', 'error');
      openKept(0);
      return;
    }
    const d = newDoc(link.sample, link.text, 'link');
    if (!d) { tooMany(); store.current = null; return; }
    store.current = d.id;
    writeStore();
    banner('This link\'s Dockerfile is open as a new document, "' + d.name + '". Your own documents are kept: ' +
           'the Documents menu switches between them.', 'info');
  }

  // ---- lessons (README "Lessons"): progress kept in localStorage, links that carry a lesson
  // localStorage[LESSONS_KEY] = {done: [name, ...]}; #lesson=NAME opens a shipped lesson,
  // #lsn=<base64url of deflate-raw JSON {name, files}> carries a whole lesson folder.
  const LESSONS_KEY = 'layerlab.lessons.v1';
  function lessonProgress() {
    try {
      const p = JSON.parse(localStorage.getItem(LESSONS_KEY) || 'null');
      return p && Array.isArray(p.done) ? p.done.filter((n) => typeof n === 'string') : [];
    } catch (e) { return []; }
  }
  function lessonDone(name) {
    const done = lessonProgress();
    if (done.includes(name)) return;
    done.push(name);
    try { localStorage.setItem(LESSONS_KEY, JSON.stringify({ done })); }
    catch (e) { if (!warned.storage) banner('This browser did not let layerlab keep your lesson progress (' + (e && e.name || e) + ').', 'error'); warned.storage = true; }
  }
  async function lessonLink(name) {
    const info = name ? call('lessonInfo', { name }) : call('lessonInfo');
    const folder = call('lessonFolder', { name: info.name });
    const raw = encoder.encode(JSON.stringify({ name: info.name, files: folder }));
    const frag = typeof CompressionStream === 'function'
      ? 'lsn=' + toBase64Url(await pipe(raw, new CompressionStream('deflate-raw'))) : 'lsnt=' + toBase64Url(raw);
    if (frag.length > LINK_MAX_CHARS)
      throw new Error('this lesson makes a link of ' + frag.length + ' characters, and layerlab opens links of up to ' + LINK_MAX_CHARS);
    return location.href.replace(/#.*$/, '') + '#' + frag;
  }
  // #lesson=NAME or #lsn=...: {name, files|null}; null if the fragment is no lesson link
  async function decodeLessonFragment(hash) {
    const frag = hash.replace(/^#/, '');
    if (!/(^|&)(lesson|lsn|lsnt)=/.test(frag)) return null;
    if (frag.length > LINK_MAX_CHARS) throw new Error('it is ' + frag.length + ' characters long, over layerlab\'s ' + LINK_MAX_CHARS);
    const params = new URLSearchParams(frag);
    if (params.has('lesson')) return { name: params.get('lesson'), files: null };
    let bytes;
    if (params.has('lsn')) {
      if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot decompress it (no DecompressionStream)');
      try { bytes = await inflateLimited(fromBase64Url(params.get('lsn')), LINK_MAX_BYTES); }
      catch (e) { throw new Error(e.message && e.message.startsWith('it ') ? e.message : 'its compressed data is damaged or cut short'); }
    } else {
      bytes = fromBase64Url(params.get('lsnt'));
    }
    let lesson;
    try { lesson = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)); }
    catch (e) { throw new Error('its lesson is not valid JSON'); }
    if (!lesson || typeof lesson.name !== 'string' || typeof lesson.files !== 'object') throw new Error('it carries no lesson');
    return { name: lesson.name, files: lesson.files };
  }
  async function loadLessons() {
    const index = JSON.parse(await fetchText('assets/lessons/index.json'));
    const texts = await Promise.all(index.lessons.map((l) =>
      Promise.all(l.files.map((f) => fetchText('assets/lessons/' + l.name + '/' + f)))));
    index.lessons.forEach((l, i) => {
      const files = {};
      l.files.forEach((f, j) => { files[f] = texts[i][j]; });
      try { call('addLesson', { name: l.name, files }); }
      catch (e) { banner('The lesson ' + l.name + ' could not be read: ' + e.message, 'error'); }
    });
    call('lessonProgress', { done: lessonProgress() });
  }
  // A lesson link: open it (a carried lesson is added first, as "link: NAME")
  function openLessonLink(link) {
    let name = link.name;
    if (link.files) {
      name = 'link: ' + String(link.name).slice(0, 60);
      call('addLesson', { name, files: link.files });
    }
    call('openLesson', { name });
    banner('This link opened the lesson "' + call('lessonInfo').title + '". Your documents are kept.', 'info');
  }

  // ---- catalogs fetched after start: a base a FROM needs (the core lists what it missed,
  // ll_missing_catalogs), the apt index. Each arrival is added with ll_finish_more_assets,
  // which builds the open document again if its build had failed (Lab::finish_more_assets).
  const catalogState = {};   // file -> 'loading' | 'loaded' | 'failed'
  async function loadMoreCatalogs(files) {
    const want = files.filter((f) => !catalogState[f]);
    if (!want.length) return;
    want.forEach((f) => { catalogState[f] = 'loading'; });
    const texts = await Promise.all(want.map((f) => fetchText('assets/catalog/' + f).catch((e) => e)));
    const failed = [];
    want.forEach((f, i) => {
      if (texts[i] instanceof Error) { catalogState[f] = 'failed'; failed.push(f); return; }
      withStrings([f, texts[i]], (n, t) => Module._ll_add_catalog(n, t));
      catalogState[f] = 'loaded';
    });
    if (failed.length < want.length && Module._ll_finish_more_assets() !== 0)
      banner('Some package data could not be read: ' + fromC(Module._ll_result()), 'error');
    if (failed.length) banner('The data of ' + failed.join(', ') + ' could not be fetched, so the FROM that needs it stays failed. Reloading the page tries again.', 'error');
  }
  // The catalog files a FROM needs that have not arrived (one that failed to download is
  // not waited for); asks for them (a request already under way is not repeated).
  function fetchMissing() {
    const missing = fromC(Module._ll_missing_catalogs()).split('\n').filter((f) => f && catalogState[f] !== 'failed');
    if (missing.length) loadMoreCatalogs(missing).catch((e) => banner('A base image could not be loaded: ' + e.message, 'error'));
    return missing;
  }
  // What the build is doing. A FROM whose base's data is still downloading counts as busy
  // (fetching: the files): the step runs once they arrive (Lab::finish_more_assets).
  function buildingNow() {
    const w = call('work', { peek: true });
    const missing = fetchMissing();
    if (missing.length) {
      w.busy = true;
      w.fetching = missing;
    }
    return w;
  }
  function watchMissing() {
    setInterval(fetchMissing, 150);
  }

  // ---- start: after the first frame
  async function start() {
    if (started) return;
    started = true;
    try {
      // the engine's module (web/index.html) downloads beside the package data and the
      // samples; nothing here calls into the wasm before it is there
      const engine = window.layerlabEngine ? window.layerlabEngine() : Promise.resolve();
      const index = JSON.parse(await fetchText('assets/samples/index.json'));
      const files = [];
      for (const s of index.samples) for (const f of s.files) files.push([s.name, f]);
      const [catalogs, sampleTexts] = await Promise.all([
        Promise.all(CATALOGS.map((c) => fetchText('assets/catalog/' + c))),
        Promise.all(files.map(([s, f]) => fetchText('assets/samples/' + s + '/' + f))),
      ]);
      await engine;
      if (window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches) Module._ll_set_reduced_motion(1);
      CATALOGS.forEach((name, i) => withStrings([name, catalogs[i]], (n, t) => Module._ll_add_catalog(n, t)));
      files.forEach(([s, f], i) => withStrings([s, f, sampleTexts[i]], (a, b, c) => Module._ll_add_sample_file(a, b, c)));
      if (Module._ll_finish_assets() !== 0) banner('Some package data could not be read: ' + fromC(Module._ll_result()), 'error');

      sampleList = call('samples');
      try { await loadLessons(); } catch (e) { banner('The lessons could not be loaded: ' + e.message, 'error'); }
      readStore();
      let recover = null;
      try { recover = JSON.parse(sessionStorage.getItem(RECOVER_KEY) || 'null'); } catch (e) { recover = null; }
      const attempt = recover && recover.attempt | 0;
      let link = null, linkError = null, lessonLinked = null;
      if (!attempt) { try { lessonLinked = await decodeLessonFragment(location.hash); } catch (e) { linkError = e; } }
      if (!attempt && !lessonLinked && !linkError) { try { link = await decodeFragment(location.hash); } catch (e) { linkError = e; } }
      if (attempt) {
        // "Reload with your work kept": the document opens at step 0 (nothing built); if the
        // page stopped again after such a reload, only the first sample opens
        const d = currentDoc();
        openKept(attempt);
        banner(attempt < 2
          ? 'layerlab reloaded after it stopped. Your documents are kept' + (d ? '; "' + d.name + '" is open, nothing built yet.' : '.')
          : 'layerlab stopped again after reloading, so the first sample is open. Your documents are kept: the Documents menu opens them.',
          attempt < 2 ? 'info' : 'error');
        clearLink();
      } else if (linkError) {
        const damaged = !/ long, | more than /.test(linkError.message);   // not a limit: a copy cut short?
        banner('This link was meant to open a Dockerfile, but ' + linkError.message + '.' +
               (damaged ? ' It may have been cut short when it was copied.' : '') + ' Nothing of it is opened or kept; ' +
               (currentDoc() ? 'your own work is open.' : 'the first sample is open.'), 'error');
        openKept(0);
        clearLink();
      } else if (lessonLinked) {
        try { openLessonLink(lessonLinked); }
        catch (e) { banner('This link was meant to open a lesson, but ' + e.message.replace(/^layerlab\.\w+: /, '') + '. Nothing of it is opened.', 'error'); openKept(0); }
        clearLink();
      } else if (link) {
        openLink(link);
        clearLink();
      } else {
        openKept(0);
      }
      settled = true;
      writeStore();
      syncMenu();
      watchMissing();
      // the apt index: after the first document is open (a build waiting for it runs again)
      setTimeout(() => { loadMoreCatalogs(LATER_CATALOGS).catch(() => {}); }, 0);
      resolveReady(window.layerlab);
      // settled: 3 s and 120 frames drawn since the document opened (a busy machine, or the
      // apt index parsed on the main thread, holds frames back: time alone said "settled" early)
      const settledFrom = { t: Date.now(), frame: Module._ll_frame_count() };
      const forget = setInterval(() => {
        if (Date.now() - settledFrom.t < 3000 || Module._ll_frame_count() < settledFrom.frame + 120) return;
        clearInterval(forget);
        try { sessionStorage.removeItem(RECOVER_KEY); } catch (e) { /* nothing kept */ }
      }, 250);
    } catch (e) {
      banner('layerlab could not load its package data: ' + (e && e.message || e), 'error');
      rejectReady(e);
    }
  }

  // ---- an image of the student's own: a `docker save` / `podman save` archive
  // or an OCI layout tar, by the file input (#image-file, made here; the
  // app's Samples menu clicks it), by drag and drop, or openImage(). The
  // file goes to the core a slice per frame (importSliced below; every blob
  // and DiffID checked), so the page keeps drawing while it is read.
  const MAX_IMAGE_BYTES = 512 * 1024 * 1024;   // Lab::k_max_import_bytes
  let importedText = null;                     // its one-line Dockerfile: not a document to keep
  function importStatus(text) {
    let el = document.getElementById('import-status');
    if (!el) {
      el = document.createElement('div');
      el.id = 'import-status';
      el.setAttribute('role', 'status');
      el.style.cssText = 'position:fixed;left:50%;bottom:1.5rem;transform:translateX(-50%);max-width:40rem;z-index:11;' +
        'padding:.6rem 1rem;border-radius:6px;background:#2a2d35;color:#eee;font:15px/1.4 system-ui,sans-serif;' +
        'box-shadow:0 4px 18px rgba(0,0,0,.5);border-left:4px solid #4aa3df;pointer-events:none';
      document.body.appendChild(el);
    }
    el.textContent = text || '';
    el.hidden = !text;
  }
  const mib = (n) => (n / 1048576).toFixed(n < 10485760 ? 1 : 0) + ' MiB';
  const IMPORT_SLICE = 4 * 1048576;   // bytes handed to the core per frame
  function importLine(name, size, p) {
    const pct = Math.floor(100 * p.bytes_in / Math.max(1, size));
    let line = 'Reading ' + name + ': ' + mib(p.bytes_in) + ' of ' + mib(size) + ' (' + pct + '%)';
    if (p.compressed) return line + ': a compressed archive, its layers are read once it is all here';
    if (p.layers_read)
      line += ' · ' + p.layers_read + ' layer' + (p.layers_read === 1 ? '' : 's') + ' read (' + p.files_read +
              ' files), the last ' + p.last;
    return line;
  }
  let importing = Promise.resolve();
  function openImage(file, name, opts) {
    const slice = Math.max(4096, Math.floor((opts && opts.slice) || IMPORT_SLICE));
    const run = () => importSliced(file, name, slice);
    importing = importing.then(run, run);   // one after the other
    return importing;
  }
  // The file a slice per frame (ll_import_begin/_feed/_finish, image_stream.h):
  // each layer is read into the store as its last byte arrives and only its
  // stored bytes are kept; the page draws between slices and the notice line
  // (and layerlab.on('import')) says how far it is and which layers are read.
  async function importSliced(file, name, slice) {
    await ready;
    let size, sliceAt, began = false, finished = false, p = 0;
    try {
      if (typeof Blob !== 'undefined' && file instanceof Blob) {
        name = name || file.name || 'image.tar';
        size = file.size;
        if (size > MAX_IMAGE_BYTES)
          throw apiError(name + ' is ' + mib(size) + '; layerlab opens image files of up to 512 MiB in the page ' +
                          '(it keeps every layer as stored, and its files, in memory)', 'too_large');
        sliceAt = async (a, b) => new Uint8Array(await file.slice(a, b).arrayBuffer());
      } else if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
        const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
        name = name || 'image.tar';
        size = bytes.length;
        sliceAt = async (a, b) => bytes.subarray(a, b);
      } else {
        throw apiError('give a File (from an <input type=file> or a drop), a Blob or an ArrayBuffer', 'bad_argument');
      }
      const fail = () => apiError(fromC(Module._ll_result()), lastCode());
      let rc = withStrings([name], (n) => Module._ll_import_begin(n, size));
      if (rc === -1) throw apiError('internal error: ' + fromC(Module._ll_last_error()), 'internal');
      if (rc !== 0) throw fail();
      began = true;
      importStatus('Reading ' + name + ' (' + mib(size) + ')…');
      p = Module._ll_alloc(slice);
      if (!p) throw apiError('not enough memory in the page for ' + name, 'too_large');
      for (let at = 0; at < size; at += slice) {
        const chunk = await sliceAt(at, Math.min(size, at + slice));
        Module.HEAPU8.set(chunk, p);
        rc = Module._ll_import_feed(p, chunk.length);
        if (rc === -1) throw apiError('internal error: ' + fromC(Module._ll_last_error()), 'internal');
        if (rc !== 0) throw fail();
        const progress = JSON.parse(fromC(Module._ll_result()));
        progress.name = name;
        progress.size = size;
        importStatus(importLine(name, size, progress));
        for (const fn of listeners.import) { try { fn(progress); } catch (e) { console.error(e); } }
        await nextTurn();   // the page draws between slices
      }
      importStatus('Opening ' + name + ': its manifest puts the layers in order…');
      await nextTurn();
      rc = Module._ll_import_finish();
      finished = true;
      if (rc === -1) throw apiError('internal error: ' + fromC(Module._ll_last_error()), 'internal');
      if (rc !== 0) throw fail();
      const st = JSON.parse(fromC(Module._ll_result()));
      importedText = st.dockerfile;
      importStatus('');
      setTimeout(notify, 0);
      return st;
    } catch (e) {
      importStatus('');
      banner('Could not open ' + (name || 'the file') + ': ' + e.message, 'error');
      throw apiError('layerlab.openImage: ' + e.message, e.code || 'bad_argument');
    } finally {
      if (p) Module._ll_free(p);
      if (began && !finished) Module._ll_import_cancel();
    }
  }
  function wireImageFiles() {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'image-file';
    input.accept = '.tar,.tgz,.gz,.oci,application/x-tar,application/gzip';
    input.hidden = true;
    input.setAttribute('aria-label', 'Open an image file (docker save, podman save or an OCI layout tar)');
    input.addEventListener('change', () => {
      const f = input.files && input.files[0];
      input.value = '';
      if (f) openImage(f).catch(() => {});
    });
    document.body.appendChild(input);
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
    window.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      importStatus('Drop a docker save, podman save or OCI layout tar (up to 512 MiB) to open it');
    });
    window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) importStatus(''); });
    window.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      importStatus('');
      const f = e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) openImage(f).catch(() => {});
    });
  }
  if (document.body) wireImageFiles(); else document.addEventListener('DOMContentLoaded', wireImageFiles);
  Module.layerlabOpenImageFile = () => { const input = document.getElementById('image-file'); if (input) input.click(); };

  Module.layerlabDocumentChanged = documentChanged;
  Module.layerlabDocumentAction = (action, id) => setTimeout(() => documentAction(action, id), 0);   // after the frame
  Module.layerlabLessonDone = lessonDone;
  Module.layerlabShare = () => { shareLink().then(shareDialog, (e) => banner('No share link: ' + e.message, 'error')); };

  window.layerlab = {
    ready,
    samples: () => call('samples'),
    loadSample: (name) => call('loadSample', { name }),
    load: (text, files) => {   // a new document (kept once it differs from a sample)
      const st = call('load', files === undefined ? { text } : { text, files });
      pendingNew = true;
      return st;
    },
    edit: (text) => call('edit', { text }),
    step: () => call('step'),
    back: () => call('back'),
    reset: () => call('reset'),
    runToEnd: () => call('runToEnd'),
    goto: (n) => call('goto', { n }),
    stepAsync: () => buildAsync('step'),       // Promise<state>: one step per frame, the page keeps drawing
    runToEndAsync: () => buildAsync('end'),
    gotoAsync: (n) => buildAsync(n),
    building: buildingNow,   // {busy, step, label, cursor[, fetching]}: what the build is doing
    state: () => call('state'),
    lookup: (path) => call('lookup', { path }),
    exec: (command) => call('exec', { command }),
    diff: () => call('diff'),
    startContainer: () => call('startContainer'),
    selectContainer: (index) => call('selectContainer', { index }),
    commit: () => call('commit'),
    images: () => call('images'),
    synthetic: (files) => call('synthetic', { files }),
    openImage,   // (File | Blob | ArrayBuffer, name?) -> Promise<state>: an image file of your own
    tree: (opts) => call('tree', opts || {}),   // {layer?, sort: 'name'|'size', depth?} -> nested nodes
    pin: () => call('pin'),                     // keep the image at the cursor as A
    unpin: () => call('unpin'),
    compare: () => call('compare'),             // A (pinned) against the image at the cursor
    on,    // on('change', fn): fn({revision, step, narration}) after the model changed; returns an unsubscribe
    off,
    xray: () => call('xray'),   // /var/lib/docker as the overlay2 driver lays it out (README "The X-ray")
    shareLink,
    // the student's documents (localStorage): [{id, name, sample, origin, updated, bytes}], the open one
    documents,
    openDocument,
    newDocument,
    deleteDocument,
    // lessons (README "Lessons"): the list with progress, open one, "show me", undo, links
    lessons: () => { const done = lessonProgress(); return call('lessons').map((l) => ({ ...l, done: l.done || done.includes(l.name) })); },
    openLesson: (name) => call('openLesson', { name }),
    closeLesson: () => call('closeLesson'),
    lessonInfo: (name) => call('lessonInfo', name === undefined ? {} : { name }),
    lessonSolution: () => call('lessonSolution'),
    lessonWrongAttempt: () => call('lessonWrongAttempt'),
    applySolution: () => call('applySolution'),
    lessonUndo: () => call('lessonUndo'),
    addLesson: (name, files) => call('addLesson', { name, files }),
    lessonLink,
    // predict, then reveal (README "Predict, then reveal")
    question: (kind) => call('question', kind === undefined ? {} : { kind }),
    answer: (a) => call('answer', a || {}),
    quiz: () => call('quiz'),
    setQuiz: (opts) => call('setQuiz', opts || {}),
    ui: {
      rects: () => call('ui.rects'),
      rect: (name) => call('ui.rects')[name] || null,
      state: () => call('ui.state'),
      tab: (tab) => call('ui.tab', { tab: { files: 0, lookup: 1, container: 2, tree: 3, compare: 4, xray: 5 }[tab] ?? tab }),
      speed: (speed) => call('ui.speed', { speed }),
    },
    // used by index.html
    _onFirstFrame: () => { start(); },
    _onFailure: (message) => rejectReady(new Error(message)),
  };
})();
