#include "cli/install_hook.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
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

std::string HookScript(bool chain) {
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
  // contract-lint from PATH: the hook is shared by everyone who clones, so
  // it must not name the build directory of whoever installed it.
  script += "if ! command -v contract-lint >/dev/null 2>&1; then\n";
  script +=
      "  echo \"contract-lint pre-commit hook: contract-lint is not on PATH; install it or add "
      "its directory to PATH (or skip the check once with 'git commit --no-verify')\" >&2\n";
  script += "  exit 1\nfi\n";
  // Hooks run from the top of the working tree: a baseline committed there
  // is honoured, so the advice below ("a baseline") works in the hook too.
  script += "if [ -f contract-lint.baseline.json ]; then\n";
  script += "  contract-lint --staged -q --baseline contract-lint.baseline.json\n";
  script += "else\n";
  script += "  contract-lint --staged -q\n";
  script += "fi\n";
  script += "status=$?\n";
  script += "if [ \"$status\" -ne 0 ]; then\n";
  script += "  cat >&2 <<'CONTRACT_LINT_HELP'\n";
  script += "\ncontract-lint stopped this commit. What to do:\n";
  script += "  - read why the rule matters and how to change the contract safely:\n";
  script += "      contract-lint explain RULE\n";
  script += "  - accept a deliberate change: `// contract-lint:ignore RULE reason` above the\n";
  script += "    element, `breaking.ignore_only` in contract-lint.yaml (for a deletion), or a\n";
  script +=
      "    baseline (`contract-lint baseline --staged -o contract-lint.baseline.json`; this\n";
  script += "    hook reads that file when it is there)\n";
  script += "  - commit anyway, this once: git commit --no-verify\n";
  script += "CONTRACT_LINT_HELP\n";
  script += "fi\n";
  script += "exit $status\n";
  return script;
}

// Where git runs hooks from: `git rev-parse --git-path hooks` honours
// core.hooksPath (husky, lefthook) and linked worktrees. Empty when git
// cannot tell (then the .git folder's hooks are used).
fs::path GitHooksDir(const fs::path& cwd) {
  // From the top of the working tree: a relative core.hooksPath is relative
  // to it, and --git-path prints it as configured.
  std::string command = "cd " + Quote(cwd.string()) +
                        " && { top=$(git rev-parse --show-toplevel 2>/dev/null) && cd \"$top\"; "
                        "true; } && pwd && git rev-parse --git-path hooks 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  if (pclose(pipe) != 0) return {};
  size_t newline = out.find('\n');
  if (newline == std::string::npos) return {};
  fs::path top = out.substr(0, newline);
  std::string hooks_text = out.substr(newline + 1);
  while (!hooks_text.empty() && (hooks_text.back() == '\n' || hooks_text.back() == '\r')) {
    hooks_text.pop_back();
  }
  if (hooks_text.empty()) return {};
  fs::path hooks(hooks_text);
  return hooks.is_absolute() ? hooks : (top / hooks).lexically_normal();
}

bool OnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string dirs = path;
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (!dir.empty() && access((fs::path(dir) / name).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

HookResult InstallPreCommitHook(const std::string& cwd, bool force) {
  fs::path git_dir;
  if (!FindGitDir(cwd, &git_dir)) {
    return {2, "not a git repository (or any parent): " + cwd};
  }
  fs::path hooks = GitHooksDir(cwd);
  if (hooks.empty()) hooks = git_dir / "hooks";
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
    out << HookScript(chain);
    if (!out) return {2, "cannot write " + hook.string()};
  }
  fs::permissions(hook,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  std::string message =
      "installed " + hook.string() + " (runs `contract-lint --staged -q` from PATH)";
  if (chain) message += "; the previous hook runs first from pre-commit.local";
  if (!OnPath("contract-lint")) {
    message += "\nnote: contract-lint is not on PATH yet; the hook stops every commit until it is";
  }
  return {0, message};
}

}  // namespace contract_lint
