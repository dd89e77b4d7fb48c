#include "schema_registry/registry_judgement.h"

#include <algorithm>

#include "schema_registry/registry_elements.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;
using registry::LocalName;
using registry::PathOf;

std::string Quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

// buf's subject for an enum value: scoped by its enum (acme.v1.Channel.CHANNEL_APP),
// not by the enum's parent as libprotobuf's full_name() is, so selectors match it.
std::string EnumValueSubject(const pb::EnumValueDescriptor* value) {
  return value->type()->full_name() + "." + value->name();
}

std::string FieldPhrase(const pb::FieldDescriptor* field) {
  return "Field " + Quote(std::to_string(field->number())) + " with name " + Quote(field->name()) +
         " on message " + Quote(LocalName(field->containing_type()->full_name(), field->file()));
}

// Declarations of a file or a message, so both are walked by one function.
int MessageCount(const pb::FileDescriptor* file) { return file->message_type_count(); }
int MessageCount(const pb::Descriptor* message) { return message->nested_type_count(); }
const pb::Descriptor* MessageAt(const pb::FileDescriptor* file, int i) {
  return file->message_type(i);
}
const pb::Descriptor* MessageAt(const pb::Descriptor* message, int i) {
  return message->nested_type(i);
}
const pb::Descriptor* FindMessage(const pb::FileDescriptor* file, const std::string& name) {
  return file->FindMessageTypeByName(name);
}
const pb::Descriptor* FindMessage(const pb::Descriptor* message, const std::string& name) {
  return message->FindNestedTypeByName(name);
}
const pb::FileDescriptor* FileOf(const pb::FileDescriptor* file) { return file; }
const pb::FileDescriptor* FileOf(const pb::Descriptor* message) { return message->file(); }

// True when `file` imports `target`, directly or through its imports: the
// registry resolves a schema's types across all of its references.
bool ImportsTransitively(const pb::FileDescriptor* file, const pb::FileDescriptor* target) {
  std::set<const pb::FileDescriptor*> seen;
  std::vector<const pb::FileDescriptor*> pending = {file};
  while (!pending.empty()) {
    const pb::FileDescriptor* next = pending.back();
    pending.pop_back();
    for (int i = 0; i < next->dependency_count(); ++i) {
      const pb::FileDescriptor* dependency = next->dependency(i);
      if (dependency == target) return true;
      if (seen.insert(dependency).second) pending.push_back(dependency);
    }
  }
  return false;
}

const pb::OneofDescriptor* RealOneofByName(const pb::Descriptor* message, const std::string& name) {
  const pb::OneofDescriptor* oneof = message->FindOneofByName(name);
  return oneof && !oneof->is_synthetic() ? oneof : nullptr;
}

}  // namespace

RegistryJudgement::RegistryJudgement(const RegistrySide& old_side, const RegistrySide& new_side,
                                     std::vector<Finding>* out)
    : old_side_(old_side), new_side_(new_side), out_(out) {}

void RegistryJudgement::CompareFiles(const pb::FileDescriptor* old_file,
                                     const pb::FileDescriptor* new_file) {
  if (old_file->package() != new_file->package()) {
    Emit({"REGISTRY_PACKAGE_CHANGED",
          false,
          {old_file, {2}},
          {new_file, {2}},
          new_file->name(),
          old_file->package(),
          new_file->package(),
          "Package changed from " + Quote(old_file->package()) + " to " +
              Quote(new_file->package()) + "."});
  }
  CompareDeclarations(old_file, new_file);
}

template <typename Container>
void RegistryJudgement::CompareDeclarations(const Container* old_parent,
                                            const Container* new_parent) {
  const pb::FileDescriptor* old_file = FileOf(old_parent);
  const pb::FileDescriptor* new_file = FileOf(new_parent);
  for (int i = 0; i < MessageCount(old_parent); ++i) {
    const pb::Descriptor* old_message = MessageAt(old_parent, i);
    if (old_message->options().map_entry()) continue;  // judged as the map field
    const pb::Descriptor* new_message = FindMessage(new_parent, old_message->name());
    if (new_message && !new_message->options().map_entry()) {
      CompareMessages(old_message, new_message);
      continue;
    }
    // Moved into an imported file under the same full name (issue 18): the
    // reader resolves the same type, so it is no removal; the moved message is
    // compared with its old shape instead.
    const pb::Descriptor* moved = new_file->pool()->FindMessageTypeByName(old_message->full_name());
    if (moved && moved->file() != new_file && !moved->options().map_entry() &&
        ImportsTransitively(new_file, moved->file())) {
      CompareMessages(old_message, moved);
      continue;
    }
    std::string name = LocalName(old_message->full_name(), old_file);
    std::string message = "Message " + Quote(name) + " was removed from " + Quote(old_file->name());
    if (moved && moved->file() != new_file) {
      message += " (it is now in " + Quote(moved->file()->name()) + ", which " +
                 Quote(new_file->name()) + " does not import)";
    }
    Emit({"REGISTRY_MESSAGE_REMOVED",
          false,
          {old_file, PathOf(old_message)},
          {},
          old_message->full_name(),
          name,
          "",
          message + "."});
  }
  for (int i = 0; i < MessageCount(new_parent); ++i) {
    const pb::Descriptor* new_message = MessageAt(new_parent, i);
    if (new_message->options().map_entry()) continue;
    const pb::Descriptor* old_message = FindMessage(old_parent, new_message->name());
    if (old_message && !old_message->options().map_entry()) continue;
    // Moved out of an imported file under the same full name: the mirror of
    // a move into an import, no addition either.
    const pb::Descriptor* was = old_file->pool()->FindMessageTypeByName(new_message->full_name());
    if (was && was->file() != old_file && !was->options().map_entry() &&
        ImportsTransitively(old_file, was->file())) {
      CompareMessages(was, new_message);
      continue;
    }
    std::string name = LocalName(new_message->full_name(), new_file);
    Emit({"REGISTRY_MESSAGE_ADDED",
          true,
          {},
          {new_file, PathOf(new_message)},
          new_message->full_name(),
          "",
          name,
          "Message " + Quote(name) + " was added to " + Quote(new_file->name()) + "."});
  }
  for (int i = 0; i < old_parent->enum_type_count(); ++i) {
    const pb::EnumDescriptor* old_enum = old_parent->enum_type(i);
    const pb::EnumDescriptor* new_enum = new_parent->FindEnumTypeByName(old_enum->name());
    if (new_enum) {
      CompareEnums(old_enum, new_enum);
      continue;
    }
    std::string name = LocalName(old_enum->full_name(), old_file);
    Emit({"REGISTRY_ENUM_REMOVED",
          true,
          {old_file, PathOf(old_enum)},
          {},
          old_enum->full_name(),
          name,
          "",
          "Enum " + Quote(name) + " was removed."});
  }
  for (int i = 0; i < new_parent->enum_type_count(); ++i) {
    const pb::EnumDescriptor* new_enum = new_parent->enum_type(i);
    if (old_parent->FindEnumTypeByName(new_enum->name())) continue;
    std::string name = LocalName(new_enum->full_name(), new_file);
    Emit({"REGISTRY_ENUM_ADDED",
          true,
          {},
          {new_file, PathOf(new_enum)},
          new_enum->full_name(),
          "",
          name,
          "Enum " + Quote(name) + " was added."});
  }
}

void RegistryJudgement::CompareMessages(const pb::Descriptor* old_message,
                                        const pb::Descriptor* new_message) {
  // Memoized before recursing: a message reached again (or through itself) is done.
  if (!compared_.emplace(old_message->full_name(), new_message->full_name()).second) return;
  CompareDeclarations(old_message, new_message);
  CompareOneofs(old_message, new_message);
  for (int i = 0; i < old_message->field_count(); ++i) {
    const pb::FieldDescriptor* old_field = old_message->field(i);
    const pb::FieldDescriptor* new_field = new_message->FindFieldByNumber(old_field->number());
    if (new_field) {
      CompareFields(old_field, new_field);
      continue;
    }
    if (old_field->real_containing_oneof()) continue;  // judged with its oneof
    bool required = old_field->is_required();
    Emit({required ? "REGISTRY_REQUIRED_FIELD_REMOVED" : "REGISTRY_FIELD_REMOVED",
          !required,
          {old_field->file(), PathOf(old_field)},
          {},
          old_field->full_name(),
          std::string(registry::LabelName(old_field)) + " " + registry::TypeName(old_field),
          "",
          "Previously present " + std::string(required ? "required " : "") +
              FieldPhrase(old_field).replace(0, 1, "f") + " was removed."});
  }
  for (int i = 0; i < new_message->field_count(); ++i) {
    const pb::FieldDescriptor* new_field = new_message->field(i);
    if (old_message->FindFieldByNumber(new_field->number())) continue;
    if (new_field->real_containing_oneof()) continue;  // judged with its oneof
    bool required = new_field->is_required();
    Emit({required ? "REGISTRY_REQUIRED_FIELD_ADDED" : "REGISTRY_FIELD_ADDED",
          !required,
          {},
          {new_field->file(), PathOf(new_field)},
          new_field->full_name(),
          "",
          std::string(registry::LabelName(new_field)) + " " + registry::TypeName(new_field),
          std::string(required ? "Required f" : "F") + FieldPhrase(new_field).substr(1) +
              " was added."});
  }
}

void RegistryJudgement::CompareOneofs(const pb::Descriptor* old_message,
                                      const pb::Descriptor* new_message) {
  const pb::FileDescriptor* old_file = old_message->file();
  const pb::FileDescriptor* new_file = new_message->file();
  std::string message_name = Quote(LocalName(new_message->full_name(), new_file));
  for (int i = 0; i < new_message->real_oneof_decl_count(); ++i) {
    const pb::OneofDescriptor* new_oneof = new_message->oneof_decl(i);
    const pb::OneofDescriptor* old_oneof = RealOneofByName(old_message, new_oneof->name());
    Element new_element{new_file, PathOf(new_oneof)};
    std::string oneof_name = "Oneof " + Quote(new_oneof->name()) + " on message " + message_name;
    if (!old_oneof) {
      std::vector<std::string> top_level;
      std::set<std::string> old_oneofs;
      for (int f = 0; f < new_oneof->field_count(); ++f) {
        const pb::FieldDescriptor* was =
            old_message->FindFieldByNumber(new_oneof->field(f)->number());
        if (!was) continue;
        if (was->real_containing_oneof()) {
          old_oneofs.insert(was->real_containing_oneof()->name());
        } else {
          top_level.push_back(Quote(was->name()));
        }
      }
      auto join = [](const auto& names) {
        std::string out;
        for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
        return out;
      };
      // Members of one old oneof now in a oneof of another name: the
      // registry pairs oneofs by name, so a renamed oneof that keeps its
      // members is refused (issue 18), member by member.
      const pb::OneofDescriptor* renamed_from = nullptr;
      if (top_level.size() < 2 && old_oneofs.size() == 1) {
        renamed_from = RealOneofByName(old_message, *old_oneofs.begin());
      }
      if (top_level.size() >= 2) {
        Emit({"REGISTRY_ONEOF_FIELDS_MERGED",
              false,
              {},
              new_element,
              new_oneof->full_name(),
              join(top_level),
              new_oneof->name(),
              oneof_name + " gathers fields " + join(top_level) +
                  " that were independent top-level fields."});
      } else if (old_oneofs.size() >= 2) {
        std::vector<std::string> quoted;
        for (const auto& name : old_oneofs) quoted.push_back(Quote(name));
        Emit({"REGISTRY_ONEOFS_MERGED",
              false,
              {},
              new_element,
              new_oneof->full_name(),
              join(quoted),
              new_oneof->name(),
              oneof_name + " merges fields of oneofs " + join(quoted) + "."});
      } else if (renamed_from) {
        for (int f = 0; f < new_oneof->field_count(); ++f) {
          const pb::FieldDescriptor* new_field = new_oneof->field(f);
          const pb::FieldDescriptor* was = old_message->FindFieldByNumber(new_field->number());
          if (!was || was->real_containing_oneof() != renamed_from) continue;
          Emit({"REGISTRY_FIELD_JOINED_ONEOF",
                false,
                {old_file, PathOf(was)},
                {new_file, PathOf(new_field)},
                new_field->full_name(),
                renamed_from->name(),
                new_oneof->name(),
                FieldPhrase(new_field) + " moved from oneof " + Quote(renamed_from->name()) +
                    " into oneof " + Quote(new_oneof->name()) +
                    "; the registry pairs oneofs by name, so a renamed oneof is another "
                    "oneof."});
        }
      } else {
        Emit({"REGISTRY_ONEOF_ADDED",
              true,
              {},
              new_element,
              new_oneof->full_name(),
              "",
              new_oneof->name(),
              oneof_name + " was added."});
      }
      continue;
    }
    for (int f = 0; f < new_oneof->field_count(); ++f) {
      const pb::FieldDescriptor* new_field = new_oneof->field(f);
      const pb::FieldDescriptor* was = old_message->FindFieldByNumber(new_field->number());
      Element field_element{new_file, PathOf(new_field)};
      if (!was) {
        Emit({"REGISTRY_ONEOF_FIELD_ADDED",
              true,
              {},
              field_element,
              new_field->full_name(),
              "",
              new_oneof->name(),
              FieldPhrase(new_field) + " was added to oneof " + Quote(new_oneof->name()) + "."});
        continue;
      }
      const pb::OneofDescriptor* was_in = was->real_containing_oneof();
      if (was_in && was_in->name() == new_oneof->name()) continue;
      std::string before = was_in ? was_in->name() : "";
      Emit({"REGISTRY_FIELD_JOINED_ONEOF",
            false,
            {old_file, PathOf(was)},
            field_element,
            new_field->full_name(),
            before,
            new_oneof->name(),
            FieldPhrase(new_field) + " moved from " +
                (was_in ? "oneof " + Quote(was_in->name()) : std::string("the top level")) +
                " into existing oneof " + Quote(new_oneof->name()) + "."});
    }
  }
  for (int i = 0; i < old_message->real_oneof_decl_count(); ++i) {
    const pb::OneofDescriptor* old_oneof = old_message->oneof_decl(i);
    const pb::OneofDescriptor* new_oneof = RealOneofByName(new_message, old_oneof->name());
    bool all_gone = !new_oneof;
    for (int f = 0; all_gone && f < old_oneof->field_count(); ++f) {
      all_gone = !new_message->FindFieldByNumber(old_oneof->field(f)->number());
    }
    if (!new_oneof) {
      Emit({"REGISTRY_ONEOF_REMOVED",
            true,
            {old_file, PathOf(old_oneof)},
            {},
            old_oneof->full_name(),
            old_oneof->name(),
            "",
            "Oneof " + Quote(old_oneof->name()) + " on message " + message_name + " was removed."});
    }
    if (all_gone) continue;
    for (int f = 0; f < old_oneof->field_count(); ++f) {
      const pb::FieldDescriptor* old_field = old_oneof->field(f);
      const pb::FieldDescriptor* now = new_message->FindFieldByNumber(old_field->number());
      if (!now) {
        Emit({"REGISTRY_ONEOF_FIELD_REMOVED",
              false,
              {old_file, PathOf(old_field)},
              {},
              old_field->full_name(),
              old_oneof->name(),
              "",
              "Previously present f" + FieldPhrase(old_field).substr(1) +
                  " was removed from oneof " + Quote(old_oneof->name()) + "."});
      } else if (!now->real_containing_oneof()) {
        Emit({"REGISTRY_FIELD_LEFT_ONEOF",
              true,
              {old_file, PathOf(old_field)},
              {new_file, PathOf(now)},
              now->full_name(),
              old_oneof->name(),
              "",
              FieldPhrase(now) + " moved out of oneof " + Quote(old_oneof->name()) +
                  " to the top level."});
      }
    }
  }
}

void RegistryJudgement::CompareFields(const pb::FieldDescriptor* old_field,
                                      const pb::FieldDescriptor* new_field) {
  if (old_field->name() != new_field->name()) {
    Emit({"REGISTRY_FIELD_RENAMED",
          true,
          {old_field->file(), PathOf(old_field)},
          {new_field->file(), PathOf(new_field)},
          new_field->full_name(),
          old_field->name(),
          new_field->name(),
          "Field " + Quote(std::to_string(new_field->number())) + " on message " +
              Quote(LocalName(new_field->containing_type()->full_name(), new_field->file())) +
              " changed name from " + Quote(old_field->name()) + " to " + Quote(new_field->name()) +
              "."});
  }
  CompareValueTypes(old_field, new_field, old_field, new_field);
}

void RegistryJudgement::CompareValueTypes(const pb::FieldDescriptor* outer_old,
                                          const pb::FieldDescriptor* outer_new,
                                          const pb::FieldDescriptor* old_field,
                                          const pb::FieldDescriptor* new_field) {
  Element old_element{outer_old->file(), PathOf(outer_old)};
  Element new_element{outer_new->file(), PathOf(outer_new)};
  std::string subject = outer_new->full_name();
  std::string phrase = FieldPhrase(outer_new);
  if (outer_old != old_field) {
    phrase += std::string(" (map ") + (old_field->number() == 1 ? "key" : "value") + ")";
  }
  std::string_view old_kind = registry::FieldKind(old_field);
  std::string_view new_kind = registry::FieldKind(new_field);
  if (old_kind != new_kind) {
    Emit({"REGISTRY_FIELD_KIND_CHANGED", false, old_element, new_element, subject,
          registry::TypeName(old_field), registry::TypeName(new_field),
          phrase + " changed kind from " + Quote(old_kind) + " (" + registry::TypeName(old_field) +
              ") to " + Quote(new_kind) + " (" + registry::TypeName(new_field) + ")."});
    return;
  }
  if (old_kind == "map") {
    const pb::Descriptor* old_entry = old_field->message_type();
    const pb::Descriptor* new_entry = new_field->message_type();
    CompareValueTypes(outer_old, outer_new, old_entry->map_key(), new_entry->map_key());
    CompareValueTypes(outer_old, outer_new, old_entry->map_value(), new_entry->map_value());
    return;
  }
  if (old_kind == "scalar") {
    if (registry::ScalarGroup(old_field) != registry::ScalarGroup(new_field)) {
      Emit({"REGISTRY_FIELD_SCALAR_GROUP_CHANGED", false, old_element, new_element, subject,
            registry::TypeName(old_field), registry::TypeName(new_field),
            phrase + " changed type from " + Quote(registry::TypeName(old_field)) + " to " +
                Quote(registry::TypeName(new_field)) + ", which is another wire group."});
      return;
    }
    if (registry::TypeName(old_field) != registry::TypeName(new_field)) {
      // Inside one wire group (int32 -> int64, an enum -> int32): the registry
      // accepts it, and it is still a change a reader may notice.
      Emit({"REGISTRY_FIELD_SCALAR_TYPE_CHANGED", true, old_element, new_element, subject,
            registry::TypeName(old_field), registry::TypeName(new_field),
            phrase + " changed type from " + Quote(registry::TypeName(old_field)) + " to " +
                Quote(registry::TypeName(new_field)) + " within its wire group."});
    }
    if (outer_old == old_field && registry::StatesLabel(old_field) &&
        registry::StatesLabel(new_field) && old_field->is_repeated() != new_field->is_repeated()) {
      bool numeric = registry::IsNumericScalar(old_field) && registry::IsNumericScalar(new_field);
      Emit({numeric ? "REGISTRY_FIELD_LABEL_CHANGED" : "REGISTRY_STRING_FIELD_LABEL_CHANGED",
            !numeric, old_element, new_element, subject,
            std::string(registry::LabelName(old_field)),
            std::string(registry::LabelName(new_field)),
            phrase + " changed label from " + Quote(registry::LabelName(old_field)) + " to " +
                Quote(registry::LabelName(new_field)) + "."});
    }
    return;
  }
  const pb::Descriptor* old_type = old_field->message_type();
  const pb::Descriptor* new_type = new_field->message_type();
  if (old_type->full_name() != new_type->full_name()) {
    Emit({"REGISTRY_FIELD_MESSAGE_TYPE_CHANGED", false, old_element, new_element, subject,
          old_type->full_name(), new_type->full_name(),
          phrase + " changed message type from " + Quote(old_type->full_name()) + " to " +
              Quote(new_type->full_name()) + "."});
    return;
  }
  // The same-named message, possibly from an import: compared through it,
  // once. Findings without a source of their own point at this field.
  context_.push_back(Place(old_element, new_element));
  CompareMessages(old_type, new_type);
  context_.pop_back();
}

void RegistryJudgement::CompareEnums(const pb::EnumDescriptor* old_enum,
                                     const pb::EnumDescriptor* new_enum) {
  std::string name = Quote(LocalName(new_enum->full_name(), new_enum->file()));
  for (int i = 0; i < old_enum->value_count(); ++i) {
    const pb::EnumValueDescriptor* old_value = old_enum->value(i);
    if (old_enum->FindValueByNumber(old_value->number()) != old_value) continue;  // alias
    const pb::EnumValueDescriptor* new_value = new_enum->FindValueByNumber(old_value->number());
    std::string number = Quote(std::to_string(old_value->number()));
    if (!new_value) {
      Emit({"REGISTRY_ENUM_VALUE_REMOVED",
            true,
            {old_enum->file(), PathOf(old_value)},
            {},
            EnumValueSubject(old_value),
            old_value->name(),
            "",
            "Previously present enum value " + number + " with name " + Quote(old_value->name()) +
                " on enum " + name + " was removed."});
    } else if (new_value->name() != old_value->name()) {
      Emit({"REGISTRY_ENUM_VALUE_RENAMED",
            true,
            {old_enum->file(), PathOf(old_value)},
            {new_enum->file(), PathOf(new_value)},
            EnumValueSubject(new_value),
            old_value->name(),
            new_value->name(),
            "Enum value " + number + " on enum " + name + " changed name from " +
                Quote(old_value->name()) + " to " + Quote(new_value->name()) + "."});
    }
  }
  for (int i = 0; i < new_enum->value_count(); ++i) {
    const pb::EnumValueDescriptor* new_value = new_enum->value(i);
    if (new_enum->FindValueByNumber(new_value->number()) != new_value) continue;
    if (old_enum->FindValueByNumber(new_value->number())) continue;
    Emit({"REGISTRY_ENUM_VALUE_ADDED",
          true,
          {},
          {new_enum->file(), PathOf(new_value)},
          EnumValueSubject(new_value),
          "",
          new_value->name(),
          "Enum value " + Quote(std::to_string(new_value->number())) + " with name " +
              Quote(new_value->name()) + " was added to enum " + name + "."});
  }
}

Location RegistryJudgement::Locate(const RegistrySide& side, const Element& element) const {
  if (!element.file) return {};
  auto file = side.by_import_path.find(element.file->name());
  if (file == side.by_import_path.end()) return {};
  auto span = file->second->spans.find(element.path);
  if (span == file->second->spans.end()) return {};
  Location where = span->second;
  where.side = side.is_current ? Side::kCurrent : Side::kAgainst;
  return where;
}

Location RegistryJudgement::Place(const Element& old_element, const Element& new_element) const {
  // Prefer the current side; an element only the baseline has is located there.
  const bool new_is_current = new_side_.is_current;
  Location where = new_is_current ? Locate(new_side_, new_element) : Locate(old_side_, old_element);
  if (where.path.empty()) {
    where = new_is_current ? Locate(old_side_, old_element) : Locate(new_side_, new_element);
  }
  if (where.path.empty() && !context_.empty()) where = context_.back();
  return where;
}

void RegistryJudgement::Emit(Difference difference) {
  Finding finding;
  finding.rule = std::string(difference.rule);
  finding.kind = ContractKind::kProto;
  finding.severity = difference.accepted ? Severity::kInfo : Severity::kError;
  finding.location = Place(difference.old_element, difference.new_element);
  finding.subject = std::move(difference.subject);
  finding.before = std::move(difference.before);
  finding.after = std::move(difference.after);
  finding.message = std::move(difference.message);
  if (!new_side_.is_current) {
    // FORWARD: the previous schema must read what the current one writes.
    finding.message += " (FORWARD: judged from the current schema to the previous one)";
  }
  out_->push_back(std::move(finding));
}

}  // namespace contract_lint
