#include "proto/proto_layout.h"

#include <algorithm>
#include <set>

#include "config/glob.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {

RelaidSnapshot::RelaidSnapshot(std::unique_ptr<Snapshot> inner, const ProtoSettings& own,
                               const ProtoSettings& current, const Snapshot& current_side)
    : inner_(std::move(inner)) {
  SnapshotSourceTree own_tree(*inner_, own.roots);
  SnapshotSourceTree current_tree(current_side, current.roots);
  std::string first_root = current.roots.empty() ? std::string(".") : current.roots[0];
  while (first_root.starts_with("./")) first_root.erase(0, 2);
  while (!first_root.empty() && first_root.back() == '/') first_root.pop_back();
  std::string first_prefix = first_root.empty() || first_root == "." ? "" : first_root + "/";
  std::map<std::string, SnapshotFile> shown;
  std::set<std::string> moved_from;
  // The moved `.proto` files first: the first root that holds an import path wins (shadowing).
  for (const auto& file : inner_->Files()) {
    if (!file.path.ends_with(".proto")) continue;
    std::string import_path = own_tree.ImportPath(file.path);
    if (import_path.empty() || own_tree.RepoPath(import_path) != file.path) continue;
    std::string path = current_tree.RepoPath(import_path);
    if (path.empty()) path = first_prefix + import_path;
    if (shown.count(path)) continue;
    shown[path] = {path, file.blob_id};
    original_[path] = file.path;
    moved_from.insert(file.path);
    // Excluded by its own side's config: still importable, never a contract.
    if (GlobMatchAny(own.exclude, file.path)) excluded_.insert(path);
    if (path != file.path) ++moved_;
  }
  for (const auto& file : inner_->Files()) {
    if (original_.count(file.path) || moved_from.count(file.path)) continue;
    shown[file.path] = file;
    original_[file.path] = file.path;
  }
  for (auto& [path, file] : shown) files_.push_back(std::move(file));
}

bool RelaidSnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  auto it = original_.find(path);
  if (it == original_.end()) {
    *error = "not in the snapshot";
    return false;
  }
  return inner_->Read(it->second, contents, error);
}

bool LayoutDiffers(const ProtoSettings& a, const ProtoSettings& b) {
  return a.roots != b.roots || a.exclude != b.exclude;
}

}  // namespace contract_lint
