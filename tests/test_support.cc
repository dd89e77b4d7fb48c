#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace contract_lint::testing {

std::filesystem::path SourceDir() { return CONTRACT_LINT_SOURCE_DIR; }
std::filesystem::path BinaryPath() { return CONTRACT_LINT_BINARY; }

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("contract-lint-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::filesystem::path& dir, const std::string& relative,
               const std::string& content) {
  auto path = dir / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  REQUIRE(out.good());
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::unique_ptr<Snapshot> FolderSnapshot(const std::filesystem::path& dir,
                                         const std::string& description) {
  std::map<std::string, std::string> files;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file())
        files[entry.path().lexically_relative(dir).generic_string()] = ReadFile(entry.path());
    }
  }
  return std::make_unique<MemorySnapshot>(std::move(files), description);
}

CommandResult Run(const std::string& command, const std::filesystem::path& dir) {
  TempDir capture;
  auto out_path = capture.path() / "out";
  auto err_path = capture.path() / "err";
  std::string full = "cd " + ShellQuote(dir.string()) + " && ( " + command + " ) >" +
                     ShellQuote(out_path.string()) + " 2>" + ShellQuote(err_path.string()) +
                     " </dev/null";
  int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

CommandResult RunTool(const std::string& args, const std::filesystem::path& dir) {
  return Run(ShellQuote(BinaryPath().string()) + " " + args, dir);
}

std::string Git(const std::string& args, const std::filesystem::path& dir) {
  std::string env =
      "GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=test "
      "GIT_COMMITTER_EMAIL=test@example.com GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' "
      "GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' GIT_CONFIG_NOSYSTEM=1 HOME=" +
      ShellQuote(dir.string()) + " ";
  auto result = Run(env + "git -c init.defaultBranch=main -c commit.gpgsign=false " + args, dir);
  INFO("git " << args << "\n" << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  INFO("replacing " << from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

Repo::Repo() { Git("init -q", path()); }

void Repo::Write(const std::string& relative, const std::string& content) const {
  WriteFile(path(), relative, content);
}

std::string Repo::Read(const std::string& relative) const { return ReadFile(path() / relative); }

void Repo::Edit(const std::string& relative, const std::string& from, const std::string& to) const {
  Write(relative, Replace(Read(relative), from, to));
}

void Repo::Commit(const std::string& message) const {
  Git("add -A", path());
  Git("commit -qm " + ShellQuote(message), path());
}

CommandResult Repo::Run(const std::string& args) const {
  return RunTool(args + " --color never", path());
}

nlohmann::json Repo::RunJson(const std::string& args, int* exit_code) const {
  auto result = RunTool(args + " --format json", path());
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  *exit_code = result.exit_code;
  auto doc = nlohmann::json::parse(result.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

}  // namespace contract_lint::testing
