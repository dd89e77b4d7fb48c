// The policy turns raw changes into findings: which Protobuf rules are on
// (categories, use/except), which JSON Schema directions break under the
// mode, what is ignored, and each finding's severity (fingerprints and the
// report's order are set once, in lint.cc).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/finding.h"

namespace contract_lint {

// The Protobuf rule ids a policy enables: `use` (ids or categories, deprecated
// ids replaced) minus `except`.
std::set<std::string> EnabledProtoRules(const BreakingPolicy& policy);

// Whether any policy of `config` enables a PACKAGE_* rule: whether the
// Protobuf loader must compile every contract of a changed contract's package
// (LoadOptions::package_scope).
bool NeedsPackageScope(const Config& config);

// True when a JSON Schema change in `direction` breaks `mode` (BACKWARD,
// FORWARD, FULL, NONE, each optionally _TRANSITIVE).
bool DirectionBreaks(Direction direction, const std::string& mode);

// True for the rule ids of Schema Registry mode (REGISTRY_…).
bool IsRegistryRule(std::string_view rule);

// True for unstable package/version names: v1alpha1, v2beta3, v1test, …
bool IsUnstableVersion(std::string_view component);

// Keeps the findings of enabled rules, sets severities, marks ignored
// findings as suppressed; keeps the order it was given.
void ApplyPolicy(const Config& config, std::vector<Finding>* findings);

// The policy that judges `finding`: its contract's override, else the repository's.
const BreakingPolicy& PolicyFor(const Config& config, const Finding& finding);

// The compatibility mode that decides `finding`'s severity: the registry
// level for REGISTRY_* rules and for JSON Schemas in registry mode, the
// `jsonschema` mode for other JSON Schemas, "" for buf's Protobuf rules.
std::string ModeFor(const Config& config, const Finding& finding);

}  // namespace contract_lint
