// What one side's contract says about one sample.
#pragma once

#include <string>
#include <vector>

namespace contract_lint {

struct SampleVerdict {
  enum Status {
    kAccepted,
    kRejected,
    kMissing,  // the named contract does not exist on this side
  } status = kMissing;
  std::string element;  // "pkg.Msg", or "path/x.schema.json#/pointer" of the rejecting subschema
  std::string contract_path;  // the file that declares the contract ("" when missing)
  std::string reason;         // the validator's words (kRejected)
  int line = 1;               // 1-based position in the sample (1:1 when the validator has none)
  int column = 1;
  // Every validation error (JSON Schema samples): what tells a stale sample
  // from one the change rejects somewhere new. `reason`, `element`, `line`
  // and `column` above are those of the deepest one.
  struct Error {
    std::string reason;
    std::string element;
    int line = 1;
    int column = 1;
    int depth = 0;
  };
  std::vector<Error> errors;
};

}  // namespace contract_lint
