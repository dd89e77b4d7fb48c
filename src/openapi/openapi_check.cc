#include "openapi/openapi_check.h"

#include <regex>
#include <set>

#include "config/glob.h"
#include "openapi/openapi_compare.h"
#include "openapi/openapi_document.h"

namespace contract_lint {
namespace {

bool IsContract(const OpenApiSettings& settings, const std::string& path) {
  return GlobMatchAny(settings.include, path) && !GlobMatchAny(settings.exclude, path);
}

// A matched file must say `openapi: 3.0.x` or `3.1.x` at the top.
bool CheckVersion(const ApiDocument& doc, const std::string& side_note, Diagnostics* diagnostics) {
  static const std::regex kVersion(R"(3\.[01]\.[0-9]+(-[0-9A-Za-z.-]+)?)");
  const nlohmann::json* version = nullptr;
  if (doc.root.is_object()) {
    auto it = doc.root.find("openapi");
    if (it != doc.root.end()) version = &*it;
  }
  if (version && version->is_string() && std::regex_match(version->get<std::string>(), kVersion)) {
    return true;
  }
  TextSpan at = doc.Find(version ? "/openapi" : "");
  std::string found = version                ? " (found " + version->dump() + ")"
                      : doc.root.is_object() ? " (no `openapi` key)"
                                             : " (not a mapping)";
  diagnostics->Add(doc.path, at.line, at.column,
                   "not an OpenAPI 3.0/3.1 document: a file matched by openapi.include needs a "
                   "top-level `openapi: 3.0.x` or `openapi: 3.1.x`" +
                       found + side_note);
  return false;
}

}  // namespace

OpenApiStats CheckOpenApi(const Snapshot& against, const Snapshot& current,
                          const OpenApiSettings& settings, std::vector<Finding>* findings,
                          Diagnostics* diagnostics, int jobs) {
  OpenApiStats stats;
  ApiSide old_side(against, " (in the baseline)", diagnostics, jobs);
  ApiSide new_side(current, "", diagnostics, jobs);
  ApiDocumentCounts counts = CompareChangedDocuments(
      against, current, old_side, new_side,
      [&](const std::string& path) { return IsContract(settings, path); },
      [&](const ApiDocument& doc, const std::string& side_note) {
        return CheckVersion(doc, side_note, diagnostics) ? 3 : 0;
      },
      [&](const ApiDocument& old_doc, int, const ApiDocument* new_doc, int) {
        CompareApiDocuments(old_side, &old_doc, new_side, new_doc, findings, settings);
      },
      *diagnostics);
  stats.files = counts.files;
  stats.changed = counts.changed;
  return stats;
}

}  // namespace contract_lint
