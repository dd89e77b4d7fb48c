// libFuzzer target: the OpenAPI/AsyncAPI document loader (libyaml events ->
// node table -> JSON model with positions; anchors, merge keys, limits).
#include <cstddef>
#include <cstdint>
#include <string>

#include "contract_lint/diagnostics.h"
#include "openapi/openapi_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace contract_lint;
  std::string text(reinterpret_cast<const char*>(data), size);
  ApiDocument doc;
  Diagnostics diagnostics;
  bool ok = ParseApiDocument("api/openapi.yaml", text, "", &doc, &diagnostics);
  // Every failure is diagnosed; every success has the root's position.
  if (ok == diagnostics.empty() && (!ok || doc.positions.count("") == 1)) return 0;
  __builtin_trap();
}
