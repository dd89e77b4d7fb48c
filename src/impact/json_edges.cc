// $ref edges of JSON Schema files for consumer reachability.
#include <nlohmann/json.hpp>

#include "config/glob.h"
#include "impact/impact.h"

namespace contract_lint {
namespace {

// Joins a relative reference to the directory of `from` and folds "." and "..".
// Returns "" when the result would leave the snapshot.
std::string ResolvePath(const std::string& from, const std::string& relative) {
  std::vector<std::string> parts;
  auto push = [&](std::string_view path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      std::string_view part = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.emplace_back(part);
      }
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    return true;
  };
  size_t slash = from.rfind('/');
  if (slash != std::string::npos && !push(std::string_view(from).substr(0, slash))) return "";
  if (!push(relative)) return "";
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

std::string Escape(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

void Walk(const nlohmann::json& node, const std::string& file, const std::string& pointer, int depth,
          ImpactGraph* graph) {
  if (depth > 256) return;
  if (node.is_object()) {
    auto ref = node.find("$ref");
    if (ref != node.end() && ref->is_string()) {
      std::string value = ref->get<std::string>();
      if (value.find("://") == std::string::npos) {
        size_t hash = value.find('#');
        std::string path = value.substr(0, hash);
        std::string fragment = hash == std::string::npos ? "" : value.substr(hash + 1);
        std::string target_file = path.empty() ? file : ResolvePath(file, path);
        if (!target_file.empty()) graph->Add(file + "#" + pointer, target_file + "#" + fragment);
      }
    }
    for (const auto& [key, value] : node.items()) {
      Walk(value, file, pointer + "/" + Escape(key), depth + 1, graph);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      Walk(node[i], file, pointer + "/" + std::to_string(i), depth + 1, graph);
    }
  }
}

}  // namespace

void AddJsonSchemaEdges(const Snapshot& snapshot, const JsonSchemaSettings& settings,
                        ImpactGraph* graph) {
  for (const auto& file : snapshot.Files()) {
    if (!GlobMatchAny(settings.include, file.path) || GlobMatchAny(settings.exclude, file.path)) {
      continue;
    }
    std::string text, error;
    if (!snapshot.Read(file.path, &text, &error)) continue;
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) continue;  // reported by the JSON Schema loader
    Walk(doc, file.path, "", 0, graph);
  }
}

}  // namespace contract_lint
