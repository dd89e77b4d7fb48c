#include "lint_releases.h"

#include "base/snapshot_limits.h"
#include "git/release_tags.h"
#include "policy/transitive.h"
#include "proto/buf_module_cache.h"
#include "schema_registry/registry_check.h"

namespace contract_lint {

void AddReleaseFindings(const Sides& sides, const Config& config, SchemaSides& schemas,
                        std::vector<Finding>* findings, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings) {
  if (!AnyTransitiveMode(config)) return;
  if (sides.repository == nullptr) {
    warnings->push_back(NoReleasesOutsideGit(config));
    return;
  }
  std::vector<ReleaseSnapshot> releases;
  std::string error;
  if (!OpenReleaseSnapshots(sides.repository, sides.subdir, config.versioning.release_tags,
                            &releases, &error)) {
    diagnostics->Add(error);
    return;
  }
  ReleaseFindings judged(*sides.against, *sides.current, config, *findings);
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
    if (problems.empty())
      CheckRegistry(snapshot, *sides.current, release_config, &found, &problems);
    if (!problems.empty()) {
      warnings->push_back(ReleaseNotJudged(release.tag, problems));
      continue;
    }
    judged.Add(release.tag, std::move(found));
  }
  judged.AppendTo(findings);
}

}  // namespace contract_lint
