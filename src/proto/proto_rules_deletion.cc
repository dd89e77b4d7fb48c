// Rules about elements that existed in the against side and are gone.
#include <algorithm>
#include <set>

#include "proto/proto_rule_fns.h"
#include "proto/proto_wording.h"

namespace contract_lint::proto_rules {
namespace {

void Deleted(const std::vector<DeletedElement>& elements, const char* kind, RuleEmitter& out) {
  for (const auto& e : elements) {
    // buf's message, plus where a moved element went.
    std::string message = "Previously present " + std::string(kind) + " " + GoQuote(e.name) +
                          " was deleted from file";
    message += e.moved_to.empty() ? "." : "; it now lives in " + e.moved_to + ".";
    Finding finding;
    finding.kind = ContractKind::kProto;
    finding.location = e.where;
    finding.message = std::move(message);
    finding.subject = e.full_name;
    finding.before = e.full_name;
    finding.moved_to = e.moved_to;
    out.Emit(std::move(finding));
  }
}

void DeletedFromPackage(const std::vector<DeletedElement>& elements, const char* kind,
                        RuleEmitter& out) {
  for (const auto& e : elements) {
    EmitFinding(out, e.where,
                "Previously present " + std::string(kind) + " " + GoQuote(e.name) +
                    " was deleted from package " + GoQuote(e.package) + ".",
                e.full_name, e.full_name);
  }
}

std::string DeletedFieldText(const DeletedField& d) {
  return "Previously present field \"" + std::to_string(d.before->number()) + "\" with name " +
         GoQuote(d.before->name()) + " on message " + GoQuote(d.parent->after->name()) +
         " was deleted";
}

bool NumberReserved(const pbd::Message* message, int number) {
  for (int i = 0; i < message->reserved_range_count(); ++i) {
    const auto* range = message->reserved_range(i);
    if (number >= range->start && number < range->end) return true;
  }
  return false;
}

bool EnumNumberReserved(const pbd::Enum* enumeration, int number) {
  for (int i = 0; i < enumeration->reserved_range_count(); ++i) {
    const auto* range = enumeration->reserved_range(i);
    if (number >= range->start && number <= range->end) return true;
  }
  return false;
}

std::string DeletedValueText(const DeletedEnumNumber& d) {
  return "Previously present enum value \"" + std::to_string(d.number) + "\" on enum " +
         GoQuote(d.parent->after->name()) + " was deleted";
}

// Inclusive ranges; what of `old_range` no range of `now` covers.
using Ranges = std::vector<std::pair<int64_t, int64_t>>;
Ranges Missing(std::pair<int64_t, int64_t> old_range, Ranges now) {
  std::sort(now.begin(), now.end());
  Ranges missing;
  int64_t next = old_range.first;
  for (const auto& [start, end] : now) {
    if (end < next || start > old_range.second) continue;
    if (start > next) missing.push_back({next, start - 1});
    next = std::max(next, end + 1);
    if (next > old_range.second) break;
  }
  if (next <= old_range.second) missing.push_back({next, old_range.second});
  return missing;
}

constexpr int64_t kMaxFieldNumber = 536870911, kMaxEnumNumber = 2147483647;

void CheckRanges(int64_t max, const Ranges& before, const Ranges& after, const std::string& noun,
                 const std::string& owner, const Anchor& anchor, const std::string& subject,
                 RuleEmitter& out) {
  for (const auto& range : before) {
    Ranges missing = Missing(range, after);
    if (missing.empty()) continue;
    std::string list;
    for (const auto& [start, end] : missing) {
      list += (list.empty() ? "" : ", ") + TagRange(start, end, max);
    }
    std::string old_text = TagRange(range.first, range.second, max);
    EmitFinding(out, Locate(anchor),
                "Previously present " + noun + " range " + GoQuote(old_text) + " on " + owner +
                    " is missing values: " + list + " were removed.",
                subject, old_text);
  }
}

void CheckNames(const std::vector<std::string>& before, const std::vector<std::string>& after,
                const std::string& owner, const Anchor& anchor, const std::string& subject,
                RuleEmitter& out) {
  std::set<std::string> now(after.begin(), after.end());
  for (const auto& name : before) {
    if (now.count(name)) continue;
    EmitFinding(
        out, Locate(anchor),
        "Previously present reserved name " + GoQuote(name) + " on " + owner + " was deleted.",
        subject, name);
  }
}

Ranges MessageReserved(const pbd::Message* m) {
  Ranges ranges;
  for (int i = 0; i < m->reserved_range_count(); ++i) {
    ranges.push_back({m->reserved_range(i)->start, m->reserved_range(i)->end - 1});
  }
  return ranges;
}

Ranges EnumReserved(const pbd::Enum* e) {
  Ranges ranges;
  for (int i = 0; i < e->reserved_range_count(); ++i) {
    ranges.push_back({e->reserved_range(i)->start, e->reserved_range(i)->end});
  }
  return ranges;
}

}  // namespace

void FileNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const SourceFile* file : diff.deleted_files) {
    Location where;
    where.line = where.column = where.end_line = where.end_column = 1;
    EmitFinding(out, where,
                "Previously present file " + GoQuote(file->import_path) + " was deleted.",
                file->path, file->path);
  }
}

void MessageNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  Deleted(diff.deleted_messages, "message", out);
}
void EnumNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  Deleted(diff.deleted_enums, "enum", out);
}
void ExtensionNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  Deleted(diff.deleted_extensions, "extension", out);
}
void ServiceNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  Deleted(diff.deleted_services, "service", out);
}

void PackageNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& package : diff.deleted_packages) {
    Location where;
    where.line = where.column = where.end_line = where.end_column = 1;
    EmitFinding(out, where, "Previously present package " + GoQuote(package) + " was deleted.",
                package, package);
  }
}
void PackageMessageNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  DeletedFromPackage(diff.package_deleted_messages, "message", out);
}
void PackageEnumNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  DeletedFromPackage(diff.package_deleted_enums, "enum", out);
}
void PackageExtensionNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  DeletedFromPackage(diff.package_deleted_extensions, "extension", out);
}
void PackageServiceNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  DeletedFromPackage(diff.package_deleted_services, "service", out);
}

void FieldNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_fields) {
    EmitFinding(out, Locate(d.parent->anchor), DeletedFieldText(d) + ".", d.before->full_name(),
                d.before->name());
  }
}

void FieldNoDeleteUnlessNumberReserved(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_fields) {
    if (NumberReserved(d.parent->after, d.before->number())) continue;
    EmitFinding(out, Locate(d.parent->anchor),
                DeletedFieldText(d) + " without reserving the number \"" +
                    std::to_string(d.before->number()) + "\".",
                d.before->full_name(), d.before->name());
  }
}

void FieldNoDeleteUnlessNameReserved(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_fields) {
    if (d.parent->after->IsReservedName(d.before->name())) continue;
    EmitFinding(
        out, Locate(d.parent->anchor),
        DeletedFieldText(d) + " without reserving the name " + GoQuote(d.before->name()) + ".",
        d.before->full_name(), d.before->name());
  }
}

void OneofNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_oneofs) {
    EmitFinding(out, Locate(d.parent->anchor),
                "Previously present oneof " + GoQuote(d.before->name()) + " on message " +
                    GoQuote(d.parent->after->name()) + " was deleted.",
                d.before->full_name(), d.before->name());
  }
}

void EnumValueNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_enum_numbers) {
    EmitFinding(out, Locate(d.parent->anchor), DeletedValueText(d) + ".",
                d.parent->after->full_name() + "." + d.before[0]->name(), d.before[0]->name());
  }
}

void EnumValueNoDeleteUnlessNumberReserved(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_enum_numbers) {
    if (EnumNumberReserved(d.parent->after, d.number)) continue;
    EmitFinding(
        out, Locate(d.parent->anchor),
        DeletedValueText(d) + " without reserving the number \"" + std::to_string(d.number) + "\".",
        d.parent->after->full_name() + "." + d.before[0]->name(), d.before[0]->name());
  }
}

void EnumValueNoDeleteUnlessNameReserved(const ProtoDiff& diff, RuleEmitter& out) {
  // One finding naming every old name once any of them is not reserved.
  for (const auto& d : diff.deleted_enum_numbers) {
    std::vector<std::string> names;
    bool all_reserved = true;
    for (const pbd::EnumValue* value : d.before) {
      names.push_back(value->name());
      all_reserved &= d.parent->after->IsReservedName(value->name());
    }
    if (all_reserved) continue;
    std::sort(names.begin(), names.end());
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + GoQuote(name);
    EmitFinding(out, Locate(d.parent->anchor),
                DeletedValueText(d) + " without reserving the name" +
                    (names.size() > 1 ? "s " : " ") + list + ".",
                d.parent->after->full_name() + "." + names[0], names[0]);
  }
}

void RpcNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& d : diff.deleted_methods) {
    EmitFinding(out, Locate(d.parent->anchor),
                "Previously present RPC " + GoQuote(d.before->name()) + " on service " +
                    GoQuote(d.parent->after->name()) + " was deleted.",
                d.before->full_name(), d.before->name());
  }
}

void ReservedMessageNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& pair : diff.messages) {
    std::string owner = "message " + GoQuote(pair.after->name());
    CheckRanges(kMaxFieldNumber, MessageReserved(pair.before), MessageReserved(pair.after),
                "reserved", owner, pair.anchor, pair.after->full_name(), out);
    std::vector<std::string> before, after;
    for (int i = 0; i < pair.before->reserved_name_count(); ++i)
      before.push_back(pair.before->reserved_name(i));
    for (int i = 0; i < pair.after->reserved_name_count(); ++i)
      after.push_back(pair.after->reserved_name(i));
    CheckNames(before, after, owner, pair.anchor, pair.after->full_name(), out);
  }
}

void ReservedEnumNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& pair : diff.enums) {
    std::string owner = "enum " + GoQuote(pair.after->name());
    CheckRanges(kMaxEnumNumber, EnumReserved(pair.before), EnumReserved(pair.after), "reserved",
                owner, pair.anchor, pair.after->full_name(), out);
    std::vector<std::string> before, after;
    for (int i = 0; i < pair.before->reserved_name_count(); ++i)
      before.push_back(pair.before->reserved_name(i));
    for (int i = 0; i < pair.after->reserved_name_count(); ++i)
      after.push_back(pair.after->reserved_name(i));
    CheckNames(before, after, owner, pair.anchor, pair.after->full_name(), out);
  }
}

void ExtensionMessageNoDelete(const ProtoDiff& diff, RuleEmitter& out) {
  auto ranges = [](const pbd::Message* m) {
    Ranges list;
    for (int i = 0; i < m->extension_range_count(); ++i) {
      list.push_back({m->extension_range(i)->start, m->extension_range(i)->end - 1});
    }
    return list;
  };
  for (const auto& pair : diff.messages) {
    CheckRanges(kMaxFieldNumber, ranges(pair.before), ranges(pair.after), "extension",
                "message " + GoQuote(pair.after->name()), pair.anchor, pair.after->full_name(),
                out);
  }
}

}  // namespace contract_lint::proto_rules
