#include "policy/suppression.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "jsonschema/json_positions.h"

namespace contract_lint {
namespace {

constexpr std::string_view kMarker = "contract-lint:ignore";

// True when `line` carries the marker naming `rule`.
bool MarkerNames(std::string_view line, std::string_view rule) {
  size_t at = line.find(kMarker);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + kMarker.size());
  size_t start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  size_t end = rest.find_first_of(" \t*", start);
  std::string_view ids = rest.substr(start, end == std::string_view::npos ? end : end - start);
  while (!ids.empty()) {
    size_t comma = ids.find(',');
    if (ids.substr(0, comma) == rule) return true;
    if (comma == std::string_view::npos) break;
    ids.remove_prefix(comma + 1);
  }
  return false;
}

bool IsCommentLine(std::string_view line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  return line.substr(0, 2) == "//" || line.substr(0, 2) == "/*" || line.substr(0, 1) == "*";
}

bool ProtoSuppressed(const std::vector<std::string_view>& lines, const Finding& f) {
  int index = f.location.line - 1;
  if (index < 0 || index >= static_cast<int>(lines.size())) return false;
  if (MarkerNames(lines[index], f.rule)) return true;
  for (int i = index - 1; i >= 0 && IsCommentLine(lines[i]); --i) {
    if (MarkerNames(lines[i], f.rule)) return true;
  }
  return false;
}

bool JsonSuppressed(const nlohmann::json& doc, const Finding& f) {
  size_t hash = f.subject.find('#');
  std::string pointer = hash == std::string::npos ? "" : f.subject.substr(hash + 1);
  auto names = [&](const nlohmann::json& node) {
    if (!node.is_object()) return false;
    auto it = node.find("x-contract-lint-ignore");
    if (it == node.end() || !it->is_array()) return false;
    for (const auto& id : *it) {
      if (id.is_string() && id.get<std::string>() == f.rule) return true;
    }
    return false;
  };
  const nlohmann::json* node = &doc;
  if (names(*node)) return true;
  nlohmann::json::json_pointer full;
  try {
    full = nlohmann::json::json_pointer(pointer);
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  // Walk from the root down the pointer, checking every enclosing subschema.
  std::vector<std::string> tokens;
  for (auto p = full; !p.empty(); p = p.parent_pointer()) tokens.insert(tokens.begin(), p.back());
  for (const auto& token : tokens) {
    if (node->is_object() && node->contains(token)) {
      node = &(*node)[token];
    } else if (node->is_array() && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(token) < node->size()) {
      node = &(*node)[std::stoul(token)];
    } else {
      return false;
    }
    if (names(*node)) return true;
  }
  return false;
}

constexpr const char* kApiKey = "x-contract-lint-ignore";

// The node at `pointer` in `root`, or null.
const nlohmann::json* NodeAt(const nlohmann::json& root, const std::string& pointer) {
  try {
    nlohmann::json::json_pointer p(pointer);
    return root.contains(p) ? &root.at(p) : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

bool IgnoreNames(const nlohmann::json* node, const std::string& rule) {
  if (node == nullptr || !node->is_object()) return false;
  auto it = node->find(kApiKey);
  if (it == node->end() || !it->is_array()) return false;
  return std::any_of(it->begin(), it->end(), [&](const nlohmann::json& id) {
    return id.is_string() && id.get<std::string>() == rule;
  });
}

// An OpenAPI/AsyncAPI finding is suppressed by an `x-contract-lint-ignore`
// naming its rule in the object at its location or in any enclosing object.
bool ApiSuppressed(const ApiDocument& doc, const Finding& f) {
  for (std::string pointer : ApiPointersAt(doc, f.location.line, f.location.column)) {
    while (true) {
      if (IgnoreNames(NodeAt(doc.root, pointer), f.rule)) return true;
      if (pointer.empty()) break;
      pointer.resize(pointer.rfind('/'));
    }
  }
  return false;
}

}  // namespace

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> ApiPointersAt(const ApiDocument& doc, int line, int column) {
  std::vector<std::string> pointers;
  for (const auto& [pointer, span] : doc.positions) {
    if (span.line == line && span.column == column) pointers.push_back(pointer);
  }
  std::sort(pointers.begin(), pointers.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  return pointers;
}

bool ApiLocationInside(const ApiDocument& doc, int line, int column,
                       const std::string& object_pointer) {
  for (const auto& pointer : ApiPointersAt(doc, line, column)) {
    if (pointer.compare(0, object_pointer.size(), object_pointer) == 0 &&
        (pointer.size() == object_pointer.size() || pointer[object_pointer.size()] == '/'))
      return true;
  }
  return false;
}

void ApplyInlineSuppressions(const Snapshot& current, std::vector<Finding>* findings) {
  std::map<std::string, std::string> texts;  // path → content ("" when unreadable)
  std::map<std::string, nlohmann::json> documents;
  std::map<std::string, std::unique_ptr<ApiDocument>> api_documents;  // null: no ignore in it
  for (auto& f : *findings) {
    if (f.suppressed || f.location.path.empty() || f.location.side != Side::kCurrent) continue;
    auto [it, inserted] = texts.try_emplace(f.location.path);
    if (inserted) {
      std::string error;
      if (!current.Read(f.location.path, &it->second, &error)) it->second.clear();
    }
    bool suppressed = false;
    if (f.kind == ContractKind::kProto) {
      suppressed = ProtoSuppressed(SplitLines(it->second), f);
    } else if (f.kind == ContractKind::kOpenApi || f.kind == ContractKind::kAsyncApi) {
      auto [doc, parsed] = api_documents.try_emplace(f.location.path);
      if (parsed && it->second.find(kApiKey) != std::string::npos) {
        auto api = std::make_unique<ApiDocument>();
        Diagnostics ignored;  // an unreadable document is the checker's to report
        if (ParseApiDocument(f.location.path, it->second, "", api.get(), &ignored))
          doc->second = std::move(api);
      }
      suppressed = doc->second && ApiSuppressed(*doc->second, f);
    } else {
      auto [doc, parsed] = documents.try_emplace(f.location.path);
      if (parsed) doc->second = nlohmann::json::parse(it->second, nullptr, false);
      suppressed = !doc->second.is_discarded() && JsonSuppressed(doc->second, f);
    }
    if (suppressed) {
      f.suppressed = true;
      f.suppressed_by = "inline";
    }
  }
}

bool LoadBaseline(const std::string& path, const std::string& cwd,
                  std::set<std::string>* fingerprints, Diagnostics* diagnostics) {
  namespace fs = std::filesystem;
  fs::path file(path);
  if (file.is_relative() && !cwd.empty()) file = fs::path(cwd) / file;
  // Like --config: only a regular file of a sane size (/dev/zero, a FIFO or
  // a directory would hang or read as empty).
  constexpr std::uintmax_t kMaxBytes = 64u << 20;
  std::error_code ec;
  fs::file_status status = fs::status(file, ec);
  if (ec || !fs::exists(status)) {
    std::string reason = ec ? ec.message() : std::strerror(ENOENT);
    diagnostics->Add(path, 0, 0, "cannot read the baseline file: " + reason);
    return false;
  }
  if (!fs::is_regular_file(status)) {
    diagnostics->Add(path, 0, 0,
                     "cannot read the baseline file: not a regular file (a baseline is the JSON "
                     "file `contract-lint baseline -o FILE` writes)");
    return false;
  }
  std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > kMaxBytes) {
    diagnostics->Add(path, 0, 0,
                     "the baseline file is " + std::to_string(size) + " bytes, over the limit of " +
                         std::to_string(kMaxBytes) + " bytes");
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diagnostics->Add(path, 0, 0,
                     std::string("cannot read the baseline file: ") + std::strerror(errno));
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is the 1-based offset of the byte that failed.
    size_t offset = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    int line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    std::string what = e.what();
    if (size_t detail = what.find(": "); detail != std::string::npos)
      what = what.substr(detail + 2);
    diagnostics->Add(path, line, column, "invalid baseline JSON: " + what);
    return false;
  }
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array()) {
    diagnostics->Add(
        path, 1, 1,
        "not a contract-lint baseline (expected {\"version\": 1, \"findings\": [...]})");
    return false;
  }
  for (const auto& entry : doc["findings"]) {
    if (entry.is_object() && entry.contains("fingerprint") && entry["fingerprint"].is_string()) {
      fingerprints->insert(entry["fingerprint"].get<std::string>());
    }
  }
  return true;
}

void ApplyBaseline(const std::set<std::string>& fingerprints, std::vector<Finding>* findings) {
  for (auto& f : *findings) {
    if (!f.suppressed && fingerprints.count(f.fingerprint)) {
      f.suppressed = true;
      f.suppressed_by = "baseline";
    }
  }
}

std::string RenderBaseline(const std::vector<Finding>& findings) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& f : findings) {
    if (f.suppressed) continue;
    entries.push_back({{"fingerprint", f.fingerprint},
                       {"rule", f.rule},
                       {"subject", f.subject},
                       {"path", f.location.path},
                       {"message", f.message}});
  }
  nlohmann::json doc = {{"version", 1}, {"findings", entries}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace contract_lint
