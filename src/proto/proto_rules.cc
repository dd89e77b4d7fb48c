// The Protobuf rows of the rule table: buf's rule ids, categories and
// defaults (docs/proto-rules.md), each with its function.
#include <algorithm>
#include <array>

#include "policy/rule_rows.h"
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

std::span<const RuleInfo> ProtoRuleRows() {
  constexpr ContractKind kProto = ContractKind::kProto;
  static const RuleInfo kRows[] = {
      DeletesElement({"ENUM_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that enums are not deleted from a given file.",
                      &proto_rules::EnumNoDelete}),
      {"ENUM_SAME_JSON_FORMAT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that enums keep their JSON format support.", &proto_rules::EnumSameJsonFormat},
      {"ENUM_SAME_TYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that enums do not switch between open and closed.", &proto_rules::EnumSameType},
      DeletesElement({"ENUM_VALUE_NO_DELETE", kProto,
                      kCategoryFile | kCategoryPackage | kCategoryCsr, true,
                      "Checks that enum values are not deleted from a given enum.",
                      &proto_rules::EnumValueNoDelete}),
      DeletesElement(
          {"ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED", kProto, kCategoryWireJson | kCategoryCsr,
           false,
           "Checks that enum values are not deleted from a given enum unless the name is reserved.",
           &proto_rules::EnumValueNoDeleteUnlessNameReserved}),
      DeletesElement({"ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED", kProto,
                      kCategoryWireJson | kCategoryWire | kCategoryCsr, false,
                      "Checks that enum values are not deleted from a given enum unless the number "
                      "is reserved.",
                      &proto_rules::EnumValueNoDeleteUnlessNumberReserved}),
      {"ENUM_VALUE_SAME_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that enum values keep every name bound to their number.",
       &proto_rules::EnumValueSameName},
      {"EXTENSION_MESSAGE_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that extension ranges are not deleted from a given message.",
       &proto_rules::ExtensionMessageNoDelete},
      DeletesElement({"EXTENSION_NO_DELETE", kProto, kCategoryFile, true,
                      "Checks that extensions are not deleted from a given file.",
                      &proto_rules::ExtensionNoDelete}),
      DeletesElement({"FIELD_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr,
                      true, "Checks that fields are not deleted from a given message.",
                      &proto_rules::FieldNoDelete}),
      DeletesElement(
          {"FIELD_NO_DELETE_UNLESS_NAME_RESERVED", kProto, kCategoryWireJson | kCategoryCsr, false,
           "Checks that fields are not deleted from a given message unless the name is reserved.",
           &proto_rules::FieldNoDeleteUnlessNameReserved}),
      DeletesElement(
          {"FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", kProto,
           kCategoryWireJson | kCategoryWire | kCategoryCsr, false,
           "Checks that fields are not deleted from a given message unless the number is reserved.",
           &proto_rules::FieldNoDeleteUnlessNumberReserved}),
      {"FIELD_SAME_CARDINALITY", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that fields keep their cardinality (presence, required, repeated, map).",
       &proto_rules::FieldSameCardinality},
      {"FIELD_SAME_CPP_STRING_TYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string and bytes fields keep their C++ string type.",
       &proto_rules::FieldSameCppStringType},
      {"FIELD_SAME_DEFAULT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that fields keep their default value.", &proto_rules::FieldSameDefault},
      {"FIELD_SAME_JAVA_UTF8_VALIDATION", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string fields keep their Java UTF-8 validation.",
       &proto_rules::FieldSameJavaUtf8Validation},
      {"FIELD_SAME_JSON_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that fields keep their JSON name.", &proto_rules::FieldSameJsonName},
      {"FIELD_SAME_JSTYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that fields keep their jstype option.", &proto_rules::FieldSameJstype},
      {"FIELD_SAME_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that fields keep their name.", &proto_rules::FieldSameName},
      {"FIELD_SAME_ONEOF", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that fields do not move into, out of or between oneofs.",
       &proto_rules::FieldSameOneof},
      {"FIELD_SAME_TYPE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that fields keep their type.", &proto_rules::FieldSameType},
      {"FIELD_SAME_UTF8_VALIDATION", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string fields keep their UTF-8 validation.",
       &proto_rules::FieldSameUtf8Validation},
      {"FIELD_WIRE_COMPATIBLE_CARDINALITY", kProto, kCategoryWire, false,
       "Checks that fields keep a cardinality compatible with the binary encoding.",
       &proto_rules::FieldWireCompatibleCardinality},
      {"FIELD_WIRE_COMPATIBLE_TYPE", kProto, kCategoryWire, false,
       "Checks that fields keep a type compatible with the binary encoding.",
       &proto_rules::FieldWireCompatibleType},
      {"FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", kProto, kCategoryWireJson | kCategoryCsr, false,
       "Checks that fields keep a cardinality compatible with the binary and JSON encodings.",
       &proto_rules::FieldWireJsonCompatibleCardinality},
      {"FIELD_WIRE_JSON_COMPATIBLE_TYPE", kProto, kCategoryWireJson | kCategoryCsr, false,
       "Checks that fields keep a type compatible with the binary and JSON encodings.",
       &proto_rules::FieldWireJsonCompatibleType},
      DeletesElement({"FILE_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that files are not deleted.", &proto_rules::FileNoDelete}),
      {"FILE_SAME_CC_ENABLE_ARENAS", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their cc_enable_arenas option.",
       &proto_rules::FileSameCcEnableArenas},
      {"FILE_SAME_CC_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their cc_generic_services option.",
       &proto_rules::FileSameCcGenericServices},
      {"FILE_SAME_CSHARP_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their csharp_namespace option.",
       &proto_rules::FileSameCsharpNamespace},
      {"FILE_SAME_GO_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their go_package option.", &proto_rules::FileSameGoPackage},
      {"FILE_SAME_JAVA_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_generic_services option.",
       &proto_rules::FileSameJavaGenericServices},
      {"FILE_SAME_JAVA_MULTIPLE_FILES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_multiple_files option.",
       &proto_rules::FileSameJavaMultipleFiles},
      {"FILE_SAME_JAVA_OUTER_CLASSNAME", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_outer_classname option.",
       &proto_rules::FileSameJavaOuterClassname},
      {"FILE_SAME_JAVA_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_package option.", &proto_rules::FileSameJavaPackage},
      {"FILE_SAME_OBJC_CLASS_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their objc_class_prefix option.",
       &proto_rules::FileSameObjcClassPrefix},
      {"FILE_SAME_OPTIMIZE_FOR", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their optimize_for option.", &proto_rules::FileSameOptimizeFor},
      DeletesElement(
          {"FILE_SAME_PACKAGE", kProto,
           kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr,
           true, "Checks that files keep their package.", &proto_rules::FileSamePackage}),
      {"FILE_SAME_PHP_CLASS_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_class_prefix option.",
       &proto_rules::FileSamePhpClassPrefix},
      {"FILE_SAME_PHP_METADATA_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_metadata_namespace option.",
       &proto_rules::FileSamePhpMetadataNamespace},
      {"FILE_SAME_PHP_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_namespace option.", &proto_rules::FileSamePhpNamespace},
      {"FILE_SAME_PY_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their py_generic_services option.",
       &proto_rules::FileSamePyGenericServices},
      {"FILE_SAME_RUBY_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their ruby_package option.", &proto_rules::FileSameRubyPackage},
      {"FILE_SAME_SWIFT_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their swift_prefix option.", &proto_rules::FileSameSwiftPrefix},
      {"FILE_SAME_SYNTAX", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that files keep their syntax or edition.", &proto_rules::FileSameSyntax},
      DeletesElement({"MESSAGE_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that messages are not deleted from a given file.",
                      &proto_rules::MessageNoDelete}),
      {"MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR", kProto,
       kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that messages do not turn on no_standard_descriptor_accessor.",
       &proto_rules::MessageNoRemoveStandardDescriptorAccessor},
      {"MESSAGE_SAME_JSON_FORMAT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that messages keep their JSON format support.", &proto_rules::MessageSameJsonFormat},
      {"MESSAGE_SAME_REQUIRED_FIELDS", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that messages neither gain nor lose required fields.",
       &proto_rules::MessageSameRequiredFields},
      DeletesElement({"ONEOF_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr,
                      true, "Checks that oneofs are not deleted from a given message.",
                      &proto_rules::OneofNoDelete}),
      DeletesElement({"PACKAGE_ENUM_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that enums are not deleted from a given package.",
                      &proto_rules::PackageEnumNoDelete}),
      DeletesElement({"PACKAGE_EXTENSION_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that extensions are not deleted from a given package.",
                      &proto_rules::PackageExtensionNoDelete}),
      DeletesElement({"PACKAGE_MESSAGE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that messages are not deleted from a given package.",
                      &proto_rules::PackageMessageNoDelete}),
      DeletesElement({"PACKAGE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that packages are not deleted.", &proto_rules::PackageNoDelete}),
      DeletesElement({"PACKAGE_SERVICE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that services are not deleted from a given package.",
                      &proto_rules::PackageServiceNoDelete}),
      {"RESERVED_ENUM_NO_DELETE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that reserved ranges and names are not deleted from a given enum.",
       &proto_rules::ReservedEnumNoDelete},
      {"RESERVED_MESSAGE_NO_DELETE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that reserved ranges and names are not deleted from a given message.",
       &proto_rules::ReservedMessageNoDelete},
      DeletesElement({"RPC_NO_DELETE", kProto, kCategoryFile | kCategoryPackage, true,
                      "Checks that RPCs are not deleted from a given service.",
                      &proto_rules::RpcNoDelete}),
      {"RPC_SAME_CLIENT_STREAMING", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their client streaming.", &proto_rules::RpcSameClientStreaming},
      {"RPC_SAME_IDEMPOTENCY_LEVEL", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their idempotency level.", &proto_rules::RpcSameIdempotencyLevel},
      {"RPC_SAME_REQUEST_TYPE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their request type.", &proto_rules::RpcSameRequestType},
      {"RPC_SAME_RESPONSE_TYPE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their response type.", &proto_rules::RpcSameResponseType},
      {"RPC_SAME_SERVER_STREAMING", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their server streaming.", &proto_rules::RpcSameServerStreaming},
      DeletesElement({"SERVICE_NO_DELETE", kProto, kCategoryFile, true,
                      "Checks that services are not deleted from a given file.",
                      &proto_rules::ServiceNoDelete}),
      // Deprecated ids: no checks of their own.
      {"FIELD_SAME_CTYPE", kProto, 0, false,
       "Checks that string and bytes fields keep their ctype (deprecated).", nullptr,
       "FIELD_SAME_CPP_STRING_TYPE"},
      {"FIELD_SAME_LABEL", kProto, 0, false, "Checks that fields keep their label (deprecated).",
       nullptr,
       "FIELD_SAME_CARDINALITY,FIELD_WIRE_COMPATIBLE_CARDINALITY,FIELD_WIRE_JSON_COMPATIBLE_"
       "CARDINALITY"},
      {"FILE_SAME_JAVA_STRING_CHECK_UTF8", kProto, 0, false,
       "Checks that files keep their java_string_check_utf8 option (deprecated).", nullptr,
       "FIELD_SAME_JAVA_UTF8_VALIDATION"},
      {"FILE_SAME_PHP_GENERIC_SERVICES", kProto, 0, false,
       "Checks that files keep their php_generic_services option (deprecated, no-op; buf.yaml "
       "v1beta1 and v1 only).",
       nullptr},
      {"MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", kProto, 0, false,
       "Checks that messages keep their message_set_wire_format option (deprecated, no-op).",
       nullptr},
  };
  return kRows;
}

namespace {

// Where a buf.yaml version's rule set differs from v2 (the rows above), as
// `buf config ls-breaking-rules --version V --include-deprecated` lists it
// (buf 1.75.0; tests/proto/buf_rules_*.txt hold those lists).
constexpr std::array<std::string_view, 3> kNotInV1 = {"EXTENSION_NO_DELETE", "FIELD_SAME_DEFAULT",
                                                      "PACKAGE_EXTENSION_NO_DELETE"};
constexpr std::array<std::string_view, 2> kNotInV1beta1 = {"FIELD_WIRE_COMPATIBLE_TYPE",
                                                           "FIELD_WIRE_JSON_COMPATIBLE_TYPE"};
constexpr std::array<std::string_view, 4> kOnlyBeforeV2 = {"FIELD_SAME_CTYPE", "FIELD_SAME_LABEL",
                                                           "FILE_SAME_JAVA_STRING_CHECK_UTF8",
                                                           "FILE_SAME_PHP_GENERIC_SERVICES"};

// The Protobuf row of `id` (FindRule may answer a JSON Schema rule of the same id).
const RuleInfo* FindProtoRow(std::string_view id) {
  for (const auto& rule : ProtoRuleRows()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

template <size_t N>
bool Listed(const std::array<std::string_view, N>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

std::optional<unsigned> BufVersionCategories(std::string_view version, const RuleInfo& rule) {
  if (rule.kind != ContractKind::kProto || rule.family == RuleFamily::kRegistry)
    return std::nullopt;
  if (version == "v2") {
    if (Listed(kOnlyBeforeV2, rule.id)) return std::nullopt;
    return rule.categories;
  }
  bool v1beta1 = version == "v1beta1";
  if (!v1beta1 && version != "v1") return std::nullopt;
  if (Listed(kNotInV1, rule.id) || (v1beta1 && Listed(kNotInV1beta1, rule.id))) {
    return std::nullopt;
  }
  unsigned categories = rule.categories & ~unsigned{kCategoryCsr};  // CSR came with v2
  if (v1beta1) {
    // v1beta1 had no wire-compatible type rules: the strict ones were in WIRE.
    if (rule.id == "FIELD_SAME_CARDINALITY" || rule.id == "FIELD_SAME_TYPE") {
      categories |= kCategoryWire | kCategoryWireJson;
    }
    if (rule.id == "FILE_SAME_PACKAGE") categories = kCategoryFile;
  }
  return categories;
}

bool ExpandBufRuleNames(std::string_view version, const std::vector<std::string>& names,
                        std::vector<std::string>* ids, std::string* unknown) {
  for (const auto& name : names) {
    auto category = FindCategory(name);
    if (category && !(*category == kCategoryCsr && version != "v2")) {
      for (const auto& rule : ProtoRuleRows()) {
        auto categories = BufVersionCategories(version, rule);
        if (categories && (*categories & *category)) ids->push_back(std::string(rule.id));
      }
      continue;
    }
    const RuleInfo* rule = FindProtoRow(name);
    if (!rule || !BufVersionCategories(version, *rule)) {
      *unknown = name;
      return false;
    }
    // Deprecated ids stay: the policy turns them into their replacements.
    ids->push_back(name);
  }
  return true;
}

}  // namespace contract_lint
