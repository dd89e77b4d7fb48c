// The steps of the pipeline that lint.cc runs, in its order (private to
// lint.cc). Each reads the two sides and the configuration and adds to the
// report, its findings or the diagnostics; lint.cc stops the run at the first
// step that leaves diagnostics.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "contract_lint/lint.h"
#include "git/sides.h"
#include "jsonschema/jsonschema_check.h"
#include "proto/proto_check.h"

namespace contract_lint {

// lint_sides.cc: before anything is compared.

// Like buf: a --path that names nothing on either side is a mistake, not an
// empty check, and so is an --exclude-path that leaves nothing of the
// `selection` (config.proto with the command line's paths): a diagnostic each.
void CheckPathSelection(const Options& resolved, const Sides& sides, const ProtoSettings& selection,
                        Diagnostics* diagnostics);

// limits.max_files: false after adding a diagnostic when a side lists more.
bool WithinFileLimit(const Sides& sides, const Config& config, Diagnostics* diagnostics);

// Without --config: lays the against side out by its own configuration's
// roots and excludes when they differ from `current_layout`, as buf lays out
// the baseline; warns when that configuration does not load.
void LayOutAgainstSide(const Options& resolved, const ProtoSettings& current_layout, Sides* sides,
                       std::vector<Diagnostic>* warnings);

// lint_compare.cc: the contract kinds, compared side by side.

// What the comparison keeps for the versioning and release steps.
struct Comparison {
  ProtoBaseline proto_baseline;  // filled only for versioning.require_deprecation
  SchemaSides schemas;           // refers to `sides` and `config`: must not outlive them
};

// Compares the Protobuf (on its own thread unless -j 1), JSON Schema, OpenAPI
// and AsyncAPI contracts and sets the summary's file counts. Without
// diagnostics, sets report->findings to the findings inside the --path
// selection, Protobuf first, then JSON Schema, then OpenAPI and AsyncAPI, and
// returns true.
bool CompareContracts(const Options& resolved, const Sides& sides, const Config& config,
                      Comparison* compared, Report* report, Diagnostics* diagnostics);

// lint_stages.cc: after the comparison.

// The one place findings get their fingerprint (what `--baseline` matches):
// once every stage that adds or rewrites findings has run.
void StampFingerprints(std::vector<Finding>* findings);

// With consumers configured: which consumers each finding affects, through
// the selectors' reach on both sides (report->consumers).
void AddConsumerImpact(const Sides& sides, const Config& config, Report* report);

// With consumer samples configured: judges them on both sides and adds their
// findings (fingerprinted, `baseline` applied) and counts. False on
// diagnostics.
bool AddSampleFindings(const Sides& sides, const Config& config,
                       const std::set<std::string>& baseline, Report* report,
                       Diagnostics* diagnostics);

// --consumer: keeps the findings and consumer blocks of the `wanted`
// consumers; a name the configuration does not know is a diagnostic.
void KeepWantedConsumers(const std::vector<std::string>& wanted, const Config& config,
                         Report* report, Diagnostics* diagnostics);

// The summary's severity counts, from report->findings (ExitCodeFor, in
// lint.h, is defined beside it).
void CountFindings(Report* report);

}  // namespace contract_lint
