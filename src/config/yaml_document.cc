// YAML → JSON. yaml-cpp parses; plain scalars get JSON types (bool, null,
// numbers), quoted ones stay strings. Aliases are expanded with a node budget
// so that a "billion laughs" document fails cleanly instead of eating memory.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>

#include "base/utf8.h"
#include "config/config.h"
#include "config/yaml_scalar.h"

namespace contract_lint {
namespace {

constexpr size_t kMaxNodes = 200000;
constexpr int kMaxDepth = 200;

struct Converter {
  ConfigPositions* positions = nullptr;
  size_t nodes = 0;
  std::string error;
  YAML::Mark error_mark;

  bool Fail(const YAML::Node& node, std::string message) {
    if (error.empty()) {
      error = std::move(message);
      error_mark = node.Mark();
    }
    return false;
  }

  void Record(const std::string& key_path, const YAML::Node& node) {
    if (positions && !key_path.empty()) {
      positions->emplace(key_path, std::make_pair(node.Mark().line + 1, node.Mark().column + 1));
    }
  }

  bool Convert(const YAML::Node& node, nlohmann::json* out, int depth,
               const std::string& key_path = "") {
    if (++nodes > kMaxNodes) {
      return Fail(node, "the document expands to more than " + std::to_string(kMaxNodes) +
                            " nodes (aliases?)");
    }
    if (depth > kMaxDepth) return Fail(node, "nesting deeper than " + std::to_string(kMaxDepth));
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        *out = nullptr;
        return true;
      case YAML::NodeType::Scalar:
        *out = YamlScalarToJson(node);
        return true;
      case YAML::NodeType::Sequence:
        *out = nlohmann::json::array();
        for (const auto& item : node) {
          nlohmann::json value;
          std::string child = key_path + "[" + std::to_string(out->size()) + "]";
          Record(child, item);
          if (!Convert(item, &value, depth + 1, child)) return false;
          out->push_back(std::move(value));
        }
        return true;
      case YAML::NodeType::Map:
        *out = nlohmann::json::object();
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) return Fail(entry.first, "keys must be plain strings");
          const std::string& key = entry.first.Scalar();
          std::string child = key_path.empty() ? key : key_path + "." + key;
          if (out->contains(key)) {
            return Fail(entry.first, (key_path.empty() ? "" : key_path + ": ") +
                                         "duplicate key \"" + key +
                                         "\" (YAML keeps only one of them)");
          }
          Record(child, entry.first);
          nlohmann::json value;
          if (!Convert(entry.second, &value, depth + 1, child)) return false;
          (*out)[key] = std::move(value);
        }
        return true;
    }
    return true;
  }
};

}  // namespace

nlohmann::json YamlScalarToJson(const YAML::Node& node) {
  if (node.Tag() != "?") return node.Scalar();  // quoted or explicitly tagged: a string
  return YamlScalarText(node.Scalar());
}

bool IsYamlNull(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

nlohmann::json YamlScalarText(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (IsYamlNull(text)) {
    return nullptr;
  }
  long long integer = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
  if (ec == std::errc() && end == text.data() + text.size()) return integer;
  double real = 0;
  auto [end2, ec2] = std::from_chars(text.data(), text.data() + text.size(), real);
  if (ec2 == std::errc() && end2 == text.data() + text.size()) return real;
  return std::string(text);
}

bool ParseConfigText(const std::string& text, const std::string& path, nlohmann::json* document,
                     Diagnostics* diagnostics, ConfigPositions* positions) {
  if (text.find('\0') != std::string::npos) {
    diagnostics->Add(path, 0, 0, "the configuration contains a NUL byte");
    return false;
  }
  // YAML and JSON are Unicode; and valijson's UTF-8 decoder (minLength,
  // maxLength) reads past its tables on such bytes.
  if (InvalidUtf8 bad = FirstInvalidUtf8(text); bad.line > 0) {
    diagnostics->Add(path, bad.line, bad.column,
                     DescribeInvalidUtf8(bad) + "; the configuration must be UTF-8");
    return false;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard; its message is only "bad file".
    diagnostics->Add(
        path, e.mark.line + 1, e.mark.column + 1,
        "invalid YAML: nesting deeper than " + std::to_string(e.depth() - 1) + " levels");
    return false;
  } catch (const YAML::Exception& e) {
    diagnostics->Add(path, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
    return false;
  }
  Converter converter;
  converter.positions = positions;
  try {
    if (!converter.Convert(root, document, 0)) {
      diagnostics->Add(path, converter.error_mark.line + 1, converter.error_mark.column + 1,
                       converter.error);
      return false;
    }
  } catch (const YAML::Exception& e) {
    diagnostics->Add(path, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
    return false;
  }
  if (document->is_null()) *document = nlohmann::json::object();
  return true;
}

}  // namespace contract_lint
