// Interop oracle with npm xadesjs (PeculiarVentures), both ways, and its verification speed.
//   node xades-interop.mjs verify FILE...     verifies each enveloped XAdES/XMLDSig signature
//                                             with xadesjs (certificate from KeyInfo); exit 1
//                                             when one does not verify
//   node xades-interop.mjs sign DIR PKI DOC   signs DOC with xadesjs (XAdES-BES, enveloped,
//                                             exc-c14n, SHA-256, KeyInfo X509 chain) with the
//                                             test PKI's RSA (eseal) and EC P-256 (ec) keys
//   node xades-interop.mjs bench N FILE...    prints ms per verification of each FILE (N runs)
import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import * as xmldom from '@xmldom/xmldom';
import xpath from 'xpath';
import * as xadesjs from 'xadesjs';
import { X509Certificate } from 'xmldsigjs';

xadesjs.setNodeDependencies({
  XMLSerializer: xmldom.XMLSerializer,
  DOMParser: xmldom.DOMParser,
  DOMImplementation: xmldom.DOMImplementation,
  xpath,
});
xadesjs.Application.setEngine('NodeJS', webcrypto);

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const [, , mode, ...args] = process.argv;

async function verify(text) {
  const doc = xadesjs.Parse(text);
  const signatures = doc.getElementsByTagNameNS(DS, 'Signature');
  if (signatures.length !== 1) throw new Error(`${signatures.length} signatures`);
  const signed = new xadesjs.SignedXml(doc);
  signed.LoadXml(signatures[0]);
  // Without a key xadesjs imports every KeyInfo certificate's key for the signature algorithm
  // and throws on a chain that mixes key types (RSA leaf under an EC CA): verify with the
  // first KeyInfo certificate, the signer's, instead.
  const first = signatures[0].getElementsByTagNameNS(DS, 'X509Certificate')[0];
  if (!first) return signed.Verify();
  const cert = new X509Certificate(Buffer.from(first.textContent.replace(/\s+/g, ''), 'base64'));
  return signed.Verify(await cert.exportKey(signed.Algorithm));
}

const pemBody = (pem, label) =>
  pem.split(`-----BEGIN ${label}-----`).slice(1).map((p) => p.split(`-----END ${label}-----`)[0].replace(/\s+/g, ''));

async function sign(dir, pki, docPath) {
  fs.mkdirSync(dir, { recursive: true });
  const docText = fs.readFileSync(docPath, 'utf8');
  const specs = [
    { name: 'eseal', alg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
    { name: 'ec', alg: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  ];
  for (const spec of specs) {
    const keyDer = Buffer.from(pemBody(fs.readFileSync(path.join(pki, `${spec.name}.key.pem`), 'utf8'), 'PRIVATE KEY')[0], 'base64');
    const key = await webcrypto.subtle.importKey('pkcs8', keyDer, spec.alg, false, ['sign']);
    const chain = pemBody(fs.readFileSync(path.join(pki, `${spec.name}.chain.pem`), 'utf8'), 'CERTIFICATE');
    const doc = xadesjs.Parse(docText);
    const signed = new xadesjs.SignedXml();
    const signature = await signed.Sign(spec.sign, key, doc, {
      x509: chain,
      signingCertificate: chain[0],
      signingTime: { value: new Date() },
      references: [{ hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
    });
    doc.documentElement.appendChild(signature.GetXml());
    const out = path.join(dir, `xadesjs-${spec.name}.xml`);
    fs.writeFileSync(out, new xmldom.XMLSerializer().serializeToString(doc));
    console.log(`ok: xadesjs signed ${path.basename(out)}`);
  }
}

let failures = 0;
if (mode === 'verify') {
  for (const file of args) {
    let ok = false;
    let why = '';
    try {
      ok = await verify(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      why = ` (${e.message})`;
    }
    console.log(`${ok ? 'ok' : 'FAIL'}: xadesjs verifies ${path.basename(file)}${why}`);
    if (!ok) failures++;
  }
} else if (mode === 'sign') {
  await sign(args[0], args[1], args[2]);
} else if (mode === 'bench') {
  const n = Number(args[0]);
  for (const file of args.slice(1)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!(await verify(text))) throw new Error(`${file} does not verify in xadesjs`);
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await verify(text);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / n;
    console.log(JSON.stringify({ file: path.basename(file), verifier: 'xadesjs', ms_per_verification: ms }));
  }
} else {
  console.error('usage: xades-interop.mjs verify FILE... | sign DIR PKI DOC | bench N FILE...');
  process.exit(2);
}
process.exit(failures ? 1 : 0);
