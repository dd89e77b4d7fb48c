// A Finding is one classified change between the two sides: the data every
// report format renders. Findings never carry presentation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace contract_lint {

enum class Severity { kError, kWarning, kInfo };
enum class ContractKind { kProto, kJsonSchema, kOpenApi, kAsyncApi };
enum class Side { kCurrent, kAgainst };
// JSON Schema only: what the change does to the set of accepted documents.
enum class Direction { kNone, kNarrowing, kWidening, kBoth, kAnnotation };

std::string_view SeverityName(Severity severity);  // "error", "warning", "info"
std::string_view KindName(ContractKind kind);      // "proto", "jsonschema", "openapi", "asyncapi"
std::string_view DirectionName(Direction direction);  // "", "narrowing", ...

// 1-based, inclusive start, end column exclusive+1 like buf (end points just
// past the last character). An empty path means "no location" (for example a
// deleted file): renderers print the path-less form.
struct Location {
  std::string path;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  Side side = Side::kCurrent;  // kAgainst when it points into the baseline
};

struct Finding {
  std::string rule;  // e.g. "FIELD_NO_DELETE"
  Severity severity = Severity::kError;
  ContractKind kind = ContractKind::kProto;
  Location location;
  std::string message;  // names the element and both old and new values
  std::string subject;  // fully-qualified element, or "file#/pointer"
  std::string before;   // old value ("" when not applicable)
  std::string after;    // new value
  Direction direction = Direction::kNone;
  std::string contract;               // contract name from the ownership map
  std::string owner;                  // owning team
  std::vector<std::string> affected;  // consumer names
  // Registered samples of affected consumers that contain the changed element
  // (sample paths, sorted); for SAMPLE_* findings, the sample itself.
  std::vector<std::string> exercised_by;
  // A Protobuf message, enum or service deleted from its file that now lives
  // in another file of the same package: that file's path ("" otherwise).
  std::string moved_to;
  bool suppressed = false;    // kept for --show-suppressed and counts
  std::string suppressed_by;  // how: "comment", "config", "baseline"
  std::string fingerprint;    // hash of rule, subject, before, after
};

// Stable across line moves: a hex hash of rule, subject, before and after.
std::string Fingerprint(const Finding& finding);

// Orders by path, line, column, rule, message (the order of every report).
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace contract_lint
