// Protobuf contracts: load both sides with libprotobuf's Importer, pair the
// elements once, and run every Protobuf rule of the rule table over the pairs.
#pragma once

#include <google/protobuf/descriptor.h>

#include <memory>
#include <string>
#include <vector>

#include "config/settings.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// Whether `path` is selected by --path / --exclude-path.
bool PathSelected(const ProtoSettings& settings, std::string_view path);

struct ProtoStats {
  int files = 0;     // .proto contracts on either side
  int changed = 0;   // of which the content differs
  int compiled = 0;  // contracts compiled (what the change reaches; all with `full`)
};

// How the sides are loaded. Neither option changes the findings.
struct LoadOptions {
  int jobs = 0;       // threads; 0 = every core
  bool full = false;  // compile every contract, not only what the change reaches
  // Compile every contract of a package a changed contract belongs to: what
  // the PACKAGE_* rules need. Without it their findings are not reliable
  // (the policy drops them when none is enabled: see NeedsPackageScope in
  // src/policy/policy.h).
  bool package_scope = true;
};

// Appends one finding per violation of *every* Protobuf rule in the table
// (the policy later keeps the enabled ones), located in the current side
// (or the against side for deletions). Syntax, import and unsupported-edition
// errors go to `diagnostics` with path:line:col. Only the contracts the
// change reaches are compiled (proto_scope.h): an unchanged file whose
// imports are unchanged too is not parsed, so an error it had in the
// baseline already is not reported again.
class ProtoSide;

// The baseline side CheckProto compiled, kept for the versioning rules (was
// a deleted element deprecated?), so that nothing is compiled twice.
class ProtoBaseline {
 public:
  ProtoBaseline();
  ~ProtoBaseline();
  // The pools the baseline's compiled contracts are in (its own and the one
  // it shares with the current side); empty when nothing was compiled.
  std::vector<const google::protobuf::DescriptorPool*> Pools() const;

 private:
  friend ProtoStats CheckProto(const Snapshot&, const Snapshot&, const ProtoSettings&,
                               std::vector<Finding>*, Diagnostics*, const LoadOptions&,
                               ProtoBaseline*);
  std::unique_ptr<ProtoSide> side_;
};

// With `keep`, the compiled baseline side is handed to it.
ProtoStats CheckProto(const Snapshot& against, const Snapshot& current,
                      const ProtoSettings& settings, std::vector<Finding>* findings,
                      Diagnostics* diagnostics, const LoadOptions& load = {},
                      ProtoBaseline* keep = nullptr);

}  // namespace contract_lint
