// buf.lock (v1beta1, v1, v2): the BSR module commits a buf.yaml's `deps:`
// resolved to, with their digests. Read so that a module buf's local cache
// holds can be used offline (src/proto/buf_module_cache.h).
#pragma once

#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"

namespace contract_lint {

struct BufLockDep {
  std::string registry;  // buf.build
  std::string owner;     // googleapis
  std::string name;      // googleapis
  std::string commit;    // dashless, lower-case (32 hex digits)
  // "b5:HEX" (v2) or "shake256:HEX" (v1beta1, v1); "" when the entry has none
  // (buf then asks the BSR, which an offline check cannot).
  std::string digest;
  int line = 0, column = 0;                // the entry
  int digest_line = 0, digest_column = 0;  // its `digest:` key (the entry when none)

  std::string FullName() const { return registry + "/" + owner + "/" + name; }
};

struct BufLock {
  std::string path;     // repository path of the buf.lock
  std::string version;  // v1beta1 (no `version:`), v1, v2
  std::vector<BufLockDep> deps;
};

// Parses a buf.lock as buf reads it (bufconfig/buf_lock_file.go): v2 entries
// have `name`, `commit`, `digest`; v1beta1/v1 entries `remote`, `owner`,
// `repository`, `commit`, `digest`. A malformed file or entry adds a
// diagnostic at its line and column and returns false.
bool ParseBufLock(const std::string& text, const std::string& path, BufLock* lock,
                  Diagnostics* diagnostics);

}  // namespace contract_lint
