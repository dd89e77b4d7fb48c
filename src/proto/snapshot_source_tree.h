// A libprotobuf SourceTree over a Snapshot: import paths are resolved against
// the configured roots (like protoc -I), and the well-known types fall back to
// the copies embedded in the binary when the repository has none.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include <google/protobuf/compiler/importer.h>

#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// Not thread-safe: one per Importer. The snapshot must outlive it; streams
// returned by Open() stay valid for the tree's life.
class SnapshotSourceTree : public google::protobuf::compiler::SourceTree {
 public:
  SnapshotSourceTree(const Snapshot& snapshot, const std::vector<std::string>& roots);

  google::protobuf::io::ZeroCopyInputStream* Open(const std::string& import_path) override;
  std::string GetLastErrorMessage() override { return last_error_; }

  // The repository path that `import_path` resolves to, or "" when it is
  // embedded or absent.
  std::string RepoPath(const std::string& import_path) const;
  // The import path of a repository path under one of the roots, or "".
  std::string ImportPath(const std::string& repo_path) const;

  // Files that declare an edition: Open() refuses them (libprotobuf 3.21
  // cannot parse editions) and reports each once to `diagnostics`.
  void ReportEditionsTo(Diagnostics* diagnostics) { diagnostics_ = diagnostics; }
  bool IsEditionFile(const std::string& import_path) const;

 private:
  const Snapshot& snapshot_;
  std::vector<std::string> prefixes_;  // "" or "dir/" per root
  std::deque<std::string> contents_;   // keeps opened bytes alive
  std::map<std::string, bool> edition_files_;
  Diagnostics* diagnostics_ = nullptr;
  std::string last_error_;
};

// 1-based line/column of a top-level `edition = "…";` statement and the
// edition named, or line 0 when the file has none.
struct EditionStatement {
  int line = 0;
  int column = 0;
  std::string edition;
};
EditionStatement FindEditionStatement(const std::string& contents);

}  // namespace contract_lint
