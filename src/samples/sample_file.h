// A consumer sample: a payload file (canonical JSON, or Protobuf text format)
// and the contract it names. Parsed once, shared by every consumer listing it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "jsonschema/json_positions.h"

namespace contract_lint {

enum class SampleFormat { kJson, kTextProto };

struct Sample {
  std::string path;  // repository path (current side)
  SampleFormat format = SampleFormat::kJson;
  std::string text;
  nlohmann::json json;      // kJson: the document as written ("@type" kept)
  PositionIndex positions;  // kJson: where each value sits
  std::string schema_ref;   // kJson: the "$schema" string, "" when absent
  std::string message;  // "@type" (without its URL prefix) or "# proto-message:", "" when absent
};

// Reads and parses `path` from `snapshot`. `.json` is JSON; `.txtpb`,
// `.textproto`, `.pbtxt` and `.txtproto` are text format. A syntax error adds
// a diagnostic at its 1-based position and returns false.
bool LoadSample(const Snapshot& snapshot, const std::string& path, Sample* sample,
                Diagnostics* diagnostics);

}  // namespace contract_lint
