#include "support/http_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "support/test_support.hpp"

namespace credgate::test {

HttpFixture::HttpFixture(const std::string& directory, const std::string& routes) {
  int out[2];
  if (pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    std::string script = source_dir() + "/tests/support/http_fixture.py";
    if (routes.empty())
      execlp("python3", "python3", script.c_str(), directory.c_str(), static_cast<char*>(nullptr));
    else
      execlp("python3", "python3", script.c_str(), directory.c_str(), routes.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  if (!f || std::fscanf(f, "%d", &port_) != 1) port_ = 0;
  if (f) std::fclose(f);
}

HttpFixture::~HttpFixture() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace credgate::test
