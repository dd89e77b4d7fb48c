// `contract-lint rules`: the rule table on stdout, as text or JSON.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "policy/rule_docs.h"

namespace contract_lint {

CommandRunner AddRulesCommand(CLI::App* rules) {
  auto format = std::make_shared<std::string>("text");
  rules->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [format] {
    std::cout << RenderRuleList(*format == "json");
    return 0;
  };
}

}  // namespace contract_lint
