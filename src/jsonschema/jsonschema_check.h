// JSON Schema contracts: load both sides, resolve $refs, compare as sets and
// give every change a direction (narrowing, widening, both, annotation).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/settings.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

struct JsonSchemaStats {
  int files = 0;
  int changed = 0;
};

// Appends one finding per detected change, each with its rule id and
// direction; severity is decided later by the policy from the mode.
// How the sides are loaded; the findings do not depend on it.
struct SchemaLoadOptions {
  int jobs = 0;  // threads for parsing; 0 = every core
  // Parse and $ref-check every current contract, not only the changed ones
  // and those whose $refs may reach them (the reference for equivalence).
  bool full = false;
};

class SchemaSide;
struct SchemaDocument;
class SchemaSides;

// Every current contract is parsed (in parallel) and its $refs validated;
// of the baseline, only the contracts that are compared (changed, or
// reaching a changed file through $refs) are loaded. With `keep`, the loaded
// documents are handed to it.
JsonSchemaStats CheckJsonSchemas(const Snapshot& against, const Snapshot& current,
                                 const JsonSchemaSettings& settings, std::vector<Finding>* findings,
                                 Diagnostics* diagnostics, const SchemaLoadOptions& load = {},
                                 SchemaSides* keep = nullptr);

// Compares another baseline (a release) with the current side that
// CheckJsonSchemas loaded and checked into `loaded`: the current documents
// are neither parsed nor $ref-checked again. Nothing when `loaded` is empty.
void CompareJsonSchemasWith(const Snapshot& against, SchemaSides& loaded,
                            std::vector<Finding>* findings, Diagnostics* diagnostics,
                            const SchemaLoadOptions& load = {});

// The documents CheckJsonSchemas loaded, kept for the stages after it (the
// versioning rules read `$id`, `version` and `deprecated`; _TRANSITIVE modes
// compare releases with the current side), so that no file is parsed twice.
// They refer to the snapshots, settings and diagnostics CheckJsonSchemas was
// given.
class SchemaSides {
 public:
  SchemaSides();
  ~SchemaSides();
  // The parsed file of a side; parsed now if the comparison did not need
  // it. Null when the side has no such file or it does not parse.
  const SchemaDocument* Against(const std::string& path);
  const SchemaDocument* Current(const std::string& path);

  struct Refs;  // the current side's $refs

 private:
  friend JsonSchemaStats CheckJsonSchemas(const Snapshot&, const Snapshot&,
                                          const JsonSchemaSettings&, std::vector<Finding>*,
                                          Diagnostics*, const SchemaLoadOptions&, SchemaSides*);
  friend void CompareJsonSchemasWith(const Snapshot&, SchemaSides&, std::vector<Finding>*,
                                     Diagnostics*, const SchemaLoadOptions&);
  const JsonSchemaSettings* settings_ = nullptr;
  std::unique_ptr<SchemaSide> against_;
  std::unique_ptr<SchemaSide> current_;
  std::set<std::string> current_paths_;  // the current side's contracts
  std::unique_ptr<Refs> refs_;
};

}  // namespace contract_lint
