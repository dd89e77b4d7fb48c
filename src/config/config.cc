#include "config/config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/edit_distance.h"
#include "config/config_schema.h"
#include "config/glob.h"
#include "rules/rule_table.h"

namespace contract_lint {
namespace {

constexpr const char* kConfigNames[] = {"contract-lint.yaml", ".contract-lint.yaml",
                                        "contract-lint.json"};

std::vector<std::string> Strings(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

// Reads a `breaking:` object (contract-lint's or buf's spelling) into a policy.
BreakingPolicy ReadBreaking(const nlohmann::json& breaking, BreakingPolicy policy) {
  if (!breaking.is_object()) return policy;
  if (breaking.contains("use")) policy.use = Strings(breaking["use"]);
  if (breaking.contains("except")) policy.except = Strings(breaking["except"]);
  if (breaking.contains("jsonschema"))
    policy.jsonschema = breaking["jsonschema"].get<std::string>();
  if (breaking.contains("registry")) {
    policy.registry = breaking["registry"].get<std::string>();
  } else if (breaking.contains("use")) {
    policy.registry.clear();  // a contract naming buf rules leaves an inherited registry mode
  }
  if (breaking.contains("ignore")) policy.ignore = Strings(breaking["ignore"]);
  if (breaking.contains("ignore_only") && breaking["ignore_only"].is_object()) {
    for (const auto& [rule, paths] : breaking["ignore_only"].items()) {
      policy.ignore_only[rule] = Strings(paths);
    }
  }
  for (auto [key, selection] :
       {std::pair{"openapi", &policy.openapi}, std::pair{"asyncapi", &policy.asyncapi}}) {
    auto it = breaking.find(key);
    if (it == breaking.end() || !it->is_object()) continue;
    if (it->contains("use")) selection->use = Strings((*it)["use"]);
    if (it->contains("except")) selection->except = Strings((*it)["except"]);
  }
  if (breaking.contains("ignore_unstable_packages") &&
      breaking["ignore_unstable_packages"].is_boolean()) {
    policy.ignore_unstable_packages = breaking["ignore_unstable_packages"].get<bool>();
  }
  return policy;
}

// Sets the line and column of a diagnostic whose message starts with a key
// path ("breaking.use[1]: …") to that key, or to its nearest enclosing one.
void LocateKeyPath(const ConfigPositions& positions, Diagnostic* diagnostic) {
  if (diagnostic->line != 0) return;
  std::string key_path = diagnostic->message.substr(0, diagnostic->message.find(": "));
  while (!key_path.empty()) {
    if (auto it = positions.find(key_path); it != positions.end()) {
      diagnostic->line = it->second.first;
      diagnostic->column = it->second.second;
      return;
    }
    size_t cut = key_path.find_last_of(".[");
    if (cut == std::string::npos) break;
    key_path.resize(cut);
  }
}

}  // namespace

bool IsApiRuleName(const std::string& name, ContractKind kind) {
  if (name == "ERR" || name == "WARN" || name == "INFO") return true;
  if (const RuleInfo* rule = FindRule(name, kind); rule && rule->kind == kind) return true;
  // AsyncAPI payloads and headers are reported with the JSON Schema engine's ids.
  if (kind == ContractKind::kAsyncApi) {
    const RuleInfo* rule = FindRule(name, ContractKind::kJsonSchema);
    return rule && rule->kind == ContractKind::kJsonSchema;
  }
  return false;
}

namespace {

// The closest id of that format (or level) to a misspelt `name`; "" when none is close.
std::string SuggestApiRuleName(const std::string& name, ContractKind kind) {
  NearestWord nearest(name, std::max<size_t>(3, name.size() / 3));
  for (std::string_view level : {"ERR", "WARN", "INFO"}) nearest.Offer(level);
  for (const auto& rule : AllRules()) {
    if (rule.kind == kind ||
        (kind == ContractKind::kAsyncApi && rule.kind == ContractKind::kJsonSchema))
      nearest.Offer(rule.id);
  }
  return nearest.best();
}

// Every rule id or category named in a policy must exist.
void CheckRuleNames(const nlohmann::json& breaking, const std::string& where,
                    const std::string& path, Diagnostics* diagnostics,
                    std::vector<Diagnostic>* warnings) {
  if (!breaking.is_object()) return;
  auto check = [&](const std::string& name, const std::string& key_path) {
    if (FindCategory(name)) return;
    if (const RuleInfo* rule = FindRule(name)) {
      if (!rule->replaced_by.empty()) {
        warnings->push_back(Diagnostic{path, 0, 0,
                                       key_path + ": " + name + " is deprecated; using " +
                                           std::string(rule->replaced_by) + " instead"});
      } else if (rule->kind == ContractKind::kProto && rule->family == RuleFamily::kBuf &&
                 rule->categories == 0) {
        warnings->push_back(
            Diagnostic{path, 0, 0, key_path + ": " + name + " is deprecated and checks nothing"});
      }
      return;
    }
    std::string message = key_path + ": unknown rule or category \"" + name + "\"";
    std::string suggestion = SuggestRuleOrCategory(name);
    if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
    diagnostics->Add(path, 0, 0, message);
  };
  for (const char* key : {"use", "except"}) {
    if (!breaking.contains(key) || !breaking[key].is_array()) continue;
    for (size_t i = 0; i < breaking[key].size(); ++i) {
      if (breaking[key][i].is_string()) {
        check(breaking[key][i].get<std::string>(),
              where + "." + key + "[" + std::to_string(i) + "]");
      }
    }
  }
  if (breaking.contains("ignore_only") && breaking["ignore_only"].is_object()) {
    for (const auto& [rule, paths] : breaking["ignore_only"].items()) {
      check(rule, where + ".ignore_only." + rule);
    }
  }
  // breaking.openapi / breaking.asyncapi: that format's ids, or a level.
  for (auto [key, kind] : {std::pair{"openapi", ContractKind::kOpenApi},
                           std::pair{"asyncapi", ContractKind::kAsyncApi}}) {
    auto section = breaking.find(key);
    if (section == breaking.end() || !section->is_object()) continue;
    for (const char* list : {"use", "except"}) {
      if (!section->contains(list) || !(*section)[list].is_array()) continue;
      for (size_t i = 0; i < (*section)[list].size(); ++i) {
        const auto& item = (*section)[list][i];
        if (!item.is_string()) continue;
        std::string name = item.get<std::string>();
        if (IsApiRuleName(name, kind)) continue;
        std::string key_path = where + "." + key + "." + list + "[" + std::to_string(i) + "]";
        std::string message = key_path + ": unknown " +
                              (kind == ContractKind::kOpenApi ? "OpenAPI" : "AsyncAPI") +
                              " rule or level \"" + name + "\" (a rule id, ERR, WARN or INFO)";
        std::string suggestion = SuggestApiRuleName(name, kind);
        if (!suggestion.empty()) message += "; did you mean \"" + suggestion + "\"?";
        diagnostics->Add(path, 0, 0, message);
      }
    }
  }
}

// buf.yaml (v1beta1, v1, v2): module roots and the breaking section.
void ApplyBufYaml(const nlohmann::json& buf, Config* config) {
  std::string version = buf.value("version", std::string("v1beta1"));
  config->breaking = ReadBreaking(buf.value("breaking", nlohmann::json::object()), {});
  if (buf.contains("deps")) config->proto.deps = Strings(buf["deps"]);
  if (version == "v2") {
    if (buf.contains("modules") && buf["modules"].is_array()) {
      config->proto.roots.clear();
      for (const auto& module : buf["modules"]) {
        std::string root = module.value("path", std::string("."));
        config->proto.roots.push_back(root);
        for (const auto& exclude : Strings(module.value("excludes", nlohmann::json::array()))) {
          config->proto.exclude.push_back(exclude);
        }
        if (module.contains("breaking")) {
          // Module-level policy: buf applies it to that module's files only,
          // in place of the top-level one (nothing is inherited). An unnamed
          // contract covering the module carries it.
          ContractSpec contract;
          contract.paths = {root == "." ? std::string("**") : root + "/**"};
          contract.has_policy = true;
          contract.breaking = ReadBreaking(module["breaking"], {});
          config->contracts.push_back(std::move(contract));
        }
      }
    }
    return;
  }
  if (version == "v1beta1" && buf.contains("build") && buf["build"].contains("roots")) {
    config->proto.roots = Strings(buf["build"]["roots"]);
    // v1beta1 paths in `ignore` are relative to a root.
    std::vector<std::string> ignore;
    for (const auto& path : config->breaking.ignore) {
      for (const auto& root : config->proto.roots) {
        ignore.push_back(root == "." ? path : root + "/" + path);
      }
    }
    config->breaking.ignore = ignore;
  }
  if (buf.contains("build") && buf["build"].contains("excludes")) {
    config->proto.exclude = Strings(buf["build"]["excludes"]);
  }
}

// A buf.yaml's own version decides which rule ids and categories exist (buf
// rejects the others) and which rules a category holds.
bool ExpandBufPolicy(const std::string& version, const std::string& path, BreakingPolicy* policy,
                     Diagnostics* diagnostics) {
  for (auto [key, list] : {std::pair{"use", &policy->use}, std::pair{"except", &policy->except}}) {
    std::vector<std::string> ids;
    std::string unknown;
    if (ExpandBufRuleNames(version, *list, &ids, &unknown)) {
      if (version != "v2") *list = std::move(ids);  // v2's categories are the rule table's
      continue;
    }
    std::string message = std::string("breaking.") + key + ": \"" + unknown +
                          "\" is not a known rule or category ID in buf.yaml version " + version;
    std::string suggestion = SuggestRuleOrCategory(unknown);
    if (!suggestion.empty() && suggestion != unknown) {
      message += "; did you mean \"" + suggestion + "\"?";
    }
    diagnostics->Add(path, 0, 0, message);
    return false;
  }
  return true;
}

void ApplyDocument(const nlohmann::json& doc, Config* config) {
  if (doc.contains("proto")) {
    const auto& proto = doc["proto"];
    if (proto.contains("roots")) config->proto.roots = Strings(proto["roots"]);
    if (proto.contains("exclude")) config->proto.exclude = Strings(proto["exclude"]);
  }
  if (doc.contains("jsonschema")) {
    const auto& js = doc["jsonschema"];
    if (js.contains("include")) config->jsonschema.include = Strings(js["include"]);
    if (js.contains("exclude")) config->jsonschema.exclude = Strings(js["exclude"]);
  }
  if (doc.contains("openapi")) {
    const auto& api = doc["openapi"];
    if (api.contains("include")) config->openapi.include = Strings(api["include"]);
    if (api.contains("exclude")) config->openapi.exclude = Strings(api["exclude"]);
  }
  if (doc.contains("asyncapi")) {
    const auto& api = doc["asyncapi"];
    if (api.contains("include")) config->asyncapi.include = Strings(api["include"]);
    if (api.contains("exclude")) config->asyncapi.exclude = Strings(api["exclude"]);
  }
  if (doc.contains("breaking")) {
    config->breaking = ReadBreaking(doc["breaking"], config->breaking);
    config->jsonschema.lenient = doc["breaking"].value("content_model", "strict") == "lenient";
    // OpenAPI and AsyncAPI bodies: lenient unless `strict` is asked for.
    const auto& breaking = doc["breaking"];
    if (breaking.contains("openapi") && breaking["openapi"].is_object()) {
      config->openapi.lenient = breaking["openapi"].value("content_model", "lenient") != "strict";
      // Validated by the schema (non-negative integers); absent keys stay 0 (off).
      const auto& days = breaking["openapi"].value("deprecation_days", nlohmann::json::object());
      if (days.is_object()) {
        config->openapi.deprecation_days_beta = days.value("beta", 0);
        config->openapi.deprecation_days_stable = days.value("stable", 0);
      }
    }
    if (breaking.contains("asyncapi") && breaking["asyncapi"].is_object())
      config->asyncapi.lenient = breaking["asyncapi"].value("content_model", "lenient") != "strict";
  }
  if (doc.contains("limits")) {
    config->limits.max_file_bytes =
        doc["limits"].value("max_file_bytes", config->limits.max_file_bytes);
    config->limits.max_files = doc["limits"].value("max_files", config->limits.max_files);
  }
  if (doc.contains("versioning")) {
    config->versioning.major_versions = doc["versioning"].value("major_versions", true);
    config->versioning.require_deprecation = doc["versioning"].value("require_deprecation", false);
    if (doc["versioning"].contains("release_tags")) {
      config->versioning.release_tags =
          doc["versioning"]["release_tags"].get<std::vector<std::string>>();
    }
  }
  for (const auto& entry : doc.value("contracts", nlohmann::json::array())) {
    ContractSpec contract;
    contract.name = entry.value("name", "");
    contract.paths = Strings(entry.value("paths", nlohmann::json::array()));
    contract.owner = entry.value("owner", "");
    contract.has_policy = entry.contains("breaking");
    contract.breaking =
        ReadBreaking(entry.value("breaking", nlohmann::json::object()), config->breaking);
    config->contracts.push_back(std::move(contract));
  }
  for (const auto& entry : doc.value("consumers", nlohmann::json::array())) {
    ConsumerSpec consumer;
    consumer.name = entry.value("name", "");
    consumer.owner = entry.value("owner", "");
    consumer.contact = entry.value("contact", "");
    consumer.uses = Strings(entry.value("uses", nlohmann::json::array()));
    consumer.samples = Strings(entry.value("samples", nlohmann::json::array()));
    if (entry.contains("sample_contracts") && entry["sample_contracts"].is_object()) {
      for (const auto& [glob, contract] : entry["sample_contracts"].items()) {
        if (contract.is_string()) consumer.sample_contracts[glob] = contract.get<std::string>();
      }
    }
    config->consumers.push_back(std::move(consumer));
  }
}

bool ReadDiskFile(const std::filesystem::path& path, std::string* text) {
  // A directory opens as an empty stream: refuse it rather than validate "".
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return !in.bad();
}

// `path`'s directory relative to `root` ("" when it is the root, outside it,
// or when there is no root).
std::string DirectoryWithin(const std::string& root, const std::filesystem::path& path) {
  if (root.empty() || path.empty()) return "";
  std::error_code ec;
  auto dir = std::filesystem::weakly_canonical(path, ec);
  if (ec) return "";
  auto top = std::filesystem::weakly_canonical(root, ec);
  if (ec) return "";
  std::string rel = dir.lexically_relative(top).generic_string();
  if (rel.empty() || rel == "." || rel.rfind("..", 0) == 0) return "";
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  return rel;
}

std::string ParentOf(const std::string& dir) {
  size_t slash = dir.rfind('/');
  return slash == std::string::npos ? "" : dir.substr(0, slash);
}

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

// A path or glob written in a config in `base`, as seen from the root.
std::string Rebase(const std::string& base, std::string path) {
  if (base.empty() || (!path.empty() && path[0] == '/')) return path;
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  if (path.empty() || path == ".") return base;
  return base + "/" + path;
}

// A `uses:` selector naming a file (rather than a type) is a path.
bool IsPathSelector(const std::string& use) {
  if (use.find("://") != std::string::npos) return false;
  std::string file = use.substr(0, use.find('#'));
  return file.ends_with(".proto") || file.ends_with(".json") || file.ends_with(".json*") ||
         file.find('/') != std::string::npos;
}

void RebaseAll(const std::string& base, std::vector<std::string>* paths) {
  for (auto& path : *paths) path = Rebase(base, path);
}

void RebasePolicy(const std::string& base, BreakingPolicy* policy) {
  RebaseAll(base, &policy->ignore);
  for (auto& [rule, paths] : policy->ignore_only) RebaseAll(base, &paths);
}

// Paths in a config below the repository root are relative to its directory.
void RebaseConfig(Config* config) {
  const std::string& base = config->base;
  for (auto& entry : config->path_entries) entry.effective = Rebase(base, entry.written);
  if (base.empty()) return;
  RebaseAll(base, &config->proto.roots);
  RebaseAll(base, &config->proto.exclude);
  RebaseAll(base, &config->jsonschema.include);
  RebaseAll(base, &config->jsonschema.exclude);
  RebasePolicy(base, &config->breaking);
  for (auto& contract : config->contracts) {
    RebaseAll(base, &contract.paths);
    RebasePolicy(base, &contract.breaking);
  }
  for (auto& consumer : config->consumers) {
    for (auto& use : consumer.uses) {
      if (IsPathSelector(use)) use = Rebase(base, use);
    }
    RebaseAll(base, &consumer.samples);
    std::map<std::string, std::string> sample_contracts;
    for (auto& [glob, contract] : consumer.sample_contracts) {
      sample_contracts[Rebase(base, glob)] =
          IsPathSelector(contract) ? Rebase(base, contract) : contract;
    }
    consumer.sample_contracts = std::move(sample_contracts);
  }
}

void RecordPaths(const nlohmann::json& list, const std::string& key_path, bool is_root,
                 const ConfigPositions& positions, Config* config) {
  if (!list.is_array()) return;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) continue;
    ConfigPathEntry entry;
    entry.key_path = key_path + "[" + std::to_string(i) + "]";
    entry.written = list[i].get<std::string>();
    entry.is_root = is_root;
    if (auto it = positions.find(entry.key_path); it != positions.end()) {
      entry.line = it->second.first;
      entry.column = it->second.second;
    }
    config->path_entries.push_back(std::move(entry));
  }
}

void RecordDocumentPaths(const nlohmann::json& doc, const ConfigPositions& positions,
                         Config* config) {
  auto at = [&](const char* section, const char* key) -> nlohmann::json {
    if (!doc.contains(section) || !doc[section].is_object() || !doc[section].contains(key))
      return nullptr;
    return doc[section][key];
  };
  RecordPaths(at("proto", "roots"), "proto.roots", true, positions, config);
  RecordPaths(at("proto", "exclude"), "proto.exclude", false, positions, config);
  RecordPaths(at("jsonschema", "include"), "jsonschema.include", false, positions, config);
  RecordPaths(at("jsonschema", "exclude"), "jsonschema.exclude", false, positions, config);
  for (const char* kind : {"openapi", "asyncapi"}) {
    for (const char* key : {"include", "exclude"}) {
      RecordPaths(at(kind, key), std::string(kind) + "." + key, false, positions, config);
    }
  }
  if (doc.contains("contracts") && doc["contracts"].is_array()) {
    for (size_t i = 0; i < doc["contracts"].size(); ++i) {
      const auto& entry = doc["contracts"][i];
      if (entry.is_object() && entry.contains("paths")) {
        RecordPaths(entry["paths"], "contracts[" + std::to_string(i) + "].paths", false, positions,
                    config);
      }
    }
  }
}

void RecordBufPaths(const nlohmann::json& buf, const ConfigPositions& positions, Config* config) {
  if (buf.contains("modules") && buf["modules"].is_array()) {
    for (size_t i = 0; i < buf["modules"].size(); ++i) {
      const auto& module = buf["modules"][i];
      if (!module.is_object()) continue;
      std::string key = "modules[" + std::to_string(i) + "]";
      if (module.contains("path")) {
        nlohmann::json one = nlohmann::json::array({module["path"]});
        size_t before = config->path_entries.size();
        RecordPaths(one, key + ".path", true, positions, config);
        for (size_t e = before; e < config->path_entries.size(); ++e) {
          auto& entry = config->path_entries[e];
          entry.key_path = key + ".path";
          if (auto it = positions.find(entry.key_path); it != positions.end()) {
            entry.line = it->second.first;
            entry.column = it->second.second;
          }
        }
      }
      if (module.contains("excludes")) {
        RecordPaths(module["excludes"], key + ".excludes", false, positions, config);
      }
    }
  }
  if (buf.contains("build") && buf["build"].is_object()) {
    if (buf["build"].contains("roots") && buf.value("version", std::string("v1beta1")) == "v1beta1")
      RecordPaths(buf["build"]["roots"], "build.roots", true, positions, config);
    if (buf["build"].contains("excludes"))
      RecordPaths(buf["build"]["excludes"], "build.excludes", false, positions, config);
  }
}

}  // namespace

const ContractSpec* ContractFor(const Config& config, std::string_view path) {
  for (const auto& contract : config.contracts) {
    if (GlobMatchAny(contract.paths, path)) return &contract;
  }
  return nullptr;
}

bool LoadConfig(const Snapshot& current, const std::string& config_path, const std::string& cwd,
                Config* config, Diagnostics* diagnostics, std::vector<Diagnostic>* warnings,
                const std::string& root) {
  std::string text;
  std::string name;
  std::string dir;  // the directory (relative to the root) the config is looked up in
  if (!config_path.empty()) {
    std::filesystem::path path(config_path);
    if (path.is_relative() && !cwd.empty()) path = std::filesystem::path(cwd) / path;
    name = config_path;
    if (!ReadDiskFile(path, &text)) {
      diagnostics->Add(config_path, 0, 0, "cannot read the configuration file");
      return false;
    }
    config->base = DirectoryWithin(root, path.parent_path());
  } else {
    // The nearest directory holding a config, from the cwd up to the root.
    std::string start = DirectoryWithin(root, cwd);
    for (dir = start;; dir = ParentOf(dir)) {
      bool found = false;
      for (const char* candidate : {"contract-lint.yaml", ".contract-lint.yaml",
                                    "contract-lint.json", "buf.yaml", "buf.yml"}) {
        found |= current.Find(Join(dir, candidate)) != nullptr;
      }
      if (found || dir.empty()) break;
    }
    config->base = dir;
    for (const char* candidate_name : kConfigNames) {
      std::string candidate = Join(dir, candidate_name);
      if (!current.Find(candidate)) continue;
      if (!name.empty()) {
        warnings->push_back(Diagnostic{candidate, 0, 0, "ignored: " + name + " is used instead"});
        continue;
      }
      name = candidate;
      std::string error;
      if (!current.Read(candidate, &text, &error)) {
        diagnostics->Add(candidate, 0, 0, error);
        return false;
      }
    }
  }

  if (name.empty()) {
    for (const char* buf_base : {"buf.yaml", "buf.yml"}) {
      std::string buf_name = Join(dir, buf_base);
      if (!current.Find(buf_name)) continue;
      std::string error;
      nlohmann::json buf;
      if (!current.Read(buf_name, &text, &error)) {
        diagnostics->Add(buf_name, 0, 0, error);
        return false;
      }
      ConfigPositions positions;
      if (!ParseConfigText(text, buf_name, &buf, diagnostics, &positions)) return false;
      if (!buf.is_object()) {
        diagnostics->Add(buf_name, 1, 1, "expected a mapping at the top level");
        return false;
      }
      config->source = buf_name;
      try {
        ApplyBufYaml(buf, config);
        RecordBufPaths(buf, positions, config);
      } catch (const nlohmann::json::exception& e) {
        // buf.yaml is not validated against a schema: a value of the wrong
        // type (`version: 1`, a string where a list belongs) lands here.
        std::string what = e.what();
        if (size_t bracket = what.find("] "); bracket != std::string::npos)
          what = what.substr(bracket + 2);
        diagnostics->Add(buf_name, 0, 0,
                         "a value has the wrong type (" + what +
                             "); expected buf's layout: version: v1, build.roots: [...], modules: "
                             "[{path: ...}], "
                             "breaking.use: [...]");
        return false;
      }
      std::string version = buf.value("version", std::string("v1beta1"));
      if (!ExpandBufPolicy(version, buf_name, &config->breaking, diagnostics)) return false;
      for (auto& contract : config->contracts) {
        if (!ExpandBufPolicy(version, buf_name, &contract.breaking, diagnostics)) return false;
      }
      if (buf.contains("breaking")) {
        CheckRuleNames(buf["breaking"], "breaking", buf_name, diagnostics, warnings);
      }
      RebaseConfig(config);
      return diagnostics->empty();
    }
    config->base.clear();
    return true;  // defaults
  }

  config->source = name;
  nlohmann::json doc;
  ConfigPositions positions;
  if (!ParseConfigText(text, name, &doc, diagnostics, &positions)) return false;
  Diagnostics problems;
  std::vector<Diagnostic> notes;
  if (ValidateConfigDocument(doc, name, &problems)) {
    if (doc.contains("breaking"))
      CheckRuleNames(doc["breaking"], "breaking", name, &problems, &notes);
    if (doc.contains("contracts")) {
      for (size_t i = 0; i < doc["contracts"].size(); ++i) {
        if (doc["contracts"][i].contains("breaking")) {
          CheckRuleNames(doc["contracts"][i]["breaking"],
                         "contracts[" + std::to_string(i) + "].breaking", name, &problems, &notes);
        }
      }
    }
  }
  // Every message starts with its key path: place it at that key in the file.
  for (auto& note : notes) LocateKeyPath(positions, &note);
  warnings->insert(warnings->end(), notes.begin(), notes.end());
  for (auto problem : problems.Sorted()) {
    LocateKeyPath(positions, &problem);
    diagnostics->Add(std::move(problem));
  }
  if (!diagnostics->empty()) return false;
  ApplyDocument(doc, config);
  RecordDocumentPaths(doc, positions, config);
  RebaseConfig(config);
  config->document = std::move(doc);
  config->positions = std::move(positions);
  return true;
}

}  // namespace contract_lint
