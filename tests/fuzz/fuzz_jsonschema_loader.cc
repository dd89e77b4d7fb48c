// libFuzzer target: the JSON Schema loader alone — the parser, the position
// index and the $ref resolver ($id bases, anchors, relative files, pointers).
// The input is split at NUL bytes into up to three current-side files
// (a.schema.json, sub/b.schema.json, c.schema.json) so that cross-file $refs
// resolve; the baseline is empty, so every file is loaded and every $ref of
// it resolved and validated, and nothing is compared.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jsonschema/json_positions.h"
#include "jsonschema/jsonschema_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace contract_lint;
  std::string input(reinterpret_cast<const char*>(data), size);
  const char* names[] = {"a.schema.json", "sub/b.schema.json", "c.schema.json"};
  std::map<std::string, std::string> files;
  size_t start = 0;
  for (int i = 0; i < 3 && start <= input.size(); ++i) {
    size_t end = i == 2 ? std::string::npos : input.find('\0', start);
    files[names[i]] =
        input.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  // The position index on the raw bytes: any input must be safe.
  PositionIndex index;
  std::string error;
  int line = 0, column = 0;
  if (index.Build(files[names[0]], 512, &error, &line, &column)) {
    if (!index.Find("")) __builtin_trap();  // never null after a successful Build
    index.Find("/properties/x/0");
  }
  MemorySnapshot against(std::map<std::string, std::string>{});
  MemorySnapshot current(std::move(files));
  std::vector<Finding> findings;
  Diagnostics diagnostics;
  CheckJsonSchemas(against, current, JsonSchemaSettings{}, &findings, &diagnostics);
  return 0;
}
