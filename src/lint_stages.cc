// The pipeline's later steps (lint_steps.h): fingerprints, consumer impact,
// samples, the --consumer selection, the summary's counts and the exit code.
#include <algorithm>
#include <iterator>

#include "impact/impact.h"
#include "lint_steps.h"
#include "policy/suppression.h"
#include "samples/sample_check.h"

namespace contract_lint {

void StampFingerprints(std::vector<Finding>* findings) {
  for (auto& f : *findings) f.fingerprint = Fingerprint(f);
}

void AddConsumerImpact(const Sides& sides, const Config& config, Report* report) {
  ImpactGraph graph;
  bool json_selectors = false;
  std::vector<std::string> selectors;
  for (const auto& consumer : config.consumers) {
    for (const auto& use : consumer.uses) json_selectors |= use.find(".json") != std::string::npos;
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
  report->consumers = ApplyImpact(config, graph, &report->findings);
}

bool AddSampleFindings(const Sides& sides, const Config& config,
                       const std::set<std::string>& baseline, Report* report,
                       Diagnostics* diagnostics) {
  if (std::none_of(config.consumers.begin(), config.consumers.end(),
                   [](const ConsumerSpec& c) { return !c.samples.empty(); })) {
    return true;
  }
  SampleResults samples =
      CheckSamples(config, *sides.against, *sides.current, diagnostics, &report->warnings);
  if (!diagnostics->empty()) return false;
  MarkExercised(samples, &report->findings);
  StampFingerprints(&samples.findings);
  if (!baseline.empty()) ApplyBaseline(baseline, &samples.findings);
  AddSampleImpact(config, samples, &report->consumers);
  report->findings.insert(report->findings.end(), std::make_move_iterator(samples.findings.begin()),
                          std::make_move_iterator(samples.findings.end()));
  return true;
}

void KeepWantedConsumers(const std::vector<std::string>& wanted, const Config& config,
                         Report* report, Diagnostics* diagnostics) {
  for (const auto& name : wanted) {
    bool known = std::any_of(config.consumers.begin(), config.consumers.end(),
                             [&](const ConsumerSpec& c) { return c.name == name; });
    if (!known) {
      diagnostics->Add(config.source, 0, 0,
                       "--consumer " + name +
                           ": no such consumer in the configuration or the Backstage catalog");
    }
  }
  auto is_wanted = [&](const std::string& name) {
    return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
  };
  std::erase_if(report->findings, [&](const Finding& f) {
    return std::none_of(f.affected.begin(), f.affected.end(), is_wanted);
  });
  std::erase_if(report->consumers, [&](const ConsumerImpact& c) { return !is_wanted(c.name); });
}

void CountFindings(Report* report) {
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

bool FailsRun(const Finding& finding, FailOn fail_on) {
  if (finding.suppressed) return false;
  switch (fail_on) {
    case FailOn::kNever:
      return false;
    case FailOn::kInfo:
      return true;
    case FailOn::kWarning:
      return finding.severity != Severity::kInfo;
    case FailOn::kBreaking:
      return finding.severity == Severity::kError;
  }
  return false;
}

int ExitCodeFor(const Report& report, FailOn fail_on) {
  if (!report.diagnostics.empty()) return 2;
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&](const Finding& f) { return FailsRun(f, fail_on); })
             ? 1
             : 0;
}

}  // namespace contract_lint
