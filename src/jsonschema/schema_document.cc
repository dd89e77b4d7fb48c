#include "jsonschema/schema_document.h"

#include "jsonschema/schema_uri.h"

namespace contract_lint {

Draft DraftOf(const nlohmann::json& root) {
  if (!root.is_object()) return Draft::k202012;
  auto it = root.find("$schema");
  if (it == root.end() || !it->is_string()) return Draft::k202012;
  const std::string& uri = it->get_ref<const std::string&>();
  if (uri.find("draft-03") != std::string::npos || uri.find("draft-04") != std::string::npos) {
    return Draft::k04;
  }
  if (uri.find("draft-06") != std::string::npos) return Draft::k06;
  if (uri.find("draft-07") != std::string::npos) return Draft::k07;
  if (uri.find("2019-09") != std::string::npos) return Draft::k201909;
  return Draft::k202012;
}

bool ParseSchemaDocument(std::string path, std::string_view text, std::string_view side_note,
                         SchemaDocument* doc, Diagnostics* diagnostics) {
  doc->path = std::move(path);
  try {
    doc->root = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the characters read, the offending one included.
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    int line = 0, column = 0;
    LineColumnAt(text, offset, &line, &column);
    std::string what = e.what();
    size_t detail = what.find(": ", what.find("parse error"));
    what = detail == std::string::npos ? what : what.substr(detail + 2);
    diagnostics->Add(doc->path, line, column, "invalid JSON: " + what + std::string(side_note));
    return false;
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e400"): nlohmann names the literal
    // but not where it is, so find it.
    std::string what = e.what();
    size_t quote = what.find('\'');
    std::string literal =
        quote == std::string::npos ? "" : what.substr(quote + 1, what.rfind('\'') - quote - 1);
    size_t offset = literal.empty() ? std::string_view::npos : text.find(literal);
    int line = 0, column = 0;
    if (offset != std::string_view::npos) LineColumnAt(text, offset, &line, &column);
    diagnostics->Add(
        doc->path, line, column,
        "invalid JSON: the number " + literal + " is out of range" + std::string(side_note));
    return false;
  }
  std::string error;
  int line = 0, column = 0;
  if (!doc->positions.BuildOnDemand(std::string(text), kMaxJsonDepth, &error, &line, &column)) {
    diagnostics->Add(doc->path, line, column, "invalid JSON: " + error + std::string(side_note));
    return false;
  }
  doc->draft = DraftOf(doc->root);
  doc->root_base = RootBase(doc->path, doc->root, doc->draft);
  return true;
}

std::string RootBase(const std::string& path, const nlohmann::json& root, Draft draft) {
  std::string base = RepoUri(path);
  if (!root.is_object()) return base;
  auto id = root.find(draft == Draft::k04 ? "id" : "$id");
  if (id == root.end() || !id->is_string()) return base;
  const std::string& text = id->get_ref<const std::string&>();
  if (text.empty() || text[0] == '#') return base;
  bool escapes = false;
  std::string resource, fragment;
  SplitFragment(ResolveUri(base, text, &escapes), &resource, &fragment);
  return resource;
}

bool IsAnnotationKeyword(std::string_view keyword) {
  static constexpr std::string_view kAnnotations[] = {
      "$schema", "$id",         "id",       "$anchor",   "$dynamicAnchor", "$recursiveAnchor",
      "$defs",   "definitions", "$comment", "title",     "description",    "examples",
      "default", "deprecated",  "readOnly", "writeOnly", "$vocabulary"};
  if (keyword.substr(0, 2) == "x-") return true;
  for (auto annotation : kAnnotations) {
    if (keyword == annotation) return true;
  }
  return false;
}

}  // namespace contract_lint
