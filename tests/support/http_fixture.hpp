// Starts tests/support/http_fixture.py on loopback for the life of the object.
#pragma once

#include <string>

namespace credgate::test {

class HttpFixture {
 public:
  // `directory`: served files; `routes`: JSON routes file ("" for none).
  HttpFixture(const std::string& directory, const std::string& routes = "");
  ~HttpFixture();
  HttpFixture(const HttpFixture&) = delete;
  HttpFixture& operator=(const HttpFixture&) = delete;

  bool running() const { return port_ > 0; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  int pid_ = -1;
  int port_ = 0;
};

}  // namespace credgate::test
