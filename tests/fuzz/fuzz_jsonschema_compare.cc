// libFuzzer target: the JSON Schema comparison of two documents (and the
// loading and $ref resolution both need). The input is split at the first NUL
// byte into the baseline and the current document; without a NUL the
// baseline is {}.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jsonschema/jsonschema_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace contract_lint;
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t split = input.find('\0');
  std::string old_doc = split == std::string::npos ? "{}" : input.substr(0, split);
  std::string new_doc = split == std::string::npos ? input : input.substr(split + 1);
  MemorySnapshot against(std::map<std::string, std::string>{
      {"a.schema.json", old_doc},
      {"b.schema.json", "{\"$defs\": {\"x\": {\"type\": \"string\"}}}"}});
  MemorySnapshot current(std::map<std::string, std::string>{
      {"a.schema.json", new_doc},
      {"b.schema.json", "{\"$defs\": {\"x\": {\"type\": [\"string\", \"null\"]}}}"}});
  std::vector<Finding> findings;
  Diagnostics diagnostics;
  CheckJsonSchemas(against, current, JsonSchemaSettings{}, &findings, &diagnostics);
  return 0;
}
