#include "config/glob.h"

#include <catch2/catch.hpp>

namespace contract_lint {

TEST_CASE("globs match paths the way config users expect", "[core]") {
  CHECK(GlobMatch("**/*.schema.json", "a.schema.json"));
  CHECK(GlobMatch("**/*.schema.json", "schemas/orders/a.schema.json"));
  CHECK_FALSE(GlobMatch("**/*.schema.json", "schemas/a.json"));
  CHECK(GlobMatch("schemas/**/*.json", "schemas/x/y/z.json"));
  CHECK(GlobMatch("schemas/**/*.json", "schemas/z.json"));
  CHECK_FALSE(GlobMatch("schemas/*.json", "schemas/x/z.json"));
  CHECK(GlobMatch("third_party/**", "third_party/google/a.proto"));
  CHECK(GlobMatch("proto/legacy", "proto/legacy/a.proto"));
  CHECK_FALSE(GlobMatch("proto/legacy", "proto/legacy2/a.proto"));
  CHECK(GlobMatch("proto/acme/orders/**", "proto/acme/orders/v1/orders.proto"));
  CHECK(GlobMatch("a?c.proto", "abc.proto"));
  CHECK_FALSE(GlobMatch("a?c.proto", "a/c.proto"));
  CHECK(GlobMatch(".", "anything/at/all"));
}

}  // namespace contract_lint
