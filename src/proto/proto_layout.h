// Each side of a Protobuf comparison is laid out by its own configuration
// (as buf lays out the baseline with the baseline's buf.yaml): when the
// against side's roots or excludes differ from the current side's, its
// `.proto` files are presented at the paths the current layout would give
// the same import paths, so that files are paired by import path whatever
// root they moved from.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "contract_lint/snapshot.h"
#include "proto/proto_check.h"

namespace contract_lint {

// `inner` with every `.proto` file under one of `own.roots` moved to the
// current layout `current`: under the root of
// `current` that holds the same import path on `current_side`, else under
// its first root. Other files keep their paths (unless one of the moved
// files takes it). Read() maps back; Describe() is the inner one.
class RelaidSnapshot : public Snapshot {
 public:
  RelaidSnapshot(std::unique_ptr<Snapshot> inner, const ProtoSettings& own,
                 const ProtoSettings& current, const Snapshot& current_side);
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return inner_->Describe(); }
  // How many `.proto` files were moved to another path.
  int moved() const { return moved_; }
  // Whether the file shown at `path` is excluded by its own side's config.
  bool Excluded(const std::string& path) const { return excluded_.count(path) > 0; }

 private:
  std::unique_ptr<Snapshot> inner_;
  std::map<std::string, std::string, std::less<>> original_;  // shown path -> inner path
  std::vector<SnapshotFile> files_;
  std::set<std::string> excluded_;
  int moved_ = 0;
};

// Whether two layouts differ (roots or excludes).
bool LayoutDiffers(const ProtoSettings& a, const ProtoSettings& b);

}  // namespace contract_lint
