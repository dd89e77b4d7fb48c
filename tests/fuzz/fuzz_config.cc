// libFuzzer target: the config loader (YAML → JSON, schema validation, rule
// ids, buf.yaml), the first thing a run reads.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace contract_lint;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"contract-lint.yaml", "buf.yaml"}) {
    MemorySnapshot current(std::map<std::string, std::string>{{name, text}});
    Config config;
    Diagnostics diagnostics;
    std::vector<Diagnostic> warnings;
    LoadConfig(current, "", "", &config, &diagnostics, &warnings);
  }
  return 0;
}
