// What the configuration says about each contract kind: the settings every
// loader and comparison stage takes. A leaf below the stages (src/config/
// reads them; src/proto, src/jsonschema, src/openapi, src/asyncapi use them).
#pragma once

#include <string>
#include <vector>

namespace contract_lint {

struct ProtoSettings {
  std::vector<std::string> roots = {"."};  // import roots, like protoc -I
  std::vector<std::string> exclude;        // globs of paths that are not contracts
  // buf.yaml `deps:` (BSR modules such as buf.build/googleapis/googleapis):
  // never fetched; named when an import cannot be found.
  std::vector<std::string> deps;
  // --path / --exclude-path: files or directories (repository paths); a
  // contract is compared only when under a `paths` entry (any, when empty) and
  // under no `exclude_paths` entry. Imports resolve whatever these say.
  std::vector<std::string> paths;
  std::vector<std::string> exclude_paths;
};

struct JsonSchemaSettings {
  std::vector<std::string> include = {"**/*.schema.json"};
  std::vector<std::string> exclude;
  bool lenient = false;  // content_model: lenient
};

struct OpenApiSettings {
  std::vector<std::string> include = {"**/openapi.yaml",   "**/openapi.yml",   "**/openapi.json",
                                      "**/*.openapi.yaml", "**/*.openapi.yml", "**/*.openapi.json"};
  std::vector<std::string> exclude;
  // breaking.openapi.content_model: body schemas are judged with the lenient
  // content model unless `strict` (then an added optional request property breaks).
  bool lenient = true;
  // breaking.openapi.deprecation_days (oasdiff's --deprecation-days-beta/-stable):
  // the minimum days from today to the x-sunset of an element deprecated now, by its
  // x-stability-level (beta; stable or none; draft/alpha have no policy). 0: off.
  int deprecation_days_beta = 0;
  int deprecation_days_stable = 0;
};

struct AsyncApiSettings {
  std::vector<std::string> include = {"**/asyncapi.yaml",  "**/asyncapi.yml",
                                      "**/asyncapi.json",  "**/*.asyncapi.yaml",
                                      "**/*.asyncapi.yml", "**/*.asyncapi.json"};
  std::vector<std::string> exclude;
  // breaking.asyncapi.content_model: payloads and headers are judged with the
  // lenient content model unless `strict`.
  bool lenient = true;
};

}  // namespace contract_lint
