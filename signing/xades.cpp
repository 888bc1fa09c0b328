#include "signing/xades.hpp"

#include <libxml/c14n.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/keys.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>

#include <map>
#include <mutex>
#include <set>

#include "signing/cert_cache.hpp"
#include "signing/jose.hpp"
#include "signing/timestamp.hpp"
#include "signing/x509_trust.hpp"
#include "xsd/xml_parse.hpp"

namespace credgate::signing {

namespace {

constexpr const char* kDs = "http://www.w3.org/2000/09/xmldsig#";
constexpr const char* kXades = "http://uri.etsi.org/01903/v1.3.2#";
constexpr const char* kFilter2 = "http://www.w3.org/2002/06/xmldsig-filter2";
constexpr const char* kSignedPropsType = "http://uri.etsi.org/01903#SignedProperties";
constexpr const char* kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
constexpr const char* kExcC14nComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
constexpr const char* kC14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
constexpr const char* kC14nComments =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
constexpr const char* kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
constexpr const char* kXpath = "http://www.w3.org/TR/1999/REC-xpath-19991116";

const xmlChar* X(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}
std::string S(const xmlChar* s) {
  return s ? reinterpret_cast<const char*>(s) : "";
}

// ---- xmlsec setup ------------------------------------------------------------------------

// xmlsec reports errors through a callback (stderr by default): keep the last one for the
// report's detail instead.
thread_local std::string last_xmlsec_error;
void xmlsec_error(const char* file, int line, const char* func, const char* object,
                  const char* subject, int reason, const char* msg) {
  (void)file, (void)line, (void)func, (void)object, (void)reason;
  if (last_xmlsec_error.size() > 1000) return;
  if (!last_xmlsec_error.empty()) last_xmlsec_error += "; ";
  last_xmlsec_error += std::string(subject ? subject : "") + ": " + (msg ? msg : "");
}

bool xmlsec_ready(std::string* error) {
  static std::once_flag once;
  static std::string init_error;
  std::call_once(once, [] {
    if (xmlSecInit() < 0) {
      init_error = "xmlSecInit failed";
      return;
    }
    if (xmlSecCheckVersion() != 1) {
      init_error = "xmlsec library version mismatch";
      return;
    }
    if (xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
      init_error = "xmlsec OpenSSL backend initialisation failed";
      return;
    }
    // No reference may load anything: drop every IO callback xmlsec registered (file, http,
    // ftp). Same-document references do not use them.
    xmlSecIOCleanupCallbacks();
    // Last: the initialisations above reset the error callback.
    xmlSecErrorsSetCallback(xmlsec_error);
  });
  if (!init_error.empty() && error) *error = init_error;
  return init_error.empty();
}

struct DsigCtxFree {
  void operator()(xmlSecDSigCtx* ctx) const { xmlSecDSigCtxDestroy(ctx); }
};
using DsigCtxPtr = std::unique_ptr<xmlSecDSigCtx, DsigCtxFree>;

// Only same-document references; reference transforms limited to the ones this profile allows
// (the caller has already checked their parameters).
void restrict_context(xmlSecDSigCtx* ctx) {
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument;
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformEnvelopedId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformExclC14NId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformExclC14NWithCommentsId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformInclC14NId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformInclC14NWithCommentsId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformXPathId);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformXPath2Id);
  // The list also governs DigestMethod.
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha1Id);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha256Id);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha384Id);
  xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha512Id);
}

xmlSecKeyPtr xmlsec_key(EVP_PKEY* pkey) {
  if (!pkey) return nullptr;
  EVP_PKEY_up_ref(pkey);
  xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(pkey);
  if (!data) {
    EVP_PKEY_free(pkey);
    return nullptr;
  }
  xmlSecKeyPtr key = xmlSecKeyCreate();
  if (!key || xmlSecKeySetValue(key, data) < 0) {
    xmlSecKeyDataDestroy(data);
    if (key) xmlSecKeyDestroy(key);
    return nullptr;
  }
  return key;
}

// ---- DOM helpers -------------------------------------------------------------------------

bool is_el(const xmlNode* n, const char* ns, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && S(n->ns->href) == ns && S(n->name) == local;
}

std::vector<xmlNode*> children(const xmlNode* parent, const char* ns, const char* local) {
  std::vector<xmlNode*> out;
  if (!parent) return out;
  for (xmlNode* c = parent->children; c; c = c->next)
    if (is_el(c, ns, local)) out.push_back(c);
  return out;
}

xmlNode* child(const xmlNode* parent, const char* ns, const char* local) {
  auto all = children(parent, ns, local);
  return all.empty() ? nullptr : all.front();
}

std::vector<xmlNode*> element_children(const xmlNode* parent) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  return out;
}

std::string attr(const xmlNode* n, const char* name) {
  if (!n) return {};
  xmlChar* v = xmlGetNoNsProp(const_cast<xmlNode*>(n), X(name));
  std::string out = S(v);
  xmlFree(v);
  return out;
}

std::string text(const xmlNode* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = S(v);
  xmlFree(v);
  return out;
}

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::optional<std::string> b64_decode_ws(const std::string& text) {
  std::string compact;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
  return b64_decode_strict(compact);
}

void walk(xmlNode* n, const std::function<void(xmlNode*)>& f) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    f(n);
    walk(n->children, f);
  }
}

bool is_descendant(const xmlNode* n, const xmlNode* ancestor) {
  for (; n; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

// The attributes a reference may name: unqualified Id and ID (XMLDSig/XAdES usage) and
// xml:id. Lowercase `id` is not one: EDCI and ELMO use it for data that repeats (the same
// urn:epass:... on several elements, ELMO group ids), and nothing here resolves it.
bool is_id_attr(const xmlAttr* a) {
  std::string name = S(a->name);
  if (!a->ns) return name == "Id" || name == "ID";
  return name == "id" && S(a->ns->href) == "http://www.w3.org/XML/1998/namespace";
}

// ---- C14N --------------------------------------------------------------------------------

int write_to_string(void* context, const char* buffer, int len) {
  static_cast<std::string*>(context)->append(buffer, static_cast<size_t>(len));
  return len;
}

struct SubtreeFilter {
  const xmlNode* top;
};

int in_subtree(void* user, xmlNodePtr node, xmlNodePtr parent) {
  const xmlNode* top = static_cast<SubtreeFilter*>(user)->top;
  const xmlNode* n = (node == nullptr || node->type == XML_NAMESPACE_DECL) ? parent : node;
  return is_descendant(n, top) ? 1 : 0;
}

// The canonical form of one element (its subtree), with the C14N algorithm named by URI.
std::optional<std::string> canonicalize(xmlDoc* doc, const xmlNode* element,
                                        const std::string& method) {
  int mode;
  int comments = 0;
  if (method == kExcC14n || method == kExcC14nComments) {
    mode = XML_C14N_EXCLUSIVE_1_0;
    comments = method == kExcC14nComments;
  } else if (method == kC14n || method == kC14nComments) {
    mode = XML_C14N_1_0;
    comments = method == kC14nComments;
  } else {
    return std::nullopt;
  }
  std::string out;
  xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_to_string, nullptr, &out, nullptr);
  if (!buf) return std::nullopt;
  SubtreeFilter filter{element};
  int rc = xmlC14NExecute(doc, in_subtree, &filter, mode, nullptr, comments, buf);
  xmlOutputBufferClose(buf);
  if (rc < 0) return std::nullopt;
  return out;
}

// ---- crypto helpers ----------------------------------------------------------------------

const EVP_MD* digest_for_uri(const std::string& uri) {
  if (uri == "http://www.w3.org/2001/04/xmlenc#sha256") return EVP_sha256();
  if (uri == "http://www.w3.org/2001/04/xmldsig-more#sha384") return EVP_sha384();
  if (uri == "http://www.w3.org/2001/04/xmlenc#sha512") return EVP_sha512();
  if (uri == "http://www.w3.org/2000/09/xmldsig#sha1") return EVP_sha1();
  return nullptr;
}

std::string digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), out, &len, md, nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

bool signature_method_allowed(const std::string& uri, bool* legacy) {
  static const std::set<std::string> modern = {
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
  };
  *legacy = uri == "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  return *legacy || modern.count(uri) > 0;
}

bool is_c14n(const std::string& uri) {
  return uri == kExcC14n || uri == kExcC14nComments || uri == kC14n || uri == kC14nComments;
}

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  RAND_bytes(buf.data(), static_cast<int>(bytes));
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : buf) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

// EU DSS samples carry some CRLs as base64 of the PEM text instead of DER.
std::optional<CrlPtr> pem_crl(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509_CRL* crl = bio ? PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (!crl) return std::nullopt;
  return CrlPtr(crl, X509_CRL_free);
}

std::string serial_decimal(X509* cert) {
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr);
  char* dec = bn ? BN_bn2dec(bn) : nullptr;
  std::string out = dec ? dec : "";
  OPENSSL_free(dec);
  BN_free(bn);
  return out;
}

}  // namespace

// ========================================================================================
// Sealing
// ========================================================================================

// Where the signature goes. An EDCI europassCredential has its place for it, proof/ds:Signature
// (the EC's signed samples, and the schema, which has no ds:Signature at the root): inside the
// existing proof, or a proof made before childCredentials (the schema's order) when there is
// none. Any other document gets it as the root's last child.
// An EDCI verifiablePresentation has vp:proof, its last element, for the presenter's seal (the
// EC's sealed presentations): the existing one, else one appended.
static xmlNode* signature_parent(xmlNode* root) {
  constexpr const char* kSnb = "http://data.europa.eu/snb";
  constexpr const char* kVp = "http://data.europa.eu/snb/vp";
  if (is_el(root, kVp, "verifiablePresentation")) {
    if (xmlNode* proof = child(root, kVp, "proof")) return proof;
    return xmlNewChild(root, root->ns, X("proof"), nullptr);
  }
  if (!is_el(root, kSnb, "europassCredential")) return root;
  if (xmlNode* proof = child(root, kSnb, "proof")) return proof;
  xmlNode* proof = xmlNewDocNode(root->doc, root->ns, X("proof"), nullptr);
  if (xmlNode* children = child(root, kSnb, "childCredentials"))
    xmlAddPrevSibling(children, proof);
  else
    xmlAddChild(root, proof);
  return proof;
}

// The document reference's first transform, which leaves the signature out of the digest.
// A signature below the root (EDCI's proof) gets the XPath form EU DSS writes there, as in the
// EC's own sealed EDCI documents: the same node set as enveloped-signature, and verifiers that
// apply enveloped-signature to a child of the root only (npm xadesjs) verify it as well.
static bool leave_out_signature(xmlNode* ref, bool nested) {
  if (!nested) return xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId) != nullptr;
  xmlNode* t = xmlSecTmplReferenceAddTransform(ref, xmlSecTransformXPathId);
  const xmlChar* namespaces[] = {X("ds"), X(kDs), nullptr};
  return t &&
         xmlSecTmplTransformAddXPath(t, X("not(ancestor-or-self::ds:Signature)"), namespaces) == 0;
}

SealResult seal_xades(std::string_view xml, const XadesSealOptions& options) {
  SealResult result;
  auto fail = [&](std::string code, std::string message, std::string location = {}) {
    result.diagnostics.push_back(
        make_error(std::move(code), "seal", std::move(message), std::move(location)));
    result.output.clear();
    return result;
  };
  std::string init_error;
  if (!xmlsec_ready(&init_error)) return fail("internal.xades-init", init_error);
  if (!options.key || !options.key.pkey()) return fail("xades.key", "no signing key");

  xsd::ParsedXml parsed = xsd::parse_xml(xml);
  result.diagnostics = parsed.diagnostics;
  if (!parsed.ok()) return fail("xades.input", "the input is not well-formed XML");
  xmlDoc* doc = parsed.doc.get();
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return fail("xades.input", "the document has no root element");

  bool signed_already = false;
  walk(root, [&](xmlNode* n) { signed_already |= is_el(n, kDs, "Signature"); });
  if (signed_already)
    return fail("xades.already-signed",
                "the document already carries a ds:Signature; one signature per document",
                xsd::xpath_of(root));

  std::vector<X509Ptr> chain = options.chain.empty() ? options.key.chain() : options.chain;
  if (chain.empty() || !chain.front())
    return fail("xades.certificate",
                "XAdES needs the signing certificate (--cert, or a PEM/PKCS#12 key with it)");
  X509* leaf = chain.front().get();
  {
    EVP_PKEY* cert_key = X509_get0_pubkey(leaf);
    if (!cert_key || !same_public_key(cert_key, options.key.pkey()))
      return fail("xades.certificate", "the first certificate does not belong to the key");
  }

  xmlSecTransformId sign_method = nullptr;
  std::string jose_alg;  // the same algorithm by JOSE name, for Key::sign (token keys)
  int key_type = EVP_PKEY_base_id(options.key.pkey());
  if (key_type == EVP_PKEY_RSA) {
    sign_method = xmlSecTransformRsaSha256Id;
    jose_alg = "RS256";
  } else if (key_type == EVP_PKEY_EC) {
    int bits = EVP_PKEY_get_bits(options.key.pkey());
    sign_method = bits <= 256   ? xmlSecTransformEcdsaSha256Id
                  : bits <= 384 ? xmlSecTransformEcdsaSha384Id
                                : xmlSecTransformEcdsaSha512Id;
    jose_alg = bits <= 256 ? "ES256" : bits <= 384 ? "ES384" : "ES512";
  } else {
    return fail("xades.key-type",
                "XAdES signing supports RSA and EC keys (Ed25519 has no XMLDSig algorithm here)");
  }

  if (options.lt && options.tsa_url.empty())
    return fail("xades.level", "baseline LT needs a signature timestamp (--tsa)");
  if (options.lt && options.crls.empty())
    return fail("xades.level", "baseline LT needs revocation data (--crl); nothing is fetched");

  std::string id = "id-" + random_hex(16);
  std::string doc_ref_id = "r-" + id + "-1";
  std::string props_id = "xades-" + id;

  xmlNode* sig = xmlSecTmplSignatureCreateNsPref(doc, xmlSecTransformExclC14NId, sign_method,
                                                 X(id.c_str()), X("ds"));
  if (!sig) return fail("xades.template", "could not create the ds:Signature template");
  xmlNode* parent = signature_parent(root);
  xmlAddChild(parent, sig);
  xmlNode* ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id,
                                                 X(doc_ref_id.c_str()), X(""), nullptr);
  if (!ref || !leave_out_signature(ref, parent != root) ||
      !xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId))
    return fail("xades.template", "could not add the document reference");
  std::string props_uri = "#" + props_id;
  xmlNode* props_ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr,
                                                       X(props_uri.c_str()), X(kSignedPropsType));
  if (!props_ref || !xmlSecTmplReferenceAddTransform(props_ref, xmlSecTransformExclC14NId))
    return fail("xades.template", "could not add the SignedProperties reference");

  // ds:Object / xades:QualifyingProperties
  xmlNode* object = xmlSecTmplSignatureAddObject(sig, nullptr, nullptr, nullptr);
  if (!object) return fail("xades.template", "could not add ds:Object");
  xmlNode* qp = xmlNewChild(object, nullptr, X("QualifyingProperties"), nullptr);
  xmlNs* xns = xmlNewNs(qp, X(kXades), X("xades"));
  xmlSetNs(qp, xns);
  xmlNs* dsns = xmlSearchNsByHref(doc, sig, X(kDs));
  std::string target = "#" + id;
  xmlNewProp(qp, X("Target"), X(target.c_str()));
  xmlNode* sp = xmlNewChild(qp, xns, X("SignedProperties"), nullptr);
  xmlAttr* sp_id = xmlNewProp(sp, X("Id"), X(props_id.c_str()));
  xmlAddID(nullptr, doc, X(props_id.c_str()), sp_id);
  xmlNode* ssp = xmlNewChild(sp, xns, X("SignedSignatureProperties"), nullptr);
  std::time_t now = options.now ? *options.now : std::time(nullptr);
  xmlNewTextChild(ssp, xns, X("SigningTime"), X(iso_time(now).c_str()));
  xmlNode* scv2 = xmlNewChild(ssp, xns, X("SigningCertificateV2"), nullptr);
  xmlNode* cert_el = xmlNewChild(scv2, xns, X("Cert"), nullptr);
  xmlNode* cert_digest = xmlNewChild(cert_el, xns, X("CertDigest"), nullptr);
  xmlNode* dm = xmlNewChild(cert_digest, dsns, X("DigestMethod"), nullptr);
  xmlNewProp(dm, X("Algorithm"), X("http://www.w3.org/2001/04/xmlenc#sha256"));
  std::string cert_der = certificate_der(leaf);
  xmlNewTextChild(cert_digest, dsns, X("DigestValue"),
                  X(b64_encode(digest(EVP_sha256(), cert_der)).c_str()));
  xmlNewTextChild(cert_el, xns, X("IssuerSerialV2"),
                  X(b64_encode(issuer_serial_der(leaf)).c_str()));
  xmlNode* sdop = xmlNewChild(sp, xns, X("SignedDataObjectProperties"), nullptr);
  xmlNode* dof = xmlNewChild(sdop, xns, X("DataObjectFormat"), nullptr);
  std::string obj_ref = "#" + doc_ref_id;
  xmlNewProp(dof, X("ObjectReference"), X(obj_ref.c_str()));
  xmlNewTextChild(dof, xns, X("MimeType"), X("text/xml"));

  // Sign: the key goes to xmlsec as an EVP_PKEY, so a PKCS#11 (engine) key signs on its token.
  DsigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) return fail("xades.init", "could not create the xmlsec signature context");
  restrict_context(ctx.get());
  // A PKCS#11 (engine) key: xmlsec 1.2.37 takes it for a public key (it looks for the private
  // components), so xmlsec computes the references and a throwaway SignatureValue with an
  // ephemeral key of the same type, and the token signs the canonical SignedInfo through
  // Key::sign (RS256 is RSA-SHA256 PKCS#1 v1.5; ES256/384 give XMLDSig's r || s form).
  bool token = options.key.source == "pkcs11";
  PkeyPtr ephemeral;
  if (token) {
    if (key_type == EVP_PKEY_RSA) {
      ephemeral = wrap(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
    } else {
      char group[64] = {0};
      size_t group_len = 0;
      if (EVP_PKEY_get_group_name(options.key.pkey(), group, sizeof group, &group_len) == 1)
        ephemeral = wrap(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
    }
    if (!ephemeral) return fail("xades.key", "cannot prepare signing with the token key");
  }
  last_xmlsec_error.clear();
  ctx->signKey = xmlsec_key(token ? ephemeral.get() : options.key.pkey());
  if (!ctx->signKey) return fail("xades.key", "xmlsec cannot use this key");
  if (xmlSecDSigCtxSign(ctx.get(), sig) < 0 || ctx->status != xmlSecDSigStatusSucceeded)
    return fail("xades.sign", "xmlsec could not compute the signature: " + last_xmlsec_error);

  xmlNode* sigvalue = child(sig, kDs, "SignatureValue");
  if (token) {
    auto canonical = canonicalize(doc, child(sig, kDs, "SignedInfo"), kExcC14n);
    if (!canonical) return fail("xades.c14n", "could not canonicalize ds:SignedInfo");
    std::string error;
    auto value = options.key.sign(jose_alg, *canonical, &error);
    if (!value) return fail("xades.sign", "the token did not sign: " + error);
    xmlNodeSetContent(sigvalue, X(b64_encode(*value).c_str()));
  }

  // KeyInfo after SignatureValue (not signed): the chain.
  xmlNode* key_info = xmlNewNode(dsns, X("KeyInfo"));
  xmlAddNextSibling(sigvalue, key_info);
  xmlNode* x509data = xmlNewChild(key_info, dsns, X("X509Data"), nullptr);
  for (const auto& cert : chain)
    if (cert)
      xmlNewTextChild(x509data, dsns, X("X509Certificate"),
                      X(b64_encode(certificate_der(cert.get())).c_str()));

  if (!options.tsa_url.empty()) {
    auto covered = canonicalize(doc, sigvalue, kExcC14n);
    if (!covered) return fail("xades.c14n", "could not canonicalize ds:SignatureValue");
    timestamp::RequestOptions request;
    request.url = options.tsa_url;
    timestamp::TokenResult token = timestamp::request_timestamp(*covered, request);
    result.diagnostics.insert(result.diagnostics.end(), token.diagnostics.begin(),
                              token.diagnostics.end());
    if (!token.ok()) return fail("xades.timestamp", "no signature timestamp from the TSA");
    xmlNode* up = xmlNewChild(qp, xns, X("UnsignedProperties"), nullptr);
    xmlNode* usp = xmlNewChild(up, xns, X("UnsignedSignatureProperties"), nullptr);
    xmlNode* sts = xmlNewChild(usp, xns, X("SignatureTimeStamp"), nullptr);
    std::string ts_id = "TS-" + id;
    xmlNewProp(sts, X("Id"), X(ts_id.c_str()));
    xmlNode* cm = xmlNewChild(sts, dsns, X("CanonicalizationMethod"), nullptr);
    xmlNewProp(cm, X("Algorithm"), X(kExcC14n));
    std::string token_bytes(token.token.begin(), token.token.end());
    xmlNewTextChild(sts, xns, X("EncapsulatedTimeStamp"), X(b64_encode(token_bytes).c_str()));
    if (options.lt) {
      xmlNode* cv = xmlNewChild(usp, xns, X("CertificateValues"), nullptr);
      for (size_t i = 1; i < chain.size(); ++i)
        if (chain[i])
          xmlNewTextChild(cv, xns, X("EncapsulatedX509Certificate"),
                          X(b64_encode(certificate_der(chain[i].get())).c_str()));
      xmlNode* rv = xmlNewChild(usp, xns, X("RevocationValues"), nullptr);
      xmlNode* crl_values = xmlNewChild(rv, xns, X("CRLValues"), nullptr);
      for (const auto& crl : options.crls) {
        unsigned char* der = nullptr;
        int len = i2d_X509_CRL(crl.get(), &der);
        if (len <= 0) return fail("xades.level", "unencodable CRL");
        std::string bytes(reinterpret_cast<char*>(der), static_cast<size_t>(len));
        OPENSSL_free(der);
        xmlNewTextChild(crl_values, xns, X("EncapsulatedCRLValue"), X(b64_encode(bytes).c_str()));
      }
    }
  }

  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
  if (!mem || size <= 0) return fail("xades.serialize", "could not serialize the document");
  result.output.assign(reinterpret_cast<char*>(mem), static_cast<size_t>(size));
  xmlFree(mem);
  return result;
}

// ========================================================================================
// Verification
// ========================================================================================

namespace {

struct VerifyState {
  xmlDoc* doc = nullptr;
  xmlNode* root = nullptr;
  xmlNode* sig = nullptr;
  VerifyReport* report = nullptr;
  bool structure_ok = true;
  xmlNode* dss_transform = nullptr;  // the document reference's XPath / Filter 2.0 step
  void structure(const std::string& id, bool ok, const std::string& detail,
                 const xmlNode* where = nullptr) {
    std::string d = detail;
    if (where) d += " (" + xsd::xpath_of(where) + ")";
    if (!ok) {
      structure_ok = false;
      report->add(id, false, d, CheckKind::Format, "FORMAT_FAILURE");
    }
  }
};

// Checks one Reference's transforms: the document reference may drop the signature
// (enveloped-signature, or EU DSS's XPath / Filter 2.0 forms of it) then canonicalize; the
// SignedProperties reference may only canonicalize.
bool transforms_allowed(VerifyState& st, xmlNode* ref, bool document_ref) {
  xmlNode* transforms = child(ref, kDs, "Transforms");
  if (!transforms) return true;
  bool ok = true;
  size_t position = 0;
  for (xmlNode* t : element_children(transforms)) {
    ++position;
    std::string alg = attr(t, "Algorithm");
    if (!is_el(t, kDs, "Transform")) {
      st.structure("xmldsig.transform", false, "unexpected element in ds:Transforms", t);
      ok = false;
      continue;
    }
    if (is_c14n(alg) && element_children(t).empty()) continue;
    if (alg == kExcC14n) continue;  // may carry InclusiveNamespaces
    if (document_ref && position == 1) {
      if (alg == kEnveloped && element_children(t).empty()) continue;
      if (alg == kXpath) {
        auto kids = element_children(t);
        if (kids.size() == 1 && is_el(kids[0], kDs, "XPath") &&
            trim(text(kids[0])) == "not(ancestor-or-self::ds:Signature)") {
          xmlNs* ns = xmlSearchNs(st.doc, kids[0], X("ds"));
          if (ns && S(ns->href) == kDs) {
            st.dss_transform = t;
            continue;
          }
        }
      }
      if (alg == kFilter2) {
        auto kids = element_children(t);
        if (kids.size() == 1 && is_el(kids[0], kFilter2, "XPath") &&
            attr(kids[0], "Filter") == "subtract" &&
            trim(text(kids[0])) == "/descendant::ds:Signature") {
          xmlNs* ns = xmlSearchNs(st.doc, kids[0], X("ds"));
          if (ns && S(ns->href) == kDs) {
            st.dss_transform = t;
            continue;
          }
        }
      }
    }
    st.structure("xmldsig.transform", false,
                 "transform not allowed here: " + alg +
                     " (only enveloped-signature then C14N on the document, C14N on "
                     "SignedProperties)",
                 t);
    ok = false;
  }
  return ok;
}

// The SignatureValue over the canonical SignedInfo, checked apart from the references (xmlsec
// stops at the first failing reference): says whether only the content changed.
std::optional<bool> signed_info_verifies(xmlDoc* doc, const xmlNode* signed_info,
                                         const std::string& c14n_alg, const std::string& sig_alg,
                                         const xmlNode* sigvalue, EVP_PKEY* pkey) {
  auto canonical = canonicalize(doc, signed_info, c14n_alg);
  auto sig = b64_decode_ws(text(sigvalue));
  size_t hash = sig_alg.rfind("sha");
  if (!canonical || !sig || hash == std::string::npos || !pkey) return std::nullopt;
  const EVP_MD* md = EVP_get_digestbyname(sig_alg.substr(hash).c_str());
  if (!md) return std::nullopt;
  bool ec_uri = sig_alg.find("#ecdsa-") != std::string::npos;
  if (ec_uri != (EVP_PKEY_base_id(pkey) == EVP_PKEY_EC)) return false;  // key/algorithm mismatch
  std::string der = *sig;
  if (EVP_PKEY_base_id(pkey) == EVP_PKEY_EC) {  // XMLDSig ECDSA: r || s
    if (sig->empty() || sig->size() % 2) return false;
    size_t half = sig->size() / 2;
    auto* raw = reinterpret_cast<const unsigned char*>(sig->data());
    ECDSA_SIG* es = ECDSA_SIG_new();
    ECDSA_SIG_set0(es, BN_bin2bn(raw, static_cast<int>(half), nullptr),
                   BN_bin2bn(raw + half, static_cast<int>(half), nullptr));
    unsigned char* out = nullptr;
    int len = i2d_ECDSA_SIG(es, &out);
    ECDSA_SIG_free(es);
    if (len <= 0) return false;
    der.assign(reinterpret_cast<char*>(out), static_cast<size_t>(len));
    OPENSSL_free(out);
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, pkey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                             reinterpret_cast<const unsigned char*>(canonical->data()),
                             canonical->size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

struct Certs {
  std::vector<X509Ptr> key_info;
  std::vector<X509Ptr> values;  // xades:CertificateValues
  std::vector<CrlPtr> crls;
  std::vector<OcspPtr> ocsp;  // xades:OCSPValues
};

}  // namespace

VerifyReport verify_xades(std::string_view xml, const VerifyOptions& options) {
  VerifyReport report;
  report.method = "xades";
  std::string init_error;
  if (!xmlsec_ready(&init_error)) {
    report.diagnostics.push_back(make_error("internal.xades-init", "verify", init_error));
    report.finish();
    return report;
  }
  xsd::ParsedXml parsed = xsd::parse_xml(xml);
  report.diagnostics = parsed.diagnostics;
  if (!parsed.ok()) {
    report.add("envelope", false, "not well-formed XML", CheckKind::Format, "FORMAT_FAILURE");
    report.finish();
    return report;
  }
  VerifyState st;
  st.doc = parsed.doc.get();
  st.root = xmlDocGetRootElement(st.doc);
  st.report = &report;

  // One signature, a child of the root.
  std::vector<xmlNode*> signatures;
  std::map<std::string, std::vector<xmlAttr*>> ids;
  walk(st.root, [&](xmlNode* n) {
    if (is_el(n, kDs, "Signature")) signatures.push_back(n);
    for (xmlAttr* a = n->properties; a; a = a->next)
      if (is_id_attr(a)) ids[text(reinterpret_cast<xmlNode*>(a))].push_back(a);
  });
  if (signatures.empty()) {
    report.add("envelope", false, "no ds:Signature in the document", CheckKind::Format,
               "FORMAT_FAILURE");
    report.finish();
    return report;
  }
  st.structure("xmldsig.signature-count", signatures.size() == 1,
               std::to_string(signatures.size()) +
                   " ds:Signature elements; exactly one enveloped signature is accepted");
  st.sig = signatures.front();
  // Enveloped in the root: its child, or its grandchild (EDCI's proof/ds:Signature, a
  // presentation's vp:proof/ds:Signature).
  st.structure("xmldsig.placement",
               st.sig->parent == st.root || (st.sig->parent && st.sig->parent->parent == st.root),
               "the ds:Signature must be a child or grandchild of the document root", st.sig);
  for (auto& [value, attrs] : ids) {
    st.structure("xmldsig.duplicate-id", attrs.size() == 1,
                 "Id '" + value + "' occurs " + std::to_string(attrs.size()) + " times",
                 attrs.size() > 1 ? attrs[1]->parent : nullptr);
    if (attrs.size() == 1 && attrs[0]->atype != XML_ATTRIBUTE_ID)
      xmlAddID(nullptr, st.doc, X(value.c_str()), attrs[0]);
  }
  if (!st.structure_ok) {
    report.finish();
    return report;
  }
  bool plain_xmldsig = true;
  xmlNode* signed_info = child(st.sig, kDs, "SignedInfo");
  xmlNode* sigvalue = child(st.sig, kDs, "SignatureValue");
  if (!signed_info || !sigvalue) {
    st.structure("xmldsig.structure", false, "ds:SignedInfo or ds:SignatureValue missing", st.sig);
    report.finish();
    return report;
  }
  std::string c14n_alg = attr(child(signed_info, kDs, "CanonicalizationMethod"), "Algorithm");
  st.structure("xmldsig.c14n", is_c14n(c14n_alg),
               "SignedInfo canonicalization not allowed: " + c14n_alg, signed_info);
  std::string sig_alg = attr(child(signed_info, kDs, "SignatureMethod"), "Algorithm");
  bool legacy = false;
  st.structure("xmldsig.algorithm", signature_method_allowed(sig_alg, &legacy),
               "signature algorithm not allowed: " + sig_alg, signed_info);
  if (legacy)
    report.add("xmldsig.algorithm", true, "legacy algorithm " + sig_alg + " (SHA-1)",
               CheckKind::Info);

  // References: the document ("" or the root's Id) and this signature's SignedProperties.
  std::string root_id = attr(st.root, "Id");
  if (root_id.empty()) root_id = attr(st.root, "ID");
  std::string sig_id = attr(st.sig, "Id");
  xmlNode* signed_props = nullptr;
  int document_refs = 0, props_refs = 0;
  for (xmlNode* ref : element_children(signed_info)) {
    if (!is_el(ref, kDs, "Reference")) continue;
    // A Reference without URI (xadesjs writes one) names "the object the application knows":
    // here the document, as URI="" (xmlsec treats both alike); counted as a document reference.
    std::string uri = attr(ref, "URI");
    std::string type = attr(ref, "Type");
    if (uri.empty() || (!root_id.empty() && uri == "#" + root_id)) {
      ++document_refs;
      transforms_allowed(st, ref, true);
      if (!uri.empty())  // "#id" without enveloped transform would include the signature
        st.structure("xmldsig.reference-transform", child(ref, kDs, "Transforms") != nullptr,
                     "the document reference must drop the signature", ref);
      continue;
    }
    xmlNode* target = nullptr;
    if (uri.size() > 1 && uri[0] == '#') {
      auto it = ids.find(uri.substr(1));
      if (it != ids.end()) target = it->second.front()->parent;
    }
    if (target && is_el(target, kXades, "SignedProperties") && is_descendant(target, st.sig) &&
        type == kSignedPropsType) {
      ++props_refs;
      signed_props = target;
      plain_xmldsig = false;
      transforms_allowed(st, ref, false);
      continue;
    }
    st.structure("xmldsig.reference-target", false,
                 "reference '" + uri +
                     "' is neither the document root nor this signature's "
                     "SignedProperties (with Type " +
                     kSignedPropsType + ")",
                 ref);
  }
  st.structure("xmldsig.document-reference", document_refs == 1,
               std::to_string(document_refs) +
                   " references to the document; exactly one (URI \"\" or the root's Id)",
               signed_info);
  st.structure("xades.signed-properties-reference", props_refs <= 1,
               "more than one SignedProperties reference", signed_info);
  // ds:Object may hold only the XAdES QualifyingProperties.
  for (xmlNode* object : children(st.sig, kDs, "Object"))
    for (xmlNode* c : element_children(object))
      st.structure("xmldsig.object", is_el(c, kXades, "QualifyingProperties"),
                   "ds:Object holds something other than xades:QualifyingProperties", c);
  xmlNode* qp = nullptr;
  for (xmlNode* object : children(st.sig, kDs, "Object"))
    if (xmlNode* q = child(object, kXades, "QualifyingProperties")) qp = q;
  if (qp && signed_props)
    st.structure("xades.qualifying-properties", signed_props->parent == qp,
                 "the referenced SignedProperties is not in the QualifyingProperties", qp);
  if (qp && !sig_id.empty())
    st.structure("xades.target", attr(qp, "Target") == "#" + sig_id,
                 "QualifyingProperties Target is not this signature's Id", qp);
  report.method = plain_xmldsig ? "xmldsig" : "xades";
  if (qp && !signed_props)
    st.structure("xades.signed-properties-reference", false,
                 "XAdES QualifyingProperties present but SignedProperties is not signed", qp);

  // Certificates and revocation data.
  Certs certs;
  Diagnostics cert_diags;
  if (xmlNode* key_info = child(st.sig, kDs, "KeyInfo"))
    for (xmlNode* x509data : children(key_info, kDs, "X509Data"))
      for (xmlNode* c : children(x509data, kDs, "X509Certificate")) {
        auto der = b64_decode_ws(text(c));
        auto cert = der ? cached_certificate(*der) : std::nullopt;
        st.structure("xmldsig.certificate", cert.has_value(), "unreadable X509Certificate", c);
        if (cert) certs.key_info.push_back(*cert);
      }
  xmlNode* usp = nullptr;
  if (qp)
    usp = child(child(qp, kXades, "UnsignedProperties"), kXades, "UnsignedSignatureProperties");
  if (usp) {
    for (xmlNode* cv : children(usp, kXades, "CertificateValues"))
      for (xmlNode* c : children(cv, kXades, "EncapsulatedX509Certificate")) {
        auto der = b64_decode_ws(text(c));
        auto cert = der ? cached_certificate(*der) : std::nullopt;
        if (!cert)
          report.add("xades.certificate-values", false,
                     "unreadable EncapsulatedX509Certificate, ignored (" + xsd::xpath_of(c) + ")",
                     CheckKind::Info);
        if (cert) certs.values.push_back(*cert);
      }
    for (xmlNode* rv : children(usp, kXades, "RevocationValues")) {
      for (xmlNode* crl_values : children(rv, kXades, "CRLValues"))
        for (xmlNode* c : children(crl_values, kXades, "EncapsulatedCRLValue")) {
          auto der = b64_decode_ws(text(c));
          auto crl = der ? parse_der_crl(*der) : std::nullopt;
          if (!crl && der && der->rfind("-----BEGIN", 0) == 0) crl = pem_crl(*der);
          // Unsigned data: an unreadable value is reported, not a reason to fail the seal.
          if (!crl)
            report.add("xades.revocation-values", false,
                       "unreadable EncapsulatedCRLValue, ignored (" + xsd::xpath_of(c) + ")",
                       CheckKind::Info);
          if (crl) certs.crls.push_back(*crl);
        }
      for (xmlNode* ocsp_values : children(rv, kXades, "OCSPValues"))
        for (xmlNode* o : children(ocsp_values, kXades, "EncapsulatedOCSPValue")) {
          auto der = b64_decode_ws(text(o));
          auto resp = der ? parse_der_ocsp(*der) : std::nullopt;
          if (!resp)
            report.add("xades.ocsp-values", false,
                       "unreadable EncapsulatedOCSPValue, ignored (" + xsd::xpath_of(o) + ")",
                       CheckKind::Info);
          if (resp) certs.ocsp.push_back(*resp);
        }
    }
  }

  // The signing certificate: named by SigningCertificateV2 / SigningCertificate, else the
  // first KeyInfo certificate.
  std::vector<X509Ptr> candidates = certs.key_info;
  candidates.insert(candidates.end(), certs.values.begin(), certs.values.end());
  X509Ptr leaf;
  xmlNode* ssp = signed_props ? child(signed_props, kXades, "SignedSignatureProperties") : nullptr;
  if (ssp) {
    xmlNode* sc = child(ssp, kXades, "SigningCertificateV2");
    bool v1 = false;
    if (!sc) {
      sc = child(ssp, kXades, "SigningCertificate");
      v1 = sc != nullptr;
    }
    if (!sc) {
      report.add("xades.signing-certificate", false,
                 "neither SigningCertificateV2 nor SigningCertificate in SignedProperties",
                 CheckKind::Format, "FORMAT_FAILURE");
    } else {
      xmlNode* first = child(sc, kXades, "Cert");
      xmlNode* cd = child(first, kXades, "CertDigest");
      const EVP_MD* md = digest_for_uri(attr(child(cd, kDs, "DigestMethod"), "Algorithm"));
      auto expected = b64_decode_ws(text(child(cd, kDs, "DigestValue")));
      if (md && expected)
        for (const auto& cand : candidates)
          if (digest(md, certificate_der(cand.get())) == *expected) {
            leaf = cand;
            break;
          }
      std::string name = v1 ? "SigningCertificate" : "SigningCertificateV2";
      report.add("xades.signing-certificate", leaf != nullptr,
                 leaf
                     ? name + " digest matches the signing certificate"
                     : name + " digest matches no embedded certificate (" + xsd::xpath_of(sc) + ")",
                 CheckKind::Trust, "NO_SIGNING_CERTIFICATE_FOUND");
      if (leaf && v1) {
        xmlNode* is = child(first, kXades, "IssuerSerial");
        std::string serial = trim(text(child(is, kDs, "X509SerialNumber")));
        if (is)
          report.add("xades.issuer-serial", serial == serial_decimal(leaf.get()),
                     "IssuerSerial serial number " + serial, CheckKind::Trust,
                     "NO_SIGNING_CERTIFICATE_FOUND");
      }
      if (leaf && !v1) {
        std::string issuer_serial = trim(text(child(first, kXades, "IssuerSerialV2")));
        if (!issuer_serial.empty()) {
          auto der = b64_decode_ws(issuer_serial);
          report.add("xades.issuer-serial", der && *der == issuer_serial_der(leaf.get()),
                     "IssuerSerialV2 names the signing certificate's issuer and serial",
                     CheckKind::Trust, "NO_SIGNING_CERTIFICATE_FOUND");
        }
      }
    }
    if (xmlNode* t = child(ssp, kXades, "SigningTime")) {
      auto when = parse_xsd_datetime(trim(text(t)));
      report.add("xades.signing-time", when.has_value(),
                 when ? "claimed signing time " + iso_time(*when)
                      : "SigningTime is not an xsd:dateTime (" + xsd::xpath_of(t) + ")",
                 CheckKind::Format, "FORMAT_FAILURE");
      if (when) {
        report.signing_time = iso_time(*when);
        if (leaf) {
          bool inside = X509_cmp_time(X509_get0_notBefore(leaf.get()), &*when) <= 0 &&
                        X509_cmp_time(X509_get0_notAfter(leaf.get()), &*when) >= 0;
          report.add("xades.signing-time-validity", inside,
                     inside ? "claimed signing time within the certificate's validity"
                            : "claimed signing time outside the certificate's validity",
                     CheckKind::Trust, "OUT_OF_BOUNDS_NO_POE");
        }
      }
    }
  }
  if (!leaf && !certs.key_info.empty() && !ssp) leaf = certs.key_info.front();
  if (leaf) report.signer = signer_info(leaf.get());

  // XMLDSig core validation through xmlsec.
  if (st.structure_ok) {
    EVP_PKEY* verify_key =
        leaf ? X509_get0_pubkey(leaf.get()) : (options.key ? options.key->pkey() : nullptr);
    if (!verify_key) {
      report.add("xmldsig.key", false, "no certificate or key to verify the signature with",
                 CheckKind::Trust, "NO_SIGNING_CERTIFICATE_FOUND");
    } else {
      // EU DSS's XPath / Filter 2.0 forms select, under the one-signature rule checked above,
      // exactly what enveloped-signature selects; xmlsec's XPath evaluation costs O(nodes x
      // in-scope namespaces) (35 ms on a 100 kB EDCI). So: the SignatureValue is checked here
      // over the SignedInfo as signed, then that step is replaced by enveloped-signature and
      // xmlsec digests the references (its own verdict on the now different SignedInfo is
      // not used).
      std::optional<bool> signed_as_is;
      if (st.dss_transform) {
        signed_as_is =
            signed_info_verifies(st.doc, signed_info, c14n_alg, sig_alg, sigvalue, verify_key);
        xmlSetProp(st.dss_transform, X("Algorithm"), X(kEnveloped));
        while (xmlNode* c = st.dss_transform->children) {
          xmlUnlinkNode(c);
          xmlFreeNode(c);
        }
      }
      DsigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
      restrict_context(ctx.get());
      ctx->signKey = xmlsec_key(verify_key);
      last_xmlsec_error.clear();
      int rc = ctx->signKey ? xmlSecDSigCtxVerify(ctx.get(), st.sig) : -1;
      if (rc < 0) {
        report.add("xmldsig.signature", false,
                   "xmlsec could not process the signature (key type, algorithm or "
                   "reference): " +
                       last_xmlsec_error,
                   CheckKind::Integrity, "SIG_CRYPTO_FAILURE");
      } else {
        bool refs_ok = true;
        xmlSecSize n = xmlSecPtrListGetSize(&ctx->signedInfoReferences);
        for (xmlSecSize i = 0; i < n; ++i) {
          auto* r = static_cast<xmlSecDSigReferenceCtxPtr>(
              xmlSecPtrListGetItem(&ctx->signedInfoReferences, i));
          bool ok = r->status == xmlSecDSigStatusSucceeded;
          refs_ok &= ok;
          std::string uri = S(r->uri);
          report.add("xmldsig.reference", ok,
                     (uri.empty() ? std::string("document (URI \"\")") : uri) +
                         (ok ? ": digest matches" : ": digest does not match"),
                     CheckKind::Integrity, "HASH_FAILURE");
        }
        bool sig_ok = st.dss_transform ? refs_ok && signed_as_is.value_or(false)
                                       : ctx->status == xmlSecDSigStatusSucceeded;
        std::string when_refs_fail = "a reference failed";
        if (!refs_ok) {
          auto own = st.dss_transform ? signed_as_is
                                      : signed_info_verifies(st.doc, signed_info, c14n_alg, sig_alg,
                                                             sigvalue, verify_key);
          if (own)
            when_refs_fail += *own ? "; the SignatureValue over SignedInfo verifies (the signed "
                                     "content was changed)"
                                   : "; the SignatureValue over SignedInfo does not verify either";
        }
        report.add("xmldsig.signature", sig_ok,
                   sig_ok    ? "signature value verifies (" + sig_alg + ")"
                   : refs_ok ? "signature value does not verify"
                             : when_refs_fail,
                   CheckKind::Integrity, refs_ok ? "SIG_CRYPTO_FAILURE" : "HASH_FAILURE");
      }
    }
  }

  // Signature timestamps over the canonicalized ds:SignatureValue.
  std::optional<std::time_t> proven;
  if (usp && st.structure_ok) {
    for (xmlNode* sts : children(usp, kXades, "SignatureTimeStamp")) {
      std::string method = attr(child(sts, kDs, "CanonicalizationMethod"), "Algorithm");
      if (method.empty()) method = kC14n;  // XAdES default
      auto covered = canonicalize(st.doc, sigvalue, method);
      for (xmlNode* ets : children(sts, kXades, "EncapsulatedTimeStamp")) {
        auto der = b64_decode_ws(text(ets));
        if (!covered || !der) {
          report.add("xades.signature-timestamp", false,
                     "unreadable SignatureTimeStamp (" + xsd::xpath_of(ets) + ")",
                     CheckKind::Timestamp, "FORMAT_FAILURE");
          continue;
        }
        timestamp::VerifyOptions vo;
        vo.type = "SignatureTimeStamp";
        std::vector<uint8_t> token(der->begin(), der->end());
        timestamp::TokenVerification tv = timestamp::verify_token(token, *covered, vo);
        tv.add_to(report);
        if (!tv.valid() || !tv.tsa_certificate) continue;
        // As in JAdES: the token proves its time only when its TSA is trusted at genTime,
        // with the token's certificates, CertificateValues and RevocationValues (CRL, OCSP).
        TrustInput tsa;
        X509_up_ref(tv.tsa_certificate.get());
        tsa.leaf = wrap(tv.tsa_certificate.get());
        tsa.untrusted = tv.token_certificates;
        tsa.untrusted.insert(tsa.untrusted.end(), candidates.begin(), candidates.end());
        tsa.crls = certs.crls;
        tsa.ocsp = certs.ocsp;
        tsa.at = parse_iso_utc(tv.info.time);
        auto [trusted, detail] = evaluate_timestamp_authority(tsa, options.trust);
        report.timestamps.back().valid = trusted;
        report.add("xades.signature-timestamp.tsa", trusted,
                   std::string(trusted ? "TSA trusted at " : "TSA not trusted at ") + tv.info.time +
                       " (" + tv.info.tsa + "): " + detail +
                       (trusted ? "" : "; the token proves no time"),
                   CheckKind::Info);
        if (trusted && (!proven || *tsa.at < *proven)) proven = tsa.at;
      }
    }
  }

  if (st.structure_ok && leaf) {
    TrustInput trust;
    trust.leaf = leaf;
    for (const auto& c : candidates)
      if (c != leaf) trust.untrusted.push_back(c);
    trust.crls = certs.crls;
    trust.ocsp = certs.ocsp;
    trust.at = options.at;
    trust.proven = proven;
    if (proven) report.signing_time = iso_time(*proven);
    evaluate_trust(trust, options.trust, report);
  } else if (st.structure_ok && !leaf && options.key) {
    report.add("trust.chain", false, "no certificate: the key is not bound to an identity",
               CheckKind::Trust, "NO_CERTIFICATE_CHAIN_FOUND");
  }
  report.finish();
  return report;
}

}  // namespace credgate::signing
