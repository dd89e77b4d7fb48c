// Consumer samples (issue 9): each consumer's registered payloads are
// validated against the contract they name on both sides. Rejected now but
// accepted by the baseline -> SAMPLE_REJECTED (breaking); rejected by both ->
// SAMPLE_STALE (warning); accepted -> only counted.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/report.h"
#include "contract_lint/snapshot.h"
#include "samples/sample_file.h"

namespace contract_lint {

// A sample together with the kind of contract it names (for exercised_by).
struct CheckedSample {
  const Sample* sample = nullptr;
  ContractKind kind = ContractKind::kJsonSchema;
  // OpenAPI: the body it was checked against ("api/openapi.yaml#GET /orders/{id} 200").
  std::string target;
};

// One consumer's samples as checked, in the order of its globs.
struct ConsumerSamples {
  std::string consumer;
  std::vector<CheckedSample> samples;
  int checked = 0;
  int rejected = 0;  // SAMPLE_REJECTED findings (stale samples are warnings, not counted)
};

struct SampleResults {
  std::map<std::string, std::unique_ptr<Sample>> samples;  // by path; parsed once
  std::vector<ConsumerSamples> consumers;  // config order; consumers with `samples` only
  std::vector<Finding> findings;           // SAMPLE_REJECTED / SAMPLE_STALE
};

// Loads every consumer's samples from `current` and judges them on both
// sides. Malformed samples, samples naming no known contract and schemas that
// cannot be checked go to `diagnostics`; a glob matching nothing is a warning.
SampleResults CheckSamples(const Config& config, const Snapshot& against, const Snapshot& current,
                           Diagnostics* diagnostics, std::vector<Diagnostic>* warnings);

// Adds sample counts (and the sample findings' breaking counts) to `impacts`,
// inserting consumers that have samples but no other finding; config order.
void AddSampleImpact(const Config& config, const SampleResults& results,
                     std::vector<ConsumerImpact>* impacts);

// Sets `exercised_by` on every contract finding: the samples of its affected
// consumers that contain the changed element (see exercised.cc for "contain").
void MarkExercised(const SampleResults& results, std::vector<Finding>* findings);

}  // namespace contract_lint
