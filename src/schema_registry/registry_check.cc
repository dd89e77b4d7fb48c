// The registry stage: pick the files in registry mode, compile both sides,
// and run one judgement per direction the configured level asks for.
#include "schema_registry/registry_check.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "config/glob.h"
#include "proto/proto_source.h"
#include "proto/snapshot_source_tree.h"
#include "schema_registry/registry_judgement.h"

namespace contract_lint {
namespace {

// Every `.proto` under a root that is not excluded, with its blob id (the
// same choice CheckProto makes).
std::map<std::string, std::string> ContractFiles(const Snapshot& snapshot,
                                                 const ProtoSettings& settings) {
  SnapshotSourceTree tree(snapshot, settings.roots);
  std::map<std::string, std::string> files;
  for (const auto& file : snapshot.Files()) {
    if (!file.path.ends_with(".proto") || tree.ImportPath(file.path).empty()) continue;
    if (GlobMatchAny(settings.exclude, file.path)) continue;
    files[file.path] = file.blob_id;
  }
  return files;
}

std::vector<std::string> Paths(const std::map<std::string, std::string>& files) {
  std::vector<std::string> paths;
  for (const auto& [path, blob] : files) paths.push_back(path);
  return paths;
}

RegistrySide IndexSide(const ProtoSide& side, bool is_current) {
  RegistrySide index;
  index.is_current = is_current;
  for (const auto& file : side.files()) index.by_import_path[file.import_path] = &file;
  return index;
}

bool AnyRegistryPolicy(const Config& config) {
  if (!config.breaking.registry.empty()) return true;
  return std::any_of(config.contracts.begin(), config.contracts.end(), [](const ContractSpec& c) {
    return c.has_policy && !c.breaking.registry.empty();
  });
}

struct FilePairs {
  std::vector<std::pair<const SourceFile*, const SourceFile*>> pairs;  // (against, current)
};

}  // namespace

const std::string& RegistryLevelFor(const Config& config, std::string_view path) {
  const ContractSpec* contract = ContractFor(config, path);
  return contract && contract->has_policy ? contract->breaking.registry : config.breaking.registry;
}

void CheckRegistry(const Snapshot& against, const Snapshot& current, const Config& config,
                   std::vector<Finding>* findings, Diagnostics* against_problems) {
  if (!AnyRegistryPolicy(config)) return;
  auto before = ContractFiles(against, config.proto);
  auto after = ContractFiles(current, config.proto);
  if (before == after) return;  // nothing changed, nothing to judge

  Diagnostics ignored;  // CheckProto reports the same compile errors
  ProtoSide against_side(against, config.proto.roots, Paths(before),
                         against_problems ? against_problems : &ignored);
  ProtoSide current_side(current, config.proto.roots, Paths(after), &ignored);
  if (!against_side.ok() || !current_side.ok()) return;
  RegistrySide old_index = IndexSide(against_side, false);
  RegistrySide new_index = IndexSide(current_side, true);

  // A schema is one file on both sides; added and deleted files register or
  // retire a subject, which the registry does not judge.
  std::map<std::string, FilePairs> by_level;
  for (const auto& file : current_side.files()) {
    auto previous = old_index.by_import_path.find(file.import_path);
    if (previous == old_index.by_import_path.end()) continue;
    const std::string& level = RegistryLevelFor(config, file.path);
    if (level.empty()) continue;
    by_level[level].pairs.emplace_back(previous->second, &file);
  }

  std::vector<Finding> out;
  // A deleted schema file: the subject is retired, or its next registration
  // lacks the file's messages. BACKWARD and FULL refuse that when a message
  // is gone from the current side altogether; otherwise it is a warning.
  for (const auto& file : against_side.files()) {
    if (new_index.by_import_path.count(file.import_path)) continue;
    const std::string& level = RegistryLevelFor(config, file.path);
    if (level.empty() || !file.descriptor) continue;
    std::string base = level.substr(0, level.find("_TRANSITIVE"));
    std::vector<std::string> gone;
    const google::protobuf::FileDescriptor* d = file.descriptor;
    for (int i = 0; i < d->message_type_count(); ++i) {
      const std::string& name = d->message_type(i)->full_name();
      bool kept = std::any_of(
          current_side.files().begin(), current_side.files().end(), [&](const SourceFile& f) {
            return f.descriptor && f.descriptor->pool()->FindMessageTypeByName(name);
          });
      if (!kept) gone.push_back(name);
    }
    Finding finding;
    finding.rule = "REGISTRY_FILE_REMOVED";
    finding.kind = ContractKind::kProto;
    finding.severity = !gone.empty() && (base == "BACKWARD" || base == "FULL") ? Severity::kError
                                                                               : Severity::kWarning;
    finding.location = Location{file.path, 1, 1, 1, 1, Side::kAgainst};
    finding.subject = file.path;
    finding.before = file.path;
    finding.message = "Previously present schema file " + file.path + " was deleted";
    if (!gone.empty()) {
      std::string names;
      for (const auto& name : gone) names += (names.empty() ? "" : ", ") + name;
      finding.message += " with its messages " + names;
    }
    finding.message += finding.severity == Severity::kError
                           ? "; the registry (" + level +
                                 ") refuses the next registration of its subject without them."
                           : "; its subject is no longer registered (" + level + ").";
    out.push_back(std::move(finding));
  }
  for (const auto& [level, files] : by_level) {
    std::string base = level.substr(0, level.find("_TRANSITIVE"));
    // _TRANSITIVE is judged against the baseline only (release history is not read).
    bool backward = base == "BACKWARD" || base == "FULL" || base == "NONE";
    bool forward = base == "FORWARD" || base == "FULL";
    if (backward) {
      size_t first = out.size();
      RegistryJudgement judgement(old_index, new_index, &out);
      for (const auto& [old_file, new_file] : files.pairs) {
        judgement.CompareFiles(old_file->descriptor, new_file->descriptor);
      }
      if (base == "NONE") {
        for (size_t i = first; i < out.size(); ++i) out[i].severity = Severity::kInfo;
      }
    }
    if (forward) {
      std::vector<Finding> reverse;
      RegistryJudgement judgement(new_index, old_index, &reverse);
      for (const auto& [old_file, new_file] : files.pairs) {
        judgement.CompareFiles(new_file->descriptor, old_file->descriptor);
      }
      for (auto& finding : reverse) {
        // FULL: the reverse judgement adds what it rejects; what it accepts
        // mirrors the forward differences already shown.
        if (base == "FULL" && finding.severity != Severity::kError) continue;
        out.push_back(std::move(finding));
      }
    }
  }
  // One message reached from schemas of different levels is reported once.
  auto key = [](const Finding& f) {
    return std::tie(f.rule, f.subject, f.before, f.after, f.message, f.location.path,
                    f.location.line, f.location.column);
  };
  std::sort(out.begin(), out.end(), [&](const Finding& a, const Finding& b) {
    return std::tuple(key(a), a.severity) < std::tuple(key(b), b.severity);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
            out.end());
  findings->insert(findings->end(), std::make_move_iterator(out.begin()),
                   std::make_move_iterator(out.end()));
}

}  // namespace contract_lint
