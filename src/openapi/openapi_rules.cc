// The OpenAPI rule rows: oasdiff's check ids (../shared/docs/openapi-rules.md)
// with oasdiff's level as the severity (ERR -> error, WARN -> warning, INFO ->
// info). The policy sets each finding's severity from its row.
#include "policy/rule_rows.h"

namespace contract_lint {
namespace {

constexpr RuleInfo Row(std::string_view id, Severity level, std::string_view purpose) {
  return RuleInfo{id, ContractKind::kOpenApi, 0, true, purpose, nullptr, {}, false, level};
}

constexpr RuleInfo kRows[] = {
    Row("endpoint-added", Severity::kInfo, "Reports an operation added to the API (oasdiff INFO)."),
    DeletesElement(Row("api-path-removed-without-deprecation", Severity::kError,
                       "Checks that a path is not removed before its operations are deprecated.")),
    Row("api-path-removed-with-deprecation", Severity::kInfo,
        "Reports a path removed after its operations were deprecated."),
    DeletesElement(Row("api-removed-without-deprecation", Severity::kError,
                       "Checks that an operation is not removed before it is deprecated.")),
    Row("api-removed-with-deprecation", Severity::kInfo,
        "Reports an operation removed after it was deprecated."),
    Row("new-required-request-parameter", Severity::kError,
        "Checks that no required request parameter is added."),
    Row("new-optional-request-parameter", Severity::kInfo,
        "Reports an optional request parameter added."),
    DeletesElement(
        Row("request-parameter-removed", Severity::kWarning,
            "Checks that no request parameter is removed (old clients may still send it).")),
    Row("request-parameter-became-required", Severity::kError,
        "Checks that an optional request parameter does not become required."),
    Row("request-parameter-became-optional", Severity::kInfo,
        "Reports a required request parameter that became optional."),
    Row("request-parameter-type-changed", Severity::kError,
        "Checks that a request parameter's type does not change to one that rejects values old "
        "clients send."),
    Row("request-body-added-required", Severity::kError,
        "Checks that no required request body is added."),
    Row("request-body-added-optional", Severity::kInfo, "Reports an optional request body added."),
    DeletesElement(Row("request-body-removed", Severity::kError,
                       "Checks that a request body is not removed.")),
    Row("request-body-became-required", Severity::kError,
        "Checks that an optional request body does not become required."),
    Row("request-body-became-optional", Severity::kInfo,
        "Reports a required request body that became optional."),
    DeletesElement(Row("request-body-media-type-removed", Severity::kError,
                       "Checks that no media type is removed from a request body.")),
    Row("request-body-media-type-added", Severity::kInfo,
        "Reports a media type added to a request body."),
    Row("request-body-type-changed", Severity::kError,
        "Checks that a request body's type does not change to one that rejects what old clients "
        "send."),
    Row("new-required-request-property", Severity::kError,
        "Checks that no required property is added to a request body."),
    Row("new-optional-request-property", Severity::kInfo,
        "Reports an optional property added to a request body."),
    DeletesElement(Row(
        "request-property-removed", Severity::kWarning,
        "Checks that no property is removed from a request body (old clients may still send it).")),
    Row("request-property-became-required", Severity::kError,
        "Checks that an optional request property does not become required."),
    Row("request-property-became-optional", Severity::kInfo,
        "Reports a required request property that became optional."),
    Row("request-property-type-changed", Severity::kError,
        "Checks that a request property's type does not change to one that rejects values old "
        "clients send."),
    DeletesElement(Row("response-success-status-removed", Severity::kError,
                       "Checks that no success (2xx) response status is removed.")),
    Row("response-non-success-status-removed", Severity::kInfo,
        "Reports a non-success response status removed."),
    Row("response-success-status-added", Severity::kInfo,
        "Reports a success response status added."),
    Row("response-non-success-status-added", Severity::kInfo,
        "Reports a non-success response status added."),
    DeletesElement(Row("response-media-type-removed", Severity::kError,
                       "Checks that no media type is removed from a response.")),
    Row("response-media-type-added", Severity::kInfo, "Reports a media type added to a response."),
    Row("response-body-type-changed", Severity::kError,
        "Checks that a response body's type does not change to one old clients cannot read."),
    DeletesElement(Row("response-required-property-removed", Severity::kError,
                       "Checks that no required property is removed from a response body.")),
    DeletesElement(Row("response-optional-property-removed", Severity::kWarning,
                       "Checks that no optional property is removed from a response body.")),
    Row("response-required-property-added", Severity::kInfo,
        "Reports a required property added to a response body."),
    Row("response-optional-property-added", Severity::kInfo,
        "Reports an optional property added to a response body."),
    Row("response-property-became-optional", Severity::kError,
        "Checks that a required response property does not become optional."),
    Row("response-property-became-required", Severity::kInfo,
        "Reports an optional response property that became required."),
    Row("response-property-type-changed", Severity::kError,
        "Checks that a response property's type does not change to one old clients cannot read."),
    Row("request-parameter-became-nullable", Severity::kInfo,
        "Reports a request parameter that started accepting null."),
    Row("request-parameter-became-not-nullable", Severity::kError,
        "Checks that a request parameter keeps accepting null."),
    Row("request-body-became-nullable", Severity::kInfo,
        "Reports a request body that started accepting null."),
    Row("request-body-became-not-nullable", Severity::kError,
        "Checks that a request body keeps accepting null."),
    Row("request-property-became-nullable", Severity::kInfo,
        "Reports a request property that started accepting null."),
    Row("request-property-became-not-nullable", Severity::kError,
        "Checks that a request property keeps accepting null."),
    Row("response-body-became-nullable", Severity::kError,
        "Checks that a response body does not become nullable (old clients do not expect null)."),
    Row("response-body-became-not-nullable", Severity::kInfo,
        "Reports a response body that stopped being nullable."),
    Row("response-property-became-nullable", Severity::kError,
        "Checks that a response property does not become nullable (old clients do not expect "
        "null)."),
    Row("response-property-became-not-nullable", Severity::kInfo,
        "Reports a response property that stopped being nullable."),
};

}  // namespace

std::span<const RuleInfo> OpenApiRuleRows() { return kRows; }

}  // namespace contract_lint
