#include "jsonschema/schema_rules.h"

namespace contract_lint {

Direction Combine(Direction a, Direction b) {
  if (a == Direction::kNone || a == Direction::kAnnotation)
    return b == Direction::kAnnotation ? a : b;
  if (b == Direction::kNone || b == Direction::kAnnotation || a == b) return a;
  return Direction::kBoth;
}

Direction Invert(Direction direction) {
  switch (direction) {
    case Direction::kNarrowing:
      return Direction::kWidening;
    case Direction::kWidening:
      return Direction::kNarrowing;
    default:
      return direction;
  }
}

namespace {
// Set while the comparer probes a pair for its direction only: the texts of
// the changes it builds are thrown away, so values are not serialised
// (large branches of real schemas made this most of the comparison's time).
thread_local bool quiet_values = false;
}  // namespace

QuietValues::QuietValues(bool quiet) : saved_(quiet_values) { quiet_values = quiet; }
QuietValues::~QuietValues() { quiet_values = saved_; }

std::string Compact(const nlohmann::json& value) {
  if (quiet_values) return "…";  // never empty: "absent" is spelt as empty
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Brief(const nlohmann::json& value) {
  std::string text = Compact(value);
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return text;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

bool IsTrivial(const nlohmann::json& schema) {
  if (schema.is_boolean()) return schema.get<bool>();
  if (!schema.is_object()) return false;
  for (const auto& [key, value] : schema.items()) {
    if (!IsAnnotationKeyword(key)) return false;
  }
  return true;
}

Change MakeChange(std::string_view rule, Direction direction, const SchemaNode& at,
                  std::string_view keyword, std::string text, std::string before,
                  std::string after) {
  Change change;
  change.rule = std::string(rule);
  change.direction = direction;
  change.doc = at.doc;
  change.location = keyword.empty() ? at.pointer : at.pointer + "/" + std::string(keyword);
  change.subject = at.pointer;
  change.text = std::move(text);
  change.before = std::move(before);
  change.after = std::move(after);
  return change;
}

}  // namespace contract_lint
