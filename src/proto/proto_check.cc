// The Protobuf stage: choose the contract files, compile both sides, pair
// them once, and run every Protobuf rule of the table over the pairs.
#include "proto/proto_check.h"

#include <set>

#include "config/glob.h"
#include "policy/rule_rows.h"
#include "proto/proto_diff.h"
#include "proto/proto_source.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {
namespace {

// Every `.proto` under a root that is not excluded, with its blob id.
std::map<std::string, std::string> ContractFiles(const Snapshot& snapshot,
                                                 const ProtoSettings& settings) {
  SnapshotSourceTree tree(snapshot, settings.roots);
  std::map<std::string, std::string> files;
  for (const auto& file : snapshot.Files()) {
    if (!file.path.ends_with(".proto")) continue;
    if (tree.ImportPath(file.path).empty()) continue;
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

class RuleCollector : public RuleEmitter {
 public:
  RuleCollector(std::string_view rule, std::vector<Finding>* findings)
      : rule_(rule), findings_(findings) {}
  void Emit(Finding finding) override {
    finding.rule = std::string(rule_);
    finding.kind = ContractKind::kProto;
    findings_->push_back(std::move(finding));
  }

 private:
  std::string_view rule_;
  std::vector<Finding>* findings_;
};

}  // namespace

ProtoStats CheckProto(const Snapshot& against, const Snapshot& current,
                      const ProtoSettings& settings, std::vector<Finding>* findings,
                      Diagnostics* diagnostics) {
  auto before = ContractFiles(against, settings);
  auto after = ContractFiles(current, settings);
  ProtoStats stats;
  std::set<std::string> all;
  for (const auto& [path, blob] : before) all.insert(path);
  for (const auto& [path, blob] : after) all.insert(path);
  stats.files = static_cast<int>(all.size());
  for (const auto& path : all) {
    auto b = before.find(path);
    auto a = after.find(path);
    if (b == before.end() || a == after.end() || b->second != a->second) ++stats.changed;
  }
  if (stats.changed == 0) return stats;

  ProtoSide against_side(against, settings.roots, Paths(before), diagnostics);
  ProtoSide current_side(current, settings.roots, Paths(after), diagnostics);
  // A side that does not compile cannot be compared honestly: a file with a
  // syntax error would read as a deleted file.
  if (!against_side.ok() || !current_side.ok()) return stats;

  ProtoDiff diff = PairProto(against_side.files(), current_side.files());
  for (const RuleInfo& rule : ProtoRuleRows()) {
    if (!rule.proto_check) continue;
    RuleCollector collector(rule.id, findings);
    rule.proto_check(diff, collector);
  }
  return stats;
}

}  // namespace contract_lint
