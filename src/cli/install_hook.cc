#include "cli/install_hook.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = "# contract-lint pre-commit hook";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The git directory for `cwd`: walks up to a `.git` folder, or follows a
// `.git` file ("gitdir: …") as worktrees and submodules have.
bool FindGitDir(fs::path dir, fs::path* git_dir) {
  for (dir = fs::absolute(dir);; dir = dir.parent_path()) {
    fs::path dot_git = dir / ".git";
    if (fs::is_directory(dot_git)) {
      *git_dir = dot_git;
      return true;
    }
    if (fs::is_regular_file(dot_git)) {
      std::string text = Slurp(dot_git);
      if (text.rfind("gitdir: ", 0) == 0) {
        std::string target = text.substr(8, text.find_first_of("\r\n") - 8);
        fs::path path(target);
        *git_dir = path.is_absolute() ? path : dir / path;
        // A linked worktree's hooks live in the common dir.
        if (fs::exists(*git_dir / "commondir")) {
          std::string common = Slurp(*git_dir / "commondir");
          common = common.substr(0, common.find_first_of("\r\n"));
          *git_dir = fs::path(common).is_absolute() ? fs::path(common) : *git_dir / common;
        }
        return true;
      }
    }
    if (dir == dir.root_path()) return false;
  }
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string HookScript(const std::string& binary, bool chain) {
  std::string script = "#!/bin/sh\n";
  script += std::string(kMarker) + " (written by `contract-lint install-hook`).\n";
  script += "# Checks the staged contracts against HEAD; a breaking change stops the commit.\n";
  script += "# Skip once with `git commit --no-verify`.\n";
  if (chain) {
    script += "hook_dir=$(dirname \"$0\")\n";
    script +=
        "if [ -x \"$hook_dir/pre-commit.local\" ]; then \"$hook_dir/pre-commit.local\" \"$@\" || "
        "exit $?; fi\n";
  }
  script += "bin=" + Quote(binary) + "\n";
  script += "[ -x \"$bin\" ] || bin=contract-lint\n";
  script += "exec \"$bin\" --staged\n";
  return script;
}

}  // namespace

HookResult InstallPreCommitHook(const std::string& cwd, const std::string& binary, bool force) {
  fs::path git_dir;
  if (!FindGitDir(cwd, &git_dir)) {
    return {2, "not a git repository (or any parent): " + cwd};
  }
  fs::path hooks = git_dir / "hooks";
  fs::path hook = hooks / "pre-commit";
  std::error_code ec;
  fs::create_directories(hooks, ec);
  bool chain = false;
  if (fs::exists(hook)) {
    std::string existing = Slurp(hook);
    if (existing.find(kMarker) != std::string::npos) {
      chain = fs::exists(hooks / "pre-commit.local");
    } else if (!force) {
      return {
          2,
          hook.string() +
              " already exists and was not written by contract-lint; it was "
              "left unchanged. Either add this line to it:\n    contract-lint --staged || exit 1\n"
              "or run `contract-lint install-hook --force`, which keeps it as "
              "pre-commit.local and runs it before the check."};
    } else {
      fs::rename(hook, hooks / "pre-commit.local", ec);
      if (ec) return {2, "cannot move the existing hook aside: " + ec.message()};
      chain = true;
    }
  }
  {
    std::ofstream out(hook, std::ios::binary | std::ios::trunc);
    out << HookScript(binary, chain);
    if (!out) return {2, "cannot write " + hook.string()};
  }
  fs::permissions(hook,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  std::string message = "installed " + hook.string() + " (runs `contract-lint --staged`)";
  if (chain) message += "; the previous hook runs first from pre-commit.local";
  return {0, message};
}

}  // namespace contract_lint
