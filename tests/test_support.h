// Shared test helpers: temporary directories, running the built binary, and
// making real git repositories with the git command line.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "contract_lint/snapshot.h"

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

// Every regular file under `dir` (paths relative to it, '/'-separated) as a
// MemorySnapshot named `description`; a missing `dir` is an empty side (git
// keeps no empty folder). Reads only: fixture runners never write into the
// source tree.
std::unique_ptr<Snapshot> FolderSnapshot(const std::filesystem::path& dir,
                                         const std::string& description);

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

// Whether `text` contains `part`.
bool Has(const std::string& text, const std::string& part);

// `from` replaced by `to` (exactly once: REQUIREs that `from` occurs).
std::string Replace(std::string text, const std::string& from, const std::string& to);

// A git repository in a temporary directory whose `main` holds the files
// written before Commit(); later writes change the working tree.
class Repo {
 public:
  Repo();
  const std::filesystem::path& path() const { return dir_.path(); }
  void Write(const std::string& relative, const std::string& content) const;
  std::string Read(const std::string& relative) const;
  // Replaces `from` by `to` in a file of the working tree.
  void Edit(const std::string& relative, const std::string& from, const std::string& to) const;
  void Commit(const std::string& message = "baseline") const;
  CommandResult Run(const std::string& args) const;
  // Runs with --format json and parses stdout (REQUIREs valid JSON).
  nlohmann::json RunJson(const std::string& args, int* exit_code) const;

 private:
  TempDir dir_;
};

}  // namespace contract_lint::testing
