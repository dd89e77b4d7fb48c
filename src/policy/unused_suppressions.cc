#include "policy/unused_suppressions.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "base/edit_distance.h"
#include "config/glob.h"
#include "jsonschema/json_positions.h"
#include "policy/suppression.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

constexpr std::string_view kMarker = "contract-lint:ignore";
constexpr const char* kJsonKey = "x-contract-lint-ignore";

// One ignore written in a contract: where, and which rule ids.
struct InlineIgnore {
  std::string path;
  int line = 0;
  int column = 0;
  std::string pointer;  // JSON Schema: the subschema carrying it
  std::vector<std::string> ids;
  bool json = false;
  // OpenAPI/AsyncAPI: the parsed document (findings are matched by location).
  std::shared_ptr<const ApiDocument> api;
};

bool IsCommentLine(std::string_view line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  return line.substr(0, 2) == "//" || line.substr(0, 2) == "/*" || line.substr(0, 1) == "*";
}

void ProtoIgnores(const std::string& path, const std::string& text,
                  std::vector<InlineIgnore>* out) {
  auto lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    size_t at = lines[i].find(kMarker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = lines[i].substr(at + kMarker.size());
    size_t start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) continue;
    size_t end = rest.find_first_of(" \t*", start);
    std::string_view ids = rest.substr(start, end == std::string_view::npos ? end : end - start);
    InlineIgnore ignore{path,
                        static_cast<int>(i + 1),
                        static_cast<int>(at + kMarker.size() + start + 1),
                        "",
                        {},
                        false,
                        nullptr};
    while (!ids.empty()) {
      size_t comma = ids.find(',');
      if (!ids.substr(0, comma).empty()) ignore.ids.emplace_back(ids.substr(0, comma));
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
    }
    if (!ignore.ids.empty()) out->push_back(std::move(ignore));
  }
}

void JsonIgnores(const std::string& path, const std::string& text, std::vector<InlineIgnore>* out) {
  if (text.find(kJsonKey) == std::string::npos) return;
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return;
  PositionIndex positions;
  std::string error;
  int line = 0, column = 0;
  bool located = positions.Build(text, 256, &error, &line, &column);
  std::vector<std::pair<const nlohmann::json*, std::string>> stack = {{&doc, ""}};
  while (!stack.empty()) {
    auto [node, pointer] = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      auto it = node->find(kJsonKey);
      if (it != node->end() && it->is_array()) {
        InlineIgnore ignore;
        ignore.path = path;
        ignore.pointer = pointer;
        ignore.json = true;
        for (const auto& id : *it) {
          if (id.is_string()) ignore.ids.push_back(id.get<std::string>());
        }
        if (located) {
          if (const TextSpan* span = positions.Find(pointer + "/" + kJsonKey)) {
            ignore.line = span->line;
            ignore.column = span->column;
          }
        }
        if (!ignore.ids.empty()) out->push_back(std::move(ignore));
      }
      for (const auto& [key, value] : node->items()) {
        std::string token = key;
        for (size_t at = 0; (at = token.find_first_of("~/", at)) != std::string::npos; at += 2)
          token.replace(at, 1, token[at] == '~' ? "~0" : "~1");
        stack.emplace_back(&value, pointer + "/" + token);
      }
    } else if (node->is_array()) {
      for (size_t i = 0; i < node->size(); ++i)
        stack.emplace_back(&(*node)[i], pointer + "/" + std::to_string(i));
    }
  }
}

// `x-contract-lint-ignore` in the objects of an OpenAPI or AsyncAPI document (YAML or JSON).
void ApiIgnores(const std::string& path, const std::string& text, std::vector<InlineIgnore>* out) {
  if (text.find(kJsonKey) == std::string::npos) return;
  auto doc = std::make_shared<ApiDocument>();
  Diagnostics ignored;  // an unreadable document is the checker's to report
  if (!ParseApiDocument(path, text, "", doc.get(), &ignored)) return;
  std::vector<std::pair<const nlohmann::json*, std::string>> stack = {{&doc->root, ""}};
  while (!stack.empty()) {
    auto [node, pointer] = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      auto it = node->find(kJsonKey);
      if (it != node->end()) {
        InlineIgnore ignore;
        ignore.path = path;
        ignore.pointer = pointer;
        ignore.json = true;
        ignore.api = doc;
        TextSpan span = doc->Find(pointer + "/" + kJsonKey);
        ignore.line = span.line;
        ignore.column = span.column;
        if (it->is_array()) {
          for (const auto& id : *it) {
            if (id.is_string()) ignore.ids.push_back(id.get<std::string>());
          }
        }
        if (!ignore.ids.empty()) out->push_back(std::move(ignore));
      }
      for (const auto& [key, value] : node->items())
        stack.emplace_back(&value, pointer + "/" + EscapePointerToken(key));
    } else if (node->is_array()) {
      for (size_t i = 0; i < node->size(); ++i)
        stack.emplace_back(&(*node)[i], pointer + "/" + std::to_string(i));
    }
  }
}

bool IsApiPath(const Config& config, const std::string& path) {
  return (GlobMatchAny(config.openapi.include, path) &&
          !GlobMatchAny(config.openapi.exclude, path)) ||
         (GlobMatchAny(config.asyncapi.include, path) &&
          !GlobMatchAny(config.asyncapi.exclude, path));
}

// oasdiff's ids are lower case (SuggestRuleOrCategory compares upper case).
std::string NearestLowerCaseRule(const std::string& id) {
  NearestWord nearest(id, std::max<size_t>(3, id.size() / 3));
  for (const auto& rule : AllRules()) {
    if (!rule.id.empty() && std::islower(static_cast<unsigned char>(rule.id[0])))
      nearest.Offer(rule.id);
  }
  return nearest.best();
}

bool IsContractPath(const Config& config, const std::string& path) {
  if (IsApiPath(config, path)) return true;
  if (path.ends_with(".proto")) {
    if (GlobMatchAny(config.proto.exclude, path)) return false;
    return std::any_of(config.proto.roots.begin(), config.proto.roots.end(),
                       [&](const std::string& root) {
                         return root == "." || root.empty() || path.starts_with(root + "/");
                       });
  }
  return GlobMatchAny(config.jsonschema.include, path) &&
         !GlobMatchAny(config.jsonschema.exclude, path);
}

std::vector<InlineIgnore> IgnoresIn(const Config& config, const Snapshot& snapshot,
                                    const std::string& path) {
  std::vector<InlineIgnore> ignores;
  std::string text, error;
  if (!snapshot.Read(path, &text, &error)) return ignores;
  if (text.find("contract-lint") == std::string::npos) return ignores;
  if (IsApiPath(config, path)) {
    ApiIgnores(path, text, &ignores);
  } else if (path.ends_with(".proto")) {
    ProtoIgnores(path, text, &ignores);
  } else {
    JsonIgnores(path, text, &ignores);
  }
  return ignores;
}

std::string Where(const InlineIgnore& ignore) {
  return ignore.json ? "\"" + std::string(kJsonKey) + "\"" : "contract-lint:ignore";
}

bool Covers(const InlineIgnore& ignore, const std::vector<std::string_view>& lines,
            const Finding& f) {
  if (f.location.path != ignore.path || f.suppressed_by != "inline") return false;
  if (std::find(ignore.ids.begin(), ignore.ids.end(), f.rule) == ignore.ids.end()) return false;
  if (ignore.api) {
    return f.location.side == Side::kCurrent &&
           ApiLocationInside(*ignore.api, f.location.line, f.location.column, ignore.pointer);
  }
  if (ignore.json) {
    size_t hash = f.subject.find('#');
    std::string pointer = hash == std::string::npos ? "" : f.subject.substr(hash + 1);
    return pointer.compare(0, ignore.pointer.size(), ignore.pointer) == 0 &&
           (pointer.size() == ignore.pointer.size() || pointer[ignore.pointer.size()] == '/');
  }
  if (f.location.line == ignore.line) return true;
  for (int i = f.location.line - 2;
       i >= 0 && i < static_cast<int>(lines.size()) && IsCommentLine(lines[i]); --i) {
    if (i + 1 == ignore.line) return true;
  }
  return false;
}

}  // namespace

void CheckInlineIgnoreIds(const Config& config, const Snapshot& against, const Snapshot& current,
                          std::vector<Diagnostic>* warnings) {
  for (const auto& file : current.Files()) {
    if (!file.path.ends_with(".proto") && !file.path.ends_with(".json") &&
        !IsApiPath(config, file.path))
      continue;
    const SnapshotFile* before = against.Find(file.path);
    if (before && before->blob_id == file.blob_id) continue;  // unchanged
    if (!IsContractPath(config, file.path)) continue;
    for (const auto& ignore : IgnoresIn(config, current, file.path)) {
      for (const auto& id : ignore.ids) {
        if (FindRule(id)) continue;
        std::string message = Where(ignore) + " names an unknown rule id \"" + id + "\"";
        std::string suggestion = SuggestRuleOrCategory(id);
        if (suggestion.empty() || !FindRule(suggestion)) suggestion = NearestLowerCaseRule(id);
        if (!suggestion.empty() && FindRule(suggestion)) {
          message += "; did you mean \"" + suggestion + "\"?";
        }
        message += " (it suppresses nothing)";
        warnings->push_back(Diagnostic{ignore.path, ignore.line, ignore.column, message});
      }
    }
  }
}

int ReportUnusedSuppressions(const Config& config, const Snapshot& current,
                             const std::set<std::string>& baseline,
                             const std::string& baseline_path, const std::string& cwd,
                             const std::vector<Finding>& findings,
                             std::vector<Diagnostic>* warnings) {
  int unused = 0;
  auto report = [&](Diagnostic d) {
    d.message += " (--report-unused)";
    warnings->push_back(std::move(d));
    ++unused;
  };
  // Inline ignores in the current contracts.
  for (const auto& file : current.Files()) {
    if (!file.path.ends_with(".proto") && !file.path.ends_with(".json") &&
        !IsApiPath(config, file.path))
      continue;
    if (!IsContractPath(config, file.path)) continue;
    auto ignores = IgnoresIn(config, current, file.path);
    if (ignores.empty()) continue;
    std::string text, error;
    current.Read(file.path, &text, &error);
    auto lines = SplitLines(text);
    for (const auto& ignore : ignores) {
      bool used = std::any_of(findings.begin(), findings.end(),
                              [&](const Finding& f) { return Covers(ignore, lines, f); });
      if (!used) {
        std::string ids;
        for (const auto& id : ignore.ids) ids += (ids.empty() ? "" : ",") + id;
        report(Diagnostic{ignore.path, ignore.line, ignore.column,
                          Where(ignore) + " " + ids + " suppresses nothing"});
      }
    }
  }
  // Config globs: `breaking.ignore` and `breaking.ignore_only`, top level and per contract.
  auto path_of = [](const Finding& f) {
    return f.location.path.empty() ? f.subject.substr(0, f.subject.find('#')) : f.location.path;
  };
  auto at = [&](const std::string& key_path) {
    Diagnostic d{config.source, 0, 0, ""};
    if (auto it = config.positions.find(key_path); it != config.positions.end()) {
      d.line = it->second.first;
      d.column = it->second.second;
    }
    return d;
  };
  auto inherited = [&](const BreakingPolicy& policy, const std::string& glob) {
    return &policy != &config.breaking &&
           std::count(config.breaking.ignore.begin(), config.breaking.ignore.end(), glob) > 0;
  };
  auto check_policy = [&](const BreakingPolicy& policy, const std::string& where) {
    for (size_t i = 0; i < policy.ignore.size(); ++i) {
      const std::string& glob = policy.ignore[i];
      if (inherited(policy, glob)) continue;
      bool used = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.suppressed_by == "config ignore" && GlobMatch(glob, path_of(f));
      });
      if (!used) {
        std::string key = where + ".ignore[" + std::to_string(i) + "]";
        Diagnostic d = at(key);
        d.message = key + ": \"" + glob + "\" suppresses nothing";
        report(std::move(d));
      }
    }
    for (const auto& [rule_or_category, globs] : policy.ignore_only) {
      if (&policy != &config.breaking && config.breaking.ignore_only.count(rule_or_category) &&
          config.breaking.ignore_only.at(rule_or_category) == globs) {
        continue;  // inherited from the top level: reported there
      }
      auto category = FindCategory(rule_or_category);
      // (clang 14, the fuzz build's compiler, cannot capture structured bindings)
      const std::string& id = rule_or_category;
      const auto& patterns = globs;
      for (size_t i = 0; i < globs.size(); ++i) {
        bool used = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
          if (f.suppressed_by != "config ignore_only" || !GlobMatch(patterns[i], path_of(f)))
            return false;
          const RuleInfo* rule = FindRule(f.rule, f.kind);
          return id == f.rule || (category && rule && (rule->categories & *category));
        });
        if (!used) {
          std::string key =
              where + ".ignore_only." + rule_or_category + "[" + std::to_string(i) + "]";
          Diagnostic d = at(key);
          d.message = key + ": \"" + globs[i] + "\" suppresses nothing";
          report(std::move(d));
        }
      }
    }
  };
  check_policy(config.breaking, "breaking");
  for (size_t c = 0; c < config.contracts.size(); ++c) {
    if (config.contracts[c].has_policy) {
      check_policy(config.contracts[c].breaking, "contracts[" + std::to_string(c) + "].breaking");
    }
  }
  // Baseline entries, each at its quoted fingerprint in the file (LoadBaseline read it already).
  std::string baseline_text;
  if (!baseline_path.empty()) {
    std::filesystem::path file(baseline_path);
    if (file.is_relative() && !cwd.empty()) file = std::filesystem::path(cwd) / file;
    std::ifstream in(file, std::ios::binary);
    baseline_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (const auto& fingerprint : baseline) {
    bool used = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.suppressed_by == "baseline" && f.fingerprint == fingerprint;
    });
    if (!used) {
      Diagnostic d{baseline_path, 0, 0, "baseline entry " + fingerprint + " suppresses nothing"};
      size_t at = baseline_text.find("\"" + fingerprint + "\"");
      if (at != std::string::npos) {
        d.line = 1 + static_cast<int>(
                         std::count(baseline_text.begin(), baseline_text.begin() + at, '\n'));
        size_t line_start = baseline_text.rfind('\n', at);
        d.column =
            static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
      }
      report(std::move(d));
    }
  }
  return unused;
}

}  // namespace contract_lint
