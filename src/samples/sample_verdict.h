// What one side's contract says about one sample.
#pragma once

#include <string>

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
};

}  // namespace contract_lint
