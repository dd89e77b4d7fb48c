// The versioning rules (`versioning:` in the config): major versions are new
// contracts, deletions may need a deprecation first, and JSON Schemas that
// carry a semver `version` must bump its major for a breaking change.
#pragma once

#include <vector>

#include "config/config.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"
#include "jsonschema/jsonschema_check.h"
#include "proto/proto_check.h"

namespace contract_lint {

// True for the rules of this stage (their severity is set here, not by `use`).
bool IsVersioningRule(std::string_view rule);

// Before the policy, on the raw findings:
// - versioning.major_versions: a file whose package moves to another major
//   version (acme.v1 -> acme.v2 at the same path) is a new contract: only
//   FILE_SAME_PACKAGE (and the package-level deletions) are kept, not the
//   element-by-element differences of v2 against v1. A JSON Schema whose $id
//   moves to another major version (…/v1/… -> …/v2/…) is likewise not
//   compared: it is reported as the deletion of the old $id (SCHEMA_NO_DELETE).
// - versioning.require_deprecation: every deleted field, enum value, method,
//   message, enum, service (Protobuf) or property (JSON Schema) that the
//   baseline did not mark deprecated adds ELEMENT_NO_DELETE_UNLESS_DEPRECATED.
// `proto` and `schemas`: the baseline CheckProto compiled and the documents
// CheckJsonSchemas parsed (read here, never loaded again).
void ApplyVersioningBeforePolicy(const Config& config, const ProtoBaseline& proto,
                                 SchemaSides& schemas, std::vector<Finding>* findings);

// After the policy, for JSON Schemas with a semver `version` (or `x-version`)
// on both sides: a 0.x baseline may break (errors become warnings); a major
// bump allows the breaking changes (warnings); a breaking change without one
// adds VERSION_MAJOR_BUMP_REQUIRED; every changed file gets VERSION_NEXT (info)
// with the version its changes call for.
void ApplySchemaVersions(const Snapshot& against, const Snapshot& current, const Config& config,
                         SchemaSides& schemas, std::vector<Finding>* findings);

}  // namespace contract_lint
