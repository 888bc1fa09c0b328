// A loopback RFC 3161 time-stamping authority for the tests, built on OpenSSL's TS_RESP_CTX:
// it makes its own P-256 key and self-signed certificate (extendedKeyUsage timeStamping,
// critical) and answers POSTed TimeStampReqs over HTTP/1.0 on 127.0.0.1 (ephemeral port) from
// a thread, for the life of the object. No external service is used.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <ctime>
#include <string>
#include <thread>

namespace credgate::test {

class TestTsa {
 public:
  enum class Mode {
    Grant,   // answer every request
    Reject,  // accept only SHA-512 imprints: a SHA-256 request gets "rejection, badAlg"
    Replay,  // answer every request with the first response it made (wrong nonce)
    NotTsa,  // answer 200 with a body that is not a TimeStampResp
  };

  TestTsa();
  ~TestTsa();
  TestTsa(const TestTsa&) = delete;
  TestTsa& operator=(const TestTsa&) = delete;

  bool running() const { return port_ > 0; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/tsa"; }
  X509* certificate() const { return cert_; }
  void set_mode(Mode mode) { mode_ = mode; }
  // genTime of the tokens it makes from now on (0 = the clock): a timestamp "made" in the past,
  // inside the TSA certificate's validity (which starts 1000 days ago).
  void set_time(std::time_t t) { fixed_time_ = static_cast<long long>(t); }
  int requests() const { return requests_; }

 private:
  void serve();
  std::string respond(const std::string& request);

  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<Mode> mode_{Mode::Grant};
  std::atomic<int> requests_{0};
  std::atomic<long long> fixed_time_{0};
  long serial_ = 0;
  std::string first_response_;
  std::thread thread_;
};

}  // namespace credgate::test
