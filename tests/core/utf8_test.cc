// The one UTF-8 check every input goes through (.proto files, configs).
#include "base/utf8.h"

#include <catch2/catch.hpp>

namespace contract_lint {
namespace {

TEST_CASE("FirstInvalidUtf8 points at the first bad byte, counting characters", "[core][utf8]") {
  CHECK(FirstInvalidUtf8("plain\nh\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80").line == 0);
  InvalidUtf8 bad = FirstInvalidUtf8("a\n\xC3\xA9\xE2\x82\xAC x\xFF");
  CHECK(bad.line == 2);
  CHECK(bad.column == 5);  // é and € are one column each
  CHECK(bad.byte == 0xFF);
  CHECK(DescribeInvalidUtf8(bad) == "invalid UTF-8 (byte 0xff)");
  // Overlong two-byte form, a lead byte past U+10FFFF, a stray continuation, a truncated tail.
  CHECK(FirstInvalidUtf8("\xC0\xAF").byte == 0xC0);
  CHECK(FirstInvalidUtf8("ok \xF5\x80\x80\x80").column == 4);
  CHECK(FirstInvalidUtf8("\x80").line == 1);
  CHECK(FirstInvalidUtf8("ab\xE2\x82").column == 3);
}

TEST_CASE("Surrogates and overlong three- and four-byte forms are not UTF-8", "[core][utf8]") {
  // What nlohmann_json refuses to write: found by fuzz_config, where a JSON
  // config with an encoded surrogate ended in an uncaught exception.
  CHECK(FirstInvalidUtf8("a\xED\xA0\x80").column == 2);      // U+D800
  CHECK(FirstInvalidUtf8("\xED\xBF\xBF").byte == 0xED);      // U+DFFF
  CHECK(FirstInvalidUtf8("\xE0\x80\xAF").byte == 0xE0);      // overlong '/'
  CHECK(FirstInvalidUtf8("\xF0\x80\x80\xAF").byte == 0xF0);  // overlong '/'
  CHECK(FirstInvalidUtf8("\xF4\x90\x80\x80").byte == 0xF4);  // U+110000
  // Their neighbours are fine.
  CHECK(FirstInvalidUtf8("\xED\x9F\xBF \xEE\x80\x80 \xE0\xA0\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF")
            .line == 0);
}

}  // namespace
}  // namespace contract_lint
