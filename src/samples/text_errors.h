// Collects libprotobuf text-format (and tokenizer) errors with their 1-based
// position, keeping the first: the one a user fixes first.
#pragma once

#include <google/protobuf/io/tokenizer.h>

#include <string>

namespace contract_lint {

class FirstTextError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (!message_.empty()) return;
    line_ = line + 1;
    column_ = column + 1;
    message_ = message;
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}

  bool any() const { return !message_.empty(); }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  int line_ = 1;
  int column_ = 1;
  std::string message_;
};

}  // namespace contract_lint
