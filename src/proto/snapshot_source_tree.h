// A libprotobuf SourceTree over a Snapshot: import paths are resolved against
// the configured roots (like protoc -I), and the well-known types fall back to
// the copies embedded in the binary when the repository has none.
#pragma once

#include <google/protobuf/compiler/importer.h>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"

namespace contract_lint {

// Bytes already read, by repository path. A file whose blob id is the same on
// both sides is read once and the two sides share the one copy.
using ProtoContents = std::map<std::string, std::shared_ptr<const std::string>, std::less<>>;

// What opening one import path found. Fetch() is thread-safe; nothing is
// reported until Accept().
struct FetchedSource {
  std::string import_path;
  std::string repo_path;                     // "" when embedded or absent
  std::shared_ptr<const std::string> owned;  // the bytes read from the snapshot
  std::string_view text;                     // owned, or an embedded well-known file
  bool found = false;                        // text is valid
  std::string error;                         // why it cannot be opened
  InvalidUtf8 bad_utf8;                      // first byte that is not UTF-8
  struct {
    int line = 0, column = 0;
    std::string edition;
  } edition;                           // a top-level `edition = "…";`
  int deep_line = 0, deep_column = 0;  // a brace nested too deep
};

// Not thread-safe, except Fetch() and the const lookups: one per side. The snapshot must outlive
// it; streams returned by Open() stay valid for the tree's life.
class SnapshotSourceTree : public google::protobuf::compiler::SourceTree {
 public:
  SnapshotSourceTree(const Snapshot& snapshot, const std::vector<std::string>& roots);

  // `contents` (optional, must outlive the tree) is consulted before the
  // snapshot is read.
  SnapshotSourceTree(const Snapshot& snapshot, const std::vector<std::string>& roots,
                     const ProtoContents* contents);

  google::protobuf::io::ZeroCopyInputStream* Open(const std::string& import_path) override;

  void SetContents(const ProtoContents* contents) { contents_by_path_ = contents; }

  // Reads and checks `import_path` without reporting anything (thread-safe).
  FetchedSource Fetch(const std::string& import_path) const;
  // Reports what Fetch() found wrong (invalid UTF-8 every time, an edition
  // once per file) and sets the last error; true when the text can be parsed.
  bool Accept(const FetchedSource& source);
  std::string GetLastErrorMessage() override { return last_error_; }

  // The repository path that `import_path` resolves to, or "" when it is
  // embedded or absent.
  std::string RepoPath(const std::string& import_path) const;
  // Whether `import_path` is a well-known file embedded in the binary.
  static bool IsEmbedded(const std::string& import_path);
  // The import path of a repository path under one of the roots, or "".
  std::string ImportPath(const std::string& repo_path) const;

  // Files that declare an edition: Open() refuses them (libprotobuf 3.21
  // cannot parse editions) and reports each once to `diagnostics`.
  void ReportEditionsTo(Diagnostics* diagnostics) { diagnostics_ = diagnostics; }
  bool IsEditionFile(const std::string& import_path) const;

 private:
  const Snapshot& snapshot_;
  const ProtoContents* contents_by_path_ = nullptr;
  std::vector<std::string> prefixes_;                        // "" or "dir/" per root
  std::deque<std::shared_ptr<const std::string>> contents_;  // keeps opened bytes alive
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
