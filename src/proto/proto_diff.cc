#include "proto/proto_diff.h"

#include <map>
#include <set>
#include <utility>

namespace contract_lint {
namespace {

// SourceCodeInfo path components (descriptor.proto field numbers).
constexpr int kFileMessage = 4, kFileEnum = 5, kFileService = 6, kFileExtension = 7;
constexpr int kMessageField = 2, kMessageNested = 3, kMessageEnum = 4, kMessageExtension = 6;
constexpr int kEnumValue = 2, kServiceMethod = 2, kFieldTypeName = 6;

template <typename T>
struct Placed {
  const T* descriptor = nullptr;
  Anchor anchor;
};

// Everything of one side, indexed by the keys elements are paired by.
struct SideIndex {
  std::map<std::string, const SourceFile*> files;  // by import path
  std::map<std::string, Placed<pbd::Message>> messages;
  std::map<std::string, Placed<pbd::Enum>> enums;
  std::map<std::string, Placed<pbd::Service>> services;
  std::map<std::pair<std::string, int>, Placed<pbd::Field>> extensions;  // extendee, number
  // Per file: nested names of messages, enums, extensions and services.
  std::map<const SourceFile*, std::map<std::string, Anchor>> file_messages;
  std::map<const SourceFile*, std::set<std::string>> file_enums, file_extensions, file_services;
  std::map<std::string, std::vector<const SourceFile*>> packages;
};

class Indexer {
 public:
  explicit Indexer(SideIndex* index) : index_(index) {}

  void AddFile(const SourceFile& source) {
    const pbd::File* file = source.descriptor;
    index_->files[source.import_path] = &source;
    index_->packages[file->package()].push_back(&source);
    file_ = &source;
    Anchor root{&source, {}, false};
    for (int i = 0; i < file->message_type_count(); ++i) {
      AddMessage(file->message_type(i), root.Child({kFileMessage, i}));
    }
    for (int i = 0; i < file->enum_type_count(); ++i) {
      AddEnum(file->enum_type(i), root.Child({kFileEnum, i}));
    }
    for (int i = 0; i < file->extension_count(); ++i) {
      AddExtension(file->extension(i), root.Child({kFileExtension, i}));
    }
    for (int i = 0; i < file->service_count(); ++i) {
      const pbd::Service* service = file->service(i);
      index_->services[service->full_name()] = {service, root.Child({kFileService, i})};
      index_->file_services[file_].insert(NestedName(service->full_name(), file->package()));
    }
  }

 private:
  void AddMessage(const pbd::Message* message, const Anchor& anchor) {
    index_->messages[message->full_name()] = {message, anchor};
    index_->file_messages[file_][NestedName(message->full_name(), message->file()->package())] =
        anchor;
    // A synthesized map entry has no source: it is located at its map field's type.
    std::map<const pbd::Message*, Anchor> entry_anchors;
    for (int i = 0; i < message->field_count(); ++i) {
      const pbd::Field* field = message->field(i);
      if (field->is_map()) {
        Anchor fixed = anchor.Child({kMessageField, i, kFieldTypeName});
        fixed.fixed = true;
        entry_anchors[field->message_type()] = fixed;
      }
    }
    for (int i = 0; i < message->nested_type_count(); ++i) {
      const pbd::Message* nested = message->nested_type(i);
      auto entry = entry_anchors.find(nested);
      AddMessage(nested,
                 entry != entry_anchors.end() ? entry->second : anchor.Child({kMessageNested, i}));
    }
    for (int i = 0; i < message->enum_type_count(); ++i) {
      AddEnum(message->enum_type(i), anchor.Child({kMessageEnum, i}));
    }
    for (int i = 0; i < message->extension_count(); ++i) {
      AddExtension(message->extension(i), anchor.Child({kMessageExtension, i}));
    }
  }

  void AddEnum(const pbd::Enum* enumeration, const Anchor& anchor) {
    index_->enums[enumeration->full_name()] = {enumeration, anchor};
    index_->file_enums[file_].insert(
        NestedName(enumeration->full_name(), enumeration->file()->package()));
  }

  void AddExtension(const pbd::Field* extension, const Anchor& anchor) {
    index_->extensions[{extension->containing_type()->full_name(), extension->number()}] = {
        extension, anchor};
    index_->file_extensions[file_].insert(
        NestedName(extension->full_name(), extension->file()->package()));
  }

  SideIndex* index_;
  const SourceFile* file_ = nullptr;
};

SideIndex IndexSide(const std::vector<SourceFile>& files) {
  SideIndex index;
  Indexer indexer(&index);
  for (const auto& file : files) indexer.AddFile(file);
  return index;
}

Location NoPath() {
  Location where;
  where.line = where.column = where.end_line = where.end_column = 1;
  return where;
}

// buf locates a deleted element at its nearest surviving parent message in
// the current file, else at the file itself.
Location NearestParent(const SideIndex& current, const SourceFile* file, std::string nested) {
  auto messages = current.file_messages.find(file);
  while (true) {
    size_t dot = nested.rfind('.');
    if (dot == std::string::npos) break;
    nested.resize(dot);
    if (messages == current.file_messages.end()) break;
    auto it = messages->second.find(nested);
    if (it != messages->second.end()) return Locate(it->second);
  }
  return FileStart(file);
}

// For an element deleted from a package whose old file still exists: buf
// locates it at its nearest enclosing message that still exists in the
// package, in whichever file of the current side declares it now; false
// when none does. (When the old file is gone, buf gives no location.)
bool NearestPackageParent(const SideIndex& current, const std::string& package, std::string nested,
                          Location* where) {
  while (true) {
    size_t dot = nested.rfind('.');
    if (dot == std::string::npos) return false;
    nested.resize(dot);
    auto it = current.messages.find(package.empty() ? nested : package + "." + nested);
    if (it != current.messages.end() && it->second.descriptor->file()->package() == package) {
      *where = Locate(it->second.anchor);
      return !where->path.empty();
    }
  }
}

// The file of the current side that declares `full_name` (a message, enum or
// service of `package`) now, or "".
std::string MovedTo(const SideIndex& current, const std::string& full_name,
                    const std::string& package, const SourceFile* from) {
  auto file_of = [&](const auto& map) -> std::string {
    auto it = map.find(full_name);
    if (it == map.end() || !it->second.anchor.file || it->second.anchor.file == from) return "";
    if (it->second.descriptor->file()->package() != package) return "";
    return it->second.anchor.file->path;
  };
  std::string path = file_of(current.messages);
  if (path.empty()) path = file_of(current.enums);
  if (path.empty()) path = file_of(current.services);
  return path;
}

class Pairer {
 public:
  Pairer(const SideIndex& before, const SideIndex& after, ProtoDiff* diff)
      : before_(before), after_(after), diff_(diff) {}

  void Run() {
    PairFiles();
    for (const auto& [name, old] : before_.messages) {
      auto it = after_.messages.find(name);
      if (it != after_.messages.end()) PairMessage(old.descriptor, it->second);
    }
    for (const auto& [key, old] : before_.extensions) {
      auto it = after_.extensions.find(key);
      if (it != after_.extensions.end()) {
        diff_->fields.push_back({old.descriptor, it->second.descriptor, it->second.anchor, false});
      }
    }
    for (const auto& [name, old] : before_.enums) {
      auto it = after_.enums.find(name);
      if (it != after_.enums.end()) PairEnum(old.descriptor, it->second);
    }
    for (const auto& [name, old] : before_.services) {
      auto it = after_.services.find(name);
      if (it != after_.services.end()) PairService(old.descriptor, it->second);
    }
    PairPackages();
  }

 private:
  void PairFiles() {
    for (const auto& [import_path, old_file] : before_.files) {
      auto it = after_.files.find(import_path);
      if (it == after_.files.end()) {
        diff_->deleted_files.push_back(old_file);
        continue;
      }
      const SourceFile* new_file = it->second;
      diff_->files.push_back({old_file, new_file});
      auto deleted = [&, old_file = old_file](const std::set<std::string>& old_names,
                                              const std::set<std::string>& new_names,
                                              std::vector<DeletedElement>* out,
                                              bool top_level_only) {
        for (const auto& name : old_names) {
          if (new_names.count(name)) continue;
          const std::string& package = old_file->descriptor->package();
          Location where =
              top_level_only ? FileStart(new_file) : NearestParent(after_, new_file, name);
          std::string full = package.empty() ? name : package + "." + name;
          std::string moved = MovedTo(after_, full, package, new_file);
          out->push_back({name, full, package, where, moved});
        }
      };
      deleted(Keys(before_.file_messages, old_file), Keys(after_.file_messages, new_file),
              &diff_->deleted_messages, false);
      deleted(Get(before_.file_enums, old_file), Get(after_.file_enums, new_file),
              &diff_->deleted_enums, false);
      deleted(Get(before_.file_extensions, old_file), Get(after_.file_extensions, new_file),
              &diff_->deleted_extensions, false);
      deleted(Get(before_.file_services, old_file), Get(after_.file_services, new_file),
              &diff_->deleted_services, true);
    }
  }

  // Elements gone from a package that still exists. Like buf, a package
  // "exists" for messages, enums and extensions only while it still holds
  // an element of that kind;
  // located as in their old file when that file still exists, else no path.
  void PairPackages() {
    std::set<std::string> with_messages, with_enums, with_services, with_extensions;
    for (const auto& [name, placed] : after_.messages)
      with_messages.insert(placed.descriptor->file()->package());
    for (const auto& [name, placed] : after_.enums)
      with_enums.insert(placed.descriptor->file()->package());
    // Services are the exception: buf checks them whenever the package exists.
    for (const auto& [package, files] : after_.packages) with_services.insert(package);
    std::set<std::string> new_extensions;
    for (const auto& [key, placed] : after_.extensions) {
      with_extensions.insert(placed.descriptor->file()->package());
      new_extensions.insert(placed.descriptor->full_name());
    }
    for (const auto& [package, old_files] : before_.packages) {
      if (!after_.packages.count(package)) {
        diff_->deleted_packages.push_back(package);
        continue;
      }
      for (const SourceFile* old_file : old_files) {
        auto it = after_.files.find(old_file->import_path);
        const SourceFile* new_file = it == after_.files.end() ? nullptr : it->second;
        // buf looks a deleted message's parent up in the whole package, an
        // enum's or extension's in the file of the same name only.
        auto where = [&, &package = package](const std::string& nested, bool top_level_only,
                                             bool package_wide) {
          if (!new_file) return NoPath();  // even when a parent lives on elsewhere (buf)
          Location parent;
          if (package_wide && NearestPackageParent(after_, package, nested, &parent)) return parent;
          return top_level_only ? FileStart(new_file) : NearestParent(after_, new_file, nested);
        };
        auto gone = [&, &package = package](const std::set<std::string>& nested_names,
                                            const std::set<std::string>& live, auto exists,
                                            std::vector<DeletedElement>* out, bool top_level_only) {
          if (!live.count(package)) return;
          bool package_wide = out == &diff_->package_deleted_messages;
          for (const auto& nested : nested_names) {
            std::string full = package.empty() ? nested : package + "." + nested;
            if (exists(full)) continue;
            out->push_back(
                {nested, full, package, where(nested, top_level_only, package_wide), ""});
          }
        };
        gone(
            Keys(before_.file_messages, old_file), with_messages,
            [&](const std::string& full) { return after_.messages.count(full) > 0; },
            &diff_->package_deleted_messages, false);
        gone(
            Get(before_.file_enums, old_file), with_enums,
            [&](const std::string& full) { return after_.enums.count(full) > 0; },
            &diff_->package_deleted_enums, false);
        gone(
            Get(before_.file_services, old_file), with_services,
            [&](const std::string& full) { return after_.services.count(full) > 0; },
            &diff_->package_deleted_services, true);
        gone(
            Get(before_.file_extensions, old_file), with_extensions,
            [&](const std::string& full) { return new_extensions.count(full) > 0; },
            &diff_->package_deleted_extensions, false);
      }
    }
  }

  void PairMessage(const pbd::Message* old_message, const Placed<pbd::Message>& now) {
    diff_->messages.push_back({old_message, now.descriptor, now.anchor});
    const MessagePair* pair = &diff_->messages.back();
    const pbd::Message* message = now.descriptor;
    bool map_entry = message->options().map_entry();
    for (int i = 0; i < old_message->field_count(); ++i) {
      const pbd::Field* old_field = old_message->field(i);
      const pbd::Field* field = message->FindFieldByNumber(old_field->number());
      if (!field) {
        diff_->deleted_fields.push_back({pair, old_field});
        continue;
      }
      diff_->fields.push_back(
          {old_field, field, now.anchor.Child({kMessageField, field->index()}), map_entry});
    }
    for (int i = 0; i < old_message->real_oneof_decl_count(); ++i) {
      const pbd::Oneof* old_oneof = old_message->oneof_decl(i);
      const pbd::Oneof* oneof = message->FindOneofByName(old_oneof->name());
      if (!oneof || oneof->is_synthetic()) diff_->deleted_oneofs.push_back({pair, old_oneof});
    }
  }

  void PairEnum(const pbd::Enum* old_enum, const Placed<pbd::Enum>& now) {
    diff_->enums.push_back({old_enum, now.descriptor, now.anchor});
    const EnumPair* pair = &diff_->enums.back();
    std::map<int, std::vector<const pbd::EnumValue*>> old_values;
    for (int i = 0; i < old_enum->value_count(); ++i) {
      old_values[old_enum->value(i)->number()].push_back(old_enum->value(i));
    }
    std::map<int, EnumNumberPair> numbers;
    for (int i = 0; i < now.descriptor->value_count(); ++i) {
      const pbd::EnumValue* value = now.descriptor->value(i);
      if (!old_values.count(value->number())) continue;
      EnumNumberPair& number = numbers[value->number()];
      number.after.push_back(value);
      number.after_anchors.push_back(now.anchor.Child({kEnumValue, i}));
    }
    for (auto& [number, values] : old_values) {
      auto it = numbers.find(number);
      if (it == numbers.end()) {
        diff_->deleted_enum_numbers.push_back({pair, number, values});
        continue;
      }
      it->second.parent = pair;
      it->second.number = number;
      it->second.before = values;
      diff_->enum_numbers.push_back(std::move(it->second));
    }
  }

  void PairService(const pbd::Service* old_service, const Placed<pbd::Service>& now) {
    diff_->services.push_back({old_service, now.descriptor, now.anchor});
    const ServicePair* pair = &diff_->services.back();
    for (int i = 0; i < old_service->method_count(); ++i) {
      const pbd::Method* old_method = old_service->method(i);
      const pbd::Method* method = now.descriptor->FindMethodByName(old_method->name());
      if (!method) {
        diff_->deleted_methods.push_back({pair, old_method});
        continue;
      }
      diff_->methods.push_back(
          {pair, old_method, method, now.anchor.Child({kServiceMethod, method->index()})});
    }
  }

  static std::set<std::string> Keys(
      const std::map<const SourceFile*, std::map<std::string, Anchor>>& map,
      const SourceFile* file) {
    std::set<std::string> keys;
    auto it = map.find(file);
    if (it != map.end()) {
      for (const auto& [key, anchor] : it->second) keys.insert(key);
    }
    return keys;
  }
  static std::set<std::string> Get(const std::map<const SourceFile*, std::set<std::string>>& map,
                                   const SourceFile* file) {
    auto it = map.find(file);
    return it == map.end() ? std::set<std::string>() : it->second;
  }

  const SideIndex& before_;
  const SideIndex& after_;
  ProtoDiff* diff_;
};

}  // namespace

std::string NestedName(const std::string& full_name, const std::string& package) {
  if (package.empty()) return full_name;
  return full_name.substr(package.size() + 1);
}

ProtoDiff PairProto(const std::vector<SourceFile>& against,
                    const std::vector<SourceFile>& current) {
  SideIndex before = IndexSide(against);
  SideIndex after = IndexSide(current);
  ProtoDiff diff;
  Pairer(before, after, &diff).Run();
  return diff;
}

}  // namespace contract_lint
