#include "proto/snapshot_source_tree.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/common.h>

#include "base/embedded_files.h"
#include "proto/proto_nesting.h"

namespace contract_lint {
namespace {

namespace io = google::protobuf::io;

std::string RootPrefix(std::string root) {
  while (root.starts_with("./")) root.erase(0, 2);
  while (!root.empty() && root.back() == '/') root.pop_back();
  if (root.empty() || root == ".") return "";
  return root + "/";
}

class SilentErrors : public io::ErrorCollector {
 public:
  void AddError(int, io::ColumnNumber, const std::string&) override {}
};

}  // namespace

namespace {}  // namespace

EditionStatement FindEditionStatement(const std::string& contents) {
  // The first token decides: `edition` can only start a file (after comments).
  io::ArrayInputStream input(contents.data(), static_cast<int>(contents.size()));
  SilentErrors errors;
  io::Tokenizer tokenizer(&input, &errors);
  EditionStatement found;
  if (!tokenizer.Next() || tokenizer.current().text != "edition") return found;
  int line = tokenizer.current().line + 1;
  int column = tokenizer.current().column + 1;
  if (!tokenizer.Next() || tokenizer.current().text != "=") return found;
  if (!tokenizer.Next() || tokenizer.current().type != io::Tokenizer::TYPE_STRING) return found;
  io::Tokenizer::ParseString(tokenizer.current().text, &found.edition);
  found.line = line;
  found.column = column;
  return found;
}

SnapshotSourceTree::SnapshotSourceTree(const Snapshot& snapshot,
                                       const std::vector<std::string>& roots)
    : SnapshotSourceTree(snapshot, roots, nullptr) {}

SnapshotSourceTree::SnapshotSourceTree(const Snapshot& snapshot,
                                       const std::vector<std::string>& roots,
                                       const ProtoContents* contents)
    : snapshot_(snapshot), contents_by_path_(contents) {
  for (const auto& root : roots) prefixes_.push_back(RootPrefix(root));
  if (prefixes_.empty()) prefixes_.push_back("");
}

std::string SnapshotSourceTree::RepoPath(const std::string& import_path) const {
  for (const auto& prefix : prefixes_) {
    if (snapshot_.Find(prefix + import_path)) return prefix + import_path;
  }
  return "";
}

std::string SnapshotSourceTree::ImportPath(const std::string& repo_path) const {
  for (const auto& prefix : prefixes_) {
    if (repo_path.starts_with(prefix)) return repo_path.substr(prefix.size());
  }
  return "";
}

bool SnapshotSourceTree::IsEmbedded(const std::string& import_path) {
  // Only the well-known types: the binary embeds other files (schemas, explain's examples).
  return import_path.starts_with("google/protobuf/") && EmbeddedFile(import_path) != nullptr;
}

bool SnapshotSourceTree::IsEditionFile(const std::string& import_path) const {
  auto it = edition_files_.find(import_path);
  return it != edition_files_.end() && it->second;
}

FetchedSource SnapshotSourceTree::Fetch(const std::string& import_path) const {
  FetchedSource source;
  source.import_path = import_path;
  source.repo_path = RepoPath(import_path);
  if (source.repo_path.empty()) {
    if (const std::string_view* embedded =
            IsEmbedded(import_path) ? EmbeddedFile(import_path) : nullptr) {
      source.text = *embedded;
      source.found = true;
      return source;
    }
    source.error = "File not found.";
    return source;
  }
  if (contents_by_path_) {
    auto it = contents_by_path_->find(source.repo_path);
    if (it != contents_by_path_->end() && it->second) source.owned = it->second;
  }
  if (!source.owned) {
    auto contents = std::make_shared<std::string>();
    if (!snapshot_.Read(source.repo_path, contents.get(), &source.error)) return source;
    source.owned = std::move(contents);
  }
  const std::string& contents = *source.owned;
  // .proto files are UTF-8 (protoc does not check; buf does): refuse others
  // with the position of the first bad byte instead of comparing garbage.
  if (InvalidUtf8 bad = FirstInvalidUtf8(contents); bad.line > 0) {
    source.bad_utf8 = bad;
    return source;
  }
  EditionStatement edition = FindEditionStatement(contents);
  if (edition.line > 0) {
    source.edition.line = edition.line;
    source.edition.column = edition.column;
    source.edition.edition = edition.edition;
    return source;
  }
  // libprotobuf's parser of aggregate option values recurses once per level
  // without a limit: refuse files nested deep enough to overflow the stack.
  NestingExcess deep = FirstExcessiveNesting(contents);
  if (deep.line > 0) {
    source.deep_line = deep.line;
    source.deep_column = deep.column;
    return source;
  }
  source.text = contents;
  source.found = true;
  return source;
}

bool SnapshotSourceTree::Accept(const FetchedSource& source) {
  if (source.found) return true;
  if (source.bad_utf8.line > 0) {
    if (diagnostics_) {
      diagnostics_->Add(source.repo_path, source.bad_utf8.line, source.bad_utf8.column,
                        DescribeInvalidUtf8(source.bad_utf8) + "; .proto files must be UTF-8");
    }
    last_error_ = "";
    return false;
  }
  if (source.edition.line > 0) {
    bool& reported = edition_files_[source.import_path];
    if (!reported && diagnostics_) {
      diagnostics_->Add(source.repo_path, source.edition.line, source.edition.column,
                        "editions need libprotobuf >= 27: this build uses libprotobuf " +
                            google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION) +
                            " and cannot read \"" + source.repo_path + "\" (edition \"" +
                            source.edition.edition + "\")");
    }
    reported = true;
    last_error_ = "";
    return false;
  }
  if (source.deep_line > 0) {
    if (diagnostics_) {
      diagnostics_->Add(source.repo_path, source.deep_line, source.deep_column,
                        "braces nest deeper than " + std::to_string(kMaxProtoNesting) +
                            " levels (messages, option values); flatten the definition");
    }
    last_error_ = "";
    return false;
  }
  last_error_ = source.error;
  return false;
}

io::ZeroCopyInputStream* SnapshotSourceTree::Open(const std::string& import_path) {
  FetchedSource source = Fetch(import_path);
  if (!Accept(source)) return nullptr;
  if (source.owned) {
    contents_.push_back(source.owned);
    const std::string& kept = *contents_.back();
    return new io::ArrayInputStream(kept.data(), static_cast<int>(kept.size()));
  }
  return new io::ArrayInputStream(source.text.data(), static_cast<int>(source.text.size()));
}

}  // namespace contract_lint
