#!/usr/bin/env node
// Peer for the JSON-LD engine: jsonld.js (RDFC-1.0 / URDNA2015) with the same offline
// loader as safe-expand.mjs. Two uses:
//   node canonize.mjs FILE            prints the canonical N-Quads (test oracle)
//   node canonize.mjs --bench S [--rounds R] FILE...
//                                     prints "FILE ops/s ms/op", S seconds per file
//   node canonize.mjs --serve         one timed round per request: reads "SECONDS FILE"
//                                     lines on stdin, answers each with "ms/op"
// (bench/ runs the last form in turns with its own rounds, the second with --sequential).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
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

// One timed round, as credgate_jsonld_bench times its own (bench/bench_support.hpp,
// timed_round): canonicalizations from the JSON text (parse included, as credgate's figure
// includes its own JSON parsing) for at least `seconds`; seconds per canonicalization.
async function timedRound(text, seconds) {
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    await jsonld.canonize(JSON.parse(text), options);
    ++ops;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < seconds);
  return elapsed / ops;
}

// The warm-up before a file's first round, on both sides: 20 canonicalizations.
async function warmUp(text) {
  for (let i = 0; i < 20; ++i) await jsonld.canonize(JSON.parse(text), options);
}

const args = process.argv.slice(2);
if (args[0] === '--bench') {
  // Timed as credgate_jsonld_bench times itself, so that the two figures are the same
  // statistic: 20 warm-up runs, then the fastest of R rounds of S/R seconds each (outside load
  // and garbage collection pauses only slow a round down).
  const seconds = Number(args[1]);
  let files = args.slice(2);
  let rounds = 3;
  if (files[0] === '--rounds') {
    rounds = Math.max(1, Number(files[1]));
    files = files.slice(2);
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    await warmUp(text);
    let best = Infinity;
    for (let round = 0; round < rounds; ++round) {
      best = Math.min(best, await timedRound(text, seconds / rounds));
    }
    console.log(`${path.basename(file)} ${(1 / best).toFixed(1)} ${(best * 1000).toFixed(3)}`);
  }
} else if (args[0] === '--serve') {
  // credgate_jsonld_bench asks for one round at a time and times one of its own between
  // them, so that both see the same load. The process stays up: the JIT stays warm, as in
  // --bench. A file's first request runs the same 20 warm-up canonicalizations first.
  const texts = new Map();
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    const space = line.indexOf(' ');
    const seconds = Number(line.slice(0, space));
    const file = line.slice(space + 1);
    if (!texts.has(file)) {
      texts.set(file, readFileSync(file, 'utf8'));
      await warmUp(texts.get(file));
    }
    const perOp = await timedRound(texts.get(file), seconds);
    process.stdout.write(`${(perOp * 1000).toFixed(4)}\n`);
  }
} else {
  const doc = JSON.parse(readFileSync(args[0], 'utf8'));
  process.stdout.write(await jsonld.canonize(doc, options));
}
