// layerlab-api.js: window.layerlab, the page's JS API (for tests and
// embedding), plus what the page does around the app once it runs:
//   - after the first frame: fetch the package catalogs and the samples
//     (assets/), hand them to the wasm, then open the document: a share
//     link (#df=...), else the Dockerfile kept in localStorage, else the
//     first sample; a broken link shows a message and opens the first sample;
//   - keep the edited Dockerfile in localStorage; make share links;
//   - tell the app about prefers-reduced-motion.
// Every function returns plain JSON-able values; a refused call throws an
// Error with the reason. Documented in README.md, "JS API".
'use strict';
(function () {
  const STORAGE_KEY = 'layerlab.document.v1';
  // assets/catalog/*.txt the app needs (the native app lists the folder)
  const CATALOGS = ['debian-bookworm.apt.txt', 'apt-state.txt', 'pypi.pip.txt', 'npm.npm.txt', 'alpine.apk.txt',
                    'image-debian-bookworm-slim.txt', 'image-python-3.11-slim.txt',
                    'image-node-20-bookworm-slim.txt', 'image-busybox.txt'];

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {});   // a failed start is reported on the page; don't also log an unhandled rejection
  let started = false;
  let openedFromLink = false;

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

  function call(method, args) {
    if (!Module._ll_call) throw new Error('layerlab is not running yet: await layerlab.ready first');
    const rc = withStrings([method, JSON.stringify(args === undefined ? {} : args)], (m, a) => Module._ll_call(m, a));
    if (rc === -1) throw new Error('layerlab.' + method + ': internal error: ' + fromC(Module._ll_last_error()));
    const text = fromC(Module._ll_result());
    if (rc !== 0) throw new Error('layerlab.' + method + ': ' + text);
    return JSON.parse(text);
  }

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
  async function decodeFragment(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const sample = params.get('sample') || null;
    let text = null;
    if (params.has('df')) {
      if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot decompress it (no DecompressionStream)');
      let bytes;
      try { bytes = await pipe(fromBase64Url(params.get('df')), new DecompressionStream('deflate-raw')); }
      catch (e) { throw new Error(e.message && e.message.startsWith('it ') ? e.message : 'its compressed data is damaged or cut short'); }
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } else if (params.has('dft')) {
      text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(params.get('dft')));
    } else if (!sample) {
      return null;   // a fragment that is not ours: ignore it
    }
    return { sample, text };
  }
  async function shareLink() {
    const st = call('state');
    let frag = await encodeDockerfile(st.dockerfile);
    if (st.sample) frag += '&sample=' + encodeURIComponent(st.sample);
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

  // ---- the document kept across reloads
  function saveDocument(sample, text, edited) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ sample: sample || null, text, edited: !!edited }));
    } catch (e) { /* storage full or disabled: nothing to keep */ }
    // after an edit, a reload must show the edit, not the link it came from
    if (openedFromLink && edited && location.hash) {
      history.replaceState(null, '', location.href.replace(/#.*$/, ''));
      openedFromLink = false;
    }
  }
  function savedDocument() {
    try {
      const doc = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      return doc && typeof doc.text === 'string' ? doc : null;
    } catch (e) { return null; }
  }

  async function fetchText(path) {
    const r = await fetch(path);
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.text();
  }

  // ---- start: after the first frame
  async function start() {
    if (started) return;
    started = true;
    try {
      if (window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches) Module._ll_set_reduced_motion(1);
      const index = JSON.parse(await fetchText('assets/samples/index.json'));
      const files = [];
      for (const s of index.samples) for (const f of s.files) files.push([s.name, f]);
      const [catalogs, sampleTexts] = await Promise.all([
        Promise.all(CATALOGS.map((c) => fetchText('assets/catalog/' + c))),
        Promise.all(files.map(([s, f]) => fetchText('assets/samples/' + s + '/' + f))),
      ]);
      CATALOGS.forEach((name, i) => withStrings([name, catalogs[i]], (n, t) => Module._ll_add_catalog(n, t)));
      files.forEach(([s, f], i) => withStrings([s, f, sampleTexts[i]], (a, b, c) => Module._ll_add_sample_file(a, b, c)));
      if (Module._ll_finish_assets() !== 0) banner('Some package data could not be read: ' + fromC(Module._ll_result()), 'error');

      // which document to open
      const samples = call('samples');
      const first = samples.length ? samples[0].name : null;
      let link = null, linkError = null;
      try { link = await decodeFragment(location.hash); } catch (e) { linkError = e; }
      const known = (name) => samples.some((s) => s.name === name);
      if (linkError) {
        banner('This link was meant to open a Dockerfile, but ' + linkError.message +
               '. It may have been cut short when it was copied. The first sample is open instead.', 'error');
        if (first) call('loadSample', { name: first });
      } else if (link) {
        openedFromLink = true;
        if (link.sample && known(link.sample)) call('loadSample', { name: link.sample });
        else if (link.sample) banner('This link names a sample layerlab does not have ("' + link.sample + '"); its Dockerfile is open.', 'error');
        if (link.text !== null) call(link.sample && known(link.sample) ? 'edit' : 'load', { text: link.text });
      } else {
        const doc = savedDocument();
        if (doc && doc.sample && known(doc.sample)) {
          call('loadSample', { name: doc.sample });
          if (doc.edited) call('edit', { text: doc.text });
        } else if (doc && doc.edited) {
          call('load', { text: doc.text });
        } else if (first) {
          call('loadSample', { name: first });
        }
      }
      resolveReady(window.layerlab);
    } catch (e) {
      banner('layerlab could not load its package data: ' + (e && e.message || e), 'error');
      rejectReady(e);
    }
  }

  Module.layerlabDocumentChanged = saveDocument;
  Module.layerlabShare = () => { shareLink().then(shareDialog, (e) => banner('No share link: ' + e.message, 'error')); };

  window.layerlab = {
    ready,
    samples: () => call('samples'),
    loadSample: (name) => call('loadSample', { name }),
    load: (text, files) => call('load', files === undefined ? { text } : { text, files }),
    edit: (text) => call('edit', { text }),
    step: () => call('step'),
    back: () => call('back'),
    reset: () => call('reset'),
    runToEnd: () => call('runToEnd'),
    goto: (n) => call('goto', { n }),
    state: () => call('state'),
    lookup: (path) => call('lookup', { path }),
    exec: (command) => call('exec', { command }),
    diff: () => call('diff'),
    startContainer: () => call('startContainer'),
    selectContainer: (index) => call('selectContainer', { index }),
    commit: () => call('commit'),
    images: () => call('images'),
    synthetic: (files) => call('synthetic', { files }),
    shareLink,
    ui: {
      rects: () => call('ui.rects'),
      rect: (name) => call('ui.rects')[name] || null,
      state: () => call('ui.state'),
      tab: (tab) => call('ui.tab', { tab: { files: 0, lookup: 1, container: 2 }[tab] ?? tab }),
      speed: (speed) => call('ui.speed', { speed }),
    },
    // used by index.html
    _onFirstFrame: () => { start(); },
    _onFailure: (message) => rejectReady(new Error(message)),
  };
})();
