// End-to-end: an AsyncAPI 3.0 event document with Kafka bindings in a real git
// repository, a feature branch checked with --since main in every format.
#include <catch2/catch.hpp>
#include <filesystem>

#include "config/starter_config.h"
#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;
using testing::Git;
using testing::Has;
using testing::Repo;

const char* kBefore = R"(asyncapi: 3.0.0
info:
  title: Orders events
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events.v1
    messages:
      orderCreated:
        $ref: '#/components/messages/OrderCreated'
      orderShipped:
        $ref: '#/components/messages/OrderShipped'
  payments:
    address: payments.v1
    messages:
      paymentCaptured:
        $ref: '#/components/messages/PaymentCaptured'
operations:
  publishOrderEvents:
    action: send
    channel:
      $ref: '#/channels/orderEvents'
    messages:
      - $ref: '#/channels/orderEvents/messages/orderCreated'
      - $ref: '#/channels/orderEvents/messages/orderShipped'
  onPaymentCaptured:
    action: receive
    channel:
      $ref: '#/channels/payments'
    messages:
      - $ref: '#/channels/payments/messages/paymentCaptured'
components:
  messages:
    OrderCreated:
      name: OrderCreated
      payload:
        $ref: '#/components/schemas/Order'
      bindings:
        kafka:
          key:
            type: string
    OrderShipped:
      name: OrderShipped
      payload:
        $ref: '#/components/schemas/Order'
      bindings:
        kafka:
          key:
            type: string
    PaymentCaptured:
      name: PaymentCaptured
      payload:
        type: object
        properties:
          orderId:
            type: string
  schemas:
    Order:
      type: object
      properties:
        id:
          type: string
)";

std::string After() {
  std::string text = kBefore;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  // The Kafka key of OrderCreated becomes an integer (partitioning changes).
  replace(
      "      payload:\n        $ref: '#/components/schemas/Order'\n      bindings:\n"
      "        kafka:\n          key:\n            type: string\n",
      "      payload:\n        $ref: '#/components/schemas/Order'\n      bindings:\n"
      "        kafka:\n          key:\n            type: integer\n");
  // OrderShipped is no longer published on the channel's operation.
  replace("      - $ref: '#/channels/orderEvents/messages/orderShipped'\n", "");
  // The payments channel moves to a new topic.
  replace("address: payments.v1", "address: payments.v2");
  // A received payload narrows (judged BACKWARD by the JSON Schema engine).
  replace("          orderId:\n            type: string\n",
          "          orderId:\n            type: string\n            maxLength: 36\n");
  return text;
}

TEST_CASE("AsyncAPI: a feature branch is checked with --since main in every format",
          "[e2e][asyncapi]") {
  Repo repo;
  repo.Write("events/asyncapi.yaml", kBefore);
  repo.Commit();
  Git("checkout -q -b feature", repo.path());
  repo.Write("events/asyncapi.yaml", After());
  repo.Commit("feature");

  auto text = repo.Run("--since main");
  CHECK(text.exit_code == 1);
  CHECK(Has(text.out,
            "events/asyncapi.yaml:39:11: error: ASYNCAPI_KAFKA_KEY_CHANGED: the Kafka message "
            "key schema changed in message OrderCreated of operation publishOrderEvents: records "
            "are partitioned differently, so per-key ordering breaks"));
  CHECK(Has(text.out,
            "events/asyncapi.yaml:23:5: error: ASYNCAPI_MESSAGE_REMOVED_FROM_OPERATION: message "
            "OrderShipped removed from operation publishOrderEvents"));
  CHECK(Has(text.out,
            "events/asyncapi.yaml:14:5: error: ASYNCAPI_CHANNEL_ADDRESS_CHANGED: address of "
            "channel payments changed from \"payments.v1\" to \"payments.v2\""));
  CHECK(Has(text.out,
            "events/asyncapi.yaml:56:13: error: MAX_LENGTH_NO_DECREASE: payload of message "
            "PaymentCaptured of operation onPaymentCaptured at /properties/orderId: maxLength 36 "
            "added"));
  CHECK(Has(text.out, "4 breaking changes"));

  int exit_code = 0;
  nlohmann::json report = repo.RunJson("--since main", &exit_code);
  CHECK(exit_code == 1);
  REQUIRE(report["findings"].size() == 4);
  for (const auto& finding : report["findings"]) {
    CHECK(finding["kind"] == "asyncapi");
    CHECK(finding["line"].get<int>() > 0);
  }
  for (const char* format : {"sarif", "junit", "github", "gitlab", "markdown"}) {
    INFO(format);
    auto result = repo.Run(std::string("--since main --format ") + format);
    CHECK(result.exit_code == 1);
    CHECK(Has(result.out, "ASYNCAPI_KAFKA_KEY_CHANGED"));
  }
}

TEST_CASE("AsyncAPI: a matched file that is not AsyncAPI 2.x/3.0 is an input error",
          "[e2e][asyncapi]") {
  Repo repo;
  repo.Write("events/asyncapi.yaml", "asyncapi: 3.0.0\nchannels: {}\n");
  repo.Commit();
  repo.Write("events/asyncapi.yaml", "info: {}\nasyncapi: 1.2.0\nchannels: {}\n");
  auto result = repo.Run("");
  CHECK(result.exit_code == 2);
  CHECK(Has(result.out + result.err,
            "events/asyncapi.yaml:2:1: error: not an AsyncAPI 2.x/3.0 document: a file matched "
            "by asyncapi.include needs a top-level `asyncapi: 2.x.y` or `asyncapi: 3.0.y` (found "
            "\"1.2.0\")"));
}

TEST_CASE("init writes asyncapi.include for the AsyncAPI documents it finds", "[e2e][asyncapi]") {
  std::string config = StarterConfig({
      {"events/orders.yaml", "asyncapi: 3.0.0\ninfo: {title: Orders, version: 1.0.0}\n"},
      {"events/legacy.json", "{\n  \"asyncapi\": \"2.6.0\",\n  \"channels\": {}\n}\n"},
      {"api/openapi.yaml", "openapi: 3.1.0\n"},
      {"deploy/values.yaml", "asyncapi_enabled: true\n"},
  });
  CHECK(Has(config, "asyncapi:\n  include: [\"events/legacy.json\", \"events/orders.yaml\"]\n"));
  CHECK(Has(config, "openapi:\n  include: [\"api/openapi.yaml\"]\n"));
}

}  // namespace
}  // namespace contract_lint
