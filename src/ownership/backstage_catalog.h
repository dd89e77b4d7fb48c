// A Backstage software catalog (catalog-info.yaml, multi-document YAML):
// the API entities with a definition file in the repository, and the
// components (systems, resources) that consume or provide them.
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// `kind: API` whose `spec.definition` is `$text`/`$json`/`$yaml` to a file of
// the snapshot.
struct CatalogApi {
  std::string name;        // metadata.name, "namespace/name" when metadata.namespace is set
  std::string ref;         // "api:namespace/name", lower case, for lookups
  std::string owner;       // spec.owner, else the owner of a component that provides it
  std::string definition;  // repository-relative path
  std::string type;        // spec.type ("grpc", "openapi", ...)
  std::string file;        // the catalog file
  int line = 0;            // of the entity
};

// An entity with `spec.consumesApis`: a consumer of each API it names that
// the catalog defines (dangling references are warnings).
struct CatalogConsumer {
  std::string name;                      // metadata.name
  std::string owner;                     // spec.owner
  std::vector<std::string> definitions;  // the consumed APIs' definition files, in order
  std::string file;
  int line = 0;
};

struct Catalog {
  std::vector<CatalogApi> apis;  // in file and document order
  std::vector<CatalogConsumer> consumers;
};

// Reads every file of `snapshot` matching `globs`. YAML errors are
// diagnostics (path:line:col); unreadable entities, dangling references,
// definitions that are missing or outside the repository are `warnings`.
Catalog ReadCatalog(const Snapshot& snapshot, const std::vector<std::string>& globs,
                    Diagnostics* diagnostics, std::vector<Diagnostic>* warnings);

// `[kind:][namespace/]name` in the canonical lower-case form
// "kind:namespace/name", with the defaults filled in.
std::string NormalizeEntityRef(const std::string& ref, const std::string& default_kind,
                               const std::string& default_namespace);

}  // namespace contract_lint
