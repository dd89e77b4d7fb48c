#include "config/config.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "policy/policy.h"

namespace contract_lint {
namespace {

struct Loaded {
  bool ok = false;
  Config config;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

Loaded Load(std::map<std::string, std::string> files) {
  MemorySnapshot snapshot(std::move(files));
  Loaded loaded;
  Diagnostics diagnostics;
  std::vector<Diagnostic> warnings;
  loaded.ok = LoadConfig(snapshot, "", "", &loaded.config, &diagnostics, &warnings);
  for (const auto& d : diagnostics.Sorted()) loaded.errors.push_back(FormatDiagnostic(d));
  for (const auto& d : warnings) loaded.warnings.push_back(d.message);
  return loaded;
}

}  // namespace

TEST_CASE("no config means the documented defaults", "[core][config]") {
  auto loaded = Load({{"a.proto", "syntax = \"proto3\";"}});
  REQUIRE(loaded.ok);
  CHECK(loaded.config.source.empty());
  CHECK(loaded.config.proto.roots == std::vector<std::string>{"."});
  CHECK(loaded.config.jsonschema.include == std::vector<std::string>{"**/*.schema.json"});
  CHECK(loaded.config.breaking.use == std::vector<std::string>{"FILE"});
  CHECK(loaded.config.breaking.jsonschema == "BACKWARD");
}

TEST_CASE("contract-lint.yaml sets roots, includes and the policy", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml",
                       "version: 1\nproto:\n  roots: [proto]\n  exclude: ['third_party/**']\n"
                       "jsonschema:\n  include: ['schemas/**/*.json']\n"
                       "breaking:\n  use: [WIRE]\n  except: [FIELD_SAME_DEFAULT]\n"
                       "  jsonschema: FULL\n  content_model: lenient\n"}});
  REQUIRE(loaded.ok);
  CHECK(loaded.config.source == "contract-lint.yaml");
  CHECK(loaded.config.proto.roots == std::vector<std::string>{"proto"});
  CHECK(loaded.config.proto.exclude == std::vector<std::string>{"third_party/**"});
  CHECK(loaded.config.jsonschema.include == std::vector<std::string>{"schemas/**/*.json"});
  CHECK(loaded.config.breaking.use == std::vector<std::string>{"WIRE"});
  CHECK(loaded.config.breaking.except == std::vector<std::string>{"FIELD_SAME_DEFAULT"});
  CHECK(loaded.config.breaking.jsonschema == "FULL");
  CHECK(loaded.config.jsonschema.lenient);
}

TEST_CASE("an unknown key names its path and the nearest valid key", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml", "version: 1\nbreaking:\n  uses: [FILE]\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(
      loaded.errors[0] ==
      "contract-lint.yaml:3:3: error: breaking.uses: unknown key \"uses\"; did you mean \"use\"?");
}

TEST_CASE("a wrong type names the key path", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml", "version: 1\nproto:\n  roots: proto\n"}});
  CHECK_FALSE(loaded.ok);
  std::string all;
  for (const auto& e : loaded.errors) all += e + "\n";
  INFO(all);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0] ==
        "contract-lint.yaml:3:3: error: proto.roots: expected a list, got the "
        "string \"proto\"; write [\"proto\"]");
}

TEST_CASE("a value outside an enum lists the valid ones and the nearest", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml", "version: 1\nbreaking:\n  jsonschema: BACKWARDS\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0] ==
        "contract-lint.yaml:3:3: error: breaking.jsonschema: expected one of BACKWARD | FORWARD | "
        "FULL | "
        "NONE | BACKWARD_TRANSITIVE | FORWARD_TRANSITIVE | FULL_TRANSITIVE | NONE_TRANSITIVE, got "
        "the "
        "string \"BACKWARDS\"; did you mean \"BACKWARD\"?");
}

TEST_CASE("a duplicate key is an error at the second one", "[core][config]") {
  auto loaded =
      Load({{"contract-lint.yaml", "version: 1\nbreaking:\n  use: [FILE]\n  use: [WIRE]\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0] ==
        "contract-lint.yaml:4:3: error: breaking: duplicate key \"use\" (YAML keeps only one of "
        "them)");
}

TEST_CASE("a misspelled rule id gets a suggestion", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml",
                       "version: 1\nbreaking:\n  use: [FILE]\n"
                       "  except: [FEILD_NO_DELETE]\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0] ==
        "contract-lint.yaml:4:12: error: breaking.except[0]: unknown rule or category "
        "\"FEILD_NO_DELETE\"; did you mean \"FIELD_NO_DELETE\"?");
}

TEST_CASE("a YAML syntax error has line and column", "[core][config]") {
  auto loaded = Load({{"contract-lint.yaml", "version: 1\nbreaking:\n  use: [FILE\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].rfind("contract-lint.yaml:", 0) == 0);
  CHECK(loaded.errors[0].find("invalid YAML") != std::string::npos);
}

TEST_CASE("a YAML alias bomb fails cleanly", "[core][config]") {
  std::string bomb = "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char name = 'b'; name <= 'j'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    prev = std::string(1, name);
  }
  auto loaded = Load({{"contract-lint.yaml", bomb}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].find("more than 200000 nodes") != std::string::npos);
}

TEST_CASE("buf.yaml v1 and v2 are honored when there is no contract-lint config",
          "[core][config]") {
  auto v1 = Load({{"buf.yaml",
                   "version: v1\nbreaking:\n  use: [WIRE_JSON]\n  except: [FIELD_SAME_NAME]\n"
                   "  ignore: [legacy]\n  ignore_unstable_packages: true\n"}});
  REQUIRE(v1.ok);
  CHECK(v1.config.source == "buf.yaml");
  // v1's WIRE_JSON, spelled out: without v2's FIELD_SAME_DEFAULT.
  const auto& v1_use = v1.config.breaking.use;
  CHECK(std::count(v1_use.begin(), v1_use.end(), "FIELD_WIRE_JSON_COMPATIBLE_TYPE") == 1);
  CHECK(std::count(v1_use.begin(), v1_use.end(), "FIELD_SAME_DEFAULT") == 0);
  CHECK(v1.config.breaking.except == std::vector<std::string>{"FIELD_SAME_NAME"});
  CHECK(v1.config.breaking.ignore == std::vector<std::string>{"legacy"});
  CHECK(v1.config.breaking.ignore_unstable_packages);

  auto v2 = Load({{"buf.yaml",
                   "version: v2\nmodules:\n  - path: proto\n    excludes: [proto/vendor]\n"
                   "breaking:\n  use: [PACKAGE]\n"}});
  REQUIRE(v2.ok);
  CHECK(v2.config.proto.roots == std::vector<std::string>{"proto"});
  CHECK(v2.config.proto.exclude == std::vector<std::string>{"proto/vendor"});
  CHECK(v2.config.breaking.use == std::vector<std::string>{"PACKAGE"});

  auto v1beta1 = Load({{"buf.yaml", "version: v1beta1\nbuild:\n  roots: [proto]\n"}});
  REQUIRE(v1beta1.ok);
  CHECK(v1beta1.config.proto.roots == std::vector<std::string>{"proto"});
}

TEST_CASE("a contract-lint config wins over buf.yaml", "[core][config]") {
  auto loaded = Load({{"buf.yaml", "version: v1\nbreaking:\n  use: [WIRE]\n"},
                      {"contract-lint.yaml", "version: 1\nbreaking:\n  use: [PACKAGE]\n"}});
  REQUIRE(loaded.ok);
  CHECK(loaded.config.source == "contract-lint.yaml");
  CHECK(loaded.config.breaking.use == std::vector<std::string>{"PACKAGE"});
}

TEST_CASE("JSON Schema directions break by mode", "[core][policy]") {
  CHECK(DirectionBreaks(Direction::kNarrowing, "BACKWARD"));
  CHECK_FALSE(DirectionBreaks(Direction::kWidening, "BACKWARD"));
  CHECK(DirectionBreaks(Direction::kWidening, "FORWARD_TRANSITIVE"));
  CHECK_FALSE(DirectionBreaks(Direction::kNarrowing, "FORWARD"));
  CHECK(DirectionBreaks(Direction::kNarrowing, "FULL"));
  CHECK(DirectionBreaks(Direction::kWidening, "FULL"));
  CHECK(DirectionBreaks(Direction::kBoth, "BACKWARD"));
  CHECK_FALSE(DirectionBreaks(Direction::kBoth, "NONE"));
  CHECK_FALSE(DirectionBreaks(Direction::kAnnotation, "FULL"));
}

TEST_CASE("unstable versions are recognised", "[core][policy]") {
  CHECK(IsUnstableVersion("v1alpha1"));
  CHECK(IsUnstableVersion("v2beta3"));
  CHECK(IsUnstableVersion("v1test"));
  CHECK(IsUnstableVersion("v1beta"));
  CHECK_FALSE(IsUnstableVersion("v1"));
  CHECK_FALSE(IsUnstableVersion("alpha"));
}

TEST_CASE("breaking.openapi and breaking.asyncapi read use, except and content_model",
          "[core][config][openapi]") {
  auto loaded =
      Load({{"contract-lint.yaml",
             "version: 1\nbreaking:\n  openapi:\n    use: [ERR, WARN]\n"
             "    except: [request-property-removed]\n    content_model: strict\n"
             "  asyncapi:\n    except: [INFO, ASYNCAPI_CHANNEL_DELETED, TYPE_NO_CHANGE]\n"}});
  REQUIRE(loaded.ok);
  CHECK(loaded.config.breaking.openapi.use == std::vector<std::string>{"ERR", "WARN"});
  CHECK(loaded.config.breaking.openapi.except ==
        std::vector<std::string>{"request-property-removed"});
  CHECK_FALSE(loaded.config.openapi.lenient);
  CHECK(loaded.config.asyncapi.lenient);  // lenient unless strict is asked for
  CHECK(loaded.config.breaking.asyncapi.except.size() == 3);
}

TEST_CASE("OpenAPI and AsyncAPI bodies use the lenient content model by default",
          "[core][config][openapi]") {
  auto loaded = Load({{"contract-lint.yaml", "version: 1\nbreaking:\n  content_model: strict\n"}});
  REQUIRE(loaded.ok);
  CHECK(loaded.config.openapi.lenient);
  CHECK(loaded.config.asyncapi.lenient);
}

TEST_CASE("an unknown id in breaking.openapi is an error at its position",
          "[core][config][openapi]") {
  auto loaded = Load({{"contract-lint.yaml",
                       "version: 1\nbreaking:\n  openapi:\n    use: [ERR]\n"
                       "    except: [request-property-remove]\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0] ==
        "contract-lint.yaml:5:14: error: breaking.openapi.except[0]: unknown OpenAPI rule or "
        "level \"request-property-remove\" (a rule id, ERR, WARN or INFO); did you mean "
        "\"request-property-removed\"?");
}

TEST_CASE("a Protobuf id or a level name misspelt in breaking.asyncapi is an error",
          "[core][config][asyncapi]") {
  auto loaded = Load({{"contract-lint.yaml",
                       "version: 1\nbreaking:\n  asyncapi:\n    use: [FIELD_NO_DELETE, ERROR]\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE(loaded.errors.size() == 2);
  CHECK(loaded.errors[0].starts_with(
      "contract-lint.yaml:4:11: error: breaking.asyncapi.use[0]: unknown AsyncAPI rule or level "
      "\"FIELD_NO_DELETE\""));
  CHECK(loaded.errors[1].starts_with(
      "contract-lint.yaml:4:28: error: breaking.asyncapi.use[1]: unknown AsyncAPI rule or level "
      "\"ERROR\""));
}

TEST_CASE("an unknown key under breaking.openapi is an error", "[core][config][openapi]") {
  auto loaded = Load(
      {{"contract-lint.yaml", "version: 1\nbreaking:\n  openapi:\n    content_modle: strict\n"}});
  CHECK_FALSE(loaded.ok);
  REQUIRE_FALSE(loaded.errors.empty());
  CHECK(loaded.errors[0].find("content_modle") != std::string::npos);
}

}  // namespace contract_lint
