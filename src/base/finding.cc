#include "contract_lint/finding.h"

#include <tuple>

#include "contract_lint/snapshot.h"

namespace contract_lint {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

std::string_view KindName(ContractKind kind) {
  switch (kind) {
    case ContractKind::kProto:
      return "proto";
    case ContractKind::kJsonSchema:
      return "jsonschema";
    case ContractKind::kOpenApi:
      return "openapi";
    case ContractKind::kAsyncApi:
      return "asyncapi";
  }
  return "jsonschema";
}

std::string_view DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kNone:
      return "";
    case Direction::kNarrowing:
      return "narrowing";
    case Direction::kWidening:
      return "widening";
    case Direction::kBoth:
      return "both";
    case Direction::kAnnotation:
      return "annotation";
  }
  return "";
}

std::string Fingerprint(const Finding& f) {
  // Location is deliberately left out: a fingerprint survives line moves.
  std::string key = f.rule;
  for (const std::string* part : {&f.subject, &f.before, &f.after}) {
    key += '\0';
    key += *part;
  }
  return GitBlobId(key).substr(0, 16);
}

bool FindingLess(const Finding& a, const Finding& b) {
  auto key = [](const Finding& f) {
    return std::tie(f.location.path, f.location.line, f.location.column, f.rule, f.message,
                    f.subject);
  };
  return key(a) < key(b);
}

}  // namespace contract_lint
