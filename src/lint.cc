// The pipeline (see include/contract_lint/lint.h): open both sides, load the
// config from the current one, compare each contract kind, apply the policy,
// and count. Input errors are collected as diagnostics and end the run with 2.
#include "contract_lint/lint.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <set>

#include "asyncapi/asyncapi_check.h"
#include "base/snapshot_limits.h"
#include "config/config.h"
#include "git/sides.h"
#include "impact/impact.h"
#include "jsonschema/jsonschema_check.h"
#include "lint_releases.h"
#include "openapi/openapi_check.h"
#include "ownership/ownership.h"
#include "policy/policy.h"
#include "policy/suppression.h"
#include "policy/unused_suppressions.h"
#include "policy/versioning.h"
#include "proto/buf_module_cache.h"
#include "proto/proto_check.h"
#include "proto/proto_layout.h"
#include "samples/sample_check.h"
#include "schema_registry/registry_check.h"

namespace contract_lint {
namespace {

void Count(Report* report) {
  Summary& s = report->summary;
  s.errors = s.warnings = s.infos = s.suppressed = 0;
  for (const auto& finding : report->findings) {
    if (finding.suppressed) {
      ++s.suppressed;
      continue;
    }
    switch (finding.severity) {
      case Severity::kError:
        ++s.errors;
        break;
      case Severity::kWarning:
        ++s.warnings;
        break;
      case Severity::kInfo:
        ++s.infos;
        break;
    }
  }
}

// The one place findings get their fingerprint (what `--baseline` matches):
// once every stage that adds or rewrites findings has run.
void StampFingerprints(std::vector<Finding>* findings) {
  for (auto& f : *findings) f.fingerprint = Fingerprint(f);
}

// The whole check on two opened sides; `resolved.cwd` is set.
void CheckSides(const Options& resolved, Sides sides, Report* report, Diagnostics* diagnostics) {
  report->current = sides.current->Describe();
  report->against = sides.against->Describe();

  Config config;
  bool loaded = LoadConfig(*sides.current, resolved.config_path, resolved.cwd, &config, diagnostics,
                           &report->warnings, sides.root);
  report->config_source = config.source;
  if (!loaded) return;
  config.proto.paths = resolved.paths;
  config.proto.exclude_paths = resolved.exclude_paths;
  // Like buf: a --path that names nothing is a mistake, not an empty check.
  for (const auto& path : resolved.paths) {
    ProtoSettings only;
    only.paths = {path};
    bool found = false;
    for (const Snapshot* side : {sides.against.get(), sides.current.get()}) {
      for (const auto& file : side->Files()) {
        if ((found = PathSelected(only, file.path))) break;
      }
      if (found) break;
    }
    if (!found) {
      diagnostics->Add("--path " + path +
                       ": no file or directory of that name on either side (paths are relative "
                       "to the repository root)");
    }
  }
  // And a selection that --exclude-path empties (buf: "no .proto files were
  // targeted"): a check of nothing would pass whatever changed.
  if (diagnostics->empty() && !resolved.exclude_paths.empty()) {
    bool any = false;
    for (const Snapshot* side : {sides.against.get(), sides.current.get()}) {
      for (const auto& file : side->Files()) {
        if ((any = PathSelected(config.proto, file.path))) break;
      }
      if (any) break;
    }
    if (!any) {
      diagnostics->Add("--exclude-path " + resolved.exclude_paths.front() +
                       ": every file the check would read is excluded, on both sides; nothing "
                       "would be compared");
    }
  }
  if (!diagnostics->empty()) return;
  // Every contract read from here on goes through the input limits.
  for (const Snapshot* side : {sides.against.get(), sides.current.get()}) {
    if (side->Files().size() > config.limits.max_files) {
      diagnostics->Add(side->Describe() + " lists " + std::to_string(side->Files().size()) +
                       " files, over the limit of " + std::to_string(config.limits.max_files) +
                       " (limits.max_files in " +
                       (config.source.empty() ? std::string("contract-lint.yaml") : config.source) +
                       ")");
      return;
    }
  }
  CheckConfigPaths(config, *sides.against, *sides.current, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;
  sides.against = std::make_unique<LimitedSnapshot>(std::move(sides.against), config.limits);
  sides.current = std::make_unique<LimitedSnapshot>(std::move(sides.current), config.limits);
  // The against side is laid out by its own buf.yaml / contract-lint.yaml
  // (roots, excludes), as buf lays out the baseline; the policy stays the
  // current side's. A --config file lays out both, and so does the current
  // side's configuration when the baseline has none.
  if (resolved.config_path.empty()) {
    Config own;
    Diagnostics ignored;
    std::vector<Diagnostic> notes;
    if (!LoadConfig(*sides.against, "", resolved.cwd, &own, &ignored, &notes)) {
      report->warnings.push_back(
          {"", 0, 0,
           "the baseline's configuration does not load; its .proto files are laid out by the "
           "current side's roots and excludes"});
    } else if (!own.source.empty() && LayoutDiffers(own.proto, config.proto)) {
      // (A baseline with no configuration at all keeps the current layout:
      // adopting contract-lint must not read as deleting every file.)
      sides.against = std::make_unique<RelaidSnapshot>(std::move(sides.against), own.proto,
                                                       config.proto, *sides.current);
    }
  }
  // buf.yaml `deps:` locked by a buf.lock resolve from buf's module cache
  // when it holds the locked commits (read-only, verified; buf_module_cache.h).
  UseBufModuleCache(config.source, &sides.against, &sides.current, &config.proto, diagnostics,
                    &report->warnings);
  if (!diagnostics->empty()) return;
  // CODEOWNERS and the Backstage catalog add contracts, consumers and owners.
  Ownership ownership = LoadOwnership(*sides.current, &config, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;

  // The two contract kinds are independent: compare them side by side.
  std::vector<Finding> proto_findings;
  std::vector<Finding> schema_findings;
  ProtoBaseline proto_baseline;  // kept for versioning.require_deprecation
  // (-j 1: one thread, the Protobuf stage runs when its result is wanted.)
  auto proto = std::async(resolved.jobs == 1 ? std::launch::deferred : std::launch::async, [&] {
    return CheckProto(*sides.against, *sides.current, config.proto, &proto_findings, diagnostics,
                      LoadOptions{resolved.jobs, resolved.full, NeedsPackageScope(config)},
                      config.versioning.require_deprecation ? &proto_baseline : nullptr);
  });
  SchemaSides schemas;  // what the versioning rules read later
  JsonSchemaStats schema_stats =
      CheckJsonSchemas(*sides.against, *sides.current, config.jsonschema, &schema_findings,
                       diagnostics, SchemaLoadOptions{resolved.jobs, resolved.full}, &schemas);
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
  if (!diagnostics->empty()) return;

  std::vector<Finding>& findings = report->findings;
  findings = std::move(proto_findings);
  // --path / --exclude-path: the Protobuf stage compared only the selected
  // contracts; JSON Schemas and OpenAPI documents are all loaded ($refs reach
  // outside) and their findings outside the selection are dropped here.
  std::erase_if(schema_findings, [&](const Finding& finding) {
    std::string path = finding.location.path;
    if (path.empty()) path = finding.subject.substr(0, finding.subject.find('#'));
    return !PathSelected(config.proto, path);
  });
  findings.insert(findings.end(), std::make_move_iterator(schema_findings.begin()),
                  std::make_move_iterator(schema_findings.end()));
  std::erase_if(api_findings, [&](const Finding& finding) {
    return !PathSelected(config.proto, finding.location.path);
  });
  findings.insert(findings.end(), std::make_move_iterator(api_findings.begin()),
                  std::make_move_iterator(api_findings.end()));
  CheckRegistry(*sides.against, *sides.current, config, &findings);
  ApplyVersioningBeforePolicy(config, proto_baseline, schemas, &findings);
  ApplyPolicy(config, &findings);
  AddReleaseFindings(sides, config, schemas, &findings, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;
  ApplySchemaVersions(*sides.against, *sides.current, config, schemas, &findings);
  StampFingerprints(&findings);
  ApplyInlineSuppressions(*sides.current, &findings);
  CheckInlineIgnoreIds(config, *sides.against, *sides.current, &report->warnings);
  std::set<std::string> baseline;
  if (!resolved.baseline_path.empty()) {
    if (!LoadBaseline(resolved.baseline_path, resolved.cwd, &baseline, diagnostics)) return;
    ApplyBaseline(baseline, &findings);
  }

  if (!config.consumers.empty()) {
    ImpactGraph graph;
    bool json_selectors = false;
    std::vector<std::string> selectors;
    for (const auto& consumer : config.consumers) {
      for (const auto& use : consumer.uses)
        json_selectors |= use.find(".json") != std::string::npos;
      selectors.insert(selectors.end(), consumer.uses.begin(), consumer.uses.end());
    }
    // Deletions are reached through the baseline, everything else through the current side.
    AddProtoEdges(*sides.against, config.proto, selectors, &graph);
    AddProtoEdges(*sides.current, config.proto, selectors, &graph);
    if (json_selectors) {
      AddJsonSchemaEdges(*sides.against, config.jsonschema, &graph);
      AddJsonSchemaEdges(*sides.current, config.jsonschema, &graph);
    }
    AddApiSelections(*sides.against, *sides.current, config, selectors, &graph);
    CheckSelectors(config, graph, *sides.against, *sides.current, &report->warnings);
    report->consumers = ApplyImpact(config, graph, &findings);
  }
  // Consumer samples: judged on both sides once impact has named the consumers.
  if (std::any_of(config.consumers.begin(), config.consumers.end(),
                  [](const ConsumerSpec& c) { return !c.samples.empty(); })) {
    SampleResults samples =
        CheckSamples(config, *sides.against, *sides.current, diagnostics, &report->warnings);
    if (!diagnostics->empty()) return;
    MarkExercised(samples, &findings);
    StampFingerprints(&samples.findings);
    if (!baseline.empty()) ApplyBaseline(baseline, &samples.findings);
    AddSampleImpact(config, samples, &report->consumers);
    findings.insert(findings.end(), std::make_move_iterator(samples.findings.begin()),
                    std::make_move_iterator(samples.findings.end()));
  }
  // The one order of the report, whatever order the stages emitted in.
  std::sort(findings.begin(), findings.end(), FindingLess);
  if (resolved.report_unused) {
    report->summary.unused_suppressions =
        ReportUnusedSuppressions(config, *sides.current, baseline, resolved.baseline_path,
                                 resolved.cwd, findings, &report->warnings);
  }
  ApplyOwners(ownership, &findings);
  if (!resolved.consumers.empty()) {
    for (const auto& name : resolved.consumers) {
      bool known = std::any_of(config.consumers.begin(), config.consumers.end(),
                               [&](const ConsumerSpec& c) { return c.name == name; });
      if (!known) {
        diagnostics->Add(config.source, 0, 0,
                         "--consumer " + name +
                             ": no such consumer in the configuration or the Backstage catalog");
      }
    }
    auto wanted = [&](const std::string& name) {
      return std::find(resolved.consumers.begin(), resolved.consumers.end(), name) !=
             resolved.consumers.end();
    };
    std::erase_if(findings, [&](const Finding& f) {
      return std::none_of(f.affected.begin(), f.affected.end(), wanted);
    });
    std::erase_if(report->consumers, [&](const ConsumerImpact& c) { return !wanted(c.name); });
  }
}

using Stage = std::function<void(const Options&, Report*, Diagnostics*)>;

// Runs `stage` with `options.cwd` resolved; never throws: unexpected
// exceptions become diagnostics.
LintResult Run(const Options& options, const Stage& stage) {
  LintResult result;
  Diagnostics diagnostics;
  try {
    Options resolved = options;
    if (resolved.cwd.empty()) resolved.cwd = std::filesystem::current_path().string();
    stage(resolved, &result.report, &diagnostics);
  } catch (const std::exception& e) {
    diagnostics.Add(std::string("internal error: ") + e.what() +
                    " (please report this with the input that caused it)");
  } catch (...) {
    diagnostics.Add("internal error: unknown exception (please report this)");
  }
  result.report.diagnostics = diagnostics.Sorted();
  if (!result.report.diagnostics.empty()) result.report.findings.clear();
  Count(&result.report);
  result.exit_code = ExitCodeFor(result.report, options.fail_on);
  return result;
}

}  // namespace

int ExitCodeFor(const Report& report, FailOn fail_on) {
  if (!report.diagnostics.empty()) return 2;
  switch (fail_on) {
    case FailOn::kNever:
      return 0;
    case FailOn::kWarning:
      return report.summary.errors + report.summary.warnings > 0 ? 1 : 0;
    case FailOn::kInfo:
      return report.summary.errors + report.summary.warnings + report.summary.infos > 0 ? 1 : 0;
    case FailOn::kBreaking:
      return report.summary.errors > 0 ? 1 : 0;
  }
  return 0;
}

LintResult RunLint(const Options& options) {
  return Run(options, [](const Options& resolved, Report* report, Diagnostics* diagnostics) {
    Sides sides;
    if (OpenSides(resolved, &sides, diagnostics))
      CheckSides(resolved, std::move(sides), report, diagnostics);
  });
}

LintResult RunLint(const Options& options, std::unique_ptr<Snapshot> against,
                   std::unique_ptr<Snapshot> current) {
  return Run(options, [&](const Options& resolved, Report* report, Diagnostics* diagnostics) {
    if (!against || !current) {
      diagnostics->Add("internal error: RunLint was given no snapshot for a side");
      return;
    }
    Sides sides;
    sides.against = std::move(against);
    sides.current = std::move(current);
    CheckSides(resolved, std::move(sides), report, diagnostics);
  });
}

}  // namespace contract_lint
