#include "schema_registry/registry_elements.h"

namespace contract_lint::registry {

namespace pb = google::protobuf;

// descriptor.proto field numbers used in SourceCodeInfo paths.
constexpr int kFileMessage = 4, kFileEnum = 5;
constexpr int kMessageField = 2, kMessageNested = 3, kMessageEnum = 4, kMessageOneof = 8;
constexpr int kEnumValue = 2;

std::vector<int> PathOf(const pb::Descriptor* message) {
  if (const pb::Descriptor* parent = message->containing_type()) {
    std::vector<int> path = PathOf(parent);
    path.insert(path.end(), {kMessageNested, message->index()});
    return path;
  }
  return {kFileMessage, message->index()};
}

std::vector<int> PathOf(const pb::EnumDescriptor* enum_type) {
  if (const pb::Descriptor* parent = enum_type->containing_type()) {
    std::vector<int> path = PathOf(parent);
    path.insert(path.end(), {kMessageEnum, enum_type->index()});
    return path;
  }
  return {kFileEnum, enum_type->index()};
}

std::vector<int> PathOf(const pb::EnumValueDescriptor* value) {
  std::vector<int> path = PathOf(value->type());
  path.insert(path.end(), {kEnumValue, value->index()});
  return path;
}

std::vector<int> PathOf(const pb::FieldDescriptor* field) {
  // Extensions are not judged; only fields of a message get here.
  std::vector<int> path = PathOf(field->containing_type());
  path.insert(path.end(), {kMessageField, field->index()});
  return path;
}

std::vector<int> PathOf(const pb::OneofDescriptor* oneof) {
  std::vector<int> path = PathOf(oneof->containing_type());
  path.insert(path.end(), {kMessageOneof, oneof->index()});
  return path;
}

std::string LocalName(std::string_view full_name, const pb::FileDescriptor* file) {
  const std::string& package = file->package();
  if (!package.empty() && full_name.size() > package.size() && full_name.starts_with(package) &&
      full_name[package.size()] == '.') {
    full_name.remove_prefix(package.size() + 1);
  }
  return std::string(full_name);
}

std::string_view FieldKind(const pb::FieldDescriptor* field) {
  if (field->is_map()) return "map";
  if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) return "message";
  return "scalar";
}

int ScalarGroup(const pb::FieldDescriptor* field) {
  using F = pb::FieldDescriptor;
  switch (field->type()) {
    case F::TYPE_INT32:
    case F::TYPE_INT64:
    case F::TYPE_UINT32:
    case F::TYPE_UINT64:
    case F::TYPE_BOOL:
    case F::TYPE_ENUM:
      return 0;
    case F::TYPE_SINT32:
    case F::TYPE_SINT64:
      return 1;
    case F::TYPE_STRING:
    case F::TYPE_BYTES:
      return 2;
    case F::TYPE_FIXED32:
    case F::TYPE_SFIXED32:
      return 3;
    case F::TYPE_FIXED64:
    case F::TYPE_SFIXED64:
      return 4;
    case F::TYPE_FLOAT:
      return 5;
    case F::TYPE_DOUBLE:
      return 6;
    default:
      return 7;  // messages and groups: not scalars
  }
}

std::string TypeName(const pb::FieldDescriptor* field) {
  if (field->is_map()) {
    const pb::Descriptor* entry = field->message_type();
    return "map<" + TypeName(entry->map_key()) + ", " + TypeName(entry->map_value()) + ">";
  }
  if (field->message_type()) return field->message_type()->full_name();
  if (field->enum_type()) return field->enum_type()->full_name();
  return field->type_name();
}

bool StatesLabel(const pb::FieldDescriptor* field) {
  if (field->is_repeated() || field->is_required() || field->has_optional_keyword()) return true;
  return field->file()->syntax() == pb::FileDescriptor::SYNTAX_PROTO2 &&
         !field->real_containing_oneof();
}

std::string_view LabelName(const pb::FieldDescriptor* field) {
  if (field->is_repeated()) return "repeated";
  if (field->is_required()) return "required";
  return StatesLabel(field) ? "optional" : "singular";
}

bool IsNumericScalar(const pb::FieldDescriptor* field) {
  return FieldKind(field) == "scalar" && field->type() != pb::FieldDescriptor::TYPE_STRING &&
         field->type() != pb::FieldDescriptor::TYPE_BYTES;
}

}  // namespace contract_lint::registry
