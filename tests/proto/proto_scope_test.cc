// The lexical scans the incremental scope relies on: ScanDeclaredNames finds
// the package-level names two files could both declare (issue 21).
#include "proto/proto_scope.h"

#include <catch2/catch.hpp>

namespace contract_lint {
namespace {

using Names = std::vector<std::string>;

TEST_CASE("ScanDeclaredNames: the package-level names of a file", "[proto][scope]") {
  auto names = ScanDeclaredNames(R"(// message Commented {}
syntax = "proto2";
package acme.v1;
import "google/protobuf/descriptor.proto";
option (x.y) = { message: "not a declaration" enum: 1 };
message Order {
  message Nested {}
  enum Inner { INNER_ZERO = 0; }
  optional string note = 1 [(z) = { service: "no" }, default = "message Fake {}"];
}
enum Color {
  option allow_alias = true;
  reserved 5, 6;
  reserved "GONE";
  COLOR_UNSPECIFIED = 0;
  RED = 1 [deprecated = true, (v) = { a: 1 }];
  CRIMSON = -1;
}
service Api { rpc Get(Order) returns (Order) { option (m) = { x: 1 }; } }
extend google.protobuf.FieldOptions {
  optional string tag = 50001 [default = "x"];
  repeated .acme.v1.Order orders = 50002;
  optional group Extra = 50003 { optional int32 n = 1; }
}
)");
  CHECK(names.package == "acme.v1");
  CHECK(names.names == Names{"acme.v1.Order", "acme.v1.Color", "acme.v1.COLOR_UNSPECIFIED",
                             "acme.v1.RED", "acme.v1.CRIMSON", "acme.v1.Api", "acme.v1.tag",
                             "acme.v1.orders", "acme.v1.Extra", "acme.v1.extra"});
}

TEST_CASE("ScanDeclaredNames: no package, repeats kept", "[proto][scope]") {
  auto names = ScanDeclaredNames("syntax = \"proto3\";\nmessage A {}\nmessage A {}\n");
  CHECK(names.package.empty());
  CHECK(names.names == Names{"A", "A"});
}

}  // namespace
}  // namespace contract_lint
