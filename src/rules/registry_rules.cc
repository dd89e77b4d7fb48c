// The Schema Registry rows of the rule table (docs/proto-registry-compat.md).
// They belong to no buf category: `breaking.registry` turns them all on for a
// contract, and the level decides which are errors.
#include "rules/rule_rows.h"

namespace contract_lint {

std::span<const RuleInfo> RegistryRuleRows() {
  constexpr ContractKind kProto = ContractKind::kProto;
  static const RuleInfo kRows[] = {
      {"REGISTRY_ENUM_ADDED", kProto, 0, false,
       "Checks that enums added to a schema are reported; the registry accepts them."},
      DeletesElement(
          {"REGISTRY_ENUM_REMOVED", kProto, 0, false,
           "Checks that enums removed from a schema are reported; the registry accepts them."}),
      {"REGISTRY_ENUM_VALUE_ADDED", kProto, 0, false,
       "Checks that enum values added to an enum are reported; the registry accepts them."},
      DeletesElement({"REGISTRY_ENUM_VALUE_REMOVED", kProto, 0, false,
                      "Checks that enum values removed from an enum are reported; the registry "
                      "accepts them."}),
      {"REGISTRY_ENUM_VALUE_RENAMED", kProto, 0, false,
       "Checks that renamed enum values are reported; the registry accepts them."},
      {"REGISTRY_FIELD_ADDED", kProto, 0, false,
       "Checks that fields added outside a oneof are reported; the registry accepts them."},
      {"REGISTRY_FIELD_JOINED_ONEOF", kProto, 0, false,
       "Checks that fields do not move into an existing oneof or from one oneof into another "
       "(a renamed oneof included)."},
      {"REGISTRY_FIELD_KIND_CHANGED", kProto, 0, false,
       "Checks that fields do not change kind between scalar, message and map."},
      {"REGISTRY_FIELD_LABEL_CHANGED", kProto, 0, false,
       "Checks that numeric scalar fields do not switch between optional and repeated."},
      {"REGISTRY_FIELD_LEFT_ONEOF", kProto, 0, false,
       "Checks that fields moved out of a oneof to the top level are reported; the registry "
       "accepts them."},
      {"REGISTRY_FIELD_MESSAGE_TYPE_CHANGED", kProto, 0, false,
       "Checks that message-typed fields keep naming the same message."},
      DeletesElement(
          {"REGISTRY_FIELD_REMOVED", kProto, 0, false,
           "Checks that fields removed outside a oneof are reported; the registry accepts them."}),
      {"REGISTRY_FIELD_RENAMED", kProto, 0, false,
       "Checks that renamed fields are reported; the registry accepts them."},
      {"REGISTRY_FIELD_SCALAR_GROUP_CHANGED", kProto, 0, false,
       "Checks that scalar fields keep a type of the same wire group."},
      {"REGISTRY_FIELD_SCALAR_TYPE_CHANGED", kProto, 0, false,
       "Checks that scalar type changes inside one wire group (int32 to int64) are reported; the "
       "registry accepts them."},
      DeletesElement(
          {"REGISTRY_FILE_REMOVED", kProto, 0, false,
           "Checks that a registered schema file is not deleted: the subject's next registration "
           "would not contain its messages."}),
      {"REGISTRY_MESSAGE_ADDED", kProto, 0, false,
       "Checks that messages added to a schema are reported; the registry accepts them."},
      DeletesElement(
          {"REGISTRY_MESSAGE_REMOVED", kProto, 0, false,
           "Checks that messages are not removed from a schema (moving one into an imported file "
           "under the same full name is no removal)."}),
      {"REGISTRY_ONEOF_ADDED", kProto, 0, false,
       "Checks that oneofs added to a message are reported; the registry accepts them."},
      {"REGISTRY_ONEOF_FIELDS_MERGED", kProto, 0, false,
       "Checks that a new oneof does not gather two or more formerly independent fields."},
      {"REGISTRY_ONEOF_FIELD_ADDED", kProto, 0, false,
       "Checks that new field numbers added inside an existing oneof are reported; the registry "
       "accepts them."},
      DeletesElement(
          {"REGISTRY_ONEOF_FIELD_REMOVED", kProto, 0, false,
           "Checks that oneof members do not disappear unless the whole oneof goes with them."}),
      DeletesElement(
          {"REGISTRY_ONEOF_REMOVED", kProto, 0, false,
           "Checks that oneofs removed from a message are reported; the registry accepts them."}),
      {"REGISTRY_ONEOFS_MERGED", kProto, 0, false,
       "Checks that a new oneof does not merge the fields of different oneofs."},
      DeletesElement({"REGISTRY_PACKAGE_CHANGED", kProto, 0, false,
                      "Checks that a schema keeps its package."}),
      {"REGISTRY_REQUIRED_FIELD_ADDED", kProto, 0, false,
       "Checks that proto2 required fields are not added."},
      DeletesElement({"REGISTRY_REQUIRED_FIELD_REMOVED", kProto, 0, false,
                      "Checks that proto2 required fields are not removed."}),
      {"REGISTRY_STRING_FIELD_LABEL_CHANGED", kProto, 0, false,
       "Checks that string and bytes fields switching between optional and repeated are reported; "
       "the registry accepts them."},
  };
  return kRows;
}

}  // namespace contract_lint
