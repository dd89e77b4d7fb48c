#include "policy/transitive.h"

#include <iterator>

#include "policy/policy.h"

namespace contract_lint {
namespace {

bool Transitive(const std::string& mode) { return mode.ends_with("_TRANSITIVE"); }

bool PolicyTransitive(const BreakingPolicy& policy) {
  return Transitive(policy.jsonschema) || Transitive(policy.registry);
}

std::tuple<std::string, std::string, std::string, int, int> KeyOf(const Finding& f) {
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

Diagnostic NoReleasesOutsideGit(const Config& config) {
  return Diagnostic{config.source, 0, 0,
                    "a _TRANSITIVE mode compares with every release tag, but the "
                    "sides are not in a git repository: only the baseline was judged"};
}

Diagnostic ReleaseNotJudged(const std::string& tag, const Diagnostics& problems) {
  Diagnostic first = problems.Sorted().front();
  return Diagnostic{
      first.path, first.line, first.column,
      "release " + tag + " was not judged: its contracts do not load (" + first.message + ")"};
}

ReleaseFindings::ReleaseFindings(const Snapshot& against, const Snapshot& current,
                                 const Config& config, const std::vector<Finding>& baseline)
    : against_(against), current_(current), config_(config) {
  for (const auto& finding : baseline) reported_.insert(KeyOf(finding));
}

// The registry judges a subject only when a new version is registered: a
// contract that did not change since the baseline is not judged against
// the releases again (one historic break would block every later commit).
bool ReleaseFindings::Changed(const Finding& f) const {
  if (f.location.path.empty()) return true;
  const SnapshotFile* before = against_.Find(f.location.path);
  const SnapshotFile* after = current_.Find(f.location.path);
  return !before || !after || before->blob_id != after->blob_id;
}

void ReleaseFindings::Add(const std::string& tag, std::vector<Finding> found) {
  ApplyPolicy(config_, &found);
  for (auto& finding : found) {
    if (finding.severity != Severity::kError || !Transitive(ModeFor(config_, finding))) continue;
    if (!Changed(finding)) continue;
    if (!reported_.insert(KeyOf(finding)).second) continue;
    finding.message += " (against release " + tag + ")";
    added_.push_back(std::move(finding));
  }
}

void ReleaseFindings::AppendTo(std::vector<Finding>* findings) {
  findings->insert(findings->end(), std::make_move_iterator(added_.begin()),
                   std::make_move_iterator(added_.end()));
  added_.clear();
}

}  // namespace contract_lint
