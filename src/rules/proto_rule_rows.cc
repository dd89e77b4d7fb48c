// The Protobuf rows of the rule table: buf's rule ids, categories and
// defaults (docs/proto-rules.md), and which rules each buf.yaml version has.
// Each rule's function is in src/proto (ProtoRuleCheck in proto_rules.cc).
#include <algorithm>
#include <array>

#include "rules/rule_rows.h"

namespace contract_lint {

std::span<const RuleInfo> ProtoRuleRows() {
  constexpr ContractKind kProto = ContractKind::kProto;
  static const RuleInfo kRows[] = {
      DeletesElement({"ENUM_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that enums are not deleted from a given file."}),
      {"ENUM_SAME_JSON_FORMAT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that enums keep their JSON format support."},
      {"ENUM_SAME_TYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that enums do not switch between open and closed."},
      DeletesElement({"ENUM_VALUE_NO_DELETE", kProto,
                      kCategoryFile | kCategoryPackage | kCategoryCsr, true,
                      "Checks that enum values are not deleted from a given enum."}),
      DeletesElement({"ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED", kProto,
                      kCategoryWireJson | kCategoryCsr, false,
                      "Checks that enum values are not deleted from a given enum unless the name "
                      "is reserved."}),
      DeletesElement({"ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED", kProto,
                      kCategoryWireJson | kCategoryWire | kCategoryCsr, false,
                      "Checks that enum values are not deleted from a given enum unless the number "
                      "is reserved."}),
      {"ENUM_VALUE_SAME_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that enum values keep every name bound to their number."},
      {"EXTENSION_MESSAGE_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that extension ranges are not deleted from a given message."},
      DeletesElement({"EXTENSION_NO_DELETE", kProto, kCategoryFile, true,
                      "Checks that extensions are not deleted from a given file."}),
      DeletesElement({"FIELD_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr,
                      true, "Checks that fields are not deleted from a given message."}),
      DeletesElement(
          {"FIELD_NO_DELETE_UNLESS_NAME_RESERVED", kProto, kCategoryWireJson | kCategoryCsr, false,
           "Checks that fields are not deleted from a given message unless the name is reserved."}),
      DeletesElement({"FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", kProto,
                      kCategoryWireJson | kCategoryWire | kCategoryCsr, false,
                      "Checks that fields are not deleted from a given message unless the number "
                      "is reserved."}),
      {"FIELD_SAME_CARDINALITY", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that fields keep their cardinality (presence, required, repeated, map)."},
      {"FIELD_SAME_CPP_STRING_TYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string and bytes fields keep their C++ string type."},
      {"FIELD_SAME_DEFAULT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that fields keep their default value."},
      {"FIELD_SAME_JAVA_UTF8_VALIDATION", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string fields keep their Java UTF-8 validation."},
      {"FIELD_SAME_JSON_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that fields keep their JSON name."},
      {"FIELD_SAME_JSTYPE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that fields keep their jstype option."},
      {"FIELD_SAME_NAME", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that fields keep their name."},
      {"FIELD_SAME_ONEOF", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that fields do not move into, out of or between oneofs."},
      {"FIELD_SAME_TYPE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that fields keep their type."},
      {"FIELD_SAME_UTF8_VALIDATION", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that string fields keep their UTF-8 validation."},
      {"FIELD_WIRE_COMPATIBLE_CARDINALITY", kProto, kCategoryWire, false,
       "Checks that fields keep a cardinality compatible with the binary encoding."},
      {"FIELD_WIRE_COMPATIBLE_TYPE", kProto, kCategoryWire, false,
       "Checks that fields keep a type compatible with the binary encoding."},
      {"FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY", kProto, kCategoryWireJson | kCategoryCsr, false,
       "Checks that fields keep a cardinality compatible with the binary and JSON encodings."},
      {"FIELD_WIRE_JSON_COMPATIBLE_TYPE", kProto, kCategoryWireJson | kCategoryCsr, false,
       "Checks that fields keep a type compatible with the binary and JSON encodings."},
      DeletesElement({"FILE_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that files are not deleted."}),
      {"FILE_SAME_CC_ENABLE_ARENAS", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their cc_enable_arenas option."},
      {"FILE_SAME_CC_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their cc_generic_services option."},
      {"FILE_SAME_CSHARP_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their csharp_namespace option."},
      {"FILE_SAME_GO_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their go_package option."},
      {"FILE_SAME_JAVA_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_generic_services option."},
      {"FILE_SAME_JAVA_MULTIPLE_FILES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_multiple_files option."},
      {"FILE_SAME_JAVA_OUTER_CLASSNAME", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_outer_classname option."},
      {"FILE_SAME_JAVA_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their java_package option."},
      {"FILE_SAME_OBJC_CLASS_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their objc_class_prefix option."},
      {"FILE_SAME_OPTIMIZE_FOR", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their optimize_for option."},
      DeletesElement(
          {"FILE_SAME_PACKAGE", kProto,
           kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr,
           true, "Checks that files keep their package."}),
      {"FILE_SAME_PHP_CLASS_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_class_prefix option."},
      {"FILE_SAME_PHP_METADATA_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_metadata_namespace option."},
      {"FILE_SAME_PHP_NAMESPACE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their php_namespace option."},
      {"FILE_SAME_PY_GENERIC_SERVICES", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their py_generic_services option."},
      {"FILE_SAME_RUBY_PACKAGE", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their ruby_package option."},
      {"FILE_SAME_SWIFT_PREFIX", kProto, kCategoryFile | kCategoryPackage, true,
       "Checks that files keep their swift_prefix option."},
      {"FILE_SAME_SYNTAX", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that files keep their syntax or edition."},
      DeletesElement({"MESSAGE_NO_DELETE", kProto, kCategoryFile | kCategoryCsr, true,
                      "Checks that messages are not deleted from a given file."}),
      {"MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR", kProto,
       kCategoryFile | kCategoryPackage | kCategoryCsr, true,
       "Checks that messages do not turn on no_standard_descriptor_accessor."},
      {"MESSAGE_SAME_JSON_FORMAT", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryCsr, true,
       "Checks that messages keep their JSON format support."},
      {"MESSAGE_SAME_REQUIRED_FIELDS", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that messages neither gain nor lose required fields."},
      DeletesElement({"ONEOF_NO_DELETE", kProto, kCategoryFile | kCategoryPackage | kCategoryCsr,
                      true, "Checks that oneofs are not deleted from a given message."}),
      DeletesElement({"PACKAGE_ENUM_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that enums are not deleted from a given package."}),
      DeletesElement({"PACKAGE_EXTENSION_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that extensions are not deleted from a given package."}),
      DeletesElement({"PACKAGE_MESSAGE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that messages are not deleted from a given package."}),
      DeletesElement({"PACKAGE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that packages are not deleted."}),
      DeletesElement({"PACKAGE_SERVICE_NO_DELETE", kProto, kCategoryPackage, false,
                      "Checks that services are not deleted from a given package."}),
      {"RESERVED_ENUM_NO_DELETE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that reserved ranges and names are not deleted from a given enum."},
      {"RESERVED_MESSAGE_NO_DELETE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that reserved ranges and names are not deleted from a given message."},
      DeletesElement({"RPC_NO_DELETE", kProto, kCategoryFile | kCategoryPackage, true,
                      "Checks that RPCs are not deleted from a given service."}),
      {"RPC_SAME_CLIENT_STREAMING", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their client streaming."},
      {"RPC_SAME_IDEMPOTENCY_LEVEL", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their idempotency level."},
      {"RPC_SAME_REQUEST_TYPE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their request type."},
      {"RPC_SAME_RESPONSE_TYPE", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their response type."},
      {"RPC_SAME_SERVER_STREAMING", kProto,
       kCategoryFile | kCategoryPackage | kCategoryWireJson | kCategoryWire | kCategoryCsr, true,
       "Checks that RPCs keep their server streaming."},
      DeletesElement({"SERVICE_NO_DELETE", kProto, kCategoryFile, true,
                      "Checks that services are not deleted from a given file."}),
      // Deprecated ids: no checks of their own.
      {"FIELD_SAME_CTYPE", kProto, 0, false,
       "Checks that string and bytes fields keep their ctype (deprecated).",
       "FIELD_SAME_CPP_STRING_TYPE"},
      {"FIELD_SAME_LABEL", kProto, 0, false, "Checks that fields keep their label (deprecated).",
       "FIELD_SAME_CARDINALITY,FIELD_WIRE_COMPATIBLE_CARDINALITY,FIELD_WIRE_JSON_COMPATIBLE_"
       "CARDINALITY"},
      {"FILE_SAME_JAVA_STRING_CHECK_UTF8", kProto, 0, false,
       "Checks that files keep their java_string_check_utf8 option (deprecated).",
       "FIELD_SAME_JAVA_UTF8_VALIDATION"},
      {"FILE_SAME_PHP_GENERIC_SERVICES", kProto, 0, false,
       "Checks that files keep their php_generic_services option (deprecated, no-op; buf.yaml "
       "v1beta1 and v1 only)."},
      {"MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", kProto, 0, false,
       "Checks that messages keep their message_set_wire_format option (deprecated, no-op)."},
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
