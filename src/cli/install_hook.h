// `contract-lint install-hook`: writes a git pre-commit hook that runs
// `contract-lint --staged`. A hook that is not ours is never replaced silently.
#pragma once

#include <string>

namespace contract_lint {

struct HookResult {
  int exit_code = 0;    // 0 installed (or already ours), 2 refused or failed
  std::string message;  // what happened, or why not and how to chain instead
};

// `cwd` is inside the repository. The hook goes where git runs hooks from
// (`git rev-parse --git-path hooks`: core.hooksPath is honoured) and calls
// `contract-lint --staged -q` from PATH. With `force`, a foreign hook is kept
// as pre-commit.local and run first.
HookResult InstallPreCommitHook(const std::string& cwd, bool force);

}  // namespace contract_lint
