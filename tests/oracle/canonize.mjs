#!/usr/bin/env node
// Peer for the JSON-LD engine: jsonld.js (RDFC-1.0 / URDNA2015) with the same offline
// loader as safe-expand.mjs. Two uses:
//   node canonize.mjs FILE            prints the canonical N-Quads (test oracle)
//   node canonize.mjs --bench S FILE... prints "FILE ops/s ms/op" after S seconds per file
// (bench/ runs the second form beside credgate's own figures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXT_DIR = path.resolve(HERE, '../../jsonld/contexts');
const index = JSON.parse(readFileSync(path.join(CONTEXT_DIR, 'index.json'), 'utf8'));
const cache = new Map();

async function documentLoader(url) {
  const file = index[url];
  if (!file) throw new Error(`offline document loader: URL not bundled: ${url}`);
  if (!cache.has(url)) cache.set(url, JSON.parse(readFileSync(path.join(CONTEXT_DIR, file), 'utf8')));
  return { contextUrl: null, documentUrl: url, document: cache.get(url) };
}

const options = { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: false };

const args = process.argv.slice(2);
if (args[0] === '--bench') {
  const seconds = Number(args[1]);
  for (const file of args.slice(2)) {
    const text = readFileSync(file, 'utf8');
    // Parse included, as credgate's figure includes its own JSON parsing.
    for (let i = 0; i < 5; ++i) await jsonld.canonize(JSON.parse(text), options);  // warm-up
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < seconds) {
      await jsonld.canonize(JSON.parse(text), options);
      ++ops;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    console.log(`${path.basename(file)} ${(ops / elapsed).toFixed(1)} ${((elapsed * 1000) / ops).toFixed(3)}`);
  }
} else {
  const doc = JSON.parse(readFileSync(args[0], 'utf8'));
  process.stdout.write(await jsonld.canonize(doc, options));
}
