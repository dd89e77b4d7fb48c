// Rules over pairs of fields (and extensions) with the same number.
#include <map>
#include <set>

#include "proto/proto_rule_fns.h"
#include "proto/proto_wording.h"

namespace contract_lint::proto_rules {
namespace {

using Type = pbd::Field::Type;
constexpr int kFieldType = 5, kFieldTypeName = 6, kFieldDefault = 7, kFieldOptions = 8,
              kFieldJsonName = 10;
constexpr int kCtypeOption = 1, kJstypeOption = 6;
constexpr int kFileOptions = 8, kJavaStringCheckUtf8 = 27;

Location FieldSpan(const FieldPair& p) { return Locate(p.anchor); }

Location TypeSpan(const FieldPair& p) {
  Type type = p.after->type();
  bool named = type == pbd::Field::TYPE_MESSAGE || type == pbd::Field::TYPE_ENUM;
  return LocateOr(p.anchor, {named ? kFieldTypeName : kFieldType}, FieldSpan(p));
}

bool IsNamed(Type type) {
  return type == pbd::Field::TYPE_MESSAGE || type == pbd::Field::TYPE_ENUM ||
         type == pbd::Field::TYPE_GROUP;
}

std::string TypeNameOf(const pbd::Field* field) {
  if (field->type() == pbd::Field::TYPE_ENUM) return field->enum_type()->full_name();
  return field->message_type()->full_name();
}

void ChangedKind(const FieldPair& p, const std::string& extra, RuleEmitter& out) {
  std::string before = pbd::Field::TypeName(p.before->type());
  std::string after = pbd::Field::TypeName(p.after->type());
  EmitFinding(out, TypeSpan(p),
              FieldWithName(p.after) + " changed type from " + GoQuote(before) + " to " +
                  GoQuote(after) + "." + extra,
              p.after->full_name(), before, after);
}

void ChangedTypeName(const FieldPair& p, RuleEmitter& out) {
  std::string before = TypeNameOf(p.before), after = TypeNameOf(p.after);
  EmitFinding(out, TypeSpan(p),
              FieldWithName(p.after) + " changed type from " + GoQuote(before) + " to " +
                  GoQuote(after) + ".",
              p.after->full_name(), before, after);
}

// An enum may be swapped for another only if it has the same short name and
// keeps every old value (name and number).
bool EnumCompatible(const pbd::Enum* before, const pbd::Enum* after) {
  if (before->name() != after->name()) return false;
  for (int i = 0; i < before->value_count(); ++i) {
    const pbd::EnumValue* old_value = before->value(i);
    const pbd::EnumValue* value = after->FindValueByName(old_value->name());
    if (!value || value->number() != old_value->number()) return false;
  }
  return true;
}

int WireGroup(Type type) {
  switch (type) {
    case pbd::Field::TYPE_INT32:
    case pbd::Field::TYPE_INT64:
    case pbd::Field::TYPE_UINT32:
    case pbd::Field::TYPE_UINT64:
    case pbd::Field::TYPE_BOOL:
      return 1;
    case pbd::Field::TYPE_SINT32:
    case pbd::Field::TYPE_SINT64:
      return 2;
    case pbd::Field::TYPE_STRING:
      return 3;
    case pbd::Field::TYPE_BYTES:
      return 4;
    case pbd::Field::TYPE_FIXED32:
    case pbd::Field::TYPE_SFIXED32:
      return 5;
    case pbd::Field::TYPE_FIXED64:
    case pbd::Field::TYPE_SFIXED64:
      return 6;
    case pbd::Field::TYPE_DOUBLE:
      return 7;
    case pbd::Field::TYPE_FLOAT:
      return 8;
    case pbd::Field::TYPE_GROUP:
      return 9;
    case pbd::Field::TYPE_MESSAGE:
      return 10;
    case pbd::Field::TYPE_ENUM:
      return 11;
  }
  return 0;
}

int WireJsonGroup(Type type) {
  switch (type) {
    case pbd::Field::TYPE_INT32:
    case pbd::Field::TYPE_UINT32:
      return 1;
    case pbd::Field::TYPE_INT64:
    case pbd::Field::TYPE_UINT64:
      return 2;
    case pbd::Field::TYPE_FIXED32:
    case pbd::Field::TYPE_SFIXED32:
      return 3;
    case pbd::Field::TYPE_FIXED64:
    case pbd::Field::TYPE_SFIXED64:
      return 4;
    case pbd::Field::TYPE_BOOL:
      return 5;
    case pbd::Field::TYPE_SINT32:
      return 6;
    case pbd::Field::TYPE_SINT64:
      return 7;
    case pbd::Field::TYPE_STRING:
      return 8;
    case pbd::Field::TYPE_BYTES:
      return 9;
    case pbd::Field::TYPE_DOUBLE:
      return 10;
    case pbd::Field::TYPE_FLOAT:
      return 11;
    case pbd::Field::TYPE_GROUP:
      return 12;
    case pbd::Field::TYPE_MESSAGE:
      return 13;
    case pbd::Field::TYPE_ENUM:
      return 14;
  }
  return 0;
}

// Same group: only named types can still differ.
void CompatibleTypeName(const FieldPair& p, RuleEmitter& out) {
  Type type = p.after->type();
  if (!IsNamed(type) || TypeNameOf(p.before) == TypeNameOf(p.after)) return;
  if (type == pbd::Field::TYPE_ENUM &&
      EnumCompatible(p.before->enum_type(), p.after->enum_type())) {
    return;
  }
  ChangedTypeName(p, out);
}

enum Cardinality { kExplicit, kImplicit, kRequired, kRepeated, kMap };

Cardinality CardinalityOf(const pbd::Field* field) {
  if (field->is_map()) return kMap;
  if (field->is_repeated()) return kRepeated;
  if (field->is_required()) return kRequired;
  return field->has_presence() ? kExplicit : kImplicit;
}

const char* CardinalityName(Cardinality c) {
  static const char* const kNames[] = {"optional with explicit presence",
                                       "optional with implicit presence", "required", "repeated",
                                       "map"};
  return kNames[c];
}

void CheckCardinality(const ProtoDiff& diff, RuleEmitter& out, const int (&groups)[5]) {
  for (const auto& p : diff.fields) {
    if (p.in_map_entry) continue;
    Cardinality before = CardinalityOf(p.before), after = CardinalityOf(p.after);
    if (groups[before] == groups[after]) continue;
    EmitFinding(out, FieldSpan(p),
                FieldWithName(p.after) + " changed cardinality from " +
                    GoQuote(CardinalityName(before)) + " to " + GoQuote(CardinalityName(after)) +
                    ".",
                p.after->full_name(), CardinalityName(before), CardinalityName(after));
  }
}

bool IsString(const pbd::Field* f) { return f->type() == pbd::Field::TYPE_STRING; }

const char* Utf8Of(const pbd::Field* f) {
  return f->file()->syntax() == pbd::File::SYNTAX_PROTO3 ? "VERIFY" : "NONE";
}

const char* JavaUtf8Of(const pbd::Field* f) {
  return f->file()->options().java_string_check_utf8() ? "VERIFY" : Utf8Of(f);
}

struct DefaultValue {
  bool zero = true;
  std::string text;
  std::string key;  // what equality compares
};

DefaultValue DefaultOf(const pbd::Field* f) {
  DefaultValue v;
  switch (f->cpp_type()) {
    case pbd::Field::CPPTYPE_INT32:
      v.zero = f->default_value_int32() == 0;
      v.text = std::to_string(f->default_value_int32());
      break;
    case pbd::Field::CPPTYPE_INT64:
      v.zero = f->default_value_int64() == 0;
      v.text = std::to_string(f->default_value_int64());
      break;
    case pbd::Field::CPPTYPE_UINT32:
      v.zero = f->default_value_uint32() == 0;
      v.text = std::to_string(f->default_value_uint32());
      break;
    case pbd::Field::CPPTYPE_UINT64:
      v.zero = f->default_value_uint64() == 0;
      v.text = std::to_string(f->default_value_uint64());
      break;
    case pbd::Field::CPPTYPE_DOUBLE:
      v.zero = f->default_value_double() == 0;
      v.text = GoFloat(f->default_value_double(), false);
      break;
    case pbd::Field::CPPTYPE_FLOAT:
      v.zero = f->default_value_float() == 0;
      v.text = GoFloat(f->default_value_float(), true);
      break;
    case pbd::Field::CPPTYPE_BOOL:
      v.zero = !f->default_value_bool();
      v.text = f->default_value_bool() ? "true" : "false";
      break;
    case pbd::Field::CPPTYPE_ENUM: {
      const pbd::EnumValue* value = f->default_value_enum();
      v.zero = !f->has_default_value() || value->number() == 0;
      v.text = value->type()->name() + "." + value->name();
      break;
    }
    case pbd::Field::CPPTYPE_STRING: {
      const std::string& s = f->default_value_string();
      v.zero = s.empty();
      if (f->type() == pbd::Field::TYPE_BYTES) {
        v.text = "[";
        for (size_t i = 0; i < s.size(); ++i) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%x", static_cast<unsigned char>(s[i]));
          v.text += (i ? "," : "") + std::string(hex);
        }
        v.text += "]";
      } else {
        v.text = GoQuote(s);
      }
      break;
    }
    default:
      break;
  }
  v.key = v.text;
  return v;
}

}  // namespace

void FieldSameType(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (p.before->type() != p.after->type()) {
      ChangedKind(p, "", out);
    } else if (IsNamed(p.after->type()) && TypeNameOf(p.before) != TypeNameOf(p.after)) {
      ChangedTypeName(p, out);
    }
  }
}

void FieldWireCompatibleType(const ProtoDiff& diff, RuleEmitter& out) {
  static const std::string kSee =
      " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire "
      "compatibility rules.";
  for (const auto& p : diff.fields) {
    Type before = p.before->type(), after = p.after->type();
    if (before == pbd::Field::TYPE_STRING && after == pbd::Field::TYPE_BYTES) continue;
    if (WireGroup(before) != WireGroup(after)) {
      std::string extra = kSee;
      if (before == pbd::Field::TYPE_BYTES && after == pbd::Field::TYPE_STRING) {
        extra +=
            " Note that while string and bytes are compatible if the data is valid UTF-8, "
            "there is no way to enforce that a bytes field is UTF-8, so these fields may be "
            "incompatible.";
      }
      ChangedKind(p, extra, out);
      continue;
    }
    CompatibleTypeName(p, out);
  }
}

void FieldWireJsonCompatibleType(const ProtoDiff& diff, RuleEmitter& out) {
  static const std::string kSee =
      " See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire "
      "compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json "
      "for JSON compatibility rules.";
  for (const auto& p : diff.fields) {
    if (WireJsonGroup(p.before->type()) != WireJsonGroup(p.after->type())) {
      ChangedKind(p, kSee, out);
      continue;
    }
    CompatibleTypeName(p, out);
  }
}

void FieldSameCardinality(const ProtoDiff& diff, RuleEmitter& out) {
  static const int kGroups[5] = {0, 1, 2, 3, 4};
  CheckCardinality(diff, out, kGroups);
}

void FieldWireCompatibleCardinality(const ProtoDiff& diff, RuleEmitter& out) {
  static const int kGroups[5] = {1, 1, 2, 3, 3};
  CheckCardinality(diff, out, kGroups);
}

void FieldWireJsonCompatibleCardinality(const ProtoDiff& diff, RuleEmitter& out) {
  static const int kGroups[5] = {1, 1, 2, 3, 4};
  CheckCardinality(diff, out, kGroups);
}

void FieldSameName(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    const std::string& before = p.before->is_extension() ? p.before->full_name() : p.before->name();
    const std::string& after = p.after->is_extension() ? p.after->full_name() : p.after->name();
    if (before == after) continue;
    EmitFinding(out, LocateOr(p.anchor, {1}, FieldSpan(p)),
                FieldWithoutName(p.after) + " changed name from " + GoQuote(before) + " to " +
                    GoQuote(after) + ".",
                p.after->full_name(), before, after);
  }
}

void FieldSameJsonName(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (p.after->is_extension() || p.before->json_name() == p.after->json_name()) continue;
    EmitFinding(out, LocateOr(p.anchor, {kFieldJsonName}, FieldSpan(p)),
                FieldWithName(p.after) + " changed option \"json_name\" from " +
                    GoQuote(p.before->json_name()) + " to " + GoQuote(p.after->json_name()) + ".",
                p.after->full_name(), p.before->json_name(), p.after->json_name());
  }
}

void FieldSameOneof(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    const pbd::Oneof* before = p.before->real_containing_oneof();
    const pbd::Oneof* after = p.after->real_containing_oneof();
    if (!before && !after) continue;
    std::string message;
    if (before && after) {
      if (before->name() == after->name()) continue;
      // buf's wording has a stray "q" here; we match it byte for byte.
      message = FieldWithName(p.after) + "q moved from oneof " + GoQuote(before->name()) +
                " to oneof " + GoQuote(after->name()) + ".";
    } else if (before) {
      message = FieldWithName(p.after) + " moved from inside to outside a oneof.";
    } else {
      message = FieldWithName(p.after) + " moved from outside to inside a oneof.";
    }
    EmitFinding(out, FieldSpan(p), message, p.after->full_name(), before ? before->name() : "",
                after ? after->name() : "");
  }
}

void FieldSameJstype(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    auto before = p.before->options().jstype(), after = p.after->options().jstype();
    if (before == after) continue;
    std::string from = google::protobuf::FieldOptions_JSType_Name(before);
    std::string to = google::protobuf::FieldOptions_JSType_Name(after);
    EmitFinding(out, LocateOr(p.anchor, {kFieldOptions, kJstypeOption}, FieldSpan(p)),
                FieldWithName(p.after) + " changed option \"jstype\" from " + GoQuote(from) +
                    " to " + GoQuote(to) + ".",
                p.after->full_name(), from, to);
  }
}

void FieldSameCppStringType(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (p.before->cpp_type() != pbd::Field::CPPTYPE_STRING ||
        p.after->cpp_type() != pbd::Field::CPPTYPE_STRING) {
      continue;
    }
    auto before = p.before->options().ctype(), after = p.after->options().ctype();
    if (before == after) continue;
    std::string from = google::protobuf::FieldOptions_CType_Name(before);
    std::string to = google::protobuf::FieldOptions_CType_Name(after);
    EmitFinding(out, LocateOr(p.anchor, {kFieldOptions, kCtypeOption}, FieldSpan(p)),
                FieldWithName(p.after) + " changed C++ string type from " + GoQuote(from) + " to " +
                    GoQuote(to) + ".",
                p.after->full_name(), from, to);
  }
}

void FieldSameJavaUtf8Validation(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (!IsString(p.before) || !IsString(p.after)) continue;
    std::string from = JavaUtf8Of(p.before), to = JavaUtf8Of(p.after);
    if (from == to) continue;
    Location where = FieldSpan(p);
    if (p.after->file()->options().has_java_string_check_utf8()) {
      Anchor file{p.anchor.file, {}, false};
      where = LocateOr(file, {kFileOptions, kJavaStringCheckUtf8}, where);
    }
    EmitFinding(out, where,
                FieldWithName(p.after) + " changed Java string UTF8 validation from " +
                    GoQuote(from) + " to " + GoQuote(to) + ".",
                p.after->full_name(), from, to);
  }
}

void FieldSameUtf8Validation(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (!IsString(p.before) || !IsString(p.after)) continue;
    std::string from = Utf8Of(p.before), to = Utf8Of(p.after);
    if (from == to) continue;
    EmitFinding(
        out, FieldSpan(p),
        FieldWithName(p.after) + " changed UTF8 validation from " + from + " to " + to + ".",
        p.after->full_name(), from, to);
  }
}

void FieldSameDefault(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& p : diff.fields) {
    if (p.before->is_repeated() || p.after->is_repeated()) continue;
    if (p.before->cpp_type() != p.after->cpp_type() ||
        p.after->cpp_type() == pbd::Field::CPPTYPE_MESSAGE) {
      continue;
    }
    DefaultValue before = DefaultOf(p.before), after = DefaultOf(p.after);
    if (before.zero && after.zero) continue;
    if (before.key == after.key) continue;
    Location where = WidenToKeyword(p.anchor.file, Locate(p.anchor, {kFieldDefault}), "default");
    EmitFinding(out, where.path.empty() ? FieldSpan(p) : where,
                FieldWithName(p.after) + " changed default value from " + before.text + " to " +
                    after.text + ".",
                p.after->full_name(), before.text, after.text);
  }
}

void MessageSameRequiredFields(const ProtoDiff& diff, RuleEmitter& out) {
  static const std::string kWhy =
      " Required fields must always be sent, so if one side does not know about the required "
      "field, this will result in a breakage.";
  for (const auto& m : diff.messages) {
    std::set<int> before;
    for (int i = 0; i < m.before->field_count(); ++i) {
      if (m.before->field(i)->is_required()) before.insert(m.before->field(i)->number());
    }
    std::set<int> after;
    for (int i = 0; i < m.after->field_count(); ++i) {
      const pbd::Field* field = m.after->field(i);
      if (!field->is_required()) continue;
      after.insert(field->number());
      if (before.count(field->number())) continue;
      EmitFinding(out, Locate(m.anchor.Child({2, i})),
                  "Message " + GoQuote(m.after->name()) + " had required field \"" +
                      std::to_string(field->number()) + "\" added." + kWhy,
                  field->full_name(), "", field->name());
    }
    for (int number : before) {
      if (after.count(number)) continue;
      EmitFinding(out, Locate(m.anchor),
                  "Message " + GoQuote(m.after->name()) + " had required field \"" +
                      std::to_string(number) + "\" deleted." + kWhy,
                  m.after->full_name() + "." + m.before->FindFieldByNumber(number)->name(),
                  std::to_string(number), "");
    }
  }
}

}  // namespace contract_lint::proto_rules
