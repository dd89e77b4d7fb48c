// Owners and consumers from what teams already keep: the config's
// `contracts:`/`consumers:`, a CODEOWNERS file and a Backstage catalog.
//
// Precedence for a finding's owner: `contracts[].owner`, then the Backstage
// API's owner, then CODEOWNERS. Consumers from the catalog join `consumers:`;
// on a name clash the config entry wins (with a warning).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"
#include "ownership/codeowners.h"

namespace contract_lint {

// The `ownership:` section of the config.
struct OwnershipSettings {
  bool codeowners = true;
  std::string codeowners_path;  // "" = the first of the standard locations
  std::vector<std::string> backstage = {"**/catalog-info.yaml", "**/catalog-info.yml"};
};

// The standard CODEOWNERS locations, in the order they are looked up.
extern const char* const kCodeOwnersLocations[4];

// Reads `config.document["ownership"]` (already validated by the schema).
OwnershipSettings OwnershipSettingsOf(const Config& config);

// What the ownership sources give beyond the config, for ApplyOwners.
struct Ownership {
  std::optional<CodeOwners> codeowners;
  std::map<std::string, std::string> api_owners;  // definition path -> Backstage API owner
};

// Reads CODEOWNERS and the Backstage catalog from the current side and merges
// the catalog into `config`: each API with a definition file becomes a
// contract (after the config's own, so these win), each consuming entity a
// consumer (unless `consumers:` names it already). Sets every consumer's
// `source`. Unreadable input is a diagnostic; questionable entries warnings.
Ownership LoadOwnership(const Snapshot& current, Config* config, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings);

// Fills the owner of each finding that has none from the Backstage API owner
// of its file, else from CODEOWNERS ("@a @b", in the order written).
void ApplyOwners(const Ownership& ownership, std::vector<Finding>* findings);

}  // namespace contract_lint
