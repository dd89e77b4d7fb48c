// Validates samples against a Protobuf message of one side: a DynamicMessage
// from that side's descriptor pool, parsed from canonical JSON (unknown fields
// rejected) or from text format.
#pragma once

#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "proto/proto_check.h"
#include "samples/sample_file.h"
#include "samples/sample_verdict.h"

namespace contract_lint {

class ProtoSide;

// Loads the side's .proto contracts on first use (never when no sample names
// a message). Not thread-safe. The snapshot and settings must outlive it.
class MessageValidator {
 public:
  MessageValidator(const Snapshot& snapshot, const ProtoSettings& settings);
  ~MessageValidator();

  // True when the side declares the message `full_name`.
  bool Knows(const std::string& full_name);
  // The verdict of this side's `full_name` on `sample` (kMissing when unknown).
  SampleVerdict Validate(const std::string& full_name, const Sample& sample);

 private:
  void Load();

  const Snapshot& snapshot_;
  const ProtoSettings& settings_;
  bool loaded_ = false;
  Diagnostics load_errors_;  // already reported by the comparison, or irrelevant here
  std::unique_ptr<ProtoSide> side_;
  const google::protobuf::DescriptorPool* pool_ = nullptr;
  std::unique_ptr<google::protobuf::DynamicMessageFactory> factory_;
};

}  // namespace contract_lint
