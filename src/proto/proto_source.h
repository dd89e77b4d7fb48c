// One loaded side of a Protobuf comparison: the contract files compiled by a
// libprotobuf Importer, with their source spans for locating findings.
#pragma once

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>

#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/finding.h"
#include "contract_lint/snapshot.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {

// SourceCodeInfo path -> 1-based span of one file, built on first use (most
// files of a large comparison never locate anything). Thread-safe.
class SpanIndex {
 public:
  using Map = std::map<std::vector<int>, Location>;
  SpanIndex() = default;
  SpanIndex(const google::protobuf::FileDescriptor* file, std::string path);

  Map::const_iterator find(const std::vector<int>& key) const { return map().find(key); }
  Map::const_iterator end() const { return map().end(); }
  const Map& map() const;

 private:
  struct State {
    std::once_flag once;
    Map map;
  };
  const google::protobuf::FileDescriptor* file_ = nullptr;
  std::string path_;
  std::unique_ptr<State> state_ = std::make_unique<State>();
};

// One contract file of one side. The descriptor is owned by the ProtoSide
// (or by the pool both sides share, for a file that is the same on both).
struct SourceFile {
  std::string path;         // repository-relative
  std::string import_path;  // relative to its root; what files are paired by
  const google::protobuf::FileDescriptor* descriptor = nullptr;
  SpanIndex spans;                          // SourceCodeInfo path -> 1-based span
  std::shared_ptr<const std::string> text;  // the source, for spans protoc records short

  // Line `line` (1-based) of the source without its newline; false past the
  // end. Scans the text: for the few findings that need it.
  bool Line(int line, std::string_view* out) const;
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

// How a side is loaded.
struct ProtoSideOptions {
  int jobs = 1;  // threads for parsing (1 = this thread only)
  // Bytes already read (shared with the other side); may be null.
  std::shared_ptr<const ProtoContents> contents;
  // Import paths the contracts import (directly or not), parsed ahead on the
  // threads with the contracts; any other import is parsed when reached.
  std::vector<std::string> imports;
};

class ProtoCompiler;

// An import that no root holds (and that is not a well-known file):
// `import "X" not found in roots [a, b]; ` and how to fix it, naming the
// buf.yaml dependency it likely comes from and the `buf export` that vendors it.
std::string MissingImportMessage(const std::string& import_path,
                                 const std::vector<std::string>& roots,
                                 const std::vector<std::string>& deps);

// Compiles the given contract files of a snapshot (`.proto` under a root, not
// excluded) into a DescriptorPool, with the errors a libprotobuf Importer
// reports, but with the files parsed on several threads first and, when two
// sides are loaded together, the files that are the same on both compiled
// once into a pool both sides build on. Syntax, import and edition errors go
// to `diagnostics` (1-based); ok() is false when any occurred.
class ProtoSide {
 public:
  ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
            const std::vector<std::string>& contract_paths, Diagnostics* diagnostics);
  ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
            const std::vector<std::string>& contract_paths, Diagnostics* diagnostics,
            const ProtoSideOptions& options);
  ~ProtoSide();
  ProtoSide(const ProtoSide&) = delete;
  ProtoSide& operator=(const ProtoSide&) = delete;

  bool ok() const;
  // buf.yaml dependencies, named by ReportErrors() when an import is missing.
  void SetDependencies(std::vector<std::string> deps) { deps_ = std::move(deps); }
  // When !ok(): reports the errors to `diagnostics`, exactly as a libprotobuf
  // Importer over the contracts does (the fast path only counts them); to
  // `to` instead when given.
  void ReportErrors(Diagnostics* to = nullptr);
  // The contract files that compiled, sorted by import path.
  const std::vector<SourceFile>& files() const { return files_; }

  struct Request {
    const Snapshot* snapshot = nullptr;  // LoadAll only
    std::vector<std::string> contract_paths;
    ProtoSideOptions options;  // `jobs` is ignored
  };
  // Files identical on both sides (the same bytes, importing only such
  // files), compiled once; read from `snapshot`.
  struct Shared {
    const Snapshot* snapshot = nullptr;
    std::vector<std::string> import_paths;
    std::shared_ptr<const ProtoContents> contents;
  };
  // Loads several sides at once: every file of every side is parsed on one
  // set of `jobs` threads, the shared files are compiled, then each side is
  // compiled on a thread of its own.
  static std::vector<std::unique_ptr<ProtoSide>> LoadAll(const std::vector<std::string>& roots,
                                                         std::vector<Request> requests,
                                                         Shared shared, Diagnostics* diagnostics,
                                                         int jobs);
  // Adds more contracts to sides made by LoadAll (one request per side), the
  // same way. ok() and files() then cover every contract added so far.
  static void Extend(const std::vector<ProtoSide*>& sides, std::vector<Request> requests,
                     Shared shared, int jobs);

 private:
  ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
            Diagnostics* diagnostics, std::shared_ptr<ProtoCompiler> shared);
  // `shared`: compiled by the shared compiler, not parsed here.
  void Plan(const std::vector<std::string>& contract_paths, const ProtoSideOptions& options,
            const std::set<std::string>& shared);
  void Build();  // compiles the planned contracts, in order

  const Snapshot& snapshot_;
  std::vector<std::string> roots_;
  std::vector<std::string> deps_;
  Diagnostics* diagnostics_;
  std::shared_ptr<ProtoCompiler> shared_;  // may be null
  std::unique_ptr<ProtoCompiler> compiler_;
  bool reported_ = false;
  std::vector<std::pair<std::string, std::string>> contracts_;  // (repo path, import path)
  size_t built_ = 0;                                            // contracts_ compiled so far
  std::vector<SourceFile> files_;
  bool ok_ = true;
};

}  // namespace contract_lint
