// Every report format rendered from one fixed Report: golden files, SARIF
// checked against the official OASIS SARIF 2.1.0 schema, JUnit XML checked for
// well-formedness, and the escaping rules of each consumer.
//
// Regenerate the golden files after an intended change with
//   UPDATE_GOLDEN=1 build/tests/contract_lint_tests "[report]"
// and read the diff before committing it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "contract_lint/lint.h"
#include "report/report.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

Finding MakeFinding(std::string rule, Severity severity, ContractKind kind, Location location,
                    std::string message, std::string subject, std::string before, std::string after,
                    std::string contract, std::string owner, std::vector<std::string> affected) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.kind = kind;
  f.location = std::move(location);
  f.message = std::move(message);
  f.subject = std::move(subject);
  f.before = std::move(before);
  f.after = std::move(after);
  f.contract = std::move(contract);
  f.owner = std::move(owner);
  f.affected = std::move(affected);
  return f;
}

Location At(std::string path, int line, int column, int end_line, int end_column,
            Side side = Side::kCurrent) {
  Location l;
  l.path = std::move(path);
  l.line = line;
  l.column = column;
  l.end_line = end_line;
  l.end_column = end_column;
  l.side = side;
  return l;
}

// The one Report every golden file is rendered from. It covers both contract
// kinds, a deleted file (no location), a location in the baseline, every
// severity, a suppressed finding, and text that each format must escape
// ("%", ":", ",", "|", "<", ">", "&" and a path with ",", ":" and "%").
Report GoldenReport() {
  const std::string orders = "proto/acme/orders/v1/orders.proto";
  Report r;
  r.current = "working tree";
  r.against = "origin/main (1a2b3c4)";
  r.config_source = "contract-lint.yaml";

  r.findings.push_back(MakeFinding(
      "FIELD_SAME_TYPE", Severity::kError, ContractKind::kProto, At(orders, 12, 3, 12, 34),
      "Field \"3\" with name \"totals\" on message \"Order\" changed type from "
      "\"map<string, int64>\" to \"string\".",
      "acme.orders.v1.Order.totals", "map<string, int64>", "string", "orders", "team-orders",
      {"billing", "shipping"}));

  r.findings.push_back(
      MakeFinding("FILE_NO_DELETE", Severity::kError, ContractKind::kProto, Location{},
                  "Previously present file \"proto/acme/old/v1/old.proto\" was deleted.",
                  "proto/acme/old/v1/old.proto", "proto/acme/old/v1/old.proto", "", "orders",
                  "team-orders", {}));

  r.findings.push_back(MakeFinding(
      "MESSAGE_NO_DELETE", Severity::kError, ContractKind::kProto,
      At(orders, 40, 1, 44, 2, Side::kAgainst),
      "Previously present message \"LegacyOrder\" was deleted from file.",
      "acme.orders.v1.LegacyOrder", "LegacyOrder", "", "orders", "team-orders", {"shipping"}));

  Finding required = MakeFinding(
      "REQUIRED_NO_ADD", Severity::kError, ContractKind::kJsonSchema,
      At("schemas/orders/order-created.schema.json", 7, 15, 7, 45),
      "Property \"customer_id\" was added to \"required\" at #/required: documents without it, "
      "valid before, are now rejected.",
      "schemas/orders/order-created.schema.json#/required", "[\"order_id\"]",
      "[\"order_id\",\"customer_id\"]", "order-events", "team-orders", {"billing"});
  required.direction = Direction::kNarrowing;
  r.findings.push_back(required);

  r.findings.push_back(MakeFinding(
      "FIELD_NO_DELETE", Severity::kWarning, ContractKind::kProto,
      At("proto/acme/pricing/v1alpha1/price.proto", 9, 3, 9, 30),
      "Previously present field \"2\" with name \"discount_pct\" on message \"Price\" was "
      "deleted (unstable package: a warning; 100% of v1alpha1 clients must update).",
      "acme.pricing.v1alpha1.Price.discount_pct", "2 discount_pct", "", "pricing", "team-pricing",
      {"billing"}));

  Finding widened = MakeFinding(
      "ENUM_VALUE_NO_ADD", Severity::kInfo, ContractKind::kJsonSchema,
      At("schemas/orders/status,v2:100%.schema.json", 5, 13, 5, 39),
      "Enum at #/properties/status gained \"on_hold\": accepted values are now "
      "\"new\" | \"paid\" | \"on_hold\" & more documents are valid.",
      "schemas/orders/status,v2:100%.schema.json#/properties/status/enum", "[\"new\",\"paid\"]",
      "[\"new\",\"paid\",\"on_hold\"]", "order-events", "team-orders", {});
  widened.direction = Direction::kWidening;
  r.findings.push_back(widened);

  Finding suppressed = MakeFinding(
      "ENUM_VALUE_NO_DELETE", Severity::kError, ContractKind::kProto, At(orders, 60, 5, 60, 30),
      "Previously present enum value \"4\" on enum \"OrderStatus\" was deleted.",
      "acme.orders.v1.OrderStatus.ORDER_STATUS_LOST", "ORDER_STATUS_LOST", "", "orders",
      "team-orders", {"shipping"});
  suppressed.suppressed = true;
  suppressed.suppressed_by = "inline";
  r.findings.push_back(suppressed);

  for (auto& f : r.findings) f.fingerprint = Fingerprint(f);
  std::sort(r.findings.begin(), r.findings.end(), FindingLess);

  r.summary.errors = 4;
  r.summary.warnings = 1;
  r.summary.infos = 1;
  r.summary.suppressed = 1;
  r.summary.proto_files = 3;
  r.summary.jsonschema_files = 2;
  r.summary.changed_files = 5;

  r.consumers.push_back(
      {"billing", "team-billing", "#billing-alerts", 2, {"FIELD_SAME_TYPE", "REQUIRED_NO_ADD"}});
  r.consumers.push_back({"shipping",
                         "team-shipping",
                         "shipping@acme.example",
                         2,
                         {"FIELD_SAME_TYPE", "MESSAGE_NO_DELETE"}});
  r.consumers[0].source = "contract-lint.yaml";
  r.consumers[1].source = "backstage:services/shipping/catalog-info.yaml:3";
  return r;
}

struct GoldenFile {
  ReportFormat format;
  const char* name;
};

constexpr GoldenFile kGoldenFiles[] = {
    {ReportFormat::kText, "report.txt"},           {ReportFormat::kJson, "report.json"},
    {ReportFormat::kSarif, "report.sarif"},        {ReportFormat::kGithub, "report.github.txt"},
    {ReportFormat::kJunit, "report.xml"},          {ReportFormat::kMarkdown, "report.md"},
    {ReportFormat::kGitlab, "report.gitlab.json"}, {ReportFormat::kMsvs, "report.msvs.txt"},
};

bool UpdatingGolden() {
  const char* value = std::getenv("UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

fs::path GoldenDir() { return testing::SourceDir() / "tests" / "golden"; }

TEST_CASE("the summary counts of the golden report match its findings", "[report]") {
  Report r = GoldenReport();
  int errors = 0, warnings = 0, infos = 0, suppressed = 0;
  std::set<std::string> kinds;
  for (const auto& f : r.findings) {
    kinds.insert(std::string(KindName(f.kind)));
    if (f.suppressed) {
      ++suppressed;
    } else if (f.severity == Severity::kError) {
      ++errors;
    } else if (f.severity == Severity::kWarning) {
      ++warnings;
    } else {
      ++infos;
    }
  }
  CHECK(errors == r.summary.errors);
  CHECK(warnings == r.summary.warnings);
  CHECK(infos == r.summary.infos);
  CHECK(suppressed == r.summary.suppressed);
  CHECK(kinds == std::set<std::string>{"proto", "jsonschema"});
  CHECK(std::is_sorted(r.findings.begin(), r.findings.end(), FindingLess));
  for (const auto& c : r.consumers) {
    int breaking = 0;
    std::set<std::string> rules;
    for (const auto& f : r.findings) {
      bool affects = std::find(f.affected.begin(), f.affected.end(), c.name) != f.affected.end();
      if (affects && !f.suppressed && f.severity == Severity::kError) {
        ++breaking;
        rules.insert(f.rule);
      }
    }
    CHECK(breaking == c.breaking);
    CHECK(std::vector<std::string>(rules.begin(), rules.end()) == c.rules);
  }
}

TEST_CASE("every report format matches its golden file byte for byte", "[report]") {
  const Report report = GoldenReport();
  for (const auto& golden : kGoldenFiles) {
    DYNAMIC_SECTION(golden.name) {
      std::string actual = RenderReport(report, golden.format, {});
      fs::path path = GoldenDir() / golden.name;
      if (UpdatingGolden()) {
        testing::WriteFile(GoldenDir(), golden.name, actual);
        WARN("wrote " << path.string());
      }
      REQUIRE(fs::exists(path));
      std::string expected = testing::ReadFile(path);
      INFO("golden file " << path.string()
                          << " (regenerate with UPDATE_GOLDEN=1 and review the diff)");
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("every format name has a golden file", "[report]") {
  std::set<std::string> names;
  for (const auto& name : ReportFormatNames()) names.insert(name);
  CHECK(names.size() == std::size(kGoldenFiles));
  for (const auto& golden : kGoldenFiles) {
    bool named = false;
    for (const auto& name : names) named |= ParseReportFormat(name) == golden.format;
    CHECK(named);
  }
}

TEST_CASE("buf's --error-format names are accepted", "[report]") {
  CHECK(ParseReportFormat("text") == ReportFormat::kText);
  CHECK(ParseReportFormat("json") == ReportFormat::kJson);
  CHECK(ParseReportFormat("msvs") == ReportFormat::kMsvs);
  CHECK(ParseReportFormat("junit") == ReportFormat::kJunit);
  CHECK(ParseReportFormat("github-actions") == ReportFormat::kGithub);
  CHECK_FALSE(ParseReportFormat("config-ignore-yaml").has_value());
}

// ---------------------------------------------------------------- SARIF

const valijson::Schema& SarifSchema() {
  static const valijson::Schema* schema = [] {
    std::string text =
        testing::ReadFile(testing::SourceDir() / "tests" / "data" / "sarif-schema-2.1.0.json");
    static const nlohmann::json document = nlohmann::json::parse(text);
    auto* parsed = new valijson::Schema;
    // The OASIS schema declares draft-04 ("$schema", "id"); every $ref in it
    // is local ("#/definitions/..."), so no document fetching is needed.
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    parser.populateSchema(adapter, *parsed);
    return parsed;
  }();
  return *schema;
}

// "" when `document` is valid SARIF 2.1.0, else valijson's errors.
std::string SarifErrors(const nlohmann::json& document) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(SarifSchema(), target, &results)) return "";
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string context;
    for (const auto& part : error.context) context += part;
    errors += context + ": " + error.description + "\n";
  }
  return errors.empty() ? "invalid" : errors;
}

TEST_CASE("the OASIS SARIF 2.1.0 schema is the official one", "[report]") {
  auto schema = nlohmann::json::parse(
      testing::ReadFile(testing::SourceDir() / "tests" / "data" / "sarif-schema-2.1.0.json"));
  CHECK(schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
  CHECK(schema["properties"]["version"]["enum"] == nlohmann::json::array({"2.1.0"}));
  CHECK(schema["definitions"].contains("result"));
  CHECK(schema["definitions"].size() == 52);
}

TEST_CASE("SARIF output is valid SARIF 2.1.0 and carries our data", "[report]") {
  const Report report = GoldenReport();
  for (bool show_suppressed : {false, true}) {
    DYNAMIC_SECTION("show_suppressed=" << show_suppressed) {
      RenderOptions options;
      options.show_suppressed = show_suppressed;
      auto visible = VisibleFindings(report, options);
      auto sarif = nlohmann::json::parse(RenderReport(report, ReportFormat::kSarif, options));
      INFO(sarif.dump(2));
      CHECK(SarifErrors(sarif) == "");

      REQUIRE(sarif["runs"].size() == 1);
      const auto& run = sarif["runs"][0];
      CHECK(run["tool"]["driver"]["name"] == "contract-lint");

      // One rules entry per distinct rule used, each id once.
      std::set<std::string> used;
      for (const Finding* f : visible) used.insert(f->rule);
      const auto& rules = run["tool"]["driver"]["rules"];
      std::set<std::string> ids;
      for (const auto& rule : rules) ids.insert(rule["id"].get<std::string>());
      CHECK(rules.size() == used.size());
      CHECK(ids == used);

      const auto& results = run["results"];
      REQUIRE(results.size() == visible.size());
      for (size_t i = 0; i < visible.size(); ++i) {
        const Finding& f = *visible[i];
        const auto& result = results[i];
        INFO("result " << i << ": " << f.rule);
        CHECK(result["ruleId"] == f.rule);
        CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == f.rule);
        CHECK(result["partialFingerprints"]["contractLint/v1"] == Fingerprint(f));
        std::string level = f.severity == Severity::kError     ? "error"
                            : f.severity == Severity::kWarning ? "warning"
                                                               : "note";
        CHECK(result["level"] == level);
        // A baseline location is named in the message (issue 16, item 16).
        const Location located = FileLocation(f);
        CHECK(result["message"]["text"] == f.message + BaselineNote(located));
        CHECK(result["properties"]["affected"] == nlohmann::json(f.affected));
        CHECK(result["properties"]["subject"] == f.subject);
        CHECK(result.contains("suppressions") == f.suppressed);
        // GitHub code scanning needs a location on every result; a deleted
        // file points at its baseline path. A baseline location is the whole
        // file, never a line of the current file (issue 16, item 16).
        REQUIRE(result.contains("locations"));
        const auto& physical = result["locations"][0]["physicalLocation"];
        CHECK(physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
        if (located.side == Side::kAgainst) {
          CHECK_FALSE(physical.contains("region"));
        } else {
          CHECK(physical["region"]["startLine"].get<int>() >= 1);
        }
      }
    }
  }
}

TEST_CASE("SARIF details: affected consumers, baseline side, escaped URIs, suppressions",
          "[report]") {
  const Report report = GoldenReport();
  RenderOptions options;
  options.show_suppressed = true;
  auto sarif = nlohmann::json::parse(RenderReport(report, ReportFormat::kSarif, options));
  std::map<std::string, nlohmann::json> by_rule;
  for (const auto& result : sarif["runs"][0]["results"]) by_rule[result["ruleId"]] = result;

  CHECK(by_rule["FIELD_SAME_TYPE"]["properties"]["affected"] ==
        nlohmann::json::array({"billing", "shipping"}));
  CHECK(by_rule["FIELD_SAME_TYPE"]["properties"]["owner"] == "team-orders");
  CHECK(by_rule["FIELD_SAME_TYPE"]["properties"]["contract"] == "orders");
  CHECK(by_rule["MESSAGE_NO_DELETE"]["properties"]["side"] == "against");
  CHECK(by_rule["FILE_NO_DELETE"]["properties"]["side"] == "against");
  CHECK(by_rule["FILE_NO_DELETE"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "proto/acme/old/v1/old.proto");
  // A deleted message: the whole current file, the baseline line in the message.
  const auto& deleted = by_rule["MESSAGE_NO_DELETE"];
  CHECK(deleted["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "proto/acme/orders/v1/orders.proto");
  CHECK_FALSE(deleted["locations"][0]["physicalLocation"].contains("region"));
  CHECK(deleted["message"]["text"] ==
        "Previously present message \"LegacyOrder\" was deleted from file. "
        "(proto/acme/orders/v1/orders.proto:40:1 in the baseline)");
  CHECK(
      by_rule["ENUM_VALUE_NO_ADD"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
      "schemas/orders/status%2Cv2%3A100%25.schema.json");
  CHECK(by_rule["ENUM_VALUE_NO_DELETE"]["suppressions"] ==
        nlohmann::json::parse(R"([{"kind": "inSource", "justification": "inline"}])"));
}

TEST_CASE("SARIF regions never hold a line or column below 1", "[report]") {
  Report report;
  report.current = "a";
  report.against = "b";
  Finding f;
  f.rule = "PROPERTY_NO_DELETE";
  f.kind = ContractKind::kJsonSchema;
  f.location.path = "schemas/a.schema.json";  // a file, but no known line
  f.message = "m";
  f.subject = "schemas/a.schema.json#/properties/x";
  f.fingerprint = Fingerprint(f);
  report.findings.push_back(f);
  auto sarif = nlohmann::json::parse(RenderReport(report, ReportFormat::kSarif, {}));
  CHECK(SarifErrors(sarif) == "");
  const auto& physical = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK_FALSE(physical.contains("region"));
}

TEST_CASE("a broken SARIF document fails validation", "[report]") {
  const auto good = nlohmann::json::parse(RenderReport(GoldenReport(), ReportFormat::kSarif, {}));
  REQUIRE(SarifErrors(good) == "");

  auto wrong_version = good;
  wrong_version["version"] = "3";
  CHECK_FALSE(SarifErrors(wrong_version).empty());

  auto bad_level = good;
  bad_level["runs"][0]["results"][0]["level"] = "fatal";
  CHECK_FALSE(SarifErrors(bad_level).empty());

  auto no_message = good;
  no_message["runs"][0]["results"][0].erase("message");
  CHECK_FALSE(SarifErrors(no_message).empty());

  auto line_zero = good;
  line_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  CHECK_FALSE(SarifErrors(line_zero).empty());

  auto unknown_key = good;
  unknown_key["runs"][0]["results"][0]["severity"] = "error";  // additionalProperties: false
  CHECK_FALSE(SarifErrors(unknown_key).empty());
}

// ---------------------------------------------------------------- JUnit

// A tiny XML checker, enough for the JUnit we write: a prolog, elements with
// quoted attributes, character data, and the five predefined entities plus
// numeric character references. Reports the first problem it finds.
struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // values with references resolved
  std::vector<size_t> children;                   // indices into XmlDocument::elements
  std::string text;
};

struct XmlDocument {
  std::vector<XmlElement> elements;  // elements[0] is the root
  std::string error;                 // "" when well-formed
};

bool ValidReference(std::string_view s, size_t amp, size_t* end, std::string* resolved) {
  size_t semi = s.find(';', amp);
  if (semi == std::string_view::npos) return false;
  std::string_view ref = s.substr(amp + 1, semi - amp - 1);
  static const std::map<std::string_view, char> kNamed = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  if (auto it = kNamed.find(ref); it != kNamed.end()) {
    *resolved += it->second;
  } else if (ref.size() >= 2 && ref[0] == '#') {
    bool hex = ref[1] == 'x';
    std::string_view digits = ref.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    for (char c : digits) {
      if (!(hex ? std::isxdigit(static_cast<unsigned char>(c))
                : std::isdigit(static_cast<unsigned char>(c)))) {
        return false;
      }
    }
    long code = std::stol(std::string(digits), nullptr, hex ? 16 : 10);
    if (code != 0x9 && code != 0xA && code != 0xD && code < 0x20) return false;
    if (code > 0x7F) return false;  // enough for what we write
    *resolved += static_cast<char>(code);
  } else {
    return false;
  }
  *end = semi + 1;
  return true;
}

// Resolves references in character data or an attribute value; "" on success.
std::string Unescape(std::string_view s, bool attribute, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '&') {
      size_t end = 0;
      if (!ValidReference(s, i, &end, out))
        return "bad reference at " + std::string(s.substr(i, 12));
      i = end;
      continue;
    }
    if (c == '<') return "unescaped '<'";
    if (attribute && c == '"') return "unescaped '\"' in attribute";
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return "control character";
    }
    // Attribute-value normalization turns raw whitespace into spaces.
    *out += attribute && (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
    ++i;
  }
  return "";
}

bool NameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
         c == ':';
}

XmlDocument ParseXml(std::string_view s) {
  XmlDocument doc;
  size_t i = 0;
  auto fail = [&](const std::string& why) {
    doc.error = why + " at offset " + std::to_string(i);
    return doc;
  };
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  if (s.substr(0, 5) == "<?xml") {
    size_t end = s.find("?>");
    if (end == std::string_view::npos) return fail("unterminated prolog");
    i = end + 2;
  }
  std::vector<size_t> open;
  bool root_closed = false;
  while (true) {
    size_t lt = s.find('<', i);
    std::string_view text = s.substr(i, lt == std::string_view::npos ? s.size() - i : lt - i);
    if (open.empty()) {
      for (char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c))) return fail("text outside the root");
      }
    } else {
      std::string resolved;
      if (auto why = Unescape(text, false, &resolved); !why.empty()) return fail(why);
      doc.elements[open.back()].text += resolved;
    }
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (i < s.size() && s[i] == '/') {  // end tag
      ++i;
      size_t start = i;
      while (i < s.size() && NameChar(s[i])) ++i;
      std::string name(s.substr(start, i - start));
      skip_space();
      if (i >= s.size() || s[i] != '>') return fail("bad end tag");
      ++i;
      if (open.empty() || doc.elements[open.back()].name != name) {
        return fail("end tag </" + name + "> does not match");
      }
      open.pop_back();
      if (open.empty()) root_closed = true;
      continue;
    }
    if (root_closed) return fail("second root element");
    size_t start = i;
    while (i < s.size() && NameChar(s[i])) ++i;
    if (i == start) return fail("bad start tag");
    XmlElement element;
    element.name = std::string(s.substr(start, i - start));
    bool self_closing = false;
    while (true) {
      bool had_space = i < s.size() && std::isspace(static_cast<unsigned char>(s[i]));
      skip_space();
      if (i >= s.size()) return fail("unterminated tag");
      if (s[i] == '>') {
        ++i;
        break;
      }
      if (s.substr(i, 2) == "/>") {
        i += 2;
        self_closing = true;
        break;
      }
      if (!had_space) return fail("attributes need white space between them");
      size_t name_start = i;
      while (i < s.size() && NameChar(s[i])) ++i;
      std::string name(s.substr(name_start, i - name_start));
      if (name.empty() || i + 1 >= s.size() || s[i] != '=' || s[i + 1] != '"') {
        return fail("bad attribute");
      }
      i += 2;
      size_t close = s.find('"', i);
      if (close == std::string_view::npos) return fail("unterminated attribute");
      std::string value;
      if (auto why = Unescape(s.substr(i, close - i), true, &value); !why.empty()) return fail(why);
      if (!element.attributes.emplace(name, value).second)
        return fail("duplicate attribute " + name);
      i = close + 1;
    }
    size_t index = doc.elements.size();
    if (!open.empty()) doc.elements[open.back()].children.push_back(index);
    doc.elements.push_back(std::move(element));
    if (self_closing) {
      if (open.empty()) root_closed = true;
    } else {
      open.push_back(index);
    }
  }
  if (!open.empty()) return fail("unclosed <" + doc.elements[open.back()].name + ">");
  if (doc.elements.empty()) return fail("no root element");
  return doc;
}

TEST_CASE("the XML checker itself rejects malformed documents", "[report]") {
  CHECK(ParseXml("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t&amp;t</a>\n").error == "");
  CHECK_FALSE(ParseXml("<a><b></a></b>").error.empty());
  CHECK_FALSE(ParseXml("<a x=\"1\" x=\"2\"/>").error.empty());
  CHECK_FALSE(ParseXml("<a x=\"a\"b\"/>").error.empty());
  CHECK_FALSE(ParseXml("<a>x & y</a>").error.empty());
  CHECK_FALSE(ParseXml("<a>x < y</a>").error.empty());
  CHECK_FALSE(ParseXml("<a/><b/>").error.empty());
  CHECK_FALSE(ParseXml("<a>").error.empty());
}

int Attribute(const XmlElement& e, const std::string& name) {
  auto it = e.attributes.find(name);
  return it == e.attributes.end() ? -1 : std::stoi(it->second);
}

void CheckJunit(const Report& report, const RenderOptions& options) {
  std::string xml = RenderReport(report, ReportFormat::kJunit, options);
  INFO(xml);
  XmlDocument doc = ParseXml(xml);
  REQUIRE(doc.error == "");
  const XmlElement& root = doc.elements[0];
  REQUIRE(root.name == "testsuites");

  auto visible = VisibleFindings(report, options);
  // One <testsuite> per file, one <testcase> per visible finding, and one
  // <failure> per unsuppressed error or warning.
  std::set<std::string> files;
  size_t expected_failures = 0;
  for (const Finding* f : visible) {
    std::string file = FileLocation(*f).path;
    files.insert(file.empty() ? "(no file)" : file);
    if (!f->suppressed && f->severity != Severity::kInfo) ++expected_failures;
  }
  std::set<std::string> suite_names;
  size_t failures = 0, testcases = 0, skipped = 0;
  for (size_t suite_index : root.children) {
    const XmlElement& suite = doc.elements[suite_index];
    REQUIRE(suite.name == "testsuite");
    CHECK(suite_names.insert(suite.attributes.at("name")).second);
    int suite_failures = 0, suite_skipped = 0;
    for (size_t case_index : suite.children) {
      const XmlElement& testcase = doc.elements[case_index];
      REQUIRE(testcase.name == "testcase");
      CHECK(testcase.attributes.at("classname") == suite.attributes.at("name"));
      ++testcases;
      CHECK(testcase.children.size() <= 1);
      for (size_t child : testcase.children) {
        if (doc.elements[child].name == "failure") ++suite_failures;
        if (doc.elements[child].name == "skipped") ++suite_skipped;
      }
    }
    CHECK(Attribute(suite, "tests") == static_cast<int>(suite.children.size()));
    CHECK(Attribute(suite, "failures") == suite_failures);
    CHECK(Attribute(suite, "skipped") == suite_skipped);
    failures += suite_failures;
    skipped += suite_skipped;
  }
  CHECK(suite_names == files);
  CHECK(testcases == visible.size());
  CHECK(failures == expected_failures);
  CHECK(Attribute(root, "tests") == static_cast<int>(testcases));
  CHECK(Attribute(root, "failures") == static_cast<int>(failures));
  CHECK(Attribute(root, "skipped") == static_cast<int>(skipped));

  if (fs::exists("/usr/bin/xmllint")) {
    testing::TempDir dir;
    testing::WriteFile(dir.path(), "report.xml", xml);
    auto result = testing::Run("/usr/bin/xmllint --noout report.xml", dir.path());
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
}

TEST_CASE("JUnit output is well-formed with one failure per error or warning", "[report]") {
  const Report report = GoldenReport();
  SECTION("default") { CheckJunit(report, {}); }
  SECTION("with suppressed findings") {
    RenderOptions options;
    options.show_suppressed = true;
    CheckJunit(report, options);
  }
  SECTION("awkward text") {
    Report awkward = report;
    awkward.findings[0].message = "a \"quoted\" <tag> & 'apostrophe'\nsecond line\ttab\x01";
    awkward.findings[0].location.path = "proto/a&b<c>.proto";
    CheckJunit(awkward, {});
    // Newlines in attributes survive as character references.
    std::string xml = RenderReport(awkward, ReportFormat::kJunit, {});
    CHECK(xml.find("second line") != std::string::npos);
    CHECK(xml.find("&#10;second line&#9;tab\"") != std::string::npos);
  }
  SECTION("no findings") {
    Report empty = report;
    empty.findings.clear();
    CheckJunit(empty, {});
  }
}

// ---------------------------------------------------------------- GitHub

TEST_CASE("GitHub annotations follow the workflow command syntax", "[report]") {
  const Report report = GoldenReport();
  std::string out = RenderReport(report, ReportFormat::kGithub, {});
  // ::command key=value,key=value::message; values and messages hold no raw
  // newline, property values no raw ":" or ",".
  static const std::regex kLine(
      R"(::(error|warning|notice) (file=[^,:%]*(%(25|0D|0A|3A|2C)[^,:%]*)*(,line=[1-9]\d*(,col=[1-9]\d*)?(,endLine=[1-9]\d*)?(,endColumn=[1-9]\d*)?)?,)?title=[A-Z_]+::([^%\r\n]|%(25|0D|0A))*)");
  std::istringstream lines(out);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(std::regex_match(line, kLine));
    ++count;
  }
  CHECK(count == VisibleFindings(report, {}).size());
  CHECK(out.find("file=schemas/orders/status%2Cv2%3A100%25.schema.json,line=5,") !=
        std::string::npos);
  CHECK(out.find("100%25 of v1alpha1") != std::string::npos);
  CHECK(out.find("%0AAffected consumers: billing, shipping") != std::string::npos);
  // A location in the baseline is named in the message, not annotated.
  CHECK(out.find("::error title=MESSAGE_NO_DELETE::Previously present message \"LegacyOrder\" "
                 "was deleted from file. (proto/acme/orders/v1/orders.proto:40 in the baseline)") !=
        std::string::npos);
}

// ---------------------------------------------------------------- Markdown

// Splits a GFM table row into cells: "|" ends a cell unless backslash-escaped.
std::vector<std::string> TableCells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cell += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  cells.push_back(cell);
  return cells;
}

TEST_CASE("Markdown table rows keep five cells whatever the text", "[report]") {
  Report report = GoldenReport();
  report.findings[0].message = "a|b || c\nnext <b>bold</b> *x* _y_";
  report.findings[0].location.path = "proto/a|b.proto";
  std::string md = RenderReport(report, ReportFormat::kMarkdown, {});
  std::istringstream lines(md);
  std::string line;
  size_t rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    INFO(line);
    // Leading and trailing "|" give an empty first and last piece.
    CHECK(TableCells(line).size() == 7);
    ++rows;
  }
  CHECK(rows == 1 + VisibleFindings(report, {}).size());  // header + findings
  CHECK(md.find("a\\|b \\|\\| c<br>next \\<b\\>bold\\</b\\> \\*x\\* \\_y\\_") != std::string::npos);
  CHECK(md.find("`proto/a\\|b.proto:") != std::string::npos);
}

// ---------------------------------------------------------------- GitLab

TEST_CASE("GitLab Code Quality issues carry the required fields", "[report]") {
  const Report report = GoldenReport();
  auto issues = nlohmann::json::parse(RenderReport(report, ReportFormat::kGitlab, {}));
  auto visible = VisibleFindings(report, {});
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == visible.size());
  std::set<std::string> fingerprints;
  static const std::set<std::string> kSeverities = {"info", "minor", "major", "critical",
                                                    "blocker"};
  for (size_t i = 0; i < issues.size(); ++i) {
    const auto& issue = issues[i];
    const Finding& f = *visible[i];
    INFO(issue.dump());
    CHECK(issue["description"].is_string());
    CHECK(issue["description"].get<std::string>().find(f.message) != std::string::npos);
    CHECK(issue["check_name"] == f.rule);
    CHECK(issue["fingerprint"] == Fingerprint(f));
    CHECK(fingerprints.insert(issue["fingerprint"]).second);
    CHECK(kSeverities.count(issue["severity"].get<std::string>()) == 1);
    CHECK(issue["location"]["path"].is_string());
    CHECK_FALSE(issue["location"]["path"].get<std::string>().empty());
    CHECK(issue["location"]["lines"]["begin"].is_number_integer());
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
  }
  CHECK(issues[0]["severity"] == "critical");
}

// ---------------------------------------------------------------- text

TEST_CASE("the text report prints no blank line when every finding is hidden", "[report]") {
  Report report = GoldenReport();
  for (auto& f : report.findings) f.suppressed = true;
  std::string text = RenderReport(report, ReportFormat::kText, {});
  CHECK(text.rfind("4 breaking changes, 1 warning, 1 info, 1 suppressed in 5 changed", 0) == 0);
}

}  // namespace
}  // namespace contract_lint
