// The JSON Schema rule rows. Directions come from docs/jsonschema-compat.md: the
// mode (BACKWARD / FORWARD / FULL) decides which of them break.
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

constexpr RuleInfo Row(std::string_view id, std::string_view purpose) {
  return RuleInfo{id, ContractKind::kJsonSchema, 0, true, purpose};
}

constexpr RuleInfo kRows[] = {
    DeletesElement(Row("SCHEMA_NO_DELETE", "Checks that JSON Schema files are not deleted.")),
    Row("REF_UNRESOLVED_REMOTE",
        "Checks that every $ref can be checked: remote (http/https) references are never fetched "
        "and are reported unresolved."),
    Row("REF_UNRESOLVED",
        "Checks that every $ref names something in the repository (a file, definition or "
        "$id); one the baseline could not follow either is reported (a warning; one the change "
        "breaks is "
        "an input error)."),
    Row("SCHEMA_ID_DUPLICATE",
        "Checks that no two schema files claim the same $id (a warning: each file's fragment-only "
        "$refs still resolve in the file itself)."),
    Row("SCHEMA_INVALID",
        "Checks that a schema is valid against its draft's metaschema; one the baseline's "
        "metaschema rejected too is reported (a warning; one the change makes invalid is an input "
        "error)."),
    Row("SUBSCHEMA_NO_FORBID", "Checks that no subschema becomes false (rejecting every value)."),
    Row("SUBSCHEMA_NO_ALLOW", "Checks that no false subschema starts accepting values."),
    Row("TYPE_NO_NARROW",
        "Checks that type does not shrink or appear (for example number to integer)."),
    Row("TYPE_NO_WIDEN",
        "Checks that type does not grow or disappear (for example string to [string, null])."),
    Row("TYPE_NO_CHANGE",
        "Checks that type is not replaced by an incomparable one (for example string to integer)."),
    Row("ENUM_NO_ADD", "Checks that enum or const is not added to a subschema."),
    Row("ENUM_NO_DELETE", "Checks that enum or const is not removed from a subschema."),
    Row("ENUM_VALUE_NO_ADD", "Checks that no value is added to enum or const."),
    Row("ENUM_VALUE_NO_DELETE", "Checks that no value is removed from enum or const."),
    Row("MINIMUM_NO_INCREASE", "Checks that minimum (or exclusiveMinimum) is not raised or added."),
    Row("MINIMUM_NO_DECREASE",
        "Checks that minimum (or exclusiveMinimum) is not lowered or removed."),
    Row("MAXIMUM_NO_DECREASE",
        "Checks that maximum (or exclusiveMaximum) is not lowered or added."),
    Row("MAXIMUM_NO_INCREASE",
        "Checks that maximum (or exclusiveMaximum) is not raised or removed."),
    Row("MIN_LENGTH_NO_INCREASE", "Checks that minLength is not raised or added."),
    Row("MIN_LENGTH_NO_DECREASE", "Checks that minLength is not lowered or removed."),
    Row("MAX_LENGTH_NO_DECREASE", "Checks that maxLength is not lowered or added."),
    Row("MAX_LENGTH_NO_INCREASE", "Checks that maxLength is not raised or removed."),
    Row("MIN_ITEMS_NO_INCREASE", "Checks that minItems is not raised or added."),
    Row("MIN_ITEMS_NO_DECREASE", "Checks that minItems is not lowered or removed."),
    Row("MAX_ITEMS_NO_DECREASE", "Checks that maxItems is not lowered or added."),
    Row("MAX_ITEMS_NO_INCREASE", "Checks that maxItems is not raised or removed."),
    Row("MIN_PROPERTIES_NO_INCREASE", "Checks that minProperties is not raised or added."),
    Row("MIN_PROPERTIES_NO_DECREASE", "Checks that minProperties is not lowered or removed."),
    Row("MAX_PROPERTIES_NO_DECREASE", "Checks that maxProperties is not lowered or added."),
    Row("MAX_PROPERTIES_NO_INCREASE", "Checks that maxProperties is not raised or removed."),
    Row("MIN_CONTAINS_NO_INCREASE", "Checks that minContains is not raised or added."),
    Row("MIN_CONTAINS_NO_DECREASE", "Checks that minContains is not lowered or removed."),
    Row("MAX_CONTAINS_NO_DECREASE", "Checks that maxContains is not lowered or added."),
    Row("MAX_CONTAINS_NO_INCREASE", "Checks that maxContains is not raised or removed."),
    Row("MULTIPLE_OF_NO_ADD", "Checks that multipleOf is not added."),
    Row("MULTIPLE_OF_NO_DELETE", "Checks that multipleOf is not removed."),
    Row("MULTIPLE_OF_NO_CHANGE", "Checks that multipleOf is not changed."),
    Row("PATTERN_NO_ADD", "Checks that pattern is not added."),
    Row("PATTERN_NO_DELETE", "Checks that pattern is not removed."),
    Row("PATTERN_NO_CHANGE", "Checks that pattern is not changed."),
    Row("FORMAT_NO_ADD", "Checks that format is not added."),
    Row("FORMAT_NO_DELETE", "Checks that format is not removed."),
    Row("FORMAT_NO_CHANGE", "Checks that format is not changed."),
    Row("CONTENT_ENCODING_NO_ADD", "Checks that contentEncoding is not added."),
    Row("CONTENT_ENCODING_NO_DELETE", "Checks that contentEncoding is not removed."),
    Row("CONTENT_ENCODING_NO_CHANGE", "Checks that contentEncoding is not changed."),
    Row("CONTENT_MEDIA_TYPE_NO_ADD", "Checks that contentMediaType is not added."),
    Row("CONTENT_MEDIA_TYPE_NO_DELETE", "Checks that contentMediaType is not removed."),
    Row("CONTENT_MEDIA_TYPE_NO_CHANGE", "Checks that contentMediaType is not changed."),
    Row("UNIQUE_ITEMS_NO_ADD", "Checks that uniqueItems does not change from false to true."),
    Row("UNIQUE_ITEMS_NO_DELETE", "Checks that uniqueItems does not change from true to false."),
    Row("REQUIRED_NO_ADD", "Checks that no property becomes required."),
    Row("REQUIRED_NO_DELETE", "Checks that no property stops being required."),
    Row("PROPERTY_NO_ADD",
        "Checks that no property is added where the content model makes it a change (open, closed "
        "or partially open)."),
    DeletesElement(
        Row("PROPERTY_NO_DELETE",
            "Checks that no property is removed where the content model makes it a change (open, "
            "closed or partially open).")),
    Row("PATTERN_PROPERTY_NO_ADD", "Checks that no patternProperties entry is added."),
    DeletesElement(
        Row("PATTERN_PROPERTY_NO_DELETE", "Checks that no patternProperties entry is removed.")),
    Row("PROPERTY_NAMES_NO_ADD", "Checks that propertyNames is not added."),
    Row("PROPERTY_NAMES_NO_DELETE", "Checks that propertyNames is not removed."),
    Row("DEPENDENT_REQUIRED_NO_ADD",
        "Checks that no name is added to dependentRequired (or the array form of dependencies)."),
    Row("DEPENDENT_REQUIRED_NO_DELETE",
        "Checks that no name is removed from dependentRequired (or the array form of "
        "dependencies)."),
    Row("DEPENDENT_SCHEMA_NO_ADD",
        "Checks that no dependentSchemas entry (or schema form of dependencies) is added."),
    Row("DEPENDENT_SCHEMA_NO_DELETE",
        "Checks that no dependentSchemas entry (or schema form of dependencies) is removed."),
    Row("TUPLE_ITEM_NO_ADD",
        "Checks that no tuple position (prefixItems, or array-form items) is added where the "
        "catch-all makes it a change."),
    DeletesElement(
        Row("TUPLE_ITEM_NO_DELETE",
            "Checks that no tuple position (prefixItems, or array-form items) is removed where the "
            "catch-all makes it a change.")),
    Row("CONTAINS_NO_ADD", "Checks that contains is not added."),
    Row("CONTAINS_NO_DELETE", "Checks that contains is not removed."),
    Row("NOT_NO_ADD", "Checks that not is not added."),
    Row("NOT_NO_DELETE", "Checks that not is not removed."),
    Row("NOT_NO_CHANGE", "Checks that the schema under not does not change."),
    Row("IF_NO_ADD", "Checks that if/then/else is not added."),
    Row("IF_NO_DELETE", "Checks that if/then/else is not removed."),
    Row("IF_NO_CHANGE", "Checks that the condition of if/then/else does not change."),
    Row("ALL_OF_BRANCH_NO_ADD", "Checks that no allOf branch is added."),
    Row("ALL_OF_BRANCH_NO_DELETE", "Checks that no allOf branch is removed."),
    Row("ANY_OF_BRANCH_NO_ADD", "Checks that no anyOf branch accepting new documents is added."),
    Row("ANY_OF_BRANCH_NO_DELETE",
        "Checks that no anyOf branch is removed unless another branch covers it."),
    Row("ANY_OF_NO_ADD", "Checks that anyOf is not added to a subschema."),
    Row("ANY_OF_NO_DELETE", "Checks that anyOf is not removed from a subschema."),
    Row("ONE_OF_BRANCH_NO_ADD",
        "Checks that no oneOf branch is added (an overlapping one also rejects documents that now "
        "match twice)."),
    Row("ONE_OF_BRANCH_NO_DELETE", "Checks that no oneOf branch is removed."),
    Row("ONE_OF_NO_ADD", "Checks that oneOf is not added to a subschema."),
    Row("ONE_OF_NO_DELETE", "Checks that oneOf is not removed from a subschema."),
    Row("DEPRECATED_NO_ADD",
        "Checks that subschemas newly marked deprecated are reported (info, never breaking)."),
    Row("DEFAULT_NO_CHANGE",
        "Checks that default values do not change (a warning: consumers that fill in defaults "
        "behave differently)."),
};

}  // namespace

std::span<const RuleInfo> JsonSchemaRuleRows() { return kRows; }

}  // namespace contract_lint
