// `contract-lint init` and the ownership sources: contracts whose owners
// CODEOWNERS or the Backstage catalog give on every run get no `owner:` line.
#pragma once

#include <map>
#include <string>

#include "config/starter_config.h"

namespace contract_lint {

// True for the files `init` must read for StarterOwnersFrom: the CODEOWNERS
// locations and catalog-info.yaml / catalog-info.yml anywhere.
bool IsOwnershipFile(const std::string& path);

// `contract_files` are the files StarterConfig reads; `ownership_files` the
// CODEOWNERS and catalog files (path -> contents, repository-relative).
StarterOwners StarterOwnersFrom(const std::map<std::string, std::string>& contract_files,
                                const std::map<std::string, std::string>& ownership_files);

}  // namespace contract_lint
