// Issue 9, "must show", checked independently of the fixture runner's
// expected.txt files: the consumer-sample fixtures made into real git
// repositories, with the verdicts a user looks for in every report format.
#include <catch2/catch.hpp>
#include <filesystem>

#include "acceptance/acceptance_support.h"

namespace contract_lint::acceptance {
namespace {

namespace fs = std::filesystem;

// fixtures/samples/<name>: previous/ committed on main, current/ in the working tree.
void FromFixture(const Repo& repo, const std::string& name) {
  fs::path dir = testing::SourceDir() / "fixtures" / "samples" / name;
  auto copy = [&](const fs::path& from) {
    if (fs::exists(from))
      fs::copy(from, repo.path(),
               fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    fs::copy_file(dir / "contract-lint.yaml", repo.path() / "contract-lint.yaml",
                  fs::copy_options::overwrite_existing);
  };
  copy(dir / "previous");
  repo.Commit();
  for (const auto& entry : fs::directory_iterator(repo.path())) {
    if (entry.path().filename() != ".git") fs::remove_all(entry.path());
  }
  copy(dir / "current");
}

const nlohmann::json* Consumer(const nlohmann::json& report, const std::string& name) {
  for (const auto& c : report["consumers"]) {
    if (c["name"] == name) return &c;
  }
  return nullptr;
}

TEST_CASE("samples: an enum value removed under ignore_only still rejects the consumer's samples",
          "[acceptance][samples]") {
  Repo repo;
  FromFixture(repo, "enum_value_removed_ignore_only");

  auto text = repo.Run("--since main --show-suppressed");
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 1);
  auto lines = FindingLines(text.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].starts_with(
      "consumers/shipping/lost-order.json:3:9: error: SAMPLE_REJECTED: Sample "
      "\"consumers/shipping/lost-order.json\" of consumer \"shipping\" is rejected by "
      "acme.orders.v1.Order: "));
  CHECK(lines[0].find("ORDER_STATUS_LOST") != std::string::npos);
  // The value sits on line 3, column 9 of the text-format sample too.
  CHECK(lines[1].starts_with(
      "consumers/shipping/lost-order.txtpb:3:9: error: SAMPLE_REJECTED: Sample "
      "\"consumers/shipping/lost-order.txtpb\" of consumer \"shipping\" is rejected by "
      "acme.orders.v1.Order: "));
  CHECK(lines[1].find("ORDER_STATUS_LOST") != std::string::npos);
  CHECK(
      lines[2].starts_with("proto/acme/orders/v1/orders.proto:5:1: error: ENUM_VALUE_NO_DELETE: "));
  CHECK(lines[2].ends_with("[suppressed: config ignore_only]"));
  CHECK(text.out.find("2 breaking changes, 0 warnings, 0 infos, 1 suppressed") !=
        std::string::npos);
  CHECK(text.out.find(
            "consumer shipping (team-shipping): 2 breaking changes [SAMPLE_REJECTED]; samples: 3 "
            "checked, 2 rejected") != std::string::npos);
  CHECK(text.out.find("consumer billing") == std::string::npos);

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto rejected = FindingsWithRule(report, "SAMPLE_REJECTED");
  REQUIRE(rejected.size() == 2);
  for (const auto& f : rejected) {
    CHECK(f["severity"] == "error");
    CHECK(Strings(f["affected"]) == std::vector<std::string>{"shipping"});
  }
  const nlohmann::json* shipping = Consumer(report, "shipping");
  REQUIRE(shipping);
  CHECK((*shipping)["samples_checked"] == 3);
  CHECK((*shipping)["samples_rejected"] == 2);

  // The suppressed deletion still names the consumer it hurts and the samples that use the value.
  auto shown = repo.RunJson("--since main --show-suppressed", &exit_code);
  auto deleted = FindingsWithRule(shown, "ENUM_VALUE_NO_DELETE");
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0]["suppressed_by"] == "config ignore_only");
  CHECK(Strings(deleted[0]["affected"]) == std::vector<std::string>{"shipping"});
  CHECK(Strings(deleted[0]["exercised_by"]) ==
        std::vector<std::string>{"consumers/shipping/lost-order.json",
                                 "consumers/shipping/lost-order.txtpb"});
  CHECK(shown["summary"]["suppressed"] == 1);
}

TEST_CASE("samples: a text-format sample is rejected at the removed field or enum value it names",
          "[acceptance][samples]") {
  Repo repo;
  repo.Write("contract-lint.yaml",
             "version: 1\nproto:\n  roots: [proto]\nbreaking:\n  use: [WIRE]\nconsumers:\n"
             "  - name: shipping\n    uses: [acme.parcel.v1.Parcel]\n    samples: "
             "[\"samples/*.txtpb\"]\n");
  repo.Write(
      "proto/parcel.proto",
      "syntax = \"proto3\";\n\npackage acme.parcel.v1;\n\nenum Kind {\n  KIND_UNSPECIFIED = 0;\n"
      "  KIND_BOX = 1;\n}\n\nmessage Parcel {\n  string id = 1;\n  int32 weight_grams = 2;\n  Kind "
      "kind = 3;\n}\n");
  repo.Write("samples/heavy.txtpb",
             "# proto-message: acme.parcel.v1.Parcel\nid: \"p-1\"\nweight_grams: 5\n\nkind: "
             "KIND_UNSPECIFIED\n");
  repo.Write("samples/box.txtpb",
             "# proto-message: acme.parcel.v1.Parcel\nid: \"p-2\"\nkind:\tKIND_BOX\n");
  repo.Commit();
  repo.Edit("proto/parcel.proto", "  KIND_BOX = 1;\n", "  reserved 1;\n");
  repo.Edit("proto/parcel.proto", "  int32 weight_grams = 2;\n", "  reserved 2;\n");
  auto result = repo.Run("--since main");
  INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
  CHECK(result.exit_code == 1);
  auto lines = FindingLines(result.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].starts_with(
      "samples/box.txtpb:3:7: error: SAMPLE_REJECTED: Sample \"samples/box.txtpb\" of consumer "
      "\"shipping\" is rejected by acme.parcel.v1.Parcel: "));
  CHECK(lines[0].find("KIND_BOX") != std::string::npos);
  CHECK(lines[1].starts_with(
      "samples/heavy.txtpb:3:1: error: SAMPLE_REJECTED: Sample \"samples/heavy.txtpb\" of "
      "consumer \"shipping\" is rejected by acme.parcel.v1.Parcel: "));
  CHECK(lines[1].find("weight_grams") != std::string::npos);
}

TEST_CASE("samples: a property a closed content model now rejects, under content_model: lenient",
          "[acceptance][samples]") {
  Repo repo;
  FromFixture(repo, "closed_content_model_lenient");
  auto text = repo.Run("--since main");
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 1);
  CHECK(
      text.out.find("consumers/billing/with-coupon.json:5:13: error: SAMPLE_REJECTED: Sample "
                    "\"consumers/billing/with-coupon.json\" of consumer \"billing\" is rejected by "
                    "schemas/order.schema.json#: ") != std::string::npos);
  CHECK(text.out.find("'coupon'") != std::string::npos);
  CHECK(text.out.find("error: SAMPLE_REJECTED: Sample \"consumers/billing/plain.json\"") ==
        std::string::npos);

  int exit_code = -1;
  auto report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  auto rejected = FindingsWithRule(report, "SAMPLE_REJECTED");
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0]["path"] == "consumers/billing/with-coupon.json");
  CHECK(rejected[0]["kind"] == "jsonschema");
  CHECK(Strings(rejected[0]["affected"]) == std::vector<std::string>{"billing"});
}

TEST_CASE("samples: checked and rejected counts in text, JSON, SARIF and Markdown",
          "[acceptance][samples]") {
  Repo repo;
  FromFixture(repo, "closed_content_model_lenient");

  auto text = repo.Run("--since main");
  INFO("text:\n" << text.out << text.err);
  CHECK(text.out.find("consumer billing (team-billing): 2 breaking changes [SAMPLE_REJECTED, "
                      "SUBSCHEMA_NO_FORBID]; "
                      "contact @acme/billing; samples: 3 checked, 1 rejected") !=
        std::string::npos);

  int exit_code = -1;
  auto json = repo.RunJson("--since main", &exit_code);
  const nlohmann::json* billing = Consumer(json, "billing");
  REQUIRE(billing);
  CHECK((*billing)["samples_checked"] == 3);
  CHECK((*billing)["samples_rejected"] == 1);

  auto sarif = repo.Run("--since main --format sarif");
  INFO("sarif:\n" << sarif.out << sarif.err);
  CHECK(sarif.exit_code == 1);
  auto sarif_doc = nlohmann::json::parse(sarif.out, nullptr, false);
  REQUIRE_FALSE(sarif_doc.is_discarded());
  CHECK(sarif_doc["runs"][0]["properties"]["consumerSamples"] ==
        nlohmann::json::parse(R"([{"consumer": "billing", "checked": 3, "rejected": 1}])"));

  auto markdown = repo.Run("--since main --format markdown");
  INFO("markdown:\n" << markdown.out << markdown.err);
  CHECK(markdown.exit_code == 1);
  CHECK(markdown.out.find("**billing** (team-billing, @acme/billing): 2 breaking changes") !=
        std::string::npos);
  CHECK(markdown.out.find("samples: 3 checked, 1 rejected") != std::string::npos);
}

TEST_CASE("samples: a stale sample is a warning and exits 0", "[acceptance][samples]") {
  Repo repo;
  FromFixture(repo, "stale_sample");
  auto text = repo.Run("--since main");
  INFO("stdout:\n" << text.out << "stderr:\n" << text.err);
  CHECK(text.exit_code == 0);
  auto lines = FindingLines(text.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].starts_with(
      "consumers/search/negative-price.json:4:12: warning: SAMPLE_STALE: Sample "
      "\"consumers/search/negative-price.json\" of consumer \"search\" does not fit "));
  CHECK(text.out.find("0 breaking changes, 1 warning") != std::string::npos);
  CHECK(text.out.find("consumer search: 0 breaking changes; samples: 2 checked, 0 rejected") !=
        std::string::npos);
  // It is a real warning, not a silent pass.
  auto strict = repo.Run("--since main --fail-on warning");
  CHECK(strict.exit_code == 1);
}

TEST_CASE("samples: a malformed sample exits 2 with its file and position",
          "[acceptance][samples]") {
  for (const auto& [name, where] : std::vector<std::pair<std::string, std::string>>{
           {"malformed_json_sample",
            "consumers/search/broken.json:4:14: error: malformed sample: "},
           {"malformed_text_sample",
            "consumers/shipping/parcel.txtpb:4:1: error: malformed sample: "}}) {
    DYNAMIC_SECTION(name) {
      Repo repo;
      FromFixture(repo, name);
      auto result = repo.Run("--since main");
      INFO("stdout:\n" << result.out << "stderr:\n" << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.out.empty());
      CHECK(result.err.starts_with(where));
    }
  }
}

}  // namespace
}  // namespace contract_lint::acceptance
