// The pipeline (see include/contract_lint/lint.h): open both sides, load the
// config from the current one, compare each contract kind, apply the policy,
// and count. Input errors are collected as diagnostics and end the run with 2.
#include "contract_lint/lint.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <set>

#include "config/config.h"
#include "git/sides.h"
#include "impact/impact.h"
#include "jsonschema/jsonschema_check.h"
#include "policy/policy.h"
#include "policy/suppression.h"
#include "policy/transitive.h"
#include "policy/versioning.h"
#include "proto/proto_check.h"
#include "registry/registry_check.h"
#include "samples/sample_check.h"
#include "snapshot_limits.h"

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

void Check(const Options& options, Report* report, Diagnostics* diagnostics) {
  Options resolved = options;
  if (resolved.cwd.empty()) resolved.cwd = std::filesystem::current_path().string();

  Sides sides;
  if (!OpenSides(resolved, &sides, diagnostics)) return;
  report->current = sides.current->Describe();
  report->against = sides.against->Describe();

  Config config;
  if (!LoadConfig(*sides.current, resolved.config_path, resolved.cwd, &config, diagnostics,
                  &report->warnings)) {
    return;
  }
  report->config_source = config.source;
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
  sides.against = std::make_unique<LimitedSnapshot>(std::move(sides.against), config.limits);
  sides.current = std::make_unique<LimitedSnapshot>(std::move(sides.current), config.limits);

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
  ProtoStats proto_stats = proto.get();

  report->summary.proto_files = proto_stats.files;
  report->summary.jsonschema_files = schema_stats.files;
  report->summary.changed_files = proto_stats.changed + schema_stats.changed;
  if (!diagnostics->empty()) return;

  std::vector<Finding>& findings = report->findings;
  findings = std::move(proto_findings);
  findings.insert(findings.end(), std::make_move_iterator(schema_findings.begin()),
                  std::make_move_iterator(schema_findings.end()));
  CheckRegistry(*sides.against, *sides.current, config, &findings);
  ApplyVersioningBeforePolicy(config, proto_baseline, schemas, &findings);
  ApplyPolicy(config, &findings);
  AddReleaseFindings(sides, config, schemas, &findings, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;
  ApplySchemaVersions(*sides.against, *sides.current, config, schemas, &findings);
  ApplyInlineSuppressions(*sides.current, &findings);
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
    report->consumers = ApplyImpact(config, graph, &findings);
  }
  // Consumer samples: judged on both sides once impact has named the consumers.
  if (std::any_of(config.consumers.begin(), config.consumers.end(),
                  [](const ConsumerSpec& c) { return !c.samples.empty(); })) {
    SampleResults samples =
        CheckSamples(config, *sides.against, *sides.current, diagnostics, &report->warnings);
    if (!diagnostics->empty()) return;
    MarkExercised(samples, &findings);
    if (!baseline.empty()) ApplyBaseline(baseline, &samples.findings);
    AddSampleImpact(config, samples, &report->consumers);
    findings.insert(findings.end(), std::make_move_iterator(samples.findings.begin()),
                    std::make_move_iterator(samples.findings.end()));
    std::sort(findings.begin(), findings.end(), FindingLess);
  }
  if (!resolved.consumers.empty()) {
    for (const auto& name : resolved.consumers) {
      bool known = std::any_of(config.consumers.begin(), config.consumers.end(),
                               [&](const ConsumerSpec& c) { return c.name == name; });
      if (!known) {
        diagnostics->Add(config.source, 0, 0,
                         "--consumer " + name + ": no such consumer in the configuration");
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

}  // namespace

int ExitCodeFor(const Report& report, FailOn fail_on) {
  if (!report.diagnostics.empty()) return 2;
  switch (fail_on) {
    case FailOn::kNever:
      return 0;
    case FailOn::kWarning:
      return report.summary.errors + report.summary.warnings > 0 ? 1 : 0;
    case FailOn::kBreaking:
      return report.summary.errors > 0 ? 1 : 0;
  }
  return 0;
}

LintResult RunLint(const Options& options) {
  LintResult result;
  Diagnostics diagnostics;
  try {
    Check(options, &result.report, &diagnostics);
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

}  // namespace contract_lint
