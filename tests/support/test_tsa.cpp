#include "support/test_tsa.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace credgate::test {

namespace {

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext) X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

ASN1_INTEGER* next_serial(TS_RESP_CTX*, void* data) {
  long* serial = static_cast<long*>(data);
  ASN1_INTEGER* out = ASN1_INTEGER_new();
  ASN1_INTEGER_set(out, ++*serial);
  return out;
}

bool write_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

int fixed_time(TS_RESP_CTX*, void* data, long* seconds, long* microseconds) {
  *seconds = static_cast<long>(*static_cast<long long*>(data));
  *microseconds = 0;
  return 1;
}

}  // namespace

TestTsa::TestTsa() {
  key_ = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  cert_ = X509_new();
  X509_set_version(cert_, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert_), 20261123);
  X509_NAME* name = X509_get_subject_name(cert_);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("credgate tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("credgate test TSA"), -1, -1,
                             0);
  X509_set_issuer_name(cert_, name);
  X509_gmtime_adj(X509_getm_notBefore(cert_), -1000L * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert_), 86400);
  X509_set_pubkey(cert_, key_);
  add_extension(cert_, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert_, NID_key_usage, "critical,digitalSignature");
  add_extension(cert_, NID_ext_key_usage, "critical,timeStamping");
  add_extension(cert_, NID_subject_key_identifier, "hash");
  X509_sign(cert_, key_, EVP_sha256());

  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t length = sizeof addr;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &length) != 0)
    return;
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

TestTsa::~TestTsa() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  X509_free(cert_);
  EVP_PKEY_free(key_);
}

std::string TestTsa::respond(const std::string& request) {
  Mode mode = mode_;
  if (mode == Mode::NotTsa) return "this is not a TimeStampResp";
  if (mode == Mode::Replay && !first_response_.empty()) return first_response_;
  TS_RESP_CTX* ctx = TS_RESP_CTX_new();
  ASN1_OBJECT* policy = OBJ_txt2obj("1.3.6.1.4.1.4146.99.1", 1);  // a test policy OID
  TS_RESP_CTX_set_signer_cert(ctx, cert_);
  TS_RESP_CTX_set_signer_key(ctx, key_);
  TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256());
  TS_RESP_CTX_set_ess_cert_id_digest(ctx, EVP_sha256());
  TS_RESP_CTX_set_def_policy(ctx, policy);
  if (mode != Mode::Reject) {
    TS_RESP_CTX_add_md(ctx, EVP_sha256());
    TS_RESP_CTX_add_md(ctx, EVP_sha384());
  }
  TS_RESP_CTX_add_md(ctx, EVP_sha512());
  TS_RESP_CTX_set_accuracy(ctx, 1, 0, 0);
  TS_RESP_CTX_set_serial_cb(ctx, next_serial, &serial_);
  long long fixed = fixed_time_;
  if (fixed != 0) TS_RESP_CTX_set_time_cb(ctx, fixed_time, &fixed);
  BIO* in = BIO_new_mem_buf(request.data(), static_cast<int>(request.size()));
  TS_RESP* response = TS_RESP_create_response(ctx, in);
  std::string out;
  unsigned char* der = nullptr;
  int n = response ? i2d_TS_RESP(response, &der) : -1;
  if (n > 0) out.assign(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  TS_RESP_free(response);
  BIO_free(in);
  ASN1_OBJECT_free(policy);
  TS_RESP_CTX_free(ctx);
  ERR_clear_error();
  if (first_response_.empty()) first_response_ = out;
  return out;
}

void TestTsa::serve() {
  while (!stop_) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::string data;
    char buffer[4096];
    size_t header_end = std::string::npos, content_length = 0;
    while (true) {
      pollfd cfd{fd, POLLIN, 0};
      if (::poll(&cfd, 1, 2000) <= 0) break;
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      data.append(buffer, static_cast<size_t>(n));
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          std::string headers = data.substr(0, header_end);
          for (auto& c : headers)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          size_t at = headers.find("content-length:");
          if (at != std::string::npos) content_length = std::stoul(headers.substr(at + 15));
        }
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    }
    if (header_end != std::string::npos) {
      ++requests_;
      std::string body = respond(data.substr(header_end + 4, content_length));
      write_all(fd,
                "HTTP/1.0 200 OK\r\nContent-Type: application/timestamp-reply\r\n"
                "Content-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    }
    ::close(fd);
  }
}

}  // namespace credgate::test
