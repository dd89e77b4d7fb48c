// Validates samples against an OpenAPI operation's request or response body
// schema on one side (`sample_contracts: {"samples/x/*.json":
// "api/openapi.yaml#GET /orders/{id} 200"}`, or `... request`). The body
// schema is inlined (its $refs followed within the repository, a cycle left
// open), 3.0 `nullable` becomes a null type, and valijson judges the sample.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "openapi/openapi_document.h"
#include "samples/sample_file.h"
#include "samples/sample_verdict.h"

namespace contract_lint {

// True when `name` reads as an OpenAPI body target: "FILE#METHOD /path STATUS"
// or "FILE#METHOD /path request" (an optional media type may follow).
bool IsApiSampleTarget(const std::string& name);

class ApiSampleValidator {
 public:
  explicit ApiSampleValidator(const Snapshot& snapshot);
  ~ApiSampleValidator();

  // True when this side has the operation and the body the target names; else
  // `why` says what is missing.
  bool Knows(const std::string& target, std::string* why = nullptr);

  // kMissing when this side lacks the body.
  SampleVerdict Validate(const std::string& target, const Sample& sample, Diagnostics* diagnostics);

 private:
  struct Body;
  const Body* Find(const std::string& target, std::string* why);

  const Snapshot& snapshot_;
  Diagnostics ignored_;  // unreadable documents are the comparer's to report
  ApiSide side_;
  std::map<std::string, std::shared_ptr<Body>> bodies_;  // target -> body (null: none)
  std::map<std::string, std::string> missing_;           // target -> why
};

}  // namespace contract_lint
