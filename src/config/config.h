// The configuration: contract-lint.yaml / .contract-lint.yaml /
// contract-lint.json (or --config FILE), else a buf.yaml's roots and breaking
// section, else defaults. YAML and JSON load into one JSON document that is
// validated against schemas/contract-lint.schema.json before anything runs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/snapshot_limits.h"
#include "config/settings.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// `breaking.openapi` / `breaking.asyncapi`: which of that format's checks
// report, by rule id or level (ERR, WARN, INFO). An empty `use` means all.
struct ApiRuleSelection {
  std::vector<std::string> use;
  std::vector<std::string> except;
};

// The `breaking:` section: the repository-wide policy (or a contract's override).
struct BreakingPolicy {
  std::vector<std::string> use = {"FILE"};  // rule ids or categories
  std::vector<std::string> except;
  std::string jsonschema = "BACKWARD";  // BACKWARD | FORWARD | FULL | NONE, optionally _TRANSITIVE
  // Schema Registry mode (same levels): when set, replaces `use` for Protobuf
  // and `jsonschema` for JSON Schema. "" = not set.
  std::string registry;
  std::vector<std::string> ignore;                              // path globs
  std::map<std::string, std::vector<std::string>> ignore_only;  // rule id -> path globs
  bool ignore_unstable_packages = false;
  ApiRuleSelection openapi;
  ApiRuleSelection asyncapi;
};

// An entry of `contracts:`: who owns which paths, with an optional policy.
struct ContractSpec {
  std::string name;
  std::vector<std::string> paths;  // globs
  std::string owner;
  bool has_policy = false;
  BreakingPolicy breaking;  // the repository policy with this contract's keys applied
};

// An entry of `consumers:`: who depends on what (selectors, SPEC "Selectors").
struct ConsumerSpec {
  std::string name;
  std::string owner;
  std::string contact;
  std::vector<std::string> uses;
  std::vector<std::string> samples;  // globs of sample payloads (current side)
  // Sample glob -> the contract its samples fit (schema path or $id, or a
  // Protobuf message full name), for samples that do not name one themselves.
  std::map<std::string, std::string> sample_contracts;
  // Where it was declared: the config file, or "backstage:path:line" (src/ownership/).
  std::string source;
};

struct Versioning {
  bool major_versions = true;
  bool require_deprecation = false;
  // Tags that mark releases (git tag -l globs): the _TRANSITIVE modes also
  // judge the current side against each of them.
  std::vector<std::string> release_tags = {"v*"};
};

// A path or glob written in the config, kept to check that it names something
// (CheckConfigPaths): where it is, as written, and as it applies from the root.
struct ConfigPathEntry {
  std::string key_path;   // "proto.roots[0]"
  std::string written;    // "proto"
  std::string effective;  // relative to the repository root ("services/orders/proto")
  bool is_root = false;   // a directory that must exist (else a glob that should match)
  int line = 0;
  int column = 0;
};

// Where each key and item of a configuration sits: key path as diagnostics
// spell it ("breaking.use[0]") -> 1-based line and column.
using ConfigPositions = std::map<std::string, std::pair<int, int>>;

struct Config {
  std::string source;  // the file it came from; "" when defaults apply
  // The config file's directory relative to the repository root ("" = the
  // root): every path in the file is relative to it.
  std::string base;
  std::vector<ConfigPathEntry> path_entries;
  ProtoSettings proto;
  JsonSchemaSettings jsonschema;
  OpenApiSettings openapi;
  AsyncApiSettings asyncapi;
  BreakingPolicy breaking;
  Versioning versioning;
  InputLimits limits;
  std::vector<ContractSpec> contracts;
  std::vector<ConsumerSpec> consumers;
  nlohmann::json document = nlohmann::json::object();  // the validated document
  ConfigPositions positions;  // of `document`'s keys in `source` (empty for defaults, buf.yaml)
};

// Loads the config from `config_path` (a file on disk, relative to `cwd`) when
// given, else from the current side: the nearest contract-lint.yaml,
// .contract-lint.yaml, contract-lint.json or buf.yaml walking up from `cwd`
// to `root` (the current side's root directory; "" = look only at the root).
// Paths inside a config resolve from its own directory. Problems go to `diagnostics` (with the
// key path and a "did you mean" where one exists) and make it return false;
// deprecation notes go to `warnings`.
bool LoadConfig(const Snapshot& current, const std::string& config_path, const std::string& cwd,
                Config* config, Diagnostics* diagnostics, std::vector<Diagnostic>* warnings,
                const std::string& root = "");

// Every configured root must be a directory of either side (exit 2 with a
// did-you-mean over the real directories); a glob that matches no file of
// either side is a warning.
void CheckConfigPaths(const Config& config, const Snapshot& against, const Snapshot& current,
                      Diagnostics* diagnostics, std::vector<Diagnostic>* warnings);

// True when `name` may stand in `breaking.openapi` / `breaking.asyncapi`
// use/except: a rule id of that format (AsyncAPI: or a JSON Schema engine id
// its payloads are reported with), or a level ERR, WARN, INFO.
bool IsApiRuleName(const std::string& name, ContractKind kind);

// The contract that owns `path` (first match in config order), or nullptr.
const ContractSpec* ContractFor(const Config& config, std::string_view path);

// Parses YAML (a superset of JSON) into a JSON document. Returns false and adds
// a diagnostic with line:column on a syntax error or a duplicate key. Fills
// `positions` when given.
bool ParseConfigText(const std::string& text, const std::string& path, nlohmann::json* document,
                     Diagnostics* diagnostics, ConfigPositions* positions = nullptr);

}  // namespace contract_lint
