// precompress.mjs: beside every text or wasm file of the web output folder,
// FILE.gz (gzip -9) and FILE.br (brotli quality 11), rewritten only when FILE
// is newer. scripts/serve (scripts/lib/serve.py) sends them with
// Content-Encoding: br / gzip to a browser that accepts it, and scripts/size
// reports both. The build runs this after every link (cmake/Web.cmake).
//
//   node scripts/lib/precompress.mjs DIST
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

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
  await writeFile(br, brotliCompressSync(body, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    [constants.BROTLI_PARAM_MODE]: extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT } }));
  written++;
}
if (written) console.log(`precompress: ${written} file(s) in ${dist} now have .gz and .br beside them`);
