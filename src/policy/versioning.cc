#include "policy/versioning.h"

#include <google/protobuf/descriptor.pb.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>

#include "base/version_component.h"
#include "config/glob.h"
#include "jsonschema/schema_document.h"
#include "openapi/openapi_document.h"
#include "policy/suppression.h"
#include "proto/proto_check.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;

constexpr std::string_view kDeprecationRule = "ELEMENT_NO_DELETE_UNLESS_DEPRECATED";

// --- major versions ------------------------------------------------------------------------------

// "acme.orders.v2" -> {"acme.orders", 2}; "acme.v1beta1" -> {"acme", 1}; no version -> nullopt.
std::optional<std::pair<std::string, int>> SplitMajor(std::string_view name, char separator) {
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find(separator, start);
    std::string_view part =
        name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (auto major = VersionComponentMajor(part)) {
      std::string rest = std::string(name.substr(0, start)) +
                         (end == std::string_view::npos ? "" : std::string(name.substr(end)));
      return std::make_pair(rest, *major);
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

bool IsMajorChange(std::string_view before, std::string_view after, char separator) {
  auto old_version = SplitMajor(before, separator);
  auto new_version = SplitMajor(after, separator);
  return old_version && new_version && old_version->first == new_version->first &&
         old_version->second != new_version->second;
}

std::string SchemaId(const SchemaDocument* doc) {
  if (!doc || !doc->root.is_object()) return "";
  for (const char* key : {"$id", "id"}) {
    auto it = doc->root.find(key);
    if (it != doc->root.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

void ApplyMajorVersions(SchemaSides& schemas, std::vector<Finding>* findings) {
  // Proto: files whose package moved to another major version.
  std::set<std::string> new_major_files;  // buf's FILE_SAME_PACKAGE message says it all
  for (const auto& finding : *findings) {
    if (finding.rule != "FILE_SAME_PACKAGE" || !IsMajorChange(finding.before, finding.after, '.'))
      continue;
    new_major_files.insert(finding.location.path);
  }
  // JSON Schema: files whose $id moved to another major version.
  std::set<std::string> schema_paths;
  for (const auto& finding : *findings) {
    if (finding.kind == ContractKind::kJsonSchema && finding.location.side == Side::kCurrent &&
        !finding.location.path.empty()) {
      schema_paths.insert(finding.location.path);
    }
  }
  std::vector<Finding> replaced;
  std::set<std::string> new_major_schemas;
  for (const auto& path : schema_paths) {
    std::string old_id = SchemaId(schemas.Against(path));
    const SchemaDocument* new_doc = schemas.Current(path);
    std::string new_id = SchemaId(new_doc);
    if (old_id.empty() || new_id.empty() || !IsMajorChange(old_id, new_id, '/')) continue;
    new_major_schemas.insert(path);
    Finding f;
    f.rule = "SCHEMA_NO_DELETE";
    f.kind = ContractKind::kJsonSchema;
    f.location.path = path;
    f.location.line = f.location.column = f.location.end_line = f.location.end_column = 1;
    for (const char* key : {"/$id", "/id"}) {
      if (!new_doc->positions.Contains(key)) continue;
      const TextSpan* span = new_doc->positions.Find(key);
      f.location.line = span->line;
      f.location.column = span->column;
      f.location.end_line = span->end_line;
      f.location.end_column = span->end_column;
      break;
    }
    f.subject = path + "#";
    f.before = old_id;
    f.after = new_id;
    f.direction = Direction::kNarrowing;
    f.message = "Schema " + path + " changed its $id from \"" + old_id + "\" to \"" + new_id +
                "\": a new major version, not compared with the old one, which is deleted; "
                "documents of the old version are no longer described (keep it at its own path "
                "while consumers use it)";
    replaced.push_back(std::move(f));
  }
  if (new_major_files.empty() && new_major_schemas.empty()) return;
  std::erase_if(*findings, [&](const Finding& f) {
    if (f.location.side != Side::kCurrent) return false;
    if (f.kind == ContractKind::kProto && new_major_files.count(f.location.path)) {
      // Schema Registry mode judges the file as the registry does, major or not.
      return f.rule != "FILE_SAME_PACKAGE" && !f.rule.starts_with("PACKAGE_") &&
             FamilyOf(f.rule) != RuleFamily::kRegistry;
    }
    return f.kind == ContractKind::kJsonSchema && new_major_schemas.count(f.location.path) > 0;
  });
  findings->insert(findings->end(), std::make_move_iterator(replaced.begin()),
                   std::make_move_iterator(replaced.end()));
}

// --- require_deprecation ------------------------------------------------------------------------

template <typename Descriptor>
std::optional<bool> DeprecatedIn(const Descriptor* element) {
  if (!element) return std::nullopt;
  return element->options().deprecated();
}

// "acme.v1.Status.STATUS_OLD": enum values are named in their enum here.
const pb::EnumValueDescriptor* FindEnumValue(const pb::DescriptorPool& pool,
                                             const std::string& name) {
  size_t dot = name.rfind('.');
  const pb::EnumDescriptor* e =
      dot == std::string::npos ? nullptr : pool.FindEnumTypeByName(name.substr(0, dot));
  return e ? e->FindValueByName(name.substr(dot + 1)) : nullptr;
}

// The deletions whose element the baseline may have marked deprecated: the
// word for the element and, for Protobuf, whether the baseline `pool` marked
// the element `name` deprecated (nullopt when it is not there). Types go by
// the package-level rules, so that a type moved to another file of its
// package is not taken for a deletion.
struct DeprecatableDeletion {
  std::string_view rule;
  ContractKind kind;
  std::string_view word;
  std::optional<bool> (*deprecated)(const pb::DescriptorPool& pool, const std::string& name);
};

const DeprecatableDeletion kDeletions[] = {
    {"FIELD_NO_DELETE", ContractKind::kProto, "Field",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(pool.FindFieldByName(name));
     }},
    {"ENUM_VALUE_NO_DELETE", ContractKind::kProto, "Enum value",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(FindEnumValue(pool, name));
     }},
    {"RPC_NO_DELETE", ContractKind::kProto, "RPC",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(pool.FindMethodByName(name));
     }},
    {"PACKAGE_MESSAGE_NO_DELETE", ContractKind::kProto, "Message",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(pool.FindMessageTypeByName(name));
     }},
    {"PACKAGE_ENUM_NO_DELETE", ContractKind::kProto, "Enum",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(pool.FindEnumTypeByName(name));
     }},
    {"PACKAGE_SERVICE_NO_DELETE", ContractKind::kProto, "Service",
     [](const pb::DescriptorPool& pool, const std::string& name) {
       return DeprecatedIn(pool.FindServiceByName(name));
     }},
    {"PROPERTY_NO_DELETE", ContractKind::kJsonSchema, "Property", nullptr},
};

const DeprecatableDeletion* FindDeletion(const Finding& f) {
  for (const auto& deletion : kDeletions) {
    if (deletion.rule == f.rule && deletion.kind == f.kind) return &deletion;
  }
  return nullptr;
}

std::optional<bool> SchemaDeprecated(SchemaSides& schemas, const Finding& f) {
  size_t hash = f.subject.find('#');
  if (hash == std::string::npos) return std::nullopt;
  const SchemaDocument* doc = schemas.Against(f.subject.substr(0, hash));
  if (!doc) return std::nullopt;
  try {
    const auto& node = doc->root.at(nlohmann::json::json_pointer(f.subject.substr(hash + 1)));
    return node.is_object() && node.value("deprecated", false) == true;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void AddDeprecationFindings(const ProtoBaseline& baseline, SchemaSides& schemas,
                            std::vector<Finding>* findings) {
  // A deleted element was in a baseline file the comparison compiled.
  std::vector<const pb::DescriptorPool*> pools;
  std::vector<Finding> added;
  for (const Finding& deletion : *findings) {
    const DeprecatableDeletion* kind = FindDeletion(deletion);
    if (!kind) continue;
    std::optional<bool> deprecated;
    if (!kind->deprecated) {
      deprecated = SchemaDeprecated(schemas, deletion);
    } else {
      if (pools.empty()) pools = baseline.Pools();
      for (const pb::DescriptorPool* pool : pools) {
        deprecated = kind->deprecated(*pool, deletion.subject);
        if (deprecated) break;
      }
    }
    if (!deprecated || *deprecated) continue;
    Finding f = deletion;
    f.rule = std::string(kDeprecationRule);
    f.severity = Severity::kError;
    f.direction = Direction::kNone;
    f.message = std::string(kind->word) + " \"" + deletion.subject +
                "\" was deleted without being marked deprecated in the baseline "
                "(versioning.require_deprecation): deprecate it, release, and delete it later.";
    added.push_back(std::move(f));
  }
  findings->insert(findings->end(), std::make_move_iterator(added.begin()),
                   std::make_move_iterator(added.end()));
}

// --- semver of JSON Schemas ---------------------------------------------------------------------

struct Semver {
  int major = 0, minor = 0, patch = 0;
  std::string text;
  std::string key;  // "version" or "x-version"
};

std::optional<Semver> ReadVersion(const SchemaDocument* schema) {
  if (!schema || !schema->root.is_object()) return std::nullopt;
  const nlohmann::json& doc = schema->root;
  static const std::regex kSemver(R"(v?([0-9]+)\.([0-9]+)\.([0-9]+)([-+].*)?)");
  for (const char* key : {"version", "x-version"}) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) continue;
    std::string value = it->get<std::string>();
    std::smatch m;
    if (!std::regex_match(value, m, kSemver)) continue;
    try {
      return Semver{std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str()), value,
                    key};
    } catch (const std::exception&) {
      return std::nullopt;  // a number too large for int is no version we can bump
    }
  }
  return std::nullopt;
}

std::string Format(int major, int minor, int patch) {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

// --- OpenAPI / AsyncAPI info.version ------------------------------------------------------------

// `info.version` of an OpenAPI or AsyncAPI document when it is semver; `at` gets its position.
std::optional<Semver> ApiVersion(const Snapshot& snapshot, const std::string& path, TextSpan* at) {
  std::string text, error;
  if (!snapshot.Read(path, &text, &error) || text.find("version") == std::string::npos)
    return std::nullopt;
  ApiDocument doc;
  Diagnostics ignored;  // an unreadable document is the comparer's to report
  // A block-style YAML document: its top-level `info:` block alone, so that a
  // large document is not parsed a second time for its version.
  int offset = 0;
  size_t start = text.starts_with("info:") ? 0 : text.find("\ninfo:");
  bool parsed = false;
  if (start != std::string::npos) {
    if (start > 0) ++start;
    size_t end = text.size();
    for (size_t newline = text.find('\n', start); newline != std::string::npos;
         newline = text.find('\n', newline + 1)) {
      char c = newline + 1 < text.size() ? text[newline + 1] : ' ';
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#') {
        end = newline + 1;
        break;
      }
    }
    offset = static_cast<int>(std::count(text.begin(), text.begin() + start, '\n'));
    parsed = ParseApiDocument(path, text.substr(start, end - start), "", &doc, &ignored) &&
             doc.root.is_object() && doc.root.contains("info");
  }
  if (!parsed) {
    offset = 0;
    doc = ApiDocument();
    if (!ParseApiDocument(path, text, "", &doc, &ignored) || !doc.root.is_object())
      return std::nullopt;
  }
  auto info = doc.root.find("info");
  if (info == doc.root.end() || !info->is_object()) return std::nullopt;
  auto version = info->find("version");
  if (version == info->end() || !version->is_string()) return std::nullopt;
  static const std::regex kSemver(R"(v?([0-9]+)\.([0-9]+)\.([0-9]+)([-+].*)?)");
  std::string value = version->get<std::string>();
  std::smatch m;
  if (!std::regex_match(value, m, kSemver)) return std::nullopt;
  *at = doc.Find("/info/version");
  at->line += offset;
  at->end_line += offset;
  try {
    return Semver{std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str()), value,
                  "info.version"};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A versioned document, as the bump advice names and locates it.
struct VersionedFile {
  ContractKind kind;
  std::string path;
  std::string name;     // "Schema a.json", "OpenAPI document api/openapi.yaml"
  std::string subject;  // where the version is: "a.json#/$id", "...#/info/version"
  int line = 0;
  int column = 0;
  std::string small_change;  // what a change that is not even compatible is called
};

// The bump advice for one document whose version goes from `was` to `now`
// with `breaking` errors among `file_findings`: a major bump (or a 0.x
// version) turns those errors into warnings; otherwise a breaking change
// without one is VERSION_MAJOR_BUMP_REQUIRED; VERSION_NEXT says the next
// version either way. A bump allows changing a contract, not deleting it
// (a new $id major deletes the old one): SCHEMA_NO_DELETE stays an error.
void AdviseVersion(const VersionedFile& file, const Semver& was, const Semver& now, int breaking,
                   bool compatible, const std::vector<Finding*>& file_findings,
                   std::vector<Finding>* added) {
  std::string next = breaking     ? Format(was.major + 1, 0, 0)
                     : compatible ? Format(was.major, was.minor + 1, 0)
                                  : Format(was.major, was.minor, was.patch + 1);
  std::string note;
  if (was.major == 0 && now.major == 0) {
    note = " (version " + was.text + " is 0.x, unstable: it may break, reported as a warning)";
  } else if (now.major > was.major) {
    note = " (allowed by the major version bump " + was.text + " -> " + now.text + ")";
  }
  if (!note.empty()) {
    for (Finding* f : file_findings) {
      if (f->severity != Severity::kError || f->rule == "SCHEMA_NO_DELETE") continue;
      f->severity = Severity::kWarning;
      f->message += note;
    }
  }
  Finding base;
  base.kind = file.kind;
  base.location.path = file.path;
  base.location.line = base.location.end_line = file.line;
  base.location.column = base.location.end_column = file.column;
  base.subject = file.subject;
  base.before = was.text;
  base.after = now.text;
  if (breaking && note.empty()) {
    Finding f = base;
    f.rule = "VERSION_MAJOR_BUMP_REQUIRED";
    f.severity = Severity::kError;
    f.message = file.name + " makes " + std::to_string(breaking) + " breaking change" +
                (breaking == 1 ? "" : "s") + " but its " + now.key + " goes from " + was.text +
                " to " + now.text + ": a breaking change needs a major version (" + next + ")";
    added->push_back(std::move(f));
  }
  Finding f = base;
  f.rule = "VERSION_NEXT";
  f.severity = Severity::kInfo;
  f.direction = Direction::kAnnotation;
  std::string change = breaking ? "breaking" : compatible ? "compatible" : file.small_change;
  f.message = file.name + ": the changes since " + was.text + " are " + change +
              ", so the next version is " + next + " (the file says " + now.text + ")";
  added->push_back(std::move(f));
}

// The same bump advice as for JSON Schemas, over each OpenAPI/AsyncAPI
// document's findings (those located in the files its $refs reach and in the
// baseline, such as a removed operation, count for the document).
void ApplyApiVersions(const Snapshot& against, const Snapshot& current, const Config& config,
                      std::vector<Finding>* findings, std::vector<Finding>* added) {
  auto kind_of = [&](const std::string& path) -> std::optional<ContractKind> {
    if (GlobMatchAny(config.openapi.include, path) && !GlobMatchAny(config.openapi.exclude, path))
      return ContractKind::kOpenApi;
    if (GlobMatchAny(config.asyncapi.include, path) && !GlobMatchAny(config.asyncapi.exclude, path))
      return ContractKind::kAsyncApi;
    return std::nullopt;
  };
  std::map<std::string, std::vector<Finding*>> by_file;
  std::vector<Finding*> api_findings;
  std::vector<Finding> copies;  // to learn which ones an inline ignore suppresses
  for (auto& f : *findings) {
    if (f.kind != ContractKind::kOpenApi && f.kind != ContractKind::kAsyncApi) continue;
    if (FamilyOf(f.rule) == RuleFamily::kSample || IsVersioningRule(f.rule)) continue;
    by_file[f.subject.substr(0, f.subject.find('#'))].push_back(&f);
    api_findings.push_back(&f);
    copies.push_back(f);
  }
  // A suppressed finding (config or inline ignore) calls for no major version.
  ApplyInlineSuppressions(current, &copies);
  std::set<const Finding*> suppressed;
  for (size_t i = 0; i < copies.size(); ++i) {
    if (copies[i].suppressed) suppressed.insert(api_findings[i]);
  }
  std::map<std::string, std::string> old_blobs;
  for (const auto& file : against.Files()) old_blobs[file.path] = file.blob_id;
  for (const auto& file : current.Files()) {
    auto old_blob = old_blobs.find(file.path);
    if (old_blob == old_blobs.end() || old_blob->second == file.blob_id) continue;
    if (kind_of(file.path)) by_file.try_emplace(file.path);
  }
  for (auto& [path, file_findings] : by_file) {
    auto kind = kind_of(path);
    if (!kind) continue;
    TextSpan old_at, at;
    auto old_version = ApiVersion(against, path, &old_at);
    auto new_version = ApiVersion(current, path, &at);
    if (!old_version || !new_version) continue;
    // info.version is mandatory, and many documents keep "1.0.0" for ever: the
    // advice applies once the document's version moves, or with a `versioning:`
    // section in the config (which also asks for a bump that was forgotten).
    if (old_version->text == new_version->text && !config.document.contains("versioning")) continue;
    int breaking = 0;
    for (const Finding* f : file_findings) {
      if (f->severity == Severity::kError && !suppressed.count(f)) ++breaking;
    }
    bool compatible = !file_findings.empty();
    std::string what = *kind == ContractKind::kOpenApi ? "OpenAPI document " : "AsyncAPI document ";
    AdviseVersion(VersionedFile{*kind, path, what + path, path + "#/info/version", at.line,
                                at.column, "patch-level"},
                  *old_version, *new_version, breaking, compatible, file_findings, added);
  }
}

}  // namespace

bool IsVersioningRule(std::string_view rule) {
  return rule == kDeprecationRule || rule == "VERSION_MAJOR_BUMP_REQUIRED" ||
         rule == "VERSION_NEXT";
}

void ApplyVersioningBeforePolicy(const Config& config, const ProtoBaseline& proto,
                                 SchemaSides& schemas, std::vector<Finding>* findings) {
  if (config.versioning.major_versions) ApplyMajorVersions(schemas, findings);
  if (config.versioning.require_deprecation) AddDeprecationFindings(proto, schemas, findings);
}

void ApplySchemaVersions(const Snapshot& against, const Snapshot& current, const Config& config,
                         SchemaSides& schemas, std::vector<Finding>* findings) {
  std::map<std::string, std::vector<Finding*>> by_file;
  for (auto& f : *findings) {
    if (f.kind != ContractKind::kJsonSchema || f.location.side != Side::kCurrent ||
        f.location.path.empty() || FamilyOf(f.rule) == RuleFamily::kSample) {
      continue;
    }
    by_file[f.location.path].push_back(&f);
  }
  // A changed file with no finding (an annotation, a reformat) still gets its suggestion.
  std::map<std::string, std::string> old_blobs;
  for (const auto& file : against.Files()) old_blobs[file.path] = file.blob_id;
  for (const auto& file : current.Files()) {
    auto old_blob = old_blobs.find(file.path);
    if (old_blob == old_blobs.end() || old_blob->second == file.blob_id) continue;
    if (!GlobMatchAny(config.jsonschema.include, file.path) ||
        GlobMatchAny(config.jsonschema.exclude, file.path)) {
      continue;
    }
    by_file.try_emplace(file.path);
  }
  std::vector<Finding> added;
  for (auto& [path, file_findings] : by_file) {
    const SchemaDocument* new_doc = schemas.Current(path);
    auto old_version = ReadVersion(schemas.Against(path));
    auto new_version = ReadVersion(new_doc);
    if (!old_version || !new_version) continue;
    int breaking = 0;
    bool compatible = false;  // a change beyond annotations that breaks nothing
    for (const Finding* f : file_findings) {
      if (f->severity == Severity::kError) ++breaking;
      if (f->direction != Direction::kAnnotation) compatible = true;
    }
    const TextSpan* span = new_doc->positions.Find("/" + new_version->key);
    AdviseVersion(
        VersionedFile{ContractKind::kJsonSchema, path, "Schema " + path,
                      path + "#/" + new_version->key, span->line, span->column, "annotation-only"},
        *old_version, *new_version, breaking, compatible, file_findings, &added);
  }
  ApplyApiVersions(against, current, config, findings, &added);
  findings->insert(findings->end(), std::make_move_iterator(added.begin()),
                   std::make_move_iterator(added.end()));
}

}  // namespace contract_lint
