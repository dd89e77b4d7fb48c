// `contract-lint install-hook`: the command line of install_hook.h.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/install_hook.h"

namespace contract_lint {

CommandRunner AddInstallHookCommand(CLI::App* install_hook) {
  auto force = std::make_shared<bool>(false);
  install_hook->add_flag(
      "--force", *force,
      "Replace a hook that is not ours (it is kept as pre-commit.local and run first)");
  return [force] {
    auto result = InstallPreCommitHook(std::filesystem::current_path().string(), *force);
    if (result.exit_code != 0) {
      std::cerr << "contract-lint: error: " << result.message << "\n";
    } else {
      std::cout << result.message << "\n";
    }
    return result.exit_code;
  };
}

}  // namespace contract_lint
