// Validates samples against a JSON Schema of one side with valijson. Every
// $ref is resolved beforehand by the side's own resolver (SchemaSide: $id
// bases, anchors, relative files) and rewritten to an absolute
// "repo:///path#pointer", which valijson's fetch-document callback answers
// from the same Snapshot: nothing outside it is read, nothing remote fetched.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "jsonschema/jsonschema_check.h"
#include "jsonschema/schema_side.h"
#include "samples/sample_file.h"
#include "samples/sample_verdict.h"

namespace valijson {
class Schema;
}

namespace contract_lint {

// Not thread-safe. The snapshot and settings must outlive it.
class SchemaValidator {
 public:
  SchemaValidator(const Snapshot& snapshot, const JsonSchemaSettings& settings);
  ~SchemaValidator();

  // The repository path of the schema `ref` names: a repository path
  // ("schemas/x.schema.json", "/schemas/…"), a path relative to the sample's
  // folder, or a schema `$id`. "" when this side has none.
  std::string Find(const std::string& ref, const std::string& sample_path);

  // The verdict of this side's schema at `schema_path` on `sample`. A schema
  // that cannot be checked (remote or broken $ref, a construct valijson
  // refuses) adds a diagnostic naming it and gives kMissing.
  SampleVerdict Validate(const std::string& schema_path, const Sample& sample,
                         Diagnostics* diagnostics);

 private:
  bool Bundle(const std::string& path, std::string* error);
  bool Rewrite(const SchemaNode& node, nlohmann::json* out, int depth,
               std::vector<std::string>* more, std::string* error);
  std::string ElementFor(const std::string& schema_path, const std::string& instance_pointer) const;

  const Snapshot& snapshot_;
  Diagnostics parse_errors_;  // contracts that do not parse were reported by the comparison
  SchemaSide side_;
  std::map<std::string, nlohmann::json> bundled_;  // repository path -> refs made absolute
  std::map<std::string, std::shared_ptr<valijson::Schema>> compiled_;
  std::map<std::string, std::string> failed_;  // schema path -> why it cannot be checked
};

}  // namespace contract_lint
