#include "policy/transitive.h"

#include <set>
#include <tuple>

#include "git/release_tags.h"
#include "jsonschema/jsonschema_check.h"
#include "policy/policy.h"
#include "proto/buf_module_cache.h"
#include "schema_registry/registry_check.h"
#include "snapshot_limits.h"

namespace contract_lint {
namespace {

bool Transitive(const std::string& mode) { return mode.ends_with("_TRANSITIVE"); }

bool PolicyTransitive(const BreakingPolicy& policy) {
  return Transitive(policy.jsonschema) || Transitive(policy.registry);
}

// Two findings about the same change of the same element, whichever side
// they were judged against.
using ChangeKey = std::tuple<std::string, std::string, std::string, int, int>;
ChangeKey KeyOf(const Finding& f) {
  return {f.rule, f.subject, f.location.path, f.location.line, f.location.column};
}

}  // namespace

bool AnyTransitiveMode(const Config& config) {
  if (PolicyTransitive(config.breaking)) return true;
  for (const auto& contract : config.contracts) {
    if (contract.has_policy && PolicyTransitive(contract.breaking)) return true;
  }
  return false;
}

void AddReleaseFindings(const Sides& sides, const Config& config, SchemaSides& schemas,
                        std::vector<Finding>* findings, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings) {
  if (!AnyTransitiveMode(config)) return;
  if (sides.repository == nullptr) {
    warnings->push_back(
        Diagnostic{config.source, 0, 0,
                   "a _TRANSITIVE mode compares with every release tag, but the "
                   "sides are not in a git repository: only the baseline was judged"});
    return;
  }
  std::vector<ReleaseSnapshot> releases;
  std::string error;
  if (!OpenReleaseSnapshots(sides.repository, sides.subdir, config.versioning.release_tags,
                            &releases, &error)) {
    diagnostics->Add(error);
    return;
  }
  // The registry judges a subject only when a new version is registered: a
  // contract that did not change since the baseline is not judged against
  // the releases again (one historic break would block every later commit).
  auto changed = [&](const Finding& f) {
    if (f.location.path.empty()) return true;
    const SnapshotFile* before = sides.against->Find(f.location.path);
    const SnapshotFile* after = sides.current->Find(f.location.path);
    return !before || !after || before->blob_id != after->blob_id;
  };
  std::set<ChangeKey> reported;
  for (const auto& finding : *findings) reported.insert(KeyOf(finding));
  std::vector<Finding> added;
  for (auto& release : releases) {
    // A release's buf.lock pins its own dependency commits (buf's module
    // cache, as for the two sides): its roots are the release's own.
    Config release_config = config;
    Diagnostics problems;
    std::unique_ptr<Snapshot> none;
    UseBufModuleCache(config.source, &release.snapshot, &none, &release_config.proto, &problems,
                      warnings);
    LimitedSnapshot snapshot(std::move(release.snapshot), config.limits);
    std::vector<Finding> found;
    if (problems.empty()) CompareJsonSchemasWith(snapshot, schemas, &found, &problems);
    // A release whose Protobuf files do not compile is not judged either:
    // said, never skipped quietly.
    if (problems.empty())
      CheckRegistry(snapshot, *sides.current, release_config, &found, &problems);
    if (!problems.empty()) {
      Diagnostic first = problems.Sorted().front();
      warnings->push_back(Diagnostic{first.path, first.line, first.column,
                                     "release " + release.tag +
                                         " was not judged: its contracts do not load (" +
                                         first.message + ")"});
      continue;
    }
    ApplyPolicy(config, &found);
    for (auto& finding : found) {
      if (finding.severity != Severity::kError || !Transitive(ModeFor(config, finding))) continue;
      if (!changed(finding)) continue;
      if (!reported.insert(KeyOf(finding)).second) continue;
      finding.message += " (against release " + release.tag + ")";
      added.push_back(std::move(finding));
    }
  }
  findings->insert(findings->end(), std::make_move_iterator(added.begin()),
                   std::make_move_iterator(added.end()));
}

}  // namespace contract_lint
