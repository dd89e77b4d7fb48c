// The rule sets of buf.yaml v1beta1, v1 and v2 against buf's own lists
// (tests/proto/buf_rules_V.txt = `buf config ls-breaking-rules --version V
// --include-deprecated`; scripts/buf-compare.sh checks they are current).
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

#include "policy/policy.h"
#include "rules/rule_rows.h"
#include "rules/rule_table.h"
#include "test_support.h"

namespace contract_lint {
namespace {

struct BufRule {
  std::set<std::string> categories;
  bool deprecated = false;
  std::string replacements;
};

std::map<std::string, BufRule> BufList(const std::string& version) {
  std::map<std::string, BufRule> rules;
  std::istringstream in(testing::ReadFile(testing::SourceDir() / "tests" / "proto" /
                                          ("buf_rules_" + version + ".txt")));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string id, categories, deprecated;
    fields >> id >> categories >> deprecated;
    BufRule& rule = rules[id];
    std::istringstream names(categories);
    for (std::string name; std::getline(names, name, ',');) {
      if (name != "-") rule.categories.insert(name);
    }
    rule.deprecated = deprecated == "deprecated";
    fields >> rule.replacements;
  }
  return rules;
}

std::set<std::string> Expand(const std::string& version, const std::string& name,
                             std::string* unknown) {
  std::vector<std::string> ids;
  if (!ExpandBufRuleNames(version, {name}, &ids, unknown)) return {};
  return {ids.begin(), ids.end()};
}

TEST_CASE("each buf.yaml version has buf's rules, categories and deprecated ids", "[proto][buf]") {
  for (std::string version : {"v1beta1", "v1", "v2"}) {
    auto listed = BufList(version);
    REQUIRE(listed.size() > 50);
    for (std::string category : {"FILE", "PACKAGE", "WIRE_JSON", "WIRE", "CSR"}) {
      std::set<std::string> expected;
      for (const auto& [id, rule] : listed) {
        if (rule.categories.count(category)) expected.insert(id);
      }
      std::string unknown;
      INFO(version << " " << category);
      CHECK(Expand(version, category, &unknown) == expected);
      if (expected.empty()) CHECK(unknown == category);  // CSR before v2
    }
    for (const auto& [id, rule] : listed) {
      INFO(version << " " << id);
      std::string unknown;
      CHECK(Expand(version, id, &unknown) == std::set<std::string>{id});
      const RuleInfo* info = nullptr;
      for (const RuleInfo& row : ProtoRuleRows()) {
        if (row.id == id) info = &row;
      }
      REQUIRE(info);
      CHECK(info->replaced_by == rule.replacements);
      CHECK((info->categories == 0) == rule.deprecated);
    }
    for (const RuleInfo& row : ProtoRuleRows()) {
      if (listed.count(std::string(row.id))) continue;
      INFO(version << " has no " << row.id);
      std::string unknown;
      CHECK(Expand(version, std::string(row.id), &unknown).empty());
      CHECK(unknown == row.id);
    }
  }
}

TEST_CASE("a v1 deprecated id enables its replacements", "[proto][buf]") {
  BreakingPolicy policy;
  std::string unknown;
  policy.use.clear();
  REQUIRE(ExpandBufRuleNames(
      "v1", {"FIELD_SAME_LABEL", "FIELD_SAME_CTYPE", "FILE_SAME_JAVA_STRING_CHECK_UTF8"},
      &policy.use, &unknown));
  CHECK(EnabledProtoRules(policy) ==
        std::set<std::string>{"FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY",
                              "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
                              "FIELD_SAME_CPP_STRING_TYPE", "FIELD_SAME_JAVA_UTF8_VALIDATION"});
  std::vector<std::string> ids;
  CHECK_FALSE(ExpandBufRuleNames("v2", {"FILE", "FIELD_SAME_LABEL"}, &ids, &unknown));
  CHECK(unknown == "FIELD_SAME_LABEL");
}

}  // namespace
}  // namespace contract_lint
