#include "ownership/starter_owners.h"

#include <memory>
#include <optional>
#include <set>

#include "config/glob.h"
#include "ownership/backstage_catalog.h"
#include "ownership/codeowners.h"
#include "ownership/ownership.h"

namespace contract_lint {

bool IsOwnershipFile(const std::string& path) {
  for (const char* location : kCodeOwnersLocations) {
    if (path == location) return true;
  }
  return GlobMatchAny(OwnershipSettings{}.backstage, path);
}

StarterOwners StarterOwnersFrom(const std::map<std::string, std::string>& contract_files,
                                const std::map<std::string, std::string>& ownership_files) {
  StarterOwners owners;
  // The same readers as a check, over the files init found; their warnings
  // are the check's to print.
  std::map<std::string, std::string> all = contract_files;
  all.insert(ownership_files.begin(), ownership_files.end());
  MemorySnapshot snapshot(all, "working tree");
  std::vector<Diagnostic> warnings;
  Diagnostics ignored;
  auto codeowners = std::make_shared<std::optional<CodeOwners>>();
  for (const char* location : kCodeOwnersLocations) {
    auto it = ownership_files.find(location);
    if (it == ownership_files.end()) continue;
    *codeowners = CodeOwners::Parse(it->second, location, &warnings);
    break;
  }
  Catalog catalog = ReadCatalog(snapshot, OwnershipSettings{}.backstage, &ignored, &warnings);
  auto api_owned = std::make_shared<std::set<std::string>>();
  for (const auto& api : catalog.apis) {
    if (!api.definition.empty() && !api.owner.empty()) api_owned->insert(api.definition);
  }
  for (const auto& consumer : catalog.consumers) {
    if (!consumer.definitions.empty()) owners.catalog_consumers.push_back(consumer.name);
  }
  if (!*codeowners && api_owned->empty()) return owners;
  auto files = std::make_shared<std::vector<std::string>>();
  for (const auto& [path, unused] : contract_files) files->push_back(path);
  owners.owner_source = [codeowners, api_owned, files](const std::string& glob) -> std::string {
    bool any = false, backstage = false, code = false;
    for (const auto& path : *files) {
      if (!GlobMatch(glob, path)) continue;
      any = true;
      if (api_owned->count(path)) {
        backstage = true;
      } else if (*codeowners && !(*codeowners)->OwnersOf(path).empty()) {
        code = true;
      } else {
        return "";  // a file nobody owns: the config must say
      }
    }
    if (!any) return "";
    if (backstage && code) return (*codeowners)->path() + " and the Backstage catalog";
    return backstage ? "the Backstage catalog" : (*codeowners)->path();
  };
  return owners;
}

}  // namespace contract_lint
