// What a check found: the report model every stage fills and every report
// format renders. Apart from lint.h so impact, samples and the formats do not
// see the pipeline.
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"

namespace contract_lint {

struct Summary {
  int errors = 0;  // breaking findings (not suppressed)
  int warnings = 0;
  int infos = 0;
  int suppressed = 0;
  int unused_suppressions = 0;  // with --report-unused: ignores and baseline entries unused
  int proto_files = 0;          // contract files present on either side
  int jsonschema_files = 0;
  int changed_files = 0;  // contract files whose content differs
};

struct ConsumerImpact {
  std::string name;
  std::string owner;
  std::string contact;
  int breaking = 0;
  std::vector<std::string> rules;  // distinct rule ids, sorted
  int samples_checked = 0;         // registered samples validated (consumers[].samples)
  int samples_rejected = 0;        // of which SAMPLE_REJECTED (new breaks; stale ones are warnings)
  std::string source{};  // where it is declared: "contract-lint.yaml", "backstage:path:line"
};

struct Report {
  std::string current;  // Snapshot::Describe() of each side
  std::string against;
  std::vector<Finding> findings;        // sorted by FindingLess; suppressed ones included
  std::vector<Diagnostic> diagnostics;  // non-empty means exit 2
  std::vector<Diagnostic> warnings;     // notes for stderr (deprecated rule ids, …)
  std::string config_source;            // the config file used, "" for defaults
  std::vector<ConsumerImpact> consumers;
  Summary summary;
};

}  // namespace contract_lint
