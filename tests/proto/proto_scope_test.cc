// The lexical scans the incremental scope relies on: ScanDeclaredNames finds
// the package-level names two files could both declare (issue 21), and
// ScanProtoHeader's early stop lists the same imports and package as a scan
// of the whole text (issue 17).
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

// A scan that may stop at the first definition must list what a scan of the
// whole text lists: imports after definitions (at any depth, split literals,
// `public`), never an `import` of a comment, a string or a number token.
TEST_CASE("ScanProtoHeader: the early stop keeps every import and the package", "[proto][scope]") {
  const std::vector<std::string> texts = {
      // No word after the first definition: stops there.
      "syntax = \"proto3\";\npackage a.b;\nimport \"x.proto\";\nmessage M { int32 f = 1; }\n",
      // Imports after definitions, the package known: the rest is lexed for imports only.
      "syntax = \"proto3\";\npackage a.b;\nmessage M {}\nimport public \"y\" \".proto\";\n"
      "message N { import \"z.proto\"; }\n// import \"comment.proto\";\n"
      "/* import \"block.proto\"; */ string s = 1 [(o) = \"import \\\"str.proto\\\"\"];\n"
      "x = 1.import \"num.proto\";\nimport weak \"w.proto\";\nimport\n",
      // The package after the first definition: the rest is scanned whole.
      "syntax = \"proto2\";\nmessage M {}\npackage late;\nimport \"q.proto\";\nextend M {}\n",
      // A word `import` only in a comment after the definition.
      "package p;\nenum E { A = 0; }\n// import data\n",
  };
  for (const auto& text : texts) {
    INFO(text);
    ProtoHeader whole = ScanProtoHeader(text, true);
    ProtoHeader early = ScanProtoHeader(text, false);
    CHECK(whole.complete);
    CHECK(early.package == whole.package);
    CHECK(early.imports == whole.imports);
    CHECK(early.public_imports == whole.public_imports);
    if (early.complete) CHECK(early.sensitive == whole.sensitive);
    if (early.sensitive) CHECK(whole.sensitive);
  }
  ProtoHeader imports = ScanProtoHeader(texts[1], false);
  CHECK(imports.imports == std::vector<std::string>{"y.proto", "z.proto", "w.proto"});
  CHECK(imports.public_imports == std::vector<std::string>{"y.proto"});
  CHECK_FALSE(imports.complete);
  ProtoHeader late = ScanProtoHeader(texts[2], false);
  CHECK(late.package == "late");
  CHECK(late.imports == std::vector<std::string>{"q.proto"});
  CHECK(late.sensitive);
}

}  // namespace
}  // namespace contract_lint
