// What the registry's checker sees of a Protobuf element: SourceCodeInfo
// paths for locating it, the name a message shows, a field's kind, wire group
// and stated label.
#pragma once

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>
#include <vector>

namespace contract_lint::registry {

// SourceCodeInfo paths (descriptor.proto field numbers) of each element.
std::vector<int> PathOf(const google::protobuf::Descriptor* message);
std::vector<int> PathOf(const google::protobuf::EnumDescriptor* enum_type);
std::vector<int> PathOf(const google::protobuf::EnumValueDescriptor* value);
std::vector<int> PathOf(const google::protobuf::FieldDescriptor* field);
std::vector<int> PathOf(const google::protobuf::OneofDescriptor* oneof);

// The name inside its package, e.g. "Order.Line" for "acme.v1.Order.Line".
std::string LocalName(std::string_view full_name, const google::protobuf::FileDescriptor* file);

// "scalar" (enums included), "message" or "map".
std::string_view FieldKind(const google::protobuf::FieldDescriptor* field);

// The wire group of a scalar type: types of one group are interchangeable.
int ScalarGroup(const google::protobuf::FieldDescriptor* field);

// The type as written: "int32", "acme.v1.Kind", "acme.v1.Money", …
std::string TypeName(const google::protobuf::FieldDescriptor* field);

// True when the source states the label (proto2, `optional`, `repeated`).
bool StatesLabel(const google::protobuf::FieldDescriptor* field);
std::string_view LabelName(const google::protobuf::FieldDescriptor* field);

// A numeric scalar: not string or bytes (enums and bool count as numeric).
bool IsNumericScalar(const google::protobuf::FieldDescriptor* field);

}  // namespace contract_lint::registry
