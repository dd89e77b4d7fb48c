// Shared test helpers: temporary directories, running the built binary, and
// making real git repositories with the git command line.
#pragma once

#include <filesystem>
#include <string>

namespace contract_lint::testing {

// Absolute path of the source tree and the built binary.
std::filesystem::path SourceDir();
std::filesystem::path BinaryPath();

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to dir/relative, creating parent directories.
void WriteFile(const std::filesystem::path& dir, const std::string& relative,
               const std::string& content);
std::string ReadFile(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `command` with /bin/sh in `dir`, capturing stdout and stderr.
CommandResult Run(const std::string& command, const std::filesystem::path& dir);

// Runs the built contract-lint with `args` (already shell-quoted) in `dir`.
CommandResult RunTool(const std::string& args, const std::filesystem::path& dir);

// Runs git with a fixed identity and dates; REQUIREs success.
std::string Git(const std::string& args, const std::filesystem::path& dir);

// Single-quotes a string for /bin/sh.
std::string ShellQuote(const std::string& s);

}  // namespace contract_lint::testing
