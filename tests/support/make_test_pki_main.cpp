// credgate_test_pki DIR: writes the test PKI of support/test_pki.hpp into DIR, for the shell
// and node tests (CLI contract, jose interop, PKCS#11).
#include <filesystem>
#include <iostream>

#include "support/test_pki.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: credgate_test_pki DIR\n";
    return 2;
  }
  std::filesystem::create_directories(argv[1]);
  credgate::test::make_test_pki(argv[1]);
  return 0;
}
