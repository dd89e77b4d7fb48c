// `contract-lint explain RULE_ID`: one rule's explanation on stdout.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "policy/rule_docs.h"

namespace contract_lint {

CommandRunner AddExplainCommand(CLI::App* explain) {
  auto rule_id = std::make_shared<std::string>();
  explain->add_option("RULE_ID", *rule_id, "A rule id, e.g. FIELD_NO_DELETE")->required();
  return [rule_id] {
    std::string text;
    if (!ExplainRule(*rule_id, &text)) {
      std::cerr << "contract-lint: error: " << text << "\n";  // with a "did you mean"
      return 2;
    }
    std::cout << text;
    return 0;
  };
}

}  // namespace contract_lint
