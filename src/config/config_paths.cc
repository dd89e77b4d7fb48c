// Config paths that name nothing: a root that is not a directory of either
// side is an input error (exit 2), a glob that matches no file a warning.
// Without this a typo in `proto.roots` gives "0 changed contract files", exit 0.
#include <algorithm>
#include <set>

#include "base/edit_distance.h"
#include "config/config.h"
#include "config/glob.h"

namespace contract_lint {
namespace {

// Whether some file of `snapshot` lies below directory `dir`.
bool HasDirectory(const Snapshot& snapshot, const std::string& dir) {
  if (dir.empty() || dir == ".") return true;
  std::string prefix = dir + "/";
  const auto& files = snapshot.Files();
  auto it =
      std::lower_bound(files.begin(), files.end(), prefix,
                       [](const SnapshotFile& f, const std::string& p) { return f.path < p; });
  return it != files.end() && it->path.compare(0, prefix.size(), prefix) == 0;
}

// The directories directly inside `parent` ("" = the root) on either side.
std::set<std::string> ChildDirectories(const Snapshot& a, const Snapshot& b,
                                       const std::string& parent) {
  std::set<std::string> out;
  std::string prefix = parent.empty() ? "" : parent + "/";
  for (const Snapshot* side : {&a, &b}) {
    for (const auto& file : side->Files()) {
      if (file.path.compare(0, prefix.size(), prefix) != 0) continue;
      size_t slash = file.path.find('/', prefix.size());
      if (slash != std::string::npos)
        out.insert(file.path.substr(prefix.size(), slash - prefix.size()));
    }
  }
  return out;
}

bool GlobMatchesSome(const Snapshot& snapshot, const std::string& glob) {
  return std::any_of(snapshot.Files().begin(), snapshot.Files().end(),
                     [&](const SnapshotFile& f) { return GlobMatch(glob, f.path); });
}

}  // namespace

void CheckConfigPaths(const Config& config, const Snapshot& against, const Snapshot& current,
                      Diagnostics* diagnostics, std::vector<Diagnostic>* warnings) {
  for (const auto& entry : config.path_entries) {
    const std::string& path = entry.effective;
    if (entry.is_root) {
      if (HasDirectory(current, path) || HasDirectory(against, path)) continue;
      std::string message =
          entry.key_path + ": \"" + entry.written + "\" is not a directory of the repository";
      // Did you mean: the nearest real directory at the same level.
      std::string written = entry.written;
      while (written.ends_with("/")) written.pop_back();
      size_t slash = written.rfind('/');
      std::string written_parent = slash == std::string::npos ? "" : written.substr(0, slash + 1);
      std::string leaf = slash == std::string::npos ? written : written.substr(slash + 1);
      size_t eff_slash = path.rfind('/');
      std::string parent = eff_slash == std::string::npos ? "" : path.substr(0, eff_slash);
      std::set<std::string> candidates = ChildDirectories(against, current, parent);
      NearestWord nearest(leaf, std::max<size_t>(2, leaf.size() / 2));
      for (const auto& candidate : candidates) nearest.Offer(candidate);
      const std::string& best = nearest.best();
      if (!best.empty()) {
        message += "; did you mean \"" + written_parent + best + "\"?";
      } else if (!candidates.empty() && candidates.size() <= 8) {
        std::string list;
        for (const auto& candidate : candidates) {
          list += (list.empty() ? "" : ", ") + ("\"" + written_parent + candidate + "\"");
        }
        message += "; its directories are " + list;
      }
      diagnostics->Add(config.source, entry.line, entry.column, message);
    } else if (!GlobMatchesSome(current, path) && !GlobMatchesSome(against, path)) {
      warnings->push_back(Diagnostic{
          config.source, entry.line, entry.column,
          entry.key_path + ": \"" + entry.written + "\" matches no file on either side"});
    }
  }
}

}  // namespace contract_lint
