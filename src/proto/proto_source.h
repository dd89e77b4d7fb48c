// One loaded side of a Protobuf comparison: the contract files compiled by a
// libprotobuf Importer, with their source spans for locating findings.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

class SnapshotSourceTree;

// One contract file of one side. The descriptor is owned by the ProtoSide.
struct SourceFile {
  std::string path;         // repository-relative
  std::string import_path;  // relative to its root; what files are paired by
  const google::protobuf::FileDescriptor* descriptor = nullptr;
  std::map<std::vector<int>, Location> spans;  // SourceCodeInfo path -> 1-based span
  std::vector<std::string> lines;              // the source, for spans protoc records short
};

// Where an element sits in its file: a SourceCodeInfo path. `fixed` anchors
// (synthesized map entries and their fields) have no source of their own and
// answer every lookup with the span of the map field's type.
struct Anchor {
  const SourceFile* file = nullptr;
  std::vector<int> path;
  bool fixed = false;

  Anchor Child(std::initializer_list<int> more) const;
};

// The span of anchor.path + sub, or a location with an empty path when the
// source has none (for example an option that is not written).
Location Locate(const Anchor& anchor, std::initializer_list<int> sub = {});
// The span of anchor.path + sub, else `fallback`.
Location LocateOr(const Anchor& anchor, std::initializer_list<int> sub, const Location& fallback);
// `where` widened to start at `keyword` when only whitespace and "=" separate
// them (protoc records `[default = 5]` as just the value; buf as the whole option).
Location WidenToKeyword(const SourceFile* file, Location where, std::string_view keyword);
// 1:1-1:1 of a file, buf's location for elements with no span of their own.
Location FileStart(const SourceFile* file);

// Compiles every contract file of a snapshot (`.proto` under a root, not
// excluded) into one DescriptorPool. Syntax, import and edition errors go to
// `diagnostics` (1-based); ok() is false when any occurred.
class ProtoSide {
 public:
  ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
            const std::vector<std::string>& contract_paths, Diagnostics* diagnostics);
  ~ProtoSide();
  ProtoSide(const ProtoSide&) = delete;
  ProtoSide& operator=(const ProtoSide&) = delete;

  bool ok() const { return ok_; }
  // The contract files that compiled, sorted by import path.
  const std::vector<SourceFile>& files() const { return files_; }

 private:
  std::unique_ptr<SnapshotSourceTree> tree_;
  std::unique_ptr<google::protobuf::compiler::MultiFileErrorCollector> errors_;
  std::unique_ptr<google::protobuf::compiler::Importer> importer_;
  std::vector<SourceFile> files_;
  bool ok_ = true;
};

}  // namespace contract_lint
