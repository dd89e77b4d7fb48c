#include "proto/proto_source.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

#include "base/parallel.h"
#include "base/utf8.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;

// The buf.yaml dependency that most likely provides `import_path` (the
// well-known BSR modules by their import prefixes), or "" when none stands out.
std::string LikelyDependency(const std::string& import_path, const std::vector<std::string>& deps) {
  if (deps.size() == 1) return deps[0];
  static const std::pair<std::string_view, std::string_view> kKnown[] = {
      {"google/api/", "googleapis/googleapis"},
      {"google/rpc/", "googleapis/googleapis"},
      {"google/type/", "googleapis/googleapis"},
      {"google/longrunning/", "googleapis/googleapis"},
      {"google/iam/", "googleapis/googleapis"},
      {"google/cloud/", "googleapis/googleapis"},
      {"google/geo/", "googleapis/googleapis"},
      {"buf/validate/", "bufbuild/protovalidate"},
      {"validate/", "envoyproxy/protoc-gen-validate"},
      {"protoc-gen-openapiv2/", "grpc-ecosystem/grpc-gateway"},
      {"grpc/gateway/", "grpc-ecosystem/grpc-gateway"},
      {"opentelemetry/", "opentelemetry/opentelemetry"},
      {"envoy/", "envoyproxy/envoy"},
      {"xds/", "cncf/xds"},
  };
  for (const auto& [prefix, module] : kKnown) {
    if (!import_path.starts_with(prefix)) continue;
    for (const auto& dep : deps) {
      std::string name = dep.substr(0, dep.find(':'));  // without a :label or :commit
      if (name.ends_with("/" + std::string(module))) return dep;
    }
  }
  return "";
}

// `buf export DEP -o third_party/NAME`, and the directory it writes.
std::pair<std::string, std::string> ExportCommand(const std::string& dep) {
  std::string name = dep.substr(0, dep.find(':'));
  std::string directory = "third_party/" + name.substr(name.rfind('/') + 1);
  return {"buf export " + dep + " -o " + directory, directory};
}

}  // namespace

std::string MissingImportMessage(const std::string& import_path,
                                 const std::vector<std::string>& roots,
                                 const std::vector<std::string>& deps) {
  std::string listed;
  bool any = false;
  for (const auto& root : roots) {
    // buf's cache directories (buf_module_cache.h) are not the repository's roots.
    if (root.starts_with('/')) continue;
    listed += (any ? ", " : "") + root;
    any = true;
  }
  if (!any) listed = ".";
  std::string message = "import \"" + import_path + "\" not found in roots [" + listed + "]";
  if (deps.empty()) return message + "; add its directory to proto.roots or vendor it";
  std::string dep = LikelyDependency(import_path, deps);
  if (!dep.empty()) {
    auto [command, directory] = ExportCommand(dep);
    return message + "; it comes from the buf.yaml dependency " + dep +
           ", which contract-lint does not fetch (it reads nothing outside the repository): "
           "vendor it with `" +
           command + "` and add " + directory + " to the roots";
  }
  std::string names;
  for (const auto& d : deps) names += (names.empty() ? "" : ", ") + d;
  auto [command, directory] = ExportCommand(deps[0]);
  return message + "; if it comes from a buf.yaml dependency (" + names +
         "), contract-lint does not fetch it (it reads nothing outside the repository): vendor "
         "it with `buf export MODULE -o third_party/NAME` (e.g. `" +
         command + "`) and add the directory to the roots";
}

namespace {

// Turns Importer errors (0-based, import paths) into diagnostics (1-based,
// repository paths). Warnings (unused imports) are not our business.
class DiagnosticErrorCollector : public pb::compiler::MultiFileErrorCollector {
 public:
  DiagnosticErrorCollector(const SnapshotSourceTree& tree, Diagnostics* diagnostics,
                           const std::vector<std::string>* roots = nullptr,
                           const std::vector<std::string>* deps = nullptr)
      : tree_(tree), diagnostics_(diagnostics), roots_(roots), deps_(deps) {}

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
    if (roots_) {
      // A file that is not there: its importers say so at their `import`
      // line (below), so the Importer's location-less line is left out.
      if (line < 0 && message == "File not found." && Missing(import_path)) return;
      static constexpr std::string_view kPrefix = "Import \"";
      static constexpr std::string_view kSuffix = "\" was not found or had errors.";
      if (line >= 0 && message.starts_with(kPrefix) && message.ends_with(kSuffix)) {
        std::string imported =
            message.substr(kPrefix.size(), message.size() - kPrefix.size() - kSuffix.size());
        if (Missing(imported)) {
          diagnostics_->Add(path, line + 1, column + 1,
                            MissingImportMessage(imported, *roots_, deps_ ? *deps_ : kNone));
          return;
        }
      }
    }
    if (line < 0) {
      diagnostics_->Add(path, 0, 0, message);
    } else {
      diagnostics_->Add(path, line + 1, column + 1, message);
    }
  }
  void AddWarning(const std::string&, int, int, const std::string&) override {}

  int count() const { return count_; }

 private:
  bool Missing(const std::string& import_path) const {
    return tree_.RepoPath(import_path).empty() && !SnapshotSourceTree::IsEmbedded(import_path);
  }

  static inline const std::vector<std::string> kNone;
  const SnapshotSourceTree& tree_;
  Diagnostics* diagnostics_;
  const std::vector<std::string>* roots_;  // set: explain missing imports
  const std::vector<std::string>* deps_;
  int count_ = 0;
};

// Syntax errors of one file, as the Tokenizer and Parser report them (0-based).
struct ParseError {
  int line;
  int column;
  std::string message;
};

class RecordingErrors : public pb::io::ErrorCollector {
 public:
  explicit RecordingErrors(std::vector<ParseError>* errors) : errors_(errors) {}
  void AddError(int line, int column, const std::string& message) override {
    if (errors_) errors_->push_back(ParseError{line, column, message});
  }

 private:
  std::vector<ParseError>* errors_;
};

// Parses `text` as protoc does (with source info), optionally recording
// where each element sits.
bool ParseText(std::string_view text, const std::string& import_path,
               pb::FileDescriptorProto* proto, std::vector<ParseError>* errors,
               pb::compiler::SourceLocationTable* locations) {
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  std::vector<ParseError> ignored;
  if (!errors) errors = &ignored;
  size_t before = errors->size();
  RecordingErrors collector(errors);
  pb::io::Tokenizer tokenizer(&input, &collector);
  pb::compiler::Parser parser;
  parser.RecordErrorsTo(&collector);
  if (locations) parser.RecordSourceLocationsTo(locations);
  proto->set_name(import_path);
  return parser.Parse(&tokenizer, proto) && errors->size() == before;
}

// Every side's pool is built on descriptor.proto first: the embedded one
// (current upstream's, src/proto/wkt) unless the repository has its own. The
// option interpreter then reads built-in options from that FieldOptions,
// MessageOptions, … instead of libprotobuf 3.21's generated ones, so newer
// options (debug_redact, retention, targets, edition_defaults, …) are known.
// Their values stay unknown fields of the 3.21 messages: the rules that read
// options read the ones 3.21 knows, as before.
constexpr const char* kDescriptorProto = "google/protobuf/descriptor.proto";

// A `features` option (the editions' feature sets) in a proto2/proto3 file:
// current protoc and buf refuse it. Its 0-based span, or line -1.
struct FeaturesUse {
  int line = -1;
  int column = 0;
};

// descriptor.proto's `features` field number in each options message.
constexpr int kFileFeatures = 50, kMessageFeatures = 12, kFieldFeatures = 21, kOneofFeatures = 1,
              kEnumFeatures = 7, kEnumValueFeatures = 2, kServiceFeatures = 34,
              kMethodFeatures = 35, kExtensionRangeFeatures = 50;

bool SetsField(const pb::Message& options, int number) {
  const pb::UnknownFieldSet& unknown = options.GetReflection()->GetUnknownFields(options);
  for (int i = 0; i < unknown.field_count(); ++i) {
    if (unknown.field(i).number() == number) return true;
  }
  return false;
}

// Whether any options message of the file sets `features` (no copies: this
// runs on every file built).
bool UsesFeatures(const pb::FileDescriptor* file) {
  auto field = [](const pb::FieldDescriptor* f) { return SetsField(f->options(), kFieldFeatures); };
  auto enumeration = [](const pb::EnumDescriptor* e) {
    if (SetsField(e->options(), kEnumFeatures)) return true;
    for (int i = 0; i < e->value_count(); ++i) {
      if (SetsField(e->value(i)->options(), kEnumValueFeatures)) return true;
    }
    return false;
  };
  std::function<bool(const pb::Descriptor*)> message = [&](const pb::Descriptor* m) {
    if (SetsField(m->options(), kMessageFeatures)) return true;
    for (int i = 0; i < m->field_count(); ++i)
      if (field(m->field(i))) return true;
    for (int i = 0; i < m->extension_count(); ++i)
      if (field(m->extension(i))) return true;
    for (int i = 0; i < m->oneof_decl_count(); ++i)
      if (SetsField(m->oneof_decl(i)->options(), kOneofFeatures)) return true;
    for (int i = 0; i < m->extension_range_count(); ++i) {
      const auto* options = m->extension_range(i)->options_;
      if (options && SetsField(*options, kExtensionRangeFeatures)) return true;
    }
    for (int i = 0; i < m->enum_type_count(); ++i)
      if (enumeration(m->enum_type(i))) return true;
    for (int i = 0; i < m->nested_type_count(); ++i)
      if (message(m->nested_type(i))) return true;
    return false;
  };
  if (SetsField(file->options(), kFileFeatures)) return true;
  for (int i = 0; i < file->message_type_count(); ++i)
    if (message(file->message_type(i))) return true;
  for (int i = 0; i < file->enum_type_count(); ++i)
    if (enumeration(file->enum_type(i))) return true;
  for (int i = 0; i < file->extension_count(); ++i)
    if (field(file->extension(i))) return true;
  for (int i = 0; i < file->service_count(); ++i) {
    if (SetsField(file->service(i)->options(), kServiceFeatures)) return true;
    for (int j = 0; j < file->service(i)->method_count(); ++j)
      if (SetsField(file->service(i)->method(j)->options(), kMethodFeatures)) return true;
  }
  return false;
}

FeaturesUse FindFeaturesUse(const pb::FileDescriptor* file) {
  if (!UsesFeatures(file)) return {};
  pb::FileDescriptorProto proto;
  file->CopyTo(&proto);
  file->CopySourceCodeInfoTo(&proto);
  std::vector<std::vector<int>> uses;  // SourceCodeInfo path of each options message
  auto check = [&](const pb::Message& options, std::vector<int> path, int number) {
    if (SetsField(options, number)) {
      path.push_back(number);
      uses.push_back(std::move(path));
    }
  };
  using Path = std::vector<int>;
  auto enums = [&](const auto& list, Path base) {
    for (int i = 0; i < list.size(); ++i) {
      Path at = base;
      at.push_back(i);
      const auto& e = list.Get(i);
      Path options = at;
      options.push_back(3);
      check(e.options(), options, kEnumFeatures);
      for (int j = 0; j < e.value_size(); ++j) {
        Path value = at;
        value.insert(value.end(), {2, j, 3});
        check(e.value(j).options(), value, kEnumValueFeatures);
      }
    }
  };
  auto fields = [&](const auto& list, Path base) {
    for (int i = 0; i < list.size(); ++i) {
      Path p = base;
      p.insert(p.end(), {i, 8});
      check(list.Get(i).options(), p, kFieldFeatures);
    }
  };
  std::function<void(const pb::DescriptorProto&, Path)> message = [&](const pb::DescriptorProto& m,
                                                                      Path at) {
    auto with = [&](std::initializer_list<int> more) {
      Path p = at;
      p.insert(p.end(), more);
      return p;
    };
    check(m.options(), with({7}), kMessageFeatures);
    fields(m.field(), with({2}));
    fields(m.extension(), with({6}));
    for (int i = 0; i < m.oneof_decl_size(); ++i)
      check(m.oneof_decl(i).options(), with({8, i, 2}), kOneofFeatures);
    for (int i = 0; i < m.extension_range_size(); ++i)
      check(m.extension_range(i).options(), with({5, i, 3}), kExtensionRangeFeatures);
    enums(m.enum_type(), with({4}));
    for (int i = 0; i < m.nested_type_size(); ++i) message(m.nested_type(i), with({3, i}));
  };
  check(proto.options(), {8}, kFileFeatures);
  for (int i = 0; i < proto.message_type_size(); ++i) message(proto.message_type(i), {4, i});
  enums(proto.enum_type(), {5});
  fields(proto.extension(), {7});
  for (int i = 0; i < proto.service_size(); ++i) {
    check(proto.service(i).options(), {6, i, 3}, kServiceFeatures);
    for (int j = 0; j < proto.service(i).method_size(); ++j)
      check(proto.service(i).method(j).options(), {6, i, 2, j, 4}, kMethodFeatures);
  }
  FeaturesUse first;
  if (uses.empty()) return first;
  first.line = 0;  // used, but written nowhere protoc recorded: the file's start
  // The earliest span under one of the options paths (the interpreter
  // records an option at its field path: [..., features, field_presence]).
  bool found = false;
  for (const auto& location : proto.source_code_info().location()) {
    if (location.span_size() < 3) continue;
    for (const auto& use : uses) {
      if (location.path_size() < static_cast<int>(use.size()) ||
          !std::equal(use.begin(), use.end(), location.path().begin()))
        continue;
      int line = location.span(0), column = location.span(1);
      if (!found || line < first.line || (line == first.line && column < first.column)) {
        first.line = line;
        first.column = column;
        found = true;
      }
    }
  }
  return first;
}

std::string FeaturesMessage(const pb::FileDescriptor* file) {
  // buf's words, and why.
  return "`features` cannot be set in \"" +
         std::string(pb::FileDescriptor::SyntaxName(file->syntax())) +
         "\": features are only valid in editions files";
}

}  // namespace

// One file read and parsed ahead of the compilation, on any thread.
struct ParsedFile {
  FetchedSource source;
  pb::FileDescriptorProto proto;
  std::vector<ParseError> errors;
  bool parsed_ok = false;
  bool ready = false;
  bool keep_source_info = true;  // false for a file that is only imported

  // What SourceTreeDescriptorDatabase::FindFileByName does, minus reporting.
  void Parse(const SnapshotSourceTree& tree, const std::string& import_path) {
    source = tree.Fetch(import_path);
    ready = true;
    if (!source.found) return;
    parsed_ok = ParseText(source.text, import_path, &proto, &errors, nullptr);
    if (!keep_source_info) proto.clear_source_code_info();
  }
};

// One DescriptorPool, filled file by file in import order: what an Importer
// does through its database, with the same errors, but from files parsed
// ahead. Optionally on top of another compiler's pool (the files both sides
// share), which must be complete before this one builds.
class ProtoCompiler {
 public:
  // Errors are only counted: a side with any is compiled again by an
  // Importer (ProtoSide::ReportErrors), whose reports are the reference.
  ProtoCompiler(const Snapshot& snapshot, const std::vector<std::string>& roots,
                const ProtoCompiler* underlay)
      : snapshot_(snapshot), underlay_(underlay) {
    tree_ = std::make_unique<SnapshotSourceTree>(snapshot, roots, nullptr);
    tree_->ReportEditionsTo(&ignored_);
    errors_ = std::make_unique<DiagnosticErrorCollector>(*tree_, &ignored_);
    pool_ = underlay ? std::make_unique<pb::DescriptorPool>(underlay->pool_.get())
                     : std::make_unique<pb::DescriptorPool>();
    pool_->EnforceWeakDependencies(true);
  }

  const Snapshot& snapshot() const { return snapshot_; }
  SnapshotSourceTree& tree() { return *tree_; }
  int error_count() const { return errors_->count(); }

  // Files to parse ahead; each entry is then filled by one thread. A file
  // planned without source info can never be a SourceFile (no spans).
  void Plan(const std::string& import_path, bool keep_source_info = true) {
    if (done_.count(import_path) || (underlay_ && underlay_->Attempted(import_path, nullptr)))
      return;
    auto& slot = planned_[import_path];
    if (!slot) {
      slot = std::make_unique<ParsedFile>();
      slot->keep_source_info = keep_source_info;
    }
    if (keep_source_info) slot->keep_source_info = true;
  }
  void SetContents(std::shared_ptr<const ProtoContents> contents) {
    contents_ = std::move(contents);
    tree_->SetContents(contents_.get());
  }
  std::vector<std::pair<const std::string*, ParsedFile*>> Unparsed() const {
    std::vector<std::pair<const std::string*, ParsedFile*>> out;
    for (const auto& [import_path, file] : planned_) {
      if (!file->ready) out.emplace_back(&import_path, file.get());
    }
    return out;
  }
  // Builds descriptor.proto first (see kDescriptorProto); a no-op when this
  // compiler or its underlay has.
  void Preload() { Get(kDescriptorProto); }

  // Builds every planned file (for the shared compiler).
  void BuildPlanned() {
    std::vector<std::string> names;
    for (const auto& [import_path, file] : planned_) names.push_back(import_path);
    for (const auto& import_path : names) Get(import_path);
  }
  // Drops what was read and parsed ahead and not used.
  void Forget() {
    planned_.clear();
    SetContents(nullptr);
  }

  // Whether this compiler (or its underlay) tried `import_path`; *result is
  // the file, null when it failed.
  bool Attempted(const std::string& import_path, const pb::FileDescriptor** result) const {
    auto it = done_.find(import_path);
    if (it != done_.end()) {
      if (result) *result = it->second;
      return true;
    }
    return underlay_ && underlay_->Attempted(import_path, result);
  }
  std::shared_ptr<const std::string> Text(const std::string& import_path) const {
    auto it = texts_.find(import_path);
    if (it != texts_.end()) return it->second;
    return underlay_ ? underlay_->Text(import_path) : nullptr;
  }

  // The compiled file, building it (and first what it imports) when needed.
  const pb::FileDescriptor* Get(const std::string& import_path) {
    const pb::FileDescriptor* found = nullptr;
    if (Attempted(import_path, &found)) return found;
    auto pending = std::find(pending_.begin(), pending_.end(), import_path);
    if (pending != pending_.end()) {
      RecursiveImport(static_cast<size_t>(pending - pending_.begin()));
      done_[import_path] = nullptr;
      return nullptr;
    }
    std::unique_ptr<ParsedFile> file;
    auto it = planned_.find(import_path);
    if (it != planned_.end() && it->second->ready) {
      file = std::move(it->second);
      planned_.erase(it);
    } else {
      file = std::make_unique<ParsedFile>();
      file->Parse(*tree_, import_path);
    }
    if (!tree_->Accept(file->source)) {
      errors_->AddError(import_path, -1, 0, tree_->GetLastErrorMessage());
      done_[import_path] = nullptr;
      return nullptr;
    }
    for (const auto& error : file->errors)
      errors_->AddError(import_path, error.line, error.column, error.message);
    if (!file->parsed_ok) {
      done_[import_path] = nullptr;
      return nullptr;
    }
    // Like the Importer: every import is loaded before the file is built.
    pending_.push_back(import_path);
    for (const auto& dependency : file->proto.dependency()) Get(dependency);
    Counting counting(this);
    const pb::FileDescriptor* built = pool_->BuildFileCollectingErrors(file->proto, &counting);
    pending_.pop_back();
    if (built && FindFeaturesUse(built).line >= 0) {
      errors_->AddError(import_path, -1, 0, FeaturesMessage(built));  // worded by ReportErrors
    }
    done_[import_path] = built;
    if (built) texts_[import_path] = file->source.owned;
    return built;
  }

 private:
  // Counts the pool's errors (ProtoSide::ReportErrors words them).
  class Counting : public pb::DescriptorPool::ErrorCollector {
   public:
    explicit Counting(ProtoCompiler* compiler) : compiler_(compiler) {}
    void AddError(const std::string& filename, const std::string&, const pb::Message*,
                  ErrorLocation, const std::string& message) override {
      compiler_->errors_->AddError(filename, -1, 0, message);
    }
    void AddWarning(const std::string&, const std::string&, const pb::Message*, ErrorLocation,
                    const std::string&) override {}

   private:
    ProtoCompiler* compiler_;
  };

  // "File recursively imports itself": an error (worded by the Importer).
  void RecursiveImport(size_t from_here) {
    errors_->AddError(pending_[from_here], -1, 0, "File recursively imports itself");
  }

  const Snapshot& snapshot_;
  const ProtoCompiler* underlay_;
  Diagnostics ignored_;
  std::shared_ptr<const ProtoContents> contents_;
  std::unique_ptr<SnapshotSourceTree> tree_;
  std::unique_ptr<DiagnosticErrorCollector> errors_;
  std::unique_ptr<pb::DescriptorPool> pool_;
  std::map<std::string, std::unique_ptr<ParsedFile>> planned_;
  std::map<std::string, const pb::FileDescriptor*> done_;  // null: failed
  std::map<std::string, std::shared_ptr<const std::string>> texts_;
  std::vector<std::string> pending_;  // files being built, outermost first
};

Anchor Anchor::Child(std::initializer_list<int> more) const {
  Anchor child = *this;
  if (!fixed) child.path.insert(child.path.end(), more.begin(), more.end());
  return child;
}

namespace {

// libprotobuf counts columns in bytes with tabs to the next multiple of 8;
// buf counts code points with tabs to the next multiple of 4. Both 0-based.

// buf's 0-based column of the byte at libprotobuf's 0-based `column` of `line`.
int BufColumn(std::string_view line, int column) {
  int protoc = 0, buf = 0;
  for (size_t i = 0; i < line.size() && protoc < column; ++i) {
    if (line[i] == '\t') {
      protoc += 8 - protoc % 8;
      buf += 4 - buf % 4;
    } else {
      ++protoc;
      if (!IsUtf8Continuation(line[i])) ++buf;
    }
  }
  return buf + (column > protoc ? column - protoc : 0);  // past the end: count on
}

// The byte index of buf's 0-based `column` in `line`.
int ByteOfBufColumn(std::string_view line, int column) {
  int buf = 0;
  size_t i = 0;
  for (; i < line.size() && buf < column; ++i) {
    if (line[i] == '\t') {
      buf += 4 - buf % 4;
    } else if (!IsUtf8Continuation(line[i])) {
      ++buf;
    }
    while (i + 1 < line.size() && IsUtf8Continuation(line[i + 1])) ++i;
  }
  return static_cast<int>(i) + (column > buf ? column - buf : 0);
}

bool NeedsBufColumns(std::string_view line) {
  for (char c : line) {
    if (c == '\t' || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

}  // namespace

Location Locate(const Anchor& anchor, std::initializer_list<int> sub) {
  if (!anchor.file) return {};
  std::vector<int> key = anchor.path;
  if (!anchor.fixed) key.insert(key.end(), sub.begin(), sub.end());
  auto it = anchor.file->spans.find(key);
  if (it == anchor.file->spans.end()) return Location{};
  // Columns as buf reports them (tabs, multi-byte characters).
  Location where = it->second;
  std::string_view line;
  if (anchor.file->Line(where.line, &line) && NeedsBufColumns(line)) {
    where.column = BufColumn(line, where.column - 1) + 1;
  }
  if (anchor.file->Line(where.end_line, &line) && NeedsBufColumns(line)) {
    where.end_column = BufColumn(line, where.end_column - 1) + 1;
  }
  return where;
}

Location LocateOr(const Anchor& anchor, std::initializer_list<int> sub, const Location& fallback) {
  Location found = Locate(anchor, sub);
  return found.path.empty() ? fallback : found;
}

Location WidenToKeyword(const SourceFile* file, Location where, std::string_view keyword) {
  std::string_view line;
  if (!file || where.path.empty() || !file->Line(where.line, &line)) return where;
  int i = std::min(ByteOfBufColumn(line, where.column - 1), static_cast<int>(line.size()));
  auto skip_space = [&] {
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) --i;
  };
  skip_space();
  if (i == 0 || line[i - 1] != '=') return where;
  --i;
  skip_space();
  int start = i - static_cast<int>(keyword.size());
  if (start < 0 || line.compare(start, keyword.size(), keyword) != 0) return where;
  int column = 0;
  for (int b = 0; b < start; ++b) {
    if (line[b] == '\t') {
      column += 4 - column % 4;
    } else if (!IsUtf8Continuation(line[b])) {
      ++column;
    }
  }
  where.column = column + 1;
  return where;
}

Location FileStart(const SourceFile* file) {
  Location where;
  if (!file) return where;
  where.path = file->path;
  where.line = where.column = where.end_line = where.end_column = 1;
  return where;
}

SpanIndex::SpanIndex(const pb::FileDescriptor* file, std::string path)
    : file_(file), path_(std::move(path)) {}

const SpanIndex::Map& SpanIndex::map() const {
  std::call_once(state_->once, [this] {
    if (!file_) return;
    pb::FileDescriptorProto proto;
    file_->CopySourceCodeInfoTo(&proto);
    for (const auto& location : proto.source_code_info().location()) {
      const auto& span = location.span();
      if (span.size() != 3 && span.size() != 4) continue;
      Location where;
      where.path = path_;
      where.line = span[0] + 1;
      where.column = span[1] + 1;
      where.end_line = (span.size() == 4 ? span[2] : span[0]) + 1;
      where.end_column = span[span.size() - 1] + 1;
      std::vector<int> key(location.path().begin(), location.path().end());
      state_->map.emplace(std::move(key), std::move(where));  // first span wins
    }
  });
  return state_->map;
}

bool SourceFile::Line(int line, std::string_view* out) const {
  if (!text || line < 1) return false;
  std::string_view rest = *text;
  for (int i = 1; i < line; ++i) {
    size_t newline = rest.find('\n');
    if (newline == std::string_view::npos) return false;
    rest.remove_prefix(newline + 1);
  }
  *out = rest.substr(0, rest.find('\n'));
  return true;
}

ProtoSide::ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
                     const std::vector<std::string>& contract_paths, Diagnostics* diagnostics)
    : ProtoSide(snapshot, roots, contract_paths, diagnostics, ProtoSideOptions{}) {}

ProtoSide::ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
                     const std::vector<std::string>& contract_paths, Diagnostics* diagnostics,
                     const ProtoSideOptions& options)
    : ProtoSide(snapshot, roots, diagnostics, nullptr) {
  Plan(contract_paths, options, {});
  auto ahead = compiler_->Unparsed();
  ParallelFor(ahead.size(), options.jobs,
              [&](size_t i) { ahead[i].second->Parse(compiler_->tree(), *ahead[i].first); });
  Build();
  if (!ok()) ReportErrors();
}

ProtoSide::ProtoSide(const Snapshot& snapshot, const std::vector<std::string>& roots,
                     Diagnostics* diagnostics, std::shared_ptr<ProtoCompiler> shared)
    : snapshot_(snapshot),
      roots_(roots),
      diagnostics_(diagnostics),
      shared_(std::move(shared)),
      compiler_(std::make_unique<ProtoCompiler>(snapshot, roots, shared_.get())) {}

ProtoSide::~ProtoSide() = default;

bool ProtoSide::ok() const { return ok_ && (!shared_ || shared_->error_count() == 0); }

void ProtoSide::ReportErrors(Diagnostics* to) {
  if (reported_) return;
  reported_ = true;
  if (to == nullptr) to = diagnostics_;
  // Exactly what the reference does: one Importer over the contracts, in
  // order, reporting as it goes.
  SnapshotSourceTree tree(snapshot_, roots_);
  tree.ReportEditionsTo(to);
  DiagnosticErrorCollector errors(tree, to, &roots_, &deps_);
  pb::compiler::Importer importer(&tree, &errors);
  std::set<const pb::FileDescriptor*> seen;
  // `features` outside editions: built, but refused (every file once, in
  // the order the Importer built them).
  std::function<void(const pb::FileDescriptor*)> check_features =
      [&](const pb::FileDescriptor* file) {
        if (!file || !seen.insert(file).second) return;
        for (int i = 0; i < file->dependency_count(); ++i) check_features(file->dependency(i));
        FeaturesUse use = FindFeaturesUse(file);
        if (use.line < 0) return;
        std::string path = tree.RepoPath(file->name());
        if (path.empty()) path = file->name();
        // An `option` statement is recorded from its keyword; buf points at
        // the name, as for `[features.x = …]`.
        std::string text, error;
        if (!path.empty() && snapshot_.Read(path, &text, &error)) {
          size_t at = 0;
          for (int line = 0; line < use.line && at != std::string::npos; ++line) {
            at = text.find('\n', at);
            if (at != std::string::npos) ++at;
          }
          if (at != std::string::npos && at + use.column < text.size() &&
              text.compare(at + use.column, 6, "option") == 0) {
            size_t name = at + use.column + 6;
            while (name < text.size() && (text[name] == ' ' || text[name] == '\t')) ++name;
            use.column = static_cast<int>(name - at);
          }
        }
        to->Add(path, use.line + 1, use.column + 1, FeaturesMessage(file));
      };
  check_features(importer.Import(kDescriptorProto));
  for (const auto& [path, import_path] : contracts_) check_features(importer.Import(import_path));
}

void ProtoSide::Plan(const std::vector<std::string>& contract_paths,
                     const ProtoSideOptions& options, const std::set<std::string>& shared) {
  compiler_->SetContents(options.contents);
  SnapshotSourceTree& tree = compiler_->tree();
  for (const auto& path : contract_paths) {
    std::string import_path = tree.ImportPath(path);
    if (import_path.empty() || tree.RepoPath(import_path) != path) continue;  // shadowed
    contracts_.emplace_back(path, import_path);
    if (!shared.count(import_path)) compiler_->Plan(import_path);
  }
  for (const auto& import_path : options.imports) {
    if (!shared.count(import_path)) compiler_->Plan(import_path);
  }
}

void ProtoSide::Build() {
  SnapshotSourceTree& tree = compiler_->tree();
  compiler_->Preload();
  for (; built_ < contracts_.size(); ++built_) {
    const auto& [path, import_path] = contracts_[built_];
    const pb::FileDescriptor* file = compiler_->Get(import_path);
    if (tree.IsEditionFile(import_path)) ok_ = false;
    if (!file) continue;
    SourceFile source;
    source.path = path;
    source.import_path = import_path;
    source.descriptor = file;
    source.text = compiler_->Text(import_path);
    if (!source.text) {
      auto contents = std::make_shared<std::string>();
      std::string error;
      if (compiler_->snapshot().Read(path, contents.get(), &error))
        source.text = std::move(contents);
    }
    source.spans = SpanIndex(file, path);
    files_.push_back(std::move(source));
  }
  if (compiler_->error_count() > 0) ok_ = false;
  std::sort(files_.begin(), files_.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.import_path < b.import_path; });
  compiler_->Forget();
}

std::vector<std::unique_ptr<ProtoSide>> ProtoSide::LoadAll(const std::vector<std::string>& roots,
                                                           std::vector<Request> requests,
                                                           Shared shared, Diagnostics* diagnostics,
                                                           int jobs) {
  std::shared_ptr<ProtoCompiler> common;
  if (shared.snapshot) common = std::make_shared<ProtoCompiler>(*shared.snapshot, roots, nullptr);
  std::vector<std::unique_ptr<ProtoSide>> sides;
  std::vector<ProtoSide*> raw;
  for (auto& request : requests) {
    sides.push_back(
        std::unique_ptr<ProtoSide>(new ProtoSide(*request.snapshot, roots, diagnostics, common)));
    raw.push_back(sides.back().get());
  }
  Extend(raw, std::move(requests), std::move(shared), jobs);
  return sides;
}

void ProtoSide::Extend(const std::vector<ProtoSide*>& sides, std::vector<Request> requests,
                       Shared shared, int jobs) {
  ProtoCompiler* common = sides.empty() ? nullptr : sides[0]->shared_.get();
  if (common) {
    // Only the shared files that are contracts of a request become
    // SourceFiles; the others need no source info.
    std::set<std::string> contracts;
    for (size_t i = 0; i < sides.size(); ++i) {
      for (const auto& path : requests[i].contract_paths) {
        contracts.insert(sides[i]->compiler_->tree().ImportPath(path));
      }
    }
    common->SetContents(shared.contents);
    for (const auto& import_path : shared.import_paths)
      common->Plan(import_path, contracts.count(import_path) > 0);
  }
  std::set<std::string> shared_names(shared.import_paths.begin(), shared.import_paths.end());
  if (!common) shared_names.clear();
  for (size_t i = 0; i < sides.size(); ++i) {
    sides[i]->Plan(requests[i].contract_paths, requests[i].options, shared_names);
  }
  std::vector<std::pair<ProtoCompiler*, std::pair<const std::string*, ParsedFile*>>> ahead;
  if (common) {
    for (const auto& task : common->Unparsed()) ahead.push_back({common, task});
  }
  for (ProtoSide* side : sides) {
    for (const auto& task : side->compiler_->Unparsed())
      ahead.push_back({side->compiler_.get(), task});
  }
  ParallelFor(ahead.size(), jobs, [&](size_t i) {
    ahead[i].second.second->Parse(ahead[i].first->tree(), *ahead[i].second.first);
  });
  // The shared pool first (the sides build on it), then each side on a
  // thread of its own: every pool is filled in order by one thread.
  if (common) {
    // descriptor.proto in the shared pool when both sides read the same
    // one (else each side builds its own).
    if (sides.size() == 2) {
      SnapshotSourceTree a(sides[0]->snapshot_, sides[0]->roots_);
      SnapshotSourceTree b(sides[1]->snapshot_, sides[1]->roots_);
      std::string path_a = a.RepoPath(kDescriptorProto), path_b = b.RepoPath(kDescriptorProto);
      if (path_a == path_b && (path_a.empty() || sides[0]->snapshot_.Find(path_a)->blob_id ==
                                                     sides[1]->snapshot_.Find(path_b)->blob_id))
        common->Preload();
    }
    common->BuildPlanned();
    common->Forget();
  }
  ParallelFor(sides.size(), jobs, [&](size_t i) { sides[i]->Build(); });
}

}  // namespace contract_lint
