// The Protobuf part of the reachability graph: field → its message or enum
// type, method → its request and response. Only the files that can declare a
// consumer's selector are compiled (with what they import), so the cost
// follows the ownership map, not the repository.
#include <algorithm>
#include <set>

#include "config/glob.h"
#include "impact/impact.h"
#include "proto/proto_scope.h"
#include "proto/proto_source.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;

void AddMessageEdges(const pb::Descriptor* message, ImpactGraph* graph) {
  for (int i = 0; i < message->field_count(); ++i) {
    const pb::FieldDescriptor* field = message->field(i);
    if (field->message_type()) graph->Add(field->full_name(), field->message_type()->full_name());
    if (field->enum_type()) graph->Add(field->full_name(), field->enum_type()->full_name());
  }
  for (int i = 0; i < message->nested_type_count(); ++i)
    AddMessageEdges(message->nested_type(i), graph);
}

void AddEnumNames(const pb::EnumDescriptor* e, ImpactGraph* graph) {
  graph->names.insert(e->full_name());
  for (int i = 0; i < e->value_count(); ++i)
    graph->names.insert(e->full_name() + "." + e->value(i)->name());
}

void AddMessageNames(const pb::Descriptor* message, ImpactGraph* graph) {
  graph->names.insert(message->full_name());
  for (int i = 0; i < message->field_count(); ++i)
    graph->names.insert(message->field(i)->full_name());
  for (int i = 0; i < message->nested_type_count(); ++i)
    AddMessageNames(message->nested_type(i), graph);
  for (int i = 0; i < message->enum_type_count(); ++i) AddEnumNames(message->enum_type(i), graph);
}

void AddFileNames(const pb::FileDescriptor* d, ImpactGraph* graph) {
  graph->names.insert(d->package());
  for (int i = 0; i < d->message_type_count(); ++i) AddMessageNames(d->message_type(i), graph);
  for (int i = 0; i < d->enum_type_count(); ++i) AddEnumNames(d->enum_type(i), graph);
  for (int i = 0; i < d->service_count(); ++i) {
    graph->names.insert(d->service(i)->full_name());
    for (int m = 0; m < d->service(i)->method_count(); ++m)
      graph->names.insert(d->service(i)->method(m)->full_name());
  }
}

void AddFileEdges(const pb::FileDescriptor* file, std::set<const pb::FileDescriptor*>* seen,
                  ImpactGraph* graph) {
  if (!seen->insert(file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) AddFileEdges(file->dependency(i), seen, graph);
  for (int i = 0; i < file->message_type_count(); ++i)
    AddMessageEdges(file->message_type(i), graph);
  for (int i = 0; i < file->service_count(); ++i) {
    const pb::ServiceDescriptor* service = file->service(i);
    for (int m = 0; m < service->method_count(); ++m) {
      const pb::MethodDescriptor* method = service->method(m);
      graph->Add(method->full_name(), method->input_type()->full_name());
      graph->Add(method->full_name(), method->output_type()->full_name());
    }
  }
}

// True when a file of `package` can declare what `name` names.
bool PackageCanDeclare(const std::string& package, const std::string& name) {
  return package.empty() || name == package || name.starts_with(package + ".");
}

}  // namespace

void AddProtoEdges(const Snapshot& snapshot, const ProtoSettings& settings,
                   const std::vector<std::string>& selectors, ImpactGraph* graph) {
  std::vector<std::string> names;     // dotted element names
  std::set<std::string> named_files;  // path selectors
  std::vector<std::string> globs;     // name globs: the package part before the wildcard
  for (const auto& selector : selectors) {
    if (!selector.empty() && selector.back() == '*' && selector.find('/') == std::string::npos &&
        selector.find(".json") == std::string::npos) {
      std::string prefix = selector.substr(0, selector.find_first_of("*?"));
      while (!prefix.empty() && prefix.back() == '.') prefix.pop_back();
      globs.push_back(prefix);
      continue;
    }
    if (selector.empty() || selector.back() == '*' || selector.find(".json") != std::string::npos)
      continue;
    if (selector.ends_with(".proto")) {
      named_files.insert(selector);
      continue;
    }
    std::string name = selector;
    std::replace(name.begin(), name.end(), '/', '.');
    names.push_back(name);
  }
  if (names.empty() && named_files.empty() && globs.empty()) return;

  SnapshotSourceTree tree(snapshot, settings.roots);
  std::vector<std::string> candidates;
  for (const auto& file : snapshot.Files()) {
    if (!file.path.ends_with(".proto") || tree.ImportPath(file.path).empty()) continue;
    if (GlobMatchAny(settings.exclude, file.path)) continue;
    bool wanted = named_files.count(file.path) > 0;
    if (!wanted && (!names.empty() || !globs.empty())) {
      std::string text, error;
      if (!snapshot.Read(file.path, &text, &error)) continue;  // CheckProto reports it
      // The same lexical scan as the scope planner's (comments and strings skipped).
      std::string package = ScanProtoHeader(text).package;
      graph->names.insert(package);
      wanted =
          std::any_of(names.begin(), names.end(),
                      [&](const std::string& name) { return PackageCanDeclare(package, name); }) ||
          std::any_of(globs.begin(), globs.end(), [&](const std::string& prefix) {
            return PackageCanDeclare(package, prefix) || package.starts_with(prefix);
          });
    }
    if (wanted) candidates.push_back(file.path);
  }
  if (candidates.empty()) return;
  Diagnostics ignored;  // CheckProto reports the same compile errors
  ProtoSide side(snapshot, settings.roots, candidates, &ignored);
  std::set<const pb::FileDescriptor*> seen;
  for (const auto& file : side.files()) {
    if (!file.descriptor) continue;
    AddFileEdges(file.descriptor, &seen, graph);
    AddFileNames(file.descriptor, graph);
    auto& declared = graph->declares[file.path];
    const pb::FileDescriptor* d = file.descriptor;
    for (int i = 0; i < d->message_type_count(); ++i)
      declared.insert(d->message_type(i)->full_name());
    for (int i = 0; i < d->enum_type_count(); ++i) declared.insert(d->enum_type(i)->full_name());
    for (int i = 0; i < d->service_count(); ++i) declared.insert(d->service(i)->full_name());
  }
}

}  // namespace contract_lint
