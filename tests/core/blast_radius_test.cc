// The Markdown report's Mermaid graph (src/ownership/blast_radius.cc): only
// the grammar's node (`id["label"]`) and edge (`a --> b`, `a -->|RULE| b`)
// forms, every edge between declared ids, labels that no report text can
// break, and the 30-node cut with its summary line.
#include "ownership/blast_radius.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "report/report.h"
#include "test_support.h"

namespace contract_lint {
namespace {

Finding Breaking(const std::string& contract, const std::string& subject,
                 std::vector<std::string> affected) {
  Finding f;
  f.rule = "FIELD_SAME_TYPE";
  f.severity = Severity::kError;
  f.contract = contract;
  f.subject = subject;
  f.location.path = "proto/x.proto";
  f.affected = std::move(affected);
  return f;
}

// The graph's lines between the fences; REQUIREs the fences.
std::vector<std::string> GraphLines(const std::string& markdown) {
  size_t start = markdown.find("```mermaid\nflowchart LR\n");
  REQUIRE(start != std::string::npos);
  start += std::string("```mermaid\nflowchart LR\n").size();
  size_t end = markdown.find("```\n", start);
  REQUIRE(end != std::string::npos);
  std::vector<std::string> lines;
  std::istringstream in(markdown.substr(start, end - start));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Checks the grammar forms; returns the number of nodes.
int CheckGrammar(const std::vector<std::string>& lines) {
  static const std::regex kNode(R"re(  ([cek][0-9]+)\["([^"`<>]*)"\])re");
  static const std::regex kEdge(R"(  ([cek][0-9]+) -->(\|[A-Z0-9_]+\|)? ([cek][0-9]+))");
  std::set<std::string> ids;
  for (const auto& line : lines) {
    std::smatch m;
    INFO(line);
    if (std::regex_match(line, m, kNode)) {
      CHECK(ids.insert(m[1]).second);
      // Only Mermaid entity codes may use '#'.
      std::string label = m[2];
      CHECK(std::regex_replace(label, std::regex("#(quot|lt|gt|amp|35|96);"), "").find('#') ==
            std::string::npos);
    } else if (std::regex_match(line, m, kEdge)) {
      CHECK(ids.count(m[1]));
      CHECK(ids.count(m[3]));
    } else {
      FAIL("not a node or an edge: " << line);
    }
  }
  return static_cast<int>(ids.size());
}

TEST_CASE("blast radius: contract -> element -> consumer with owner", "[report][mermaid]") {
  Report report;
  report.findings.push_back(
      Breaking("orders", "acme.orders.v1.Order.total", {"checkout", "ledger"}));
  report.consumers.push_back({"checkout", "team-checkout", "", 1, {"FIELD_SAME_TYPE"}});
  std::string graph = BlastRadiusMermaid(report);
  CHECK(graph ==
        "```mermaid\nflowchart LR\n"
        "  c1[\"orders\"]\n"
        "  e2[\"acme.orders.v1.Order.total\"]\n"
        "  k3[\"checkout (team-checkout)\"]\n"
        "  k4[\"ledger\"]\n"
        "  c1 --> e2\n"
        "  e2 -->|FIELD_SAME_TYPE| k3\n"
        "  e2 -->|FIELD_SAME_TYPE| k4\n"
        "```\n");
  CHECK(CheckGrammar(GraphLines(RenderReport(report, ReportFormat::kMarkdown, {}))) == 4);
}

TEST_CASE("blast radius: the golden Markdown report's graph is valid Mermaid",
          "[report][mermaid]") {
  std::string markdown = testing::ReadFile(testing::SourceDir() / "tests" / "golden" / "report.md");
  std::vector<std::string> lines = GraphLines(markdown);
  // contract -> element -> consumer (with owner): both contracts, three
  // breaking elements, two consumers.
  CHECK(CheckGrammar(lines) == 7);
  CHECK(std::count(lines.begin(), lines.end(), "  k3[\"billing (team-billing)\"]") == 1);
}

TEST_CASE("blast radius: hostile names stay inside their labels", "[report][mermaid]") {
  Report report;
  report.findings.push_back(
      Breaking("a\"]; click c1 \"x", "s.json#/properties/`x`<b>&", {"```\nbreak", "c#1"}));
  std::string graph = BlastRadiusMermaid(report);
  INFO(graph);
  CHECK(CheckGrammar(GraphLines(graph)) == 4);
  CHECK(graph.find("#quot;") != std::string::npos);
  CHECK(graph.find("#96;#96;#96;") != std::string::npos);
}

TEST_CASE("blast radius: no breaking finding with consumers, no graph", "[report][mermaid]") {
  Report report;
  report.findings.push_back(Breaking("orders", "a.B", {}));
  Finding warning = Breaking("orders", "a.C", {"x"});
  warning.severity = Severity::kWarning;
  report.findings.push_back(warning);
  Finding suppressed = Breaking("orders", "a.D", {"x"});
  suppressed.suppressed = true;
  report.findings.push_back(suppressed);
  CHECK(BlastRadiusMermaid(report).empty());
}

TEST_CASE("blast radius: at most 30 nodes, the rest summarised", "[report][mermaid]") {
  Report report;
  for (int i = 0; i < 20; ++i)
    report.findings.push_back(
        Breaking("orders", "a.Field" + std::to_string(i), {"consumer" + std::to_string(i)}));
  std::string graph = BlastRadiusMermaid(report);
  INFO(graph);
  // 1 contract + 14 * (element + consumer) = 29; the 15th would make 31.
  CHECK(CheckGrammar(GraphLines(graph)) == 29);
  CHECK(graph.ends_with(
      "\n6 more breaking changes affecting consumers not drawn (over 30 nodes); see the "
      "table.\n"));
}

}  // namespace
}  // namespace contract_lint
