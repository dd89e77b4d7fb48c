// The pipeline's comparison step (lint_steps.h): each contract kind compares
// the two sides on its own; their findings are put together here.
#include <future>
#include <iterator>

#include "asyncapi/asyncapi_check.h"
#include "lint_steps.h"
#include "openapi/openapi_check.h"
#include "policy/policy.h"

namespace contract_lint {
namespace {

std::string LocationPath(const Finding& finding) { return finding.location.path; }

// A JSON Schema finding without a location is in the file its subject names.
std::string LocationOrSubjectPath(const Finding& finding) {
  std::string path = finding.location.path;
  if (path.empty()) path = finding.subject.substr(0, finding.subject.find('#'));
  return path;
}

// Appends the findings of `more` whose file (`path_of`) is in `selection`.
void AddSelected(const ProtoSettings& selection, std::vector<Finding> more,
                 std::string (*path_of)(const Finding&), std::vector<Finding>* findings) {
  std::erase_if(more,
                [&](const Finding& finding) { return !PathSelected(selection, path_of(finding)); });
  findings->insert(findings->end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
}

}  // namespace

bool CompareContracts(const Options& resolved, const Sides& sides, const Config& config,
                      Comparison* compared, Report* report, Diagnostics* diagnostics) {
  // The two contract kinds are independent: compare them side by side.
  std::vector<Finding> proto_findings;
  std::vector<Finding> schema_findings;
  // (-j 1: one thread, the Protobuf stage runs when its result is wanted.)
  auto proto = std::async(resolved.jobs == 1 ? std::launch::deferred : std::launch::async, [&] {
    return CheckProto(*sides.against, *sides.current, config.proto, &proto_findings, diagnostics,
                      LoadOptions{resolved.jobs, resolved.full, NeedsPackageScope(config)},
                      config.versioning.require_deprecation ? &compared->proto_baseline : nullptr);
  });
  JsonSchemaStats schema_stats = CheckJsonSchemas(
      *sides.against, *sides.current, config.jsonschema, &schema_findings, diagnostics,
      SchemaLoadOptions{resolved.jobs, resolved.full}, &compared->schemas);
  std::vector<Finding> api_findings;
  OpenApiStats api_stats = CheckOpenApi(*sides.against, *sides.current, config.openapi,
                                        &api_findings, diagnostics, resolved.jobs);
  AsyncApiStats async_stats = CheckAsyncApi(*sides.against, *sides.current, config.asyncapi,
                                            &api_findings, diagnostics, resolved.jobs);
  ProtoStats proto_stats = proto.get();

  report->summary.proto_files = proto_stats.files;
  report->summary.jsonschema_files = schema_stats.files;
  report->summary.changed_files =
      proto_stats.changed + schema_stats.changed + api_stats.changed + async_stats.changed;
  if (!diagnostics->empty()) return false;

  report->findings = std::move(proto_findings);
  // --path / --exclude-path: the Protobuf stage compared only the selected
  // contracts; JSON Schemas and OpenAPI documents are all loaded ($refs reach
  // outside) and their findings outside the selection are dropped here.
  AddSelected(config.proto, std::move(schema_findings), LocationOrSubjectPath, &report->findings);
  AddSelected(config.proto, std::move(api_findings), LocationPath, &report->findings);
  return true;
}

}  // namespace contract_lint
