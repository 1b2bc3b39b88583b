// precompress.mjs: beside every text or wasm file of the web output folder,
// FILE.gz (gzip -9) and FILE.br (brotli quality 11; 9 above 4 MiB), rewritten only when FILE
// is newer. scripts/serve (scripts/lib/serve.py) sends them with
// Content-Encoding: br / gzip to a browser that accepts it, and scripts/size
// reports both. The build runs this after every link (cmake/Web.cmake).
//
//   node scripts/lib/precompress.mjs DIST
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BIG_FILE = 4 << 20;  // bytes: above this, brotli quality 9 (below)
const COMPRESS = new Set(['.html', '.js', '.mjs', '.wasm', '.json', '.txt', '.md', '.css', '.svg', '.data']);
const dist = process.argv[2];
if (!dist) { console.error('usage: precompress.mjs DIST'); process.exit(2); }

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (COMPRESS.has(extname(e.name))) yield p;
  }
}
async function mtime(p) { try { return (await stat(p)).mtimeMs; } catch { return -1; } }

let written = 0;
for await (const file of walk(dist)) {
  const t = await mtime(file);
  const gz = file + '.gz', br = file + '.br';
  if (await mtime(gz) >= t && await mtime(br) >= t) continue;
  const body = await readFile(file);
  await writeFile(gz, gzipSync(body, { level: 9 }));
  // Quality 11 for what the first frame needs (the wasm, the JS, the shell);
  // quality 9 with a 16 MiB window for the big data files fetched after it:
  // the 9.9 MB apt index compresses in 3 s instead of 30 s for 12% more bytes.
  const big = body.length > BIG_FILE;
  await writeFile(br, brotliCompressSync(body, { params: {
    [constants.BROTLI_PARAM_QUALITY]: big ? 9 : 11, [constants.BROTLI_PARAM_LGWIN]: big ? 24 : 22,
    [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    [constants.BROTLI_PARAM_MODE]: extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT } }));
  written++;
}
if (written) console.log(`precompress: ${written} file(s) in ${dist} now have .gz and .br beside them`);
