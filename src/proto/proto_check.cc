// The Protobuf stage: choose the contract files, compile both sides, pair
// them once, and run every Protobuf rule of the table over the pairs.
#include "proto/proto_check.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>

#include "base/exit_pool.h"
#include "base/parallel.h"
#include "config/config.h"
#include "config/glob.h"
#include "proto/buf_module_cache.h"
#include "proto/proto_diff.h"
#include "proto/proto_layout.h"
#include "proto/proto_rule_fns.h"
#include "proto/proto_scope.h"
#include "proto/proto_source.h"
#include "proto/snapshot_source_tree.h"
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

// Every `.proto` under a root that is not excluded, with its blob id.
std::map<std::string, std::string> ContractFiles(const Snapshot& snapshot,
                                                 const ProtoSettings& settings) {
  SnapshotSourceTree tree(snapshot, settings.roots);
  // A baseline laid out by its own config (proto_layout.h) honours its own excludes.
  const Snapshot* own = &snapshot;
  if (const auto* cached = dynamic_cast<const BufCacheSnapshot*>(own)) own = &cached->inner();
  const auto* relaid = dynamic_cast<const RelaidSnapshot*>(own);
  std::map<std::string, std::string> files;
  for (const auto& file : snapshot.Files()) {
    if (!file.path.ends_with(".proto")) continue;
    if (tree.ImportPath(file.path).empty()) continue;
    if (GlobMatchAny(settings.exclude, file.path)) continue;
    if (relaid && relaid->Excluded(file.path)) continue;
    if (!PathSelected(settings, file.path)) continue;
    files[file.path] = file.blob_id;
  }
  return files;
}

// What a file that imports `file` can see of it by name: its package, syntax,
// public imports, and the full name and kind of every type and service.
// Fields, values and methods are not types: a type name never resolves to one.
std::vector<std::string> TypeSurface(const google::protobuf::FileDescriptor* file) {
  std::vector<std::string> surface{"package " + file->package(),
                                   "syntax " + std::string(file->SyntaxName(file->syntax()))};
  for (int i = 0; i < file->public_dependency_count(); ++i) {
    surface.push_back("public " + file->public_dependency(i)->name());
  }
  auto add_enum = [&](const google::protobuf::EnumDescriptor* e) {
    surface.push_back("enum " + e->full_name());
  };
  std::function<void(const google::protobuf::Descriptor*)> add_message =
      [&](const google::protobuf::Descriptor* m) {
        surface.push_back("message " + m->full_name());
        for (int i = 0; i < m->nested_type_count(); ++i) add_message(m->nested_type(i));
        for (int i = 0; i < m->enum_type_count(); ++i) add_enum(m->enum_type(i));
      };
  for (int i = 0; i < file->message_type_count(); ++i) add_message(file->message_type(i));
  for (int i = 0; i < file->enum_type_count(); ++i) add_enum(file->enum_type(i));
  for (int i = 0; i < file->service_count(); ++i)
    surface.push_back("service " + file->service(i)->full_name());
  std::sort(surface.begin(), surface.end());
  return surface;
}

// The names of `file`'s elements whose definitions an unchanged importer may
// read beyond their type names (ChangedSurface::details), keyed by full name,
// each with what it reads: a field's, enum value's or extension's definition,
// a message's extension ranges and options, an enum's options.
using Details = std::map<std::string, std::string>;

// Keyed "field " (a message's own field) or "extension ": both, like enum
// values, only an option or a default names (ChangedSurface::fields).
void AddFieldDetails(const google::protobuf::FieldDescriptor* field, Details* out) {
  google::protobuf::FieldDescriptorProto proto;
  field->CopyTo(&proto);
  (*out)[(field->is_extension() ? "extension " : "field ") + field->full_name()] =
      proto.SerializeAsString();
}

void AddEnumDetails(const google::protobuf::EnumDescriptor* e, Details* out) {
  (*out)["enum " + e->full_name()] = e->options().SerializeAsString();
  for (int i = 0; i < e->value_count(); ++i) {
    google::protobuf::EnumValueDescriptorProto proto;
    e->value(i)->CopyTo(&proto);
    (*out)["value " + e->value(i)->full_name()] = proto.SerializeAsString();
  }
}

void AddMessageDetails(const google::protobuf::Descriptor* m, Details* out) {
  std::string own = m->options().SerializeAsString();
  for (int i = 0; i < m->extension_range_count(); ++i) {
    google::protobuf::DescriptorProto::ExtensionRange range;
    m->extension_range(i)->CopyTo(&range);
    own += "|" + range.SerializeAsString();
  }
  (*out)["message " + m->full_name()] = own;
  for (int i = 0; i < m->field_count(); ++i) AddFieldDetails(m->field(i), out);
  for (int i = 0; i < m->extension_count(); ++i) AddFieldDetails(m->extension(i), out);
  for (int i = 0; i < m->nested_type_count(); ++i) AddMessageDetails(m->nested_type(i), out);
  for (int i = 0; i < m->enum_type_count(); ++i) AddEnumDetails(m->enum_type(i), out);
}

Details FileDetails(const google::protobuf::FileDescriptor* file) {
  Details out;
  for (int i = 0; i < file->message_type_count(); ++i)
    AddMessageDetails(file->message_type(i), &out);
  for (int i = 0; i < file->enum_type_count(); ++i) AddEnumDetails(file->enum_type(i), &out);
  for (int i = 0; i < file->extension_count(); ++i) AddFieldDetails(file->extension(i), &out);
  return out;
}

// What of a changed file present on both sides an importer can read
// differently (ChangedSurface).
ChangedSurface CompareSurfaces(const google::protobuf::FileDescriptor* before,
                               const google::protobuf::FileDescriptor* after) {
  ChangedSurface change;
  std::vector<std::string> old_surface = TypeSurface(before), new_surface = TypeSurface(after);
  std::vector<std::string> removed, added;
  std::set_difference(old_surface.begin(), old_surface.end(), new_surface.begin(),
                      new_surface.end(), std::back_inserter(removed));
  std::set_difference(new_surface.begin(), new_surface.end(), old_surface.begin(),
                      old_surface.end(), std::back_inserter(added));
  change.types = !removed.empty();
  for (const auto& entry : added) {
    size_t space = entry.find(' ');
    std::string kind = entry.substr(0, space);
    if (kind != "message" && kind != "enum" && kind != "service") change.types = true;
    change.added.push_back(entry.substr(space + 1));
  }
  if (change.types) return change;
  Details old_details = FileDetails(before), new_details = FileDetails(after);
  std::set<std::string> new_extensions, top_level_values;  // full names, in `after`
  std::function<void(const google::protobuf::Descriptor*)> collect =
      [&](const google::protobuf::Descriptor* m) {
        for (int i = 0; i < m->extension_count(); ++i)
          new_extensions.insert(m->extension(i)->full_name());
        for (int i = 0; i < m->nested_type_count(); ++i) collect(m->nested_type(i));
      };
  for (int i = 0; i < after->extension_count(); ++i)
    new_extensions.insert(after->extension(i)->full_name());
  for (int i = 0; i < after->message_type_count(); ++i) collect(after->message_type(i));
  for (int i = 0; i < after->enum_type_count(); ++i) {
    for (int v = 0; v < after->enum_type(i)->value_count(); ++v)
      top_level_values.insert(after->enum_type(i)->value(v)->full_name());
  }
  auto simple = [](const std::string& key) {
    size_t dot = key.rfind('.'), space = key.find(' ');
    return key.substr(dot == std::string::npos ? space + 1 : dot + 1);
  };
  // Gone or different: an importer that names it reads it differently.
  for (const auto& [key, value] : old_details) {
    auto it = new_details.find(key);
    if (it == new_details.end() || it->second != value) {
      bool named_in_options =
          key.starts_with("field ") || key.starts_with("value ") || key.starts_with("extension ");
      (named_in_options ? change.fields : change.details).insert(simple(key));
    }
  }
  // New: an importer that named it before did not compile (so the full path
  // reports the baseline), unless the new symbol now shadows what its name
  // meant. Either way it is compiled again. Only a symbol of a package scope
  // can shadow (a type's: `added`; an enum value of a top-level enum).
  for (const auto& [key, value] : new_details) {
    if (old_details.count(key)) continue;
    if (key.starts_with("field ") || key.starts_with("extension ") || key.starts_with("value "))
      change.fields.insert(simple(key));
    if (key.starts_with("value ") && top_level_values.count(key.substr(6))) {
      change.added.push_back(key.substr(6));
    }
  }
  // An extension that differs also names its extendee (`extend X` in the
  // importer; numbers collide there).
  for (const auto* file : {before, after}) {
    std::function<void(const google::protobuf::FieldDescriptor*)> extension =
        [&](const google::protobuf::FieldDescriptor* field) {
          if (change.fields.count(field->name())) {
            change.details.insert(field->containing_type()->name());
          }
        };
    std::function<void(const google::protobuf::Descriptor*)> message =
        [&](const google::protobuf::Descriptor* m) {
          for (int i = 0; i < m->extension_count(); ++i) extension(m->extension(i));
          for (int i = 0; i < m->nested_type_count(); ++i) message(m->nested_type(i));
        };
    for (int i = 0; i < file->extension_count(); ++i) extension(file->extension(i));
    for (int i = 0; i < file->message_type_count(); ++i) message(file->message_type(i));
  }
  return change;
}

// Which kinds of element a side's changed contracts declare in one package:
// what PACKAGE_* rules read of a package (whether it is alive, per kind).
struct PackageKinds {
  bool file = false, messages = false, enums = false, extensions = false;
};

void AddMessageKinds(const google::protobuf::Descriptor* m, PackageKinds* out) {
  if (m->enum_type_count() > 0) out->enums = true;
  if (m->extension_count() > 0) out->extensions = true;
  for (int i = 0; i < m->nested_type_count() && !(out->enums && out->extensions); ++i)
    AddMessageKinds(m->nested_type(i), out);
}

void AddPackageKinds(const google::protobuf::FileDescriptor* file, PackageKinds* out) {
  out->file = true;
  if (file->message_type_count() > 0) out->messages = true;
  if (file->enum_type_count() > 0) out->enums = true;
  if (file->extension_count() > 0) out->extensions = true;
  for (int i = 0; i < file->message_type_count() && !(out->enums && out->extensions); ++i)
    AddMessageKinds(file->message_type(i), out);
}

// The packages of changed contracts whose unchanged contracts a PACKAGE_*
// verdict needs (bench/README.md, "Cost follows the change"). An unchanged
// contract is byte-identical on both sides: it adds no deleted element (an
// element moved between it and a changed file is declared twice on one
// side, and ProtoScopePlanner::First then compiles everything), and locates
// none (a deleted nested element's parent lives in the deleted element's
// file). It only keeps its package alive: for PACKAGE_NO_DELETE and
// PACKAGE_SERVICE_NO_DELETE when no changed contract of the package is left
// on the current side; for PACKAGE_MESSAGE/ENUM/EXTENSION_NO_DELETE when an
// element of that kind is gone from the package and no changed contract of
// it on the current side declares one. `complete`: false when a changed
// contract has no descriptor on a side (it did not compile): then every
// package of a changed contract is needed.
std::set<std::string> PackagesNeeded(const std::vector<std::string>& changed,
                                     const std::map<std::string, const SourceFile*>& old_files,
                                     const std::map<std::string, const SourceFile*>& new_files,
                                     bool* complete) {
  std::map<std::string, PackageKinds> before, after;
  *complete = true;
  for (const auto& import_path : changed) {
    for (int side = 0; side < 2; ++side) {
      const auto& files = side == 0 ? old_files : new_files;
      auto it = files.find(import_path);
      if (it == files.end()) continue;
      const google::protobuf::FileDescriptor* file = it->second->descriptor;
      if (!file) {
        *complete = false;
        return {};
      }
      AddPackageKinds(file, &(side == 0 ? before : after)[file->package()]);
    }
  }
  // An element of the baseline's changed contracts that is not in the
  // current side's changed contracts is gone (in an unchanged one it would
  // be declared twice on the baseline side): a kind is gone from a package
  // at least when the baseline's changed contracts declare one and the
  // current side's none. Only then does an unchanged contract decide.
  std::set<std::string> needed;
  for (const auto& [package, was] : before) {
    const PackageKinds& is = after[package];
    if (!is.file || (was.messages && !is.messages) || (was.enums && !is.enums) ||
        (was.extensions && !is.extensions)) {
      needed.insert(package);
    }
  }
  return needed;
}

class RuleCollector : public RuleEmitter {
 public:
  RuleCollector(std::string_view rule, std::vector<Finding>* findings)
      : rule_(rule), findings_(findings) {}
  void Emit(Finding finding) override {
    finding.rule = std::string(rule_);
    finding.kind = ContractKind::kProto;
    findings_->push_back(std::move(finding));
  }

 private:
  std::string_view rule_;
  std::vector<Finding>* findings_;
};

bool Under(std::string_view path, std::string_view dir) {
  while (dir.starts_with("./")) dir.remove_prefix(2);
  while (dir.size() > 1 && dir.ends_with('/')) dir.remove_suffix(1);
  if (dir.empty() || dir == ".") return true;
  return path == dir || (path.starts_with(dir) && path[dir.size()] == '/');
}

}  // namespace

bool PathSelected(const ProtoSettings& settings, std::string_view path) {
  auto under_any = [&](const std::vector<std::string>& dirs) {
    return std::any_of(dirs.begin(), dirs.end(),
                       [&](const std::string& dir) { return Under(path, dir); });
  };
  if (!settings.paths.empty() && !under_any(settings.paths)) return false;
  return !under_any(settings.exclude_paths);
}

ProtoBaseline::ProtoBaseline() = default;
ProtoBaseline::~ProtoBaseline() {
  if (FreeingSkipped()) Discard(side_);
}

std::vector<const google::protobuf::DescriptorPool*> ProtoBaseline::Pools() const {
  std::vector<const google::protobuf::DescriptorPool*> pools;
  if (!side_) return pools;
  for (const auto& file : side_->files()) {
    const auto* pool = file.descriptor->pool();
    if (std::find(pools.begin(), pools.end(), pool) == pools.end()) pools.push_back(pool);
  }
  return pools;
}

ProtoStats CheckProto(const Snapshot& against, const Snapshot& current,
                      const ProtoSettings& settings, std::vector<Finding>* findings,
                      Diagnostics* diagnostics, const LoadOptions& load, ProtoBaseline* keep) {
  auto before = ContractFiles(against, settings);
  auto after = ContractFiles(current, settings);
  ProtoStats stats;
  std::set<std::string> all;
  for (const auto& [path, blob] : before) all.insert(path);
  for (const auto& [path, blob] : after) all.insert(path);
  stats.files = static_cast<int>(all.size());
  for (const auto& path : all) {
    auto b = before.find(path);
    auto a = after.find(path);
    if (b == before.end() || a == after.end() || b->second != a->second) ++stats.changed;
  }
  if (stats.changed == 0) return stats;

  // Only what the change reaches is compiled (see proto_scope.h); both
  // sides are parsed together on every thread, then compiled side by side.
  int jobs = ResolveJobs(load.jobs);
  auto planner = std::make_unique<ProtoScopePlanner>(against, current, settings.roots, before,
                                                     after, load.full, load.package_scope, jobs);
  auto requests = [](ProtoScope& scope, bool first) {
    std::vector<ProtoSide::Request> out(2);
    for (int i = 0; i < 2; ++i) {
      ProtoSideScope& side = i == 0 ? scope.against : scope.current;
      out[i].contract_paths = std::move(side.contract_paths);
      out[i].options.contents = std::move(side.contents);
      out[i].options.imports = std::move(side.imports);
    }
    (void)first;
    return out;
  };
  auto shared = [&](ProtoScope& scope) {
    ProtoSide::Shared out;
    if (planner->full()) return out;  // the reference: each side compiles everything itself
    out.snapshot = &current;
    out.import_paths = std::move(scope.shared);
    out.contents = std::move(scope.shared_contents);
    return out;
  };
  ProtoScope first = planner->First();
  stats.compiled = static_cast<int>(first.import_paths.size());
  auto first_requests = requests(first, true);
  first_requests[0].snapshot = &against;
  first_requests[1].snapshot = &current;
  auto sides = ProtoSide::LoadAll(settings.roots, std::move(first_requests), shared(first),
                                  diagnostics, jobs);
  ProtoSide& against_side = *sides[0];
  ProtoSide& current_side = *sides[1];

  // A side that does not compile cannot be compared honestly: a file with a
  // syntax error would read as a deleted file.
  auto failed = [&] {
    if (against_side.ok() && current_side.ok()) return false;
    if (!current_side.ok()) {
      current_side.SetDependencies(settings.deps);
      current_side.ReportErrors();
    }
    if (!against_side.ok()) {
      against_side.SetDependencies(settings.deps);
      // Marked like JSON Schema errors in the baseline: the fix is not in
      // the change, but the choice of what to compare against.
      Diagnostics baseline_errors;
      against_side.ReportErrors(&baseline_errors);
      for (Diagnostic d : baseline_errors.Sorted()) {
        // A line-less error is the object store's (a missing or corrupt
        // blob): its message already says what to fetch or check.
        if (d.line > 0) {
          d.message += " (in the baseline: " + against.Describe() +
                       "); the comparison needs a baseline that compiles: pass --against another "
                       "revision";
        }
        diagnostics->Add(std::move(d));
      }
    }
    return true;
  };

  // Then the unchanged contracts that see a changed file whose types changed
  // (or that did not compile: its importers are compiled too, so that their
  // errors are reported as well).
  std::map<std::string, ChangedSurface> changes;
  std::map<std::string, const SourceFile*> old_files, new_files;
  for (const auto& file : against_side.files()) old_files[file.import_path] = &file;
  for (const auto& file : current_side.files()) new_files[file.import_path] = &file;
  for (const auto& import_path : planner->changed()) {
    auto old_file = old_files.find(import_path);
    auto new_file = new_files.find(import_path);
    if (old_file == old_files.end() || new_file == new_files.end() ||
        !old_file->second->descriptor || !new_file->second->descriptor) {
      changes[import_path].types = true;
      continue;
    }
    changes[import_path] =
        CompareSurfaces(old_file->second->descriptor, new_file->second->descriptor);
  }
  std::set<std::string> packages;
  if (load.package_scope && !planner->full()) {
    bool complete = true;
    packages = PackagesNeeded(planner->changed(), old_files, new_files, &complete);
    if (!complete) packages = planner->ChangedPackages();
  }
  ProtoScope reached = planner->Reached(changes, packages);
  if (!reached.import_paths.empty()) {
    stats.compiled += static_cast<int>(reached.import_paths.size());
    ProtoSide::Extend({&against_side, &current_side}, requests(reached, false), shared(reached),
                      jobs);
  }
  if (failed()) return stats;

  {
    ProtoDiff diff = PairProto(against_side.files(), current_side.files());
    for (const RuleInfo& rule : ProtoRuleRows()) {
      ProtoRuleFn check = ProtoRuleCheck(rule.id);
      if (!check) continue;
      RuleCollector collector(rule.id, findings);
      check(diff, collector);
    }
  }
  if (keep) keep->side_ = std::move(sides[0]);
  // Findings are plain data: the pools go, one side per thread (freeing
  // tens of thousands of descriptors is not free), or with the process.
  if (FreeingSkipped()) {
    for (auto& side : sides) Discard(side);
    Discard(planner);
  } else {
    ParallelFor(sides.size(), jobs, [&](size_t i) { sides[i].reset(); });
  }
  return stats;
}

}  // namespace contract_lint
