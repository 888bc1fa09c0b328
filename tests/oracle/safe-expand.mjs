#!/usr/bin/env node
// Test oracle: JSON-LD safe-mode expansion with an offline document loader.
//
// Usage: node safe-expand.mjs FILE...
//
// Each FILE holds one JSON document: a credential (object) or a top-level
// array of credentials, each element expanded on its own. Every document is
// run through jsonld.expand(doc, {safe: true, documentLoader}); safe mode
// turns anything lossy (a term the contexts do not define, a relative @type,
// ...) into an error. NB: jsonld's option is `safe`; `safeMode` is silently
// ignored, so the script checks at start-up that safe mode really rejects an
// undefined term. Contexts are never fetched: the loader maps context URLs
// through ../../jsonld/contexts/index.json and refuses every other URL.
//
// Exit status: 0 if every document expanded, 1 if any failed (one
// "FILE: message" line per failure on stderr), 2 on bad usage or a broken
// context index.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXT_DIR = path.resolve(HERE, '../../jsonld/contexts');
const INDEX_FILE = path.join(CONTEXT_DIR, 'index.json');

function loadIndex() {
  try {
    const index = JSON.parse(readFileSync(INDEX_FILE, 'utf8'));
    if (index === null || typeof index !== 'object' || Array.isArray(index)) {
      throw new Error('expected a JSON object {URL: file name}');
    }
    return index;
  } catch (e) {
    console.error(`safe-expand: cannot read context index ${INDEX_FILE}: ${e.message}`);
    process.exit(2);
  }
}

const INDEX = loadIndex();
const CACHE = new Map();

// Offline loader: only URLs listed in index.json, served from CONTEXT_DIR.
async function documentLoader(url) {
  if (!Object.prototype.hasOwnProperty.call(INDEX, url)) {
    throw new Error(
      `offline document loader: URL not in ${path.relative(process.cwd(), INDEX_FILE) || INDEX_FILE}: ${url}`);
  }
  if (!CACHE.has(url)) {
    const file = path.join(CONTEXT_DIR, INDEX[url]);
    let document;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`offline document loader: cannot load ${file} for ${url}: ${e.message}`);
    }
    CACHE.set(url, document);
  }
  return { contextUrl: null, documentUrl: url, document: CACHE.get(url) };
}

const EXPAND_OPTIONS = { safe: true, documentLoader };

// Guard against option drift in jsonld: a term no context defines must fail.
async function assertSafeModeWorks() {
  try {
    await jsonld.expand({ '@context': {}, undefinedTerm: 'x' }, EXPAND_OPTIONS);
  } catch {
    return;
  }
  console.error('safe-expand: installed jsonld did not reject an undefined term: safe mode is not active');
  process.exit(2);
}

// Render a jsonld error with the useful parts of its details (safe-mode event
// code and the dropped term/value, error code, URL) and its cause chain.
function describe(err) {
  const parts = [];
  const seen = new Set();
  for (let e = err; e && !seen.has(e); e = e.details?.cause ?? e.cause) {
    seen.add(e);
    let s = e.message ?? String(e);
    const d = e.details ?? {};
    const extra = [];
    if (d.code) extra.push(`code: ${d.code}`);
    if (d.url) extra.push(`url: ${d.url}`);
    const ev = d.event;
    if (ev) {
      if (ev.code) extra.push(`event: ${ev.code}`);
      if (ev.message) extra.push(ev.message);
      if (ev.details && Object.keys(ev.details).length) {
        extra.push(`details: ${JSON.stringify(ev.details)}`);
      }
    }
    if (extra.length) s += ` (${extra.join('; ')})`;
    parts.push(s);
  }
  return parts.join(' <- caused by: ');
}

async function checkFile(file) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`${file}: cannot read JSON: ${e.message}`];
  }
  const items = Array.isArray(doc) ? doc.map((d, i) => [`[element ${i}] `, d]) : [['', doc]];
  if (items.length === 0) return [`${file}: top-level array is empty`];
  const failures = [];
  for (const [label, item] of items) {
    try {
      await jsonld.expand(item, EXPAND_OPTIONS);
    } catch (e) {
      failures.push(`${file}: ${label}${describe(e)}`);
    }
  }
  return failures;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node safe-expand.mjs FILE...');
  process.exit(2);
}

await assertSafeModeWorks();

let failed = 0;
for (const file of files) {
  const failures = await checkFile(file);
  for (const line of failures) console.error(line);
  if (failures.length) failed++;
}
process.exit(failed ? 1 : 0);
