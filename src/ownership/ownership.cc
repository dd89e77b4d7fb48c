#include "ownership/ownership.h"

#include <algorithm>

#include "config/glob.h"
#include "ownership/backstage_catalog.h"

namespace contract_lint {
namespace {

// A JSON file the catalog names as an API definition is a JSON Schema
// contract unless its type says it is another description format.
bool IsSchemaDefinition(const CatalogApi& api) {
  std::string type = api.type;
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return api.definition.ends_with(".json") && type != "openapi" && type != "asyncapi" &&
         type != "graphql" && type != "trpc";
}

std::string ConfigName(const Config& config) {
  if (config.source.empty() || config.source.ends_with("buf.yaml")) return "contract-lint.yaml";
  return config.source;
}

}  // namespace

const char* const kCodeOwnersLocations[4] = {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
                                             ".gitlab/CODEOWNERS"};

OwnershipSettings OwnershipSettingsOf(const Config& config) {
  OwnershipSettings settings;
  auto it = config.document.find("ownership");
  if (it == config.document.end() || !it->is_object()) return settings;
  if (auto c = it->find("codeowners"); c != it->end()) {
    if (c->is_boolean()) settings.codeowners = c->get<bool>();
    if (c->is_string()) settings.codeowners_path = c->get<std::string>();
  }
  if (auto b = it->find("backstage"); b != it->end()) {
    if (b->is_boolean() && !b->get<bool>()) settings.backstage.clear();
    if (b->is_array()) settings.backstage = b->get<std::vector<std::string>>();
  }
  return settings;
}

Ownership LoadOwnership(const Snapshot& current, Config* config, Diagnostics* diagnostics,
                        std::vector<Diagnostic>* warnings) {
  Ownership ownership;
  OwnershipSettings settings = OwnershipSettingsOf(*config);
  for (auto& consumer : config->consumers) {
    if (consumer.source.empty()) consumer.source = ConfigName(*config);
  }

  if (settings.codeowners) {
    std::vector<std::string> candidates;
    if (!settings.codeowners_path.empty()) {
      std::string path = settings.codeowners_path;
      if (path.starts_with("./")) path.erase(0, 2);
      if (!current.Find(path)) {
        auto at = config->positions.find("ownership.codeowners");
        int line = at == config->positions.end() ? 0 : at->second.first;
        int column = at == config->positions.end() ? 0 : at->second.second;
        diagnostics->Add(ConfigName(*config), line, column,
                         "ownership.codeowners: " + path + " does not exist in the current side (" +
                             current.Describe() + ")");
        return ownership;
      }
      candidates.push_back(path);
    } else {
      candidates.assign(std::begin(kCodeOwnersLocations), std::end(kCodeOwnersLocations));
    }
    for (const auto& path : candidates) {
      if (!current.Find(path)) continue;
      std::string text, error;
      if (!current.Read(path, &text, &error)) {
        diagnostics->Add(path, 0, 0, error);
        return ownership;
      }
      ownership.codeowners = CodeOwners::Parse(text, path, warnings);
      break;
    }
  }

  if (settings.backstage.empty()) return ownership;
  Catalog catalog = ReadCatalog(current, settings.backstage, diagnostics, warnings);
  for (const auto& api : catalog.apis) {
    if (api.definition.empty()) continue;
    ContractSpec contract;
    contract.name = api.name;
    contract.paths = {api.definition};
    contract.owner = api.owner;
    config->contracts.push_back(std::move(contract));
    if (!api.owner.empty()) ownership.api_owners.emplace(api.definition, api.owner);
    if (IsSchemaDefinition(api) && !GlobMatchAny(config->jsonschema.include, api.definition))
      config->jsonschema.include.push_back(api.definition);
  }
  for (const auto& entity : catalog.consumers) {
    std::string source = "backstage:" + entity.file + ":" + std::to_string(entity.line);
    auto same = std::find_if(config->consumers.begin(), config->consumers.end(),
                             [&](const ConsumerSpec& c) { return c.name == entity.name; });
    if (same != config->consumers.end()) {
      std::string where = same->source.starts_with("backstage:") ? same->source : "the config";
      warnings->push_back(
          Diagnostic{entity.file, entity.line, 1,
                     "consumer \"" + entity.name + "\" is defined in " + where + " too; " +
                         (where == "the config" ? "the config entry" : "the first entry") +
                         " is used and this Backstage entity is ignored"});
      continue;
    }
    if (entity.definitions.empty()) continue;  // every reference dangled (warned)
    ConsumerSpec consumer;
    consumer.name = entity.name;
    consumer.owner = entity.owner;
    consumer.uses = entity.definitions;
    consumer.source = std::move(source);
    config->consumers.push_back(std::move(consumer));
  }
  return ownership;
}

void ApplyOwners(const Ownership& ownership, std::vector<Finding>* findings) {
  for (auto& finding : *findings) {
    if (!finding.owner.empty()) continue;
    std::string path = finding.location.path;
    if (path.empty()) path = finding.subject.substr(0, finding.subject.find('#'));
    if (auto it = ownership.api_owners.find(path); it != ownership.api_owners.end()) {
      finding.owner = it->second;
    } else if (ownership.codeowners) {
      finding.owner = JoinOwners(ownership.codeowners->OwnersOf(path));
    }
  }
}

}  // namespace contract_lint
