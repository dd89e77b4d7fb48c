// PLACEHOLDER (being written).
#include "proto/proto_check.h"

namespace contract_lint {
ProtoStats CheckProto(const Snapshot&, const Snapshot&, const ProtoSettings&,
                      std::vector<Finding>*, Diagnostics* diagnostics) {
  diagnostics->Add("Protobuf checking is not built yet");
  return {};
}
}  // namespace contract_lint
