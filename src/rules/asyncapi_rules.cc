// The AsyncAPI rule rows (ASYNCAPI_ prefix). The policy sets each finding's
// severity from its row; `breaking.except` turns a rule off.
#include "rules/rule_rows.h"

namespace contract_lint {
namespace {

constexpr RuleInfo Row(std::string_view id, Severity level, std::string_view purpose) {
  return RuleInfo{id, ContractKind::kAsyncApi, 0, true, purpose, {}, false, level};
}

constexpr RuleInfo kRows[] = {
    DeletesElement(Row("ASYNCAPI_CHANNEL_DELETED", Severity::kError,
                       "Checks that no channel is deleted from an AsyncAPI document (paired by "
                       "name in 2.x, by channel id in 3.0).")),
    DeletesElement(Row("ASYNCAPI_OPERATION_DELETED", Severity::kError,
                       "Checks that no operation is deleted (3.0: by operation id; 2.x: the "
                       "publish or subscribe operation of a channel).")),
    DeletesElement(Row("ASYNCAPI_MESSAGE_DELETED", Severity::kError,
                       "Checks that no message is deleted from a channel (3.0) or from "
                       "components.messages.")),
    DeletesElement(Row("ASYNCAPI_MESSAGE_REMOVED_FROM_OPERATION", Severity::kError,
                       "Checks that no message (by name or messageId) is removed from an "
                       "operation.")),
    Row("ASYNCAPI_OPERATION_ACTION_CHANGED", Severity::kError,
        "Checks that a 3.0 operation's action (send/receive) does not change."),
    Row("ASYNCAPI_CHANNEL_ADDRESS_CHANGED", Severity::kError,
        "Checks that a 3.0 channel's address does not change (applications on the old address "
        "no longer meet)."),
    Row("ASYNCAPI_KAFKA_KEY_CHANGED", Severity::kError,
        "Checks that a message's Kafka key (bindings.kafka.key) does not change, appear or "
        "disappear: the key decides the partition, so per-key ordering breaks."),
    Row("ASYNCAPI_SCHEMA_FORMAT_NOT_CHECKED", Severity::kWarning,
        "Reports a changed message payload in a schemaFormat other than JSON Schema (Avro, "
        "Protobuf, ...): contract-lint does not judge it, it never passes silently."),
    Row("ASYNCAPI_PAYLOAD_CHANGED", Severity::kWarning,
        "Reports a message payload changed in a way the JSON Schema engine cannot judge (added, "
        "removed, unreadable): a warning to review, never a silent pass."),
    Row("ASYNCAPI_HEADERS_CHANGED", Severity::kWarning,
        "Reports message headers changed in a way the JSON Schema engine cannot judge (added, "
        "removed, unreadable): a warning to review, never a silent pass."),
};

}  // namespace

std::span<const RuleInfo> AsyncApiRuleRows() { return kRows; }

}  // namespace contract_lint
