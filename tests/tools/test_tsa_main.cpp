// The loopback test TSA (tests/support/test_tsa.*) for shell tests:
//   credgate_test_tsa CERT.pem
// writes the TSA's self-signed certificate to CERT.pem, prints its URL on one line and
// serves until SIGTERM or SIGINT. 127.0.0.1 only, ephemeral port.
#include <openssl/pem.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "support/test_tsa.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: credgate_test_tsa CERT.pem\n";
    return 2;
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // before the server thread starts
  credgate::test::TestTsa tsa;
  if (!tsa.running()) {
    std::cerr << "credgate_test_tsa: could not listen on 127.0.0.1\n";
    return 1;
  }
  FILE* pem = std::fopen(argv[1], "w");
  if (!pem || PEM_write_X509(pem, tsa.certificate()) != 1) {
    std::cerr << "credgate_test_tsa: cannot write " << argv[1] << "\n";
    if (pem) std::fclose(pem);
    return 1;
  }
  std::fclose(pem);
  std::cout << tsa.url() << std::endl;
  int signal = 0;
  sigwait(&stop, &signal);
  return 0;
}
