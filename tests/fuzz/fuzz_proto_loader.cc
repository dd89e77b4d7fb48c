// libFuzzer target: bytes as a .proto file through the Snapshot SourceTree,
// the Importer and the pairing, against a fixed baseline.
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "proto/proto_check.h"

// libprotobuf logs parser warnings (e.g. no syntax) to stderr; they would
// drown libFuzzer's output and slow every run.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace contract_lint;
  std::string text(reinterpret_cast<const char*>(data), size);
  MemorySnapshot against(std::map<std::string, std::string>{
      {"a.proto",
       "syntax = \"proto3\";\npackage p;\nmessage M { int32 x = 1; string y = 2; }\n"
       "enum E { E_UNSPECIFIED = 0; E_ONE = 1; }\nservice S { rpc Get(M) returns (M); }\n"}});
  MemorySnapshot current(std::map<std::string, std::string>{{"a.proto", text}});
  std::vector<Finding> findings;
  Diagnostics diagnostics;
  CheckProto(against, current, ProtoSettings{}, &findings, &diagnostics);
  return 0;
}
