// The pipeline (see include/contract_lint/lint.h): open both sides, load the
// config from the current one, compare each contract kind, apply the policy,
// and count. Input errors are collected as diagnostics and end the run with 2.
// The steps are in lint_sides.cc, lint_compare.cc and lint_stages.cc
// (lint_steps.h); this file runs them in order.
#include "contract_lint/lint.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>

#include "base/snapshot_limits.h"
#include "lint_releases.h"
#include "lint_steps.h"
#include "ownership/ownership.h"
#include "policy/policy.h"
#include "policy/suppression.h"
#include "policy/unused_suppressions.h"
#include "policy/versioning.h"
#include "proto/buf_module_cache.h"
#include "schema_registry/registry_check.h"

namespace contract_lint {
namespace {

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
  CheckPathSelection(resolved, sides, config.proto, diagnostics);
  if (!diagnostics->empty() || !WithinFileLimit(sides, config, diagnostics)) return;
  CheckConfigPaths(config, *sides.against, *sides.current, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;
  // Every contract read from here on goes through the input limits.
  sides.against = std::make_unique<LimitedSnapshot>(std::move(sides.against), config.limits);
  sides.current = std::make_unique<LimitedSnapshot>(std::move(sides.current), config.limits);
  // The against side is laid out by its own buf.yaml / contract-lint.yaml
  // (roots, excludes), as buf lays out the baseline; the policy stays the
  // current side's. A --config file lays out both, and so does the current
  // side's configuration when the baseline has none.
  if (resolved.config_path.empty()) {
    LayOutAgainstSide(resolved, config.proto, &sides, &report->warnings);
  }
  // buf.yaml `deps:` locked by a buf.lock resolve from buf's module cache
  // when it holds the locked commits (read-only, verified; buf_module_cache.h).
  UseBufModuleCache(config.source, &sides.against, &sides.current, &config.proto, diagnostics,
                    &report->warnings);
  if (!diagnostics->empty()) return;
  // CODEOWNERS and the Backstage catalog add contracts, consumers and owners.
  Ownership ownership = LoadOwnership(*sides.current, &config, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;

  Comparison compared;
  if (!CompareContracts(resolved, sides, config, &compared, report, diagnostics)) return;
  std::vector<Finding>& findings = report->findings;
  CheckRegistry(*sides.against, *sides.current, config, &findings);
  ApplyVersioningBeforePolicy(config, compared.proto_baseline, compared.schemas, &findings);
  ApplyPolicy(config, &findings);
  AddReleaseFindings(sides, config, compared.schemas, &findings, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return;
  ApplySchemaVersions(*sides.against, *sides.current, config, compared.schemas, &findings);
  StampFingerprints(&findings);
  ApplyInlineSuppressions(*sides.current, &findings);
  CheckInlineIgnoreIds(config, *sides.against, *sides.current, &report->warnings);
  std::set<std::string> baseline;
  if (!resolved.baseline_path.empty()) {
    if (!LoadBaseline(resolved.baseline_path, resolved.cwd, &baseline, diagnostics)) return;
    ApplyBaseline(baseline, &findings);
  }

  if (!config.consumers.empty()) AddConsumerImpact(sides, config, report);
  // Consumer samples: judged on both sides once impact has named the consumers.
  if (!AddSampleFindings(sides, config, baseline, report, diagnostics)) return;
  // The one order of the report, whatever order the stages emitted in.
  std::sort(findings.begin(), findings.end(), FindingLess);
  if (resolved.report_unused) {
    report->summary.unused_suppressions =
        ReportUnusedSuppressions(config, *sides.current, baseline, resolved.baseline_path,
                                 resolved.cwd, findings, &report->warnings);
  }
  ApplyOwners(ownership, &findings);
  if (!resolved.consumers.empty()) {
    KeepWantedConsumers(resolved.consumers, config, report, diagnostics);
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
  CountFindings(&result.report);
  result.exit_code = ExitCodeFor(result.report, options.fail_on);
  return result;
}

}  // namespace

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
