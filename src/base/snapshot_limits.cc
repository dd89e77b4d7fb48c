#include "base/snapshot_limits.h"

namespace contract_lint {

bool LimitedSnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  if (!inner_->Read(path, contents, error)) return false;
  if (contents->size() > limits_.max_file_bytes) {
    *error =
        "the file is " + std::to_string(contents->size()) + " bytes, over the limit of " +
        std::to_string(limits_.max_file_bytes) +
        " bytes (raise limits.max_file_bytes in contract-lint.yaml if it is really a contract)";
    contents->clear();
    contents->shrink_to_fit();
    return false;
  }
  return true;
}

}  // namespace contract_lint
