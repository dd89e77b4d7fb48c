// Each Protobuf rule id's function (the rows, with categories and defaults,
// are in src/rules/proto_rule_rows.cc).
#include <algorithm>
#include <iterator>

#include "proto/proto_rule_fns.h"

namespace contract_lint {

void EmitFinding(RuleEmitter& out, Location where, std::string message, std::string subject,
                 std::string before, std::string after) {
  Finding finding;
  finding.kind = ContractKind::kProto;
  finding.location = std::move(where);
  finding.message = std::move(message);
  finding.subject = std::move(subject);
  finding.before = std::move(before);
  finding.after = std::move(after);
  out.Emit(std::move(finding));
}

ProtoRuleFn ProtoRuleCheck(std::string_view id) {
  struct Entry {
    std::string_view id;
    ProtoRuleFn check;
  };
  // Sorted by id; the deprecated ids have no function of their own.
  static constexpr Entry kChecks[] = {
      {"ENUM_NO_DELETE", &proto_rules::EnumNoDelete},
      {"ENUM_SAME_JSON_FORMAT", &proto_rules::EnumSameJsonFormat},
      {"ENUM_SAME_TYPE", &proto_rules::EnumSameType},
      {"ENUM_VALUE_NO_DELETE", &proto_rules::EnumValueNoDelete},
      {"ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
       &proto_rules::EnumValueNoDeleteUnlessNameReserved},
      {"ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED",
       &proto_rules::EnumValueNoDeleteUnlessNumberReserved},
      {"ENUM_VALUE_SAME_NAME", &proto_rules::EnumValueSameName},
      {"EXTENSION_MESSAGE_NO_DELETE", &proto_rules::ExtensionMessageNoDelete},
      {"EXTENSION_NO_DELETE", &proto_rules::ExtensionNoDelete},
      {"FIELD_NO_DELETE", &proto_rules::FieldNoDelete},
      {"FIELD_NO_DELETE_UNLESS_NAME_RESERVED", &proto_rules::FieldNoDeleteUnlessNameReserved},
      {"FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", &proto_rules::FieldNoDeleteUnlessNumberReserved},
      {"FIELD_SAME_CARDINALITY", &proto_rules::FieldSameCardinality},
      {"FIELD_SAME_CPP_STRING_TYPE", &proto_rules::FieldSameCppStringType},
      {"FIELD_SAME_DEFAULT", &proto_rules::FieldSameDefault},
      {"FIELD_SAME_JAVA_UTF8_VALIDATION", &proto_rules::FieldSameJavaUtf8Validation},
      {"FIELD_SAME_JSON_NAME", &proto_rules::FieldSameJsonName},
      {"FIELD_SAME_JSTYPE", &proto_rules::FieldSameJstype},
      {"FIELD_SAME_NAME", &proto_rules::FieldSameName},
      {"FIELD_SAME_ONEOF", &proto_rules::FieldSameOneof},
      {"FIELD_SAME_TYPE", &proto_rules::FieldSameType},
      {"FIELD_SAME_UTF8_VALIDATION", &proto_rules::FieldSameUtf8Validation},
      {"FIELD_WIRE_COMPATIBLE_CARDINALITY", &proto_rules::FieldWireCompatibleCardinality},
      {"FIELD_WIRE_COMPATIBLE_TYPE", &proto_rules::FieldWireCompatibleType},
      {"FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", &proto_rules::FieldWireJsonCompatibleCardinality},
      {"FIELD_WIRE_JSON_COMPATIBLE_TYPE", &proto_rules::FieldWireJsonCompatibleType},
      {"FILE_NO_DELETE", &proto_rules::FileNoDelete},
      {"FILE_SAME_CC_ENABLE_ARENAS", &proto_rules::FileSameCcEnableArenas},
      {"FILE_SAME_CC_GENERIC_SERVICES", &proto_rules::FileSameCcGenericServices},
      {"FILE_SAME_CSHARP_NAMESPACE", &proto_rules::FileSameCsharpNamespace},
      {"FILE_SAME_GO_PACKAGE", &proto_rules::FileSameGoPackage},
      {"FILE_SAME_JAVA_GENERIC_SERVICES", &proto_rules::FileSameJavaGenericServices},
      {"FILE_SAME_JAVA_MULTIPLE_FILES", &proto_rules::FileSameJavaMultipleFiles},
      {"FILE_SAME_JAVA_OUTER_CLASSNAME", &proto_rules::FileSameJavaOuterClassname},
      {"FILE_SAME_JAVA_PACKAGE", &proto_rules::FileSameJavaPackage},
      {"FILE_SAME_OBJC_CLASS_PREFIX", &proto_rules::FileSameObjcClassPrefix},
      {"FILE_SAME_OPTIMIZE_FOR", &proto_rules::FileSameOptimizeFor},
      {"FILE_SAME_PACKAGE", &proto_rules::FileSamePackage},
      {"FILE_SAME_PHP_CLASS_PREFIX", &proto_rules::FileSamePhpClassPrefix},
      {"FILE_SAME_PHP_METADATA_NAMESPACE", &proto_rules::FileSamePhpMetadataNamespace},
      {"FILE_SAME_PHP_NAMESPACE", &proto_rules::FileSamePhpNamespace},
      {"FILE_SAME_PY_GENERIC_SERVICES", &proto_rules::FileSamePyGenericServices},
      {"FILE_SAME_RUBY_PACKAGE", &proto_rules::FileSameRubyPackage},
      {"FILE_SAME_SWIFT_PREFIX", &proto_rules::FileSameSwiftPrefix},
      {"FILE_SAME_SYNTAX", &proto_rules::FileSameSyntax},
      {"MESSAGE_NO_DELETE", &proto_rules::MessageNoDelete},
      {"MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR",
       &proto_rules::MessageNoRemoveStandardDescriptorAccessor},
      {"MESSAGE_SAME_JSON_FORMAT", &proto_rules::MessageSameJsonFormat},
      {"MESSAGE_SAME_REQUIRED_FIELDS", &proto_rules::MessageSameRequiredFields},
      {"ONEOF_NO_DELETE", &proto_rules::OneofNoDelete},
      {"PACKAGE_ENUM_NO_DELETE", &proto_rules::PackageEnumNoDelete},
      {"PACKAGE_EXTENSION_NO_DELETE", &proto_rules::PackageExtensionNoDelete},
      {"PACKAGE_MESSAGE_NO_DELETE", &proto_rules::PackageMessageNoDelete},
      {"PACKAGE_NO_DELETE", &proto_rules::PackageNoDelete},
      {"PACKAGE_SERVICE_NO_DELETE", &proto_rules::PackageServiceNoDelete},
      {"RESERVED_ENUM_NO_DELETE", &proto_rules::ReservedEnumNoDelete},
      {"RESERVED_MESSAGE_NO_DELETE", &proto_rules::ReservedMessageNoDelete},
      {"RPC_NO_DELETE", &proto_rules::RpcNoDelete},
      {"RPC_SAME_CLIENT_STREAMING", &proto_rules::RpcSameClientStreaming},
      {"RPC_SAME_IDEMPOTENCY_LEVEL", &proto_rules::RpcSameIdempotencyLevel},
      {"RPC_SAME_REQUEST_TYPE", &proto_rules::RpcSameRequestType},
      {"RPC_SAME_RESPONSE_TYPE", &proto_rules::RpcSameResponseType},
      {"RPC_SAME_SERVER_STREAMING", &proto_rules::RpcSameServerStreaming},
      {"SERVICE_NO_DELETE", &proto_rules::ServiceNoDelete},
  };
  auto it =
      std::lower_bound(std::begin(kChecks), std::end(kChecks), id,
                       [](const Entry& entry, std::string_view key) { return entry.id < key; });
  return it != std::end(kChecks) && it->id == id ? it->check : nullptr;
}

}  // namespace contract_lint
