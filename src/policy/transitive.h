// The _TRANSITIVE modes: a contract judged BACKWARD_TRANSITIVE (or FORWARD_,
// FULL_) must be compatible with every release, not only with the baseline,
// as Schema Registry checks a new version against every registered one.
// The pipeline (src/lint.cc) loops over the release sides and runs the stages
// on each; this is the judgement of what each release adds.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// True when the repository's or any contract's `jsonschema` or `registry`
// mode ends in _TRANSITIVE.
bool AnyTransitiveMode(const Config& config);

// The warning for a _TRANSITIVE mode outside git: only the baseline was judged.
Diagnostic NoReleasesOutsideGit(const Config& config);

// The warning for a release whose contracts do not load (`problems` is not
// empty): it cannot have been published as it is, so it is said, never
// skipped quietly.
Diagnostic ReleaseNotJudged(const std::string& tag, const Diagnostics& problems);

// Collects, across releases, each breaking finding of a contract in a
// _TRANSITIVE mode that the baseline comparison (already judged) does not
// report; its message names the release.
class ReleaseFindings {
 public:
  // `baseline`: the findings of the baseline comparison, after the policy.
  ReleaseFindings(const Snapshot& against, const Snapshot& current, const Config& config,
                  const std::vector<Finding>& baseline);

  // Judges the raw findings of the current side against release `tag`.
  void Add(const std::string& tag, std::vector<Finding> found);

  // Appends what the releases added, in release order.
  void AppendTo(std::vector<Finding>* findings);

 private:
  // Two findings about the same change of the same element, whichever side
  // they were judged against.
  using ChangeKey = std::tuple<std::string, std::string, std::string, int, int>;

  bool Changed(const Finding& finding) const;

  const Snapshot& against_;
  const Snapshot& current_;
  const Config& config_;
  std::set<ChangeKey> reported_;
  std::vector<Finding> added_;
};

}  // namespace contract_lint
