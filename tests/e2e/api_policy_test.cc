// End-to-end: the policy features shared with Protobuf and JSON Schema applied
// to OpenAPI and AsyncAPI documents (issue 20 items 5 and 6): inline
// `x-contract-lint-ignore`, consumers' `uses` selectors, samples and
// `info.version` bump advice, each in a real git repository.
#include <catch2/catch.hpp>
#include <filesystem>

#include "test_support.h"

namespace contract_lint {
namespace {

using testing::Has;
using testing::Repo;

// An orders API: GET /orders/{orderId} answers an Order (components), POST
// /orders takes an inline request body.
const char* kOrdersApi = R"(openapi: 3.0.3
info:
  title: Orders
  version: 1.2.0
paths:
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: the order
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Order"
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                item:
                  type: string
      responses:
        "201":
          description: created
components:
  schemas:
    Order:
      type: object
      required: [id, total]
      properties:
        id:
          type: string
        total:
          type: number
)";

// Changes both operations: `total` becomes a string (response), `currency`
// becomes a new required request property.
void BreakBoth(const Repo& repo) {
  repo.Edit("api/openapi.yaml", "        total:\n          type: number",
            "        total:\n          type: string");
  repo.Edit("api/openapi.yaml",
            "              properties:\n                item:\n                  type: string",
            "              required: [currency]\n              properties:\n                item:\n"
            "                  type: string\n                currency:\n"
            "                  type: string");
}

TEST_CASE("OpenAPI: x-contract-lint-ignore in an object suppresses the findings inside it",
          "[e2e][openapi][suppression]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Commit();
  BreakBoth(repo);

  auto plain = repo.Run("");
  CHECK(plain.exit_code == 1);
  CHECK(Has(plain.out, "api/openapi.yaml:49:11: error: response-property-type-changed"));
  CHECK(Has(plain.out, "error: new-required-request-property"));

  // The ignore sits in the property's object: only its finding goes.
  repo.Edit("api/openapi.yaml", "        total:\n          type: string",
            "        total:\n          x-contract-lint-ignore: [response-property-type-changed]\n"
            "          type: string");
  auto one = repo.Run("--show-suppressed");
  CHECK(one.exit_code == 1);
  CHECK(Has(one.out,
            "api/openapi.yaml:50:11: error: response-property-type-changed: response property "
            "\"total\" type changed from number to string in GET /orders/{orderId} response 200 "
            "application/json: old clients may not read the new values [suppressed: inline]"));
  CHECK(Has(one.out, "1 suppressed"));
  CHECK(Has(one.out, "error: new-required-request-property"));
  int exit_code = 0;
  auto json = repo.RunJson("--show-suppressed", &exit_code);
  bool suppressed = false;
  for (const auto& f : json["findings"]) {
    if (f["rule"] == "response-property-type-changed") {
      suppressed = f.value("suppressed", false);
      CHECK(f["line"] == 50);
    }
  }
  CHECK(suppressed);

  // An ignore on the POST operation covers everything inside it (its request body).
  repo.Edit("api/openapi.yaml", "      operationId: createOrder\n",
            "      operationId: createOrder\n"
            "      x-contract-lint-ignore: [new-required-request-property]\n");
  auto none = repo.Run("");
  CHECK(none.exit_code == 0);
  CHECK_FALSE(Has(none.out, "error:"));

  // The same ignore on the other operation does not reach the POST body.
  repo.Edit("api/openapi.yaml",
            "      operationId: createOrder\n"
            "      x-contract-lint-ignore: [new-required-request-property]\n",
            "      operationId: createOrder\n");
  repo.Edit("api/openapi.yaml", "      operationId: getOrder\n",
            "      operationId: getOrder\n"
            "      x-contract-lint-ignore: [new-required-request-property]\n");
  auto other = repo.Run("--report-unused");
  CHECK(other.exit_code == 1);
  CHECK(Has(other.out, "error: new-required-request-property"));
  CHECK(Has(other.out + other.err,
            "api/openapi.yaml:9:7: warning: \"x-contract-lint-ignore\" "
            "new-required-request-property suppresses nothing (--report-unused)"));
}

TEST_CASE("OpenAPI: an unknown rule id in x-contract-lint-ignore is a warning with a did-you-mean",
          "[e2e][openapi][suppression]") {
  Repo repo;
  repo.Write("api/openapi.json",
             "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n"
             "  \"paths\": {}\n}\n");
  repo.Commit();
  repo.Write("api/openapi.json",
             "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n"
             "  \"paths\": {},\n"
             "  \"x-contract-lint-ignore\": [\"api-path-removed-without-deprecaton\"]\n}\n");
  auto result = repo.Run("");
  CHECK(result.exit_code == 0);
  CHECK(Has(result.out + result.err,
            "api/openapi.json:5:3: warning: \"x-contract-lint-ignore\" names an unknown rule id "
            "\"api-path-removed-without-deprecaton\"; did you mean "
            "\"api-path-removed-without-deprecation\"? (it suppresses nothing)"));
}

const char* kEvents = R"(asyncapi: 3.0.0
info:
  title: Orders events
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events.v1
    messages:
      orderCreated:
        $ref: '#/components/messages/OrderCreated'
operations:
  publishOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderEvents'
components:
  messages:
    OrderCreated:
      name: OrderCreated
      payload:
        type: object
        properties:
          total:
            type: integer
)";

TEST_CASE("AsyncAPI: x-contract-lint-ignore in a payload object suppresses its findings",
          "[e2e][asyncapi][suppression]") {
  Repo repo;
  repo.Write("events/asyncapi.yaml", kEvents);
  repo.Commit();
  repo.Edit("events/asyncapi.yaml", "            type: integer", "            type: number");
  auto plain = repo.Run("");
  CHECK(plain.exit_code == 1);
  CHECK(Has(plain.out, "events/asyncapi.yaml:24:13: error:"));

  repo.Edit("events/asyncapi.yaml", "      payload:\n",
            "      payload:\n        x-contract-lint-ignore: [TYPE_NO_WIDEN]\n");
  auto quiet = repo.Run("--report-unused");
  CHECK(quiet.exit_code == 0);
  CHECK_FALSE(Has(quiet.out, "error:"));
  CHECK_FALSE(Has(quiet.out + quiet.err, "suppresses nothing"));
}

std::vector<std::string> Affected(const nlohmann::json& report, const std::string& rule) {
  for (const auto& f : report["findings"]) {
    if (f["rule"] == rule && f.contains("affected"))
      return f["affected"].get<std::vector<std::string>>();
  }
  return {};
}

TEST_CASE("OpenAPI: consumers name operations, operationIds and JSON pointers",
          "[e2e][openapi][consumers]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: billing
    uses: ["api/openapi.yaml#GET /orders/{id}"]
  - name: shop
    uses: ["api/openapi.yaml#createOrder"]
  - name: audit
    uses: ["api/openapi.yaml#/paths/~1orders/post"]
  - name: reporting
    uses: ["api/openapi.yaml#/components/schemas/Order"]
  - name: typo
    uses: ["api/openapi.yaml#GET /order/{id}", "api/openapi.yaml#getOrders"]
  - name: misspelt
    uses: ["api/openapi.yml#getOrder"]
)");
  repo.Commit();
  BreakBoth(repo);

  int exit_code = 0;
  auto report = repo.RunJson("", &exit_code);
  CHECK(exit_code == 1);
  CHECK(Affected(report, "response-property-type-changed") ==
        std::vector<std::string>{"billing", "reporting"});
  CHECK(Affected(report, "new-required-request-property") ==
        std::vector<std::string>{"shop", "audit"});

  auto text = repo.Run("");
  CHECK(text.exit_code == 1);
  CHECK(Has(text.out + text.err,
            "contract-lint.yaml:12:12: warning: consumers[4].uses[0]: \"api/openapi.yaml#GET "
            "/order/{id}\" names no element on either side; did you mean \"api/openapi.yaml#GET "
            "/orders/{orderId}\"? (it covers nothing)"));
  CHECK(Has(text.out + text.err,
            "warning: consumers[4].uses[1]: \"api/openapi.yaml#getOrders\" names no element on "
            "either side; did you mean \"api/openapi.yaml#getOrder\"? (it covers nothing)"));

  CHECK(Has(text.out + text.err,
            "contract-lint.yaml:14:12: warning: consumers[5].uses[0]: \"api/openapi.yml#getOrder\" "
            "names no element on either side; did you mean \"api/openapi.yaml\"? (it covers "
            "nothing)"));

  // --consumer keeps what hurts one consumer only.
  auto billing = repo.Run("--consumer billing");
  CHECK(billing.exit_code == 1);
  CHECK(Has(billing.out, "response-property-type-changed"));
  CHECK_FALSE(Has(billing.out, "new-required-request-property"));

  // A deleted operation affects the consumers that named it (through the baseline).
  repo.Commit("breaks");
  std::string doc = repo.Read("api/openapi.yaml");
  size_t from = doc.find("  /orders/{orderId}:\n");
  size_t to = doc.find("  /orders:\n");
  repo.Write("api/openapi.yaml", doc.substr(0, from) + doc.substr(to));
  auto deleted = repo.RunJson("--since HEAD", &exit_code);
  CHECK(exit_code == 1);
  CHECK(Affected(deleted, "api-path-removed-without-deprecation") ==
        std::vector<std::string>{"billing"});
}

TEST_CASE("AsyncAPI: consumers name channels and operations", "[e2e][asyncapi][consumers]") {
  Repo repo;
  repo.Write("events/asyncapi.yaml", kEvents);
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: ledger
    uses: ["events/asyncapi.yaml#orderEvents"]
  - name: mailer
    uses: ["events/asyncapi.yaml#publishOrderCreated"]
  - name: analytics
    uses: ["events/asyncapi.yaml#/operations/publishOrderCreated"]
  - name: lost
    uses: ["events/asyncapi.yaml#orderEvent"]
)");
  repo.Commit();
  repo.Edit("events/asyncapi.yaml", "            type: integer", "            type: number");
  int exit_code = 0;
  auto report = repo.RunJson("", &exit_code);
  CHECK(exit_code == 1);
  CHECK(Affected(report, "TYPE_NO_WIDEN") ==
        std::vector<std::string>{"ledger", "mailer", "analytics"});
  auto text = repo.Run("");
  CHECK(Has(text.out + text.err,
            "contract-lint.yaml:10:12: warning: consumers[3].uses[0]: "
            "\"events/asyncapi.yaml#orderEvent\" names no element on either side; did you mean "
            "\"events/asyncapi.yaml#orderEvents\"? (it covers nothing)"));
}

TEST_CASE("OpenAPI: info.version follows the semver bump advice", "[e2e][openapi][versioning]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Commit();
  BreakBoth(repo);

  // A breaking change with a minor bump: VERSION_MAJOR_BUMP_REQUIRED at info.version.
  repo.Edit("api/openapi.yaml", "  version: 1.2.0", "  version: 1.3.0");
  auto minor = repo.Run("");
  CHECK(minor.exit_code == 1);
  CHECK(Has(minor.out,
            "api/openapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: OpenAPI document "
            "api/openapi.yaml makes 2 breaking changes but its info.version goes from 1.2.0 to "
            "1.3.0: a breaking change needs a major version (2.0.0)"));
  CHECK(Has(minor.out,
            "api/openapi.yaml:4:3: info: VERSION_NEXT: OpenAPI document api/openapi.yaml: the "
            "changes since 1.2.0 are breaking, so the next version is 2.0.0 (the file says "
            "1.3.0)"));

  // The major bump allows them: warnings, exit 0.
  repo.Edit("api/openapi.yaml", "  version: 1.3.0", "  version: 2.0.0");
  auto major = repo.Run("");
  CHECK(major.exit_code == 0);
  CHECK(Has(major.out, "warning: response-property-type-changed: "));
  CHECK(Has(major.out, "(allowed by the major version bump 1.2.0 -> 2.0.0)"));
  CHECK_FALSE(Has(major.out, "VERSION_MAJOR_BUMP_REQUIRED"));

  // A compatible change asks for a minor version.
  Repo compatible;
  compatible.Write("api/openapi.yaml", kOrdersApi);
  compatible.Commit();
  compatible.Edit("api/openapi.yaml", "      responses:\n        \"201\":",
                  "      responses:\n        \"404\":\n          description: none\n"
                  "        \"201\":");
  compatible.Edit("api/openapi.yaml", "  version: 1.2.0", "  version: 1.2.1");
  auto next = compatible.Run("");
  CHECK(next.exit_code == 0);
  CHECK(Has(next.out,
            "api/openapi.yaml:4:3: info: VERSION_NEXT: OpenAPI document api/openapi.yaml: the "
            "changes since 1.2.0 are compatible, so the next version is 1.3.0 (the file says "
            "1.2.1)"));
}

TEST_CASE("OpenAPI: an unchanged info.version gets the advice only with a versioning section",
          "[e2e][openapi][versioning]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Commit();
  BreakBoth(repo);
  // info.version is mandatory and often never moves: no advice by default.
  auto plain = repo.Run("");
  CHECK(plain.exit_code == 1);
  CHECK_FALSE(Has(plain.out, "VERSION_"));
  CHECK(Has(plain.out, "2 breaking changes"));
  // With `versioning:` in the config, the forgotten bump is an error.
  repo.Write("contract-lint.yaml", "version: 1\nversioning:\n  major_versions: true\n");
  auto versioned = repo.Run("");
  CHECK(versioned.exit_code == 1);
  CHECK(Has(versioned.out,
            "api/openapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: OpenAPI document "
            "api/openapi.yaml makes 2 breaking changes but its info.version goes from 1.2.0 to "
            "1.2.0: a breaking change needs a major version (2.0.0)"));
}

TEST_CASE("AsyncAPI: info.version follows the semver bump advice", "[e2e][asyncapi][versioning]") {
  Repo repo;
  repo.Write("events/asyncapi.yaml", kEvents);
  repo.Commit();
  repo.Edit("events/asyncapi.yaml", "            type: integer", "            type: number");
  repo.Edit("events/asyncapi.yaml", "  version: 1.0.0", "  version: 1.0.1");
  auto result = repo.Run("");
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out,
            "events/asyncapi.yaml:4:3: error: VERSION_MAJOR_BUMP_REQUIRED: AsyncAPI document "
            "events/asyncapi.yaml makes 1 breaking change but its info.version goes from 1.0.0 "
            "to 1.0.1: a breaking change needs a major version (2.0.0)"));
}

TEST_CASE("OpenAPI: consumer samples are validated against an operation's response or request body",
          "[e2e][openapi][samples]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: billing
    uses: ["api/openapi.yaml#getOrder", "api/openapi.yaml#createOrder"]
    samples: ["samples/**/*.json"]
    sample_contracts:
      "samples/get-order/*.json": "api/openapi.yaml#GET /orders/{id} 200"
      "samples/create-order/*.json": "api/openapi.yaml#POST /orders request"
)");
  repo.Write("samples/get-order/ok.json", "{\n  \"id\": \"o1\",\n  \"total\": 12.5\n}\n");
  repo.Write("samples/create-order/new.json", "{\n  \"item\": \"book\"\n}\n");
  repo.Commit();

  auto same = repo.Run("");
  CHECK(same.exit_code == 0);

  BreakBoth(repo);
  auto result = repo.Run("");
  CHECK(result.exit_code == 1);
  CHECK(Has(result.out, "samples/get-order/ok.json:3:"));
  CHECK(Has(result.out,
            "error: SAMPLE_REJECTED: Sample \"samples/get-order/ok.json\" of consumer \"billing\" "
            "is rejected by api/openapi.yaml#GET /orders/{id} response 200: "));
  CHECK(Has(result.out,
            "error: SAMPLE_REJECTED: Sample \"samples/create-order/new.json\" of consumer "
            "\"billing\" is rejected by api/openapi.yaml#POST /orders request: "));
  int exit_code = 0;
  auto report = repo.RunJson("", &exit_code);
  int rejected = 0;
  for (const auto& f : report["findings"]) {
    if (f["rule"] != "SAMPLE_REJECTED") continue;
    ++rejected;
    CHECK(f["kind"] == "openapi");
    CHECK(f["affected"] == nlohmann::json{"billing"});
  }
  CHECK(rejected == 2);
  // The changed response property is in the GET sample; the new request property in no sample.
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "response-property-type-changed")
      CHECK(f["exercised_by"] == nlohmann::json{"samples/get-order/ok.json"});
    if (f["rule"] == "new-required-request-property")
      CHECK((!f.contains("exercised_by") || f["exercised_by"].empty()));
  }
}

TEST_CASE("OpenAPI: a sample target naming no body is an error at its config entry",
          "[e2e][openapi][samples]") {
  Repo repo;
  repo.Write("api/openapi.yaml", kOrdersApi);
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: billing
    samples: ["samples/*.json"]
    sample_contracts:
      "samples/*.json": "api/openapi.yaml#GET /orders/{id} 500"
)");
  repo.Write("samples/a.json", "{}\n");
  repo.Commit();
  auto result = repo.Run("");
  CHECK(result.exit_code == 2);
  CHECK(Has(result.out + result.err,
            "contract-lint.yaml:6:7: error: consumers[0].sample_contracts.samples/*.json: "
            "\"api/openapi.yaml#GET /orders/{id} 500\" names no OpenAPI body on either side: GET "
            "/orders/{id} has no response 500 (sample samples/a.json of consumer \"billing\")"));
}

TEST_CASE("AsyncAPI 2.x: consumers name a channel, an operationId or a pointer into a payload",
          "[e2e][asyncapi][consumers]") {
  Repo repo;
  repo.Write("ev/asyncapi.yaml", R"(asyncapi: 2.6.0
info: {title: t, version: 1.0.0}
channels:
  orders:
    subscribe:
      operationId: onOrder
      message:
        name: Order
        payload:
          type: object
          properties:
            total: {type: integer}
  other:
    publish:
      message:
        payload: {type: string}
)");
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: a
    uses: ["ev/asyncapi.yaml#orders"]
  - name: b
    uses: ["ev/asyncapi.yaml#onOrder"]
  - name: c
    uses: ["ev/asyncapi.yaml#/channels/orders/subscribe"]
  - name: d
    uses: ["ev/asyncapi.yaml#other"]
  - name: e
    uses: ["ev/asyncapi.yaml#/channels/orders/subscribe/message/payload/properties/total"]
)");
  repo.Commit();
  repo.Edit("ev/asyncapi.yaml", "total: {type: integer}", "total: {type: number}");
  int exit_code = 0;
  auto report = repo.RunJson("", &exit_code);
  CHECK(exit_code == 1);
  CHECK(Affected(report, "TYPE_NO_WIDEN") == std::vector<std::string>{"a", "b", "c", "e"});
}

TEST_CASE("OpenAPI: a pointer into a shared schema file covers the findings located in it",
          "[e2e][openapi][consumers]") {
  Repo repo;
  repo.Write("api/openapi.yaml", R"(openapi: 3.0.3
info: {title: t, version: 1.0.0}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: "./schemas.yaml#/NewOrder"
      responses:
        "201": {description: created}
  /legacy:
    get:
      responses:
        "200": {description: ok}
)");
  repo.Write("api/schemas.yaml", R"(NewOrder:
  type: object
  properties:
    sku:
      type: string
    qty:
      type: number
)");
  repo.Write("contract-lint.yaml", R"(version: 1
consumers:
  - name: whole
    uses: ["api/schemas.yaml#/NewOrder"]
  - name: sku
    uses: ["api/schemas.yaml#/NewOrder/properties/sku"]
  - name: legacy
    uses: ["api/openapi.yaml#GET /legacy"]
  - name: all
    uses: ["api/openapi.yaml"]
)");
  repo.Commit();
  repo.Edit("api/schemas.yaml", "    sku:\n      type: string", "    sku:\n      type: integer");
  repo.Edit("api/openapi.yaml",
            "  /legacy:\n    get:\n      responses:\n        \"200\": {description: ok}\n", "");
  int exit_code = 0;
  auto report = repo.RunJson("", &exit_code);
  CHECK(exit_code == 1);
  CHECK(Affected(report, "request-property-type-changed") ==
        std::vector<std::string>{"whole", "sku", "all"});
  CHECK(Affected(report, "api-path-removed-without-deprecation") ==
        std::vector<std::string>{"legacy", "all"});
}

}  // namespace
}  // namespace contract_lint
