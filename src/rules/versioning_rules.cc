// The rule rows of the versioning stage (src/policy/versioning.cc). Their
// kind is nominal: ELEMENT_NO_DELETE_UNLESS_DEPRECATED judges both kinds.
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

constexpr RuleInfo kRows[] = {
    DeletesElement(RuleInfo{
        "ELEMENT_NO_DELETE_UNLESS_DEPRECATED", ContractKind::kProto, 0, false,
        "Checks that an element is marked deprecated in the baseline before it is deleted "
        "(enabled by versioning.require_deprecation; fields, enum values, methods, messages, "
        "enums, services and JSON Schema properties)."}),
    RuleInfo{"VERSION_MAJOR_BUMP_REQUIRED", ContractKind::kJsonSchema, 0, true,
             "Checks that a JSON Schema with a semver version bumps its major version when it "
             "makes a breaking change."},
    RuleInfo{"VERSION_NEXT", ContractKind::kJsonSchema, 0, true,
             "Suggests the next semver version of a changed JSON Schema from its changes: major "
             "for a breaking change, minor for a compatible one, patch for annotations."},
};

}  // namespace

std::span<const RuleInfo> VersioningRuleRows() { return kRows; }

}  // namespace contract_lint
