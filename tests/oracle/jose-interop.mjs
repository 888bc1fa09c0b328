// Interop oracle with npm jose (panva), both ways.
//   node jose-interop.mjs verify DIR   verifies every credgate output in DIR with jose
//                                      (*.jws / *.jwt compact, *.jades general JSON, b64:false)
//                                      and checks that a copy with one changed payload byte fails
//   node jose-interop.mjs sign DIR PKI CREDENTIAL
//                                      signs CREDENTIAL with jose and the test PKI keys:
//                                      compact JWS with x5c, and flattened JWS with b64:false
//                                      + crit, per algorithm (RS256, PS256, ES256, EdDSA)
// Exit 0 when everything agreed; prints one line per file.
import fs from 'node:fs';
import path from 'node:path';
import * as jose from 'jose';

const [, , mode, dir, pki, credential] = process.argv;
let failures = 0;
const report = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures++;
};

const pemOf = (b64) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;

async function keyFor(header) {
  if (header.x5c) return jose.importX509(pemOf(header.x5c[0]), header.alg);
  if (header.jwk) return jose.importJWK(header.jwk, header.alg);
  throw new Error('no x5c or jwk in the header');
}

function flip(text) {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1);
}

async function verifyFile(file) {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (file.endsWith('.jades')) {
    const general = JSON.parse(text);
    const sig = general.signatures[0];
    const flattened = { payload: general.payload, protected: sig.protected, signature: sig.signature };
    const header = jose.decodeProtectedHeader(flattened);
    const key = await keyFor(header);
    // sigT is a JAdES header parameter jose does not know: the caller vouches for it.
    const options = { crit: { sigT: true } };
    const result = await jose.flattenedVerify(flattened, key, options);
    report(new TextDecoder().decode(result.payload) === general.payload && header.b64 === false,
           `jose verifies ${path.basename(file)} (${header.alg}, b64:false)`);
    let rejected = false;
    try { await jose.flattenedVerify({ ...flattened, payload: flip(flattened.payload) }, key, options); }
    catch { rejected = true; }
    report(rejected, `jose rejects ${path.basename(file)} with a changed payload byte`);
    return;
  }
  const header = jose.decodeProtectedHeader(text);
  const key = await keyFor(header);
  const result = await jose.compactVerify(text, key);
  report(result.protectedHeader.alg === header.alg, `jose verifies ${path.basename(file)} (${header.alg})`);
  if (file.endsWith('.jwt')) {
    const { payload } = await jose.jwtVerify(text, key);
    const vc = payload.vc ?? payload;
    const issuer = typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id;
    report(payload.vc ? payload.iss === issuer : header.typ === 'vc+jwt',
           `jose reads ${path.basename(file)} as a JWT (${payload.vc ? 'VC 1.1 claims' : 'VC-JOSE'})`);
  }
  const parts = text.split('.');
  const payload = Buffer.from(parts[1], 'base64url').toString('latin1');
  const tampered = [parts[0], Buffer.from(flip(payload), 'latin1').toString('base64url'), parts[2]].join('.');
  let rejected = false;
  try { await jose.compactVerify(tampered, key); } catch { rejected = true; }
  report(rejected, `jose rejects ${path.basename(file)} with a changed payload byte`);
}

async function sign() {
  const cases = [
    ['RS256', 'eseal'], ['PS256', 'eseal'], ['ES256', 'ec'], ['EdDSA', 'ed'],
  ];
  const bytes = fs.readFileSync(credential);
  fs.mkdirSync(dir, { recursive: true });
  for (const [alg, name] of cases) {
    const key = await jose.importPKCS8(fs.readFileSync(path.join(pki, `${name}.key.pem`), 'utf8'), alg);
    const chain = fs.readFileSync(path.join(pki, `${name}.chain.pem`), 'utf8')
      .split('-----END CERTIFICATE-----').filter((s) => s.includes('BEGIN'))
      .map((s) => s.replace(/-----BEGIN CERTIFICATE-----|\s/g, ''));
    const compact = await new jose.CompactSign(bytes).setProtectedHeader({ alg, x5c: chain }).sign(key);
    fs.writeFileSync(path.join(dir, `jose-${alg}.jws`), compact + '\n');
    const flattened = await new jose.FlattenedSign(bytes)
      .setProtectedHeader({ alg, b64: false, crit: ['b64'], x5c: chain })
      .sign(key);
    // jose leaves an unencoded payload out (detached); attach it as the JAdES samples do.
    flattened.payload = bytes.toString('utf8');
    fs.writeFileSync(path.join(dir, `jose-${alg}-b64false.json`), JSON.stringify(flattened));
    report(true, `jose signed ${alg} compact and flattened b64:false`);
  }
}

try {
  if (mode === 'verify') {
    for (const f of fs.readdirSync(dir).sort()) await verifyFile(path.join(dir, f));
  } else if (mode === 'sign') {
    await sign();
  } else {
    throw new Error('usage: jose-interop.mjs verify DIR | sign DIR PKI CREDENTIAL');
  }
} catch (e) {
  report(false, e.message);
}
process.exit(failures ? 1 : 0);
