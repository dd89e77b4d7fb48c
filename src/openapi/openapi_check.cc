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
                          Diagnostics* diagnostics) {
  OpenApiStats stats;
  ApiSide old_side(against, " (in the baseline)", diagnostics);
  ApiSide new_side(current, "", diagnostics);
  struct Loaded {
    const ApiDocument* doc = nullptr;
    std::set<std::string> files;  // what its $refs reach, itself included
  };
  std::map<std::string, Loaded> current_docs;
  for (const auto& file : current.Files()) {
    if (!IsContract(settings, file.path)) continue;
    ++stats.files;
    Loaded& loaded = current_docs[file.path];
    loaded.doc = new_side.Load(file.path);
    if (loaded.doc == nullptr || !CheckVersion(*loaded.doc, "", diagnostics)) {
      loaded.doc = nullptr;
      continue;
    }
    new_side.CheckRefs(*loaded.doc, &loaded.files);
  }
  if (!diagnostics->empty()) return stats;

  auto changed = [&](const std::string& path) {
    const SnapshotFile* before = against.Find(path);
    const SnapshotFile* after = current.Find(path);
    return before == nullptr || after == nullptr || before->blob_id != after->blob_id;
  };
  for (const auto& file : against.Files()) {
    if (!IsContract(settings, file.path)) continue;
    auto it = current_docs.find(file.path);
    bool deleted = current.Find(file.path) == nullptr;
    if (!deleted) {
      if (it == current_docs.end() || it->second.doc == nullptr) continue;
      bool any = false;
      for (const auto& reached : it->second.files) any |= changed(reached);
      if (!any) continue;
    }
    const ApiDocument* old_doc = old_side.Load(file.path);
    if (old_doc == nullptr || !CheckVersion(*old_doc, " (in the baseline)", diagnostics)) continue;
    ++stats.changed;
    CompareApiDocuments(old_side, old_doc, new_side, deleted ? nullptr : it->second.doc, findings);
  }
  return stats;
}

}  // namespace contract_lint
