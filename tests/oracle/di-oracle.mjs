#!/usr/bin/env node
// Test oracle: Data Integrity proofs with Digital Bazaar's implementation (@digitalbazaar/vc,
// data-integrity, eddsa-rdfc-2022 and ecdsa-rdfc-2019 cryptosuites), fully offline.
//
// Usage:
//   node di-oracle.mjs [--proof-only] verify FILE...           verify each credential's proof
//                                                              (exit 1 if any fails)
//   node di-oracle.mjs [--proof-only] sign SUITE CURVE IN OUT  sign IN with a fresh did:key
//                                                              (made the issuer), write OUT
//                                                (SUITE eddsa-rdfc-2022 | ecdsa-rdfc-2019,
//                                                 CURVE Ed25519 | P-256 | P-384)
//
// By default through @digitalbazaar/vc (issue / verifyCredential: Data Integrity plus the VC
// data model checks, e.g. the issuer is the key's controller; credentialStatus is not
// checked). --proof-only uses jsonld-signatures directly (sign / verify with an
// assertionMethod purpose): the proof alone, for documents the VC model checks of
// @digitalbazaar/vc reject for reasons of their own (the EDC samples lack VC 1.1's
// issuanceDate).
//
// The document loader serves the contexts of ../../jsonld/contexts/index.json (as
// safe-expand.mjs does) and resolves did:key DIDs and verification methods with the Multikey
// libraries; every other URL is refused.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';  // a dependency of @digitalbazaar/vc
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXT_DIR = path.resolve(HERE, '../../jsonld/contexts');
const INDEX = JSON.parse(readFileSync(path.join(CONTEXT_DIR, 'index.json'), 'utf8'));
const DID_V1 = 'https://www.w3.org/ns/did/v1';

async function keyFromMultibase(publicKeyMultibase, controller) {
  const id = `${controller}#${publicKeyMultibase}`;
  if (publicKeyMultibase.startsWith('z6Mk')) {
    return Ed25519Multikey.from({ publicKeyMultibase, controller, id });
  }
  return EcdsaMultikey.from({ type: 'Multikey', publicKeyMultibase, controller, id });
}

async function documentLoader(url) {
  if (Object.prototype.hasOwnProperty.call(INDEX, url)) {
    const document = JSON.parse(readFileSync(path.join(CONTEXT_DIR, INDEX[url]), 'utf8'));
    return { contextUrl: null, documentUrl: url, document };
  }
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const publicKeyMultibase = did.slice('did:key:'.length);
    if (fragment !== undefined && fragment !== publicKeyMultibase) {
      throw new Error(`did:key fragment does not match the key: ${url}`);
    }
    const key = await keyFromMultibase(publicKeyMultibase, did);
    const vm = await key.export({ publicKey: true, includeContext: true });
    if (fragment !== undefined) return { contextUrl: null, documentUrl: url, document: vm };
    const { '@context': _ignored, ...bare } = vm;
    const document = {
      '@context': [DID_V1, 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [bare],
      authentication: [vm.id],
      assertionMethod: [vm.id],
      capabilityInvocation: [vm.id],
      capabilityDelegation: [vm.id],
    };
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`offline document loader: refusing ${url}`);
}

function suiteFor(cryptosuite) {
  if (cryptosuite === 'eddsa-rdfc-2022') return eddsaRdfc2022;
  if (cryptosuite === 'ecdsa-rdfc-2019') return ecdsaRdfc2019;
  throw new Error(`unknown cryptosuite ${cryptosuite}`);
}

async function verify(files) {
  let failed = 0;
  for (const file of files) {
    const credential = JSON.parse(readFileSync(file, 'utf8'));
    const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
    const suite = [...new Set(proofs.map(p => p?.cryptosuite))].map(
      c => new DataIntegrityProof({ cryptosuite: suiteFor(c) }));
    let result;
    try {
      result = PROOF_ONLY
        ? await jsigs.verify(credential, {
          suite, documentLoader, purpose: new jsigs.purposes.AssertionProofPurpose() })
        : await vc.verifyCredential({
          credential, suite, documentLoader, checkStatus: async () => ({ verified: true }) });
    } catch (e) {
      result = { verified: false, error: e };
    }
    if (result.verified) {
      console.log(`${file}: verified`);
    } else {
      failed++;
      const errors = result.error?.errors ?? (result.error ? [result.error] : []);
      const reasons = errors.map(e => e.message).concat(
        (result.results ?? []).flatMap(r => r.error ? [r.error.message] : []));
      console.error(`${file}: NOT verified: ${reasons.join('; ') || JSON.stringify(result)}`);
    }
  }
  return failed ? 1 : 0;
}

async function sign(cryptosuite, curve, input, output) {
  const key = curve === 'Ed25519'
    ? await Ed25519Multikey.generate()
    : await EcdsaMultikey.generate({ curve });
  key.controller = `did:key:${key.publicKeyMultibase}`;
  key.id = `${key.controller}#${key.publicKeyMultibase}`;
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: suiteFor(cryptosuite) });
  const credential = JSON.parse(readFileSync(input, 'utf8'));
  // @digitalbazaar/vc requires the issuer to be the verification method's controller.
  if (credential.issuer && typeof credential.issuer === 'object') credential.issuer.id = key.controller;
  else credential.issuer = key.controller;
  const signed = PROOF_ONLY
    ? await jsigs.sign(credential, {
      suite, documentLoader, purpose: new jsigs.purposes.AssertionProofPurpose() })
    : await vc.issue({ credential, suite, documentLoader });
  writeFileSync(output, JSON.stringify(signed, null, 2) + '\n');
  return 0;
}

let argv = process.argv.slice(2);
const PROOF_ONLY = argv[0] === '--proof-only';
if (PROOF_ONLY) argv = argv.slice(1);
const [mode, ...args] = argv;
try {
  if (mode === 'verify' && args.length) process.exit(await verify(args));
  if (mode === 'sign' && args.length === 4) process.exit(await sign(...args));
} catch (e) {
  console.error(`di-oracle: ${e.stack ?? e}`);
  process.exit(2);
}
console.error('usage: node di-oracle.mjs verify FILE... | sign SUITE CURVE IN OUT');
process.exit(2);
