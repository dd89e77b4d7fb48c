#include "proto/proto_source.h"

#include <algorithm>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.pb.h>

#include "proto/snapshot_source_tree.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;

// Turns Importer errors (0-based, import paths) into diagnostics (1-based,
// repository paths). Warnings (unused imports) are not our business.
class DiagnosticErrorCollector : public pb::compiler::MultiFileErrorCollector {
 public:
  DiagnosticErrorCollector(const SnapshotSourceTree& tree, Diagnostics* diagnostics)
      : tree_(tree), diagnostics_(diagnostics) {}

  void AddError(const std::string& import_path, int line, int column,
                const std::string& message) override {
    ++count_;
    // Edition files were already reported with their own message.
    if (tree_.IsEditionFile(import_path)) return;
    // So were files the source tree refused (invalid UTF-8, too deep): the
    // Importer then reports the failed open with an empty message.
    if (line < 0 && message.empty()) return;
    std::string path = tree_.RepoPath(import_path);
    if (path.empty()) path = import_path;
    if (line < 0) {
      diagnostics_->Add(path, 0, 0, message);
    } else {
      diagnostics_->Add(path, line + 1, column + 1, message);
    }
  }
  void AddWarning(const std::string&, int, int, const std::string&) override {}

  int count() const { return count_; }

 private:
  const SnapshotSourceTree& tree_;
  Diagnostics* diagnostics_;
  int count_ = 0;
};

void IndexSpans(const pb::FileDescriptor* file, SourceFile* out) {
  pb::FileDescriptorProto proto;
  file->CopySourceCodeInfoTo(&proto);
  for (const auto& location : proto.source_code_info().location()) {
    const auto& span = location.span();
    if (span.size() != 3 && span.size() != 4) continue;
    Location where;
    where.path = out->path;
    where.line = span[0] + 1;
    where.column = span[1] + 1;
    where.end_line = (span.size() == 4 ? span[2] : span[0]) + 1;
    where.end_column = span[span.size() - 1] + 1;
    std::vector<int> key(location.path().begin(), location.path().end());
    out->spans.emplace(std::move(key), std::move(where));  // first span wins
  }
}

}  // namespace

Anchor Anchor::Child(std::initializer_list<int> more) const {
  Anchor child = *this;
  if (!fixed) child.path.insert(child.path.end(), more.begin(), more.end());
  return child;
}

Location Locate(const Anchor& anchor, std::initializer_list<int> sub) {
  if (!anchor.file) return {};
  std::vector<int> key = anchor.path;
  if (!anchor.fixed) key.insert(key.end(), sub.begin(), sub.end());
  auto it = anchor.file->spans.find(key);
  return it == anchor.file->spans.end() ? Location{} : it->second;
}

Location LocateOr(const Anchor& anchor, std::initializer_list<int> sub, const Location& fallback) {
  Location found = Locate(anchor, sub);
  return found.path.empty() ? fallback : found;
}

Location WidenToKeyword(const SourceFile* file, Location where, std::string_view keyword) {
  if (!file || where.path.empty() || where.line < 1 ||
      where.line > static_cast<int>(file->lines.size())) {
    return where;
  }
  const std::string& line = file->lines[where.line - 1];
  int i = where.column - 1;  // columns count bytes; tabs are rare in option lists
  auto skip_space = [&] {
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) --i;
  };
  skip_space();
  if (i == 0 || line[i - 1] != '=') return where;
  --i;
  skip_space();
  int start = i - static_cast<int>(keyword.size());
  if (start < 0 || line.compare(start, keyword.size(), keyword) != 0) return where;
  where.column = start + 1;
  return where;
}

Location FileStart(const SourceFile* file) {
  Location where;
  if (!file) return where;
  where.path = file->path;
  where.line = where.column = where.end_line = where.end_column = 1;
  return where;
}

ProtoSide::ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
                     const std::vector<std::string>& contract_paths, Diagnostics* diagnostics) {
  tree_ = std::make_unique<SnapshotSourceTree>(snapshot, roots);
  tree_->ReportEditionsTo(diagnostics);
  auto errors = std::make_unique<DiagnosticErrorCollector>(*tree_, diagnostics);
  DiagnosticErrorCollector* error_count = errors.get();
  errors_ = std::move(errors);
  importer_ = std::make_unique<pb::compiler::Importer>(tree_.get(), errors_.get());
  for (const auto& path : contract_paths) {
    std::string import_path = tree_->ImportPath(path);
    if (import_path.empty() || tree_->RepoPath(import_path) != path) continue;  // shadowed
    const pb::FileDescriptor* file = importer_->Import(import_path);
    if (tree_->IsEditionFile(import_path)) ok_ = false;
    if (!file) continue;
    SourceFile source;
    source.path = path;
    source.import_path = import_path;
    source.descriptor = file;
    std::string contents, error;
    if (snapshot.Read(path, &contents, &error)) {
      size_t start = 0;
      while (start <= contents.size()) {
        size_t end = contents.find('\n', start);
        if (end == std::string::npos) end = contents.size();
        source.lines.push_back(contents.substr(start, end - start));
        start = end + 1;
      }
    }
    IndexSpans(file, &source);
    files_.push_back(std::move(source));
  }
  if (error_count->count() > 0) ok_ = false;
  std::sort(files_.begin(), files_.end(), [](const SourceFile& a, const SourceFile& b) {
    return a.import_path < b.import_path;
  });
}

ProtoSide::~ProtoSide() = default;

}  // namespace contract_lint
