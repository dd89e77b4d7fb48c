// buf's local module cache, read-only: a buf.yaml's `deps:` pinned by a
// buf.lock resolve from the cache entry of each locked commit, when buf has
// one (`buf build` / `buf dep update` fill it), verified against the locked
// digest. Nothing is fetched and nothing is written; no other cache entry is
// read. Layout and digests as buf (1.32+) writes and checks them:
//   - base directory: $BUF_CACHE_DIR, else $XDG_CACHE_HOME/buf, else
//     $HOME/.cache/buf (private/pkg/app/appext/name_container.go getDirPath,
//     private/pkg/app/app_unix.go CacheDirPath);
//   - module data: v3/modules (private/buf/bufcli/cache.go
//     v3CacheModuleRelDirPath), one directory per module key,
//     DIGEST_TYPE/REGISTRY/OWNER/NAME/DASHLESS_COMMIT (b5 for a v2 buf.lock,
//     shake256 for v1/v1beta1), holding module.yaml (version v1, files_dir,
//     deps with name/commit/digest, v1_buf_yaml_file, v1_buf_lock_file;
//     written last: without it the entry is absent) and the module's files
//     under files_dir (private/bufpkg/bufmodule/bufmodulestore/module_data_store.go);
//   - digests: shake256 with 64-byte output over a manifest of
//     "shake256:HEX  PATH\n" lines sorted by path, of the module's .proto
//     files, LICENSE and its first of buf.md, README.md, README.markdown
//     (private/bufpkg/bufcas/manifest.go, file_node.go, private/pkg/shake256,
//     private/bufpkg/bufmodule/paths.go getStorageMatcher); b5 = shake256 of
//     the manifest digest and the sorted b5 digests of module.yaml's deps,
//     joined by "\n"; shake256 (b4) = the digest of the manifest that also
//     holds the v1 buf.yaml and buf.lock (private/bufpkg/bufmodule/digest.go,
//     module_data.go checkDigest).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/buf_lock.h"
#include "contract_lint/diagnostics.h"
#include "contract_lint/snapshot.h"
#include "proto/proto_check.h"

namespace contract_lint {

// SHAKE256 with a 64-byte output (buf's private/pkg/shake256), in hex.
std::string Shake256Hex(std::string_view data);

// buf's cache directory from the environment, or "" when none can be named.
std::string BufCacheDir();

// One module's files as buf's digests read them: path -> bytes.
using BufModuleFiles = std::map<std::string, std::string>;
// b5:HEX of `files` (filtered as buf filters a module) and the b5 digests of
// its declared dependencies.
std::string BufDigestB5(const BufModuleFiles& files, const std::vector<std::string>& dep_digests);
// shake256:HEX (b4) of `files` and the module's v1 buf.yaml / buf.lock (each
// "" when the module had none).
std::string BufDigestB4(const BufModuleFiles& files, const std::string* buf_yaml,
                        const std::string* buf_lock);

// A module read from the cache and verified.
struct CachedBufModule {
  std::string full_name;  // buf.build/googleapis/googleapis
  std::string commit;     // dashless
  std::string files_dir;  // absolute, '/'-separated: the import root
  std::map<std::string, std::shared_ptr<const std::string>> protos;  // import path -> bytes
};

enum class BufCacheResult {
  kFound,     // read and verified
  kAbsent,    // no (complete, valid) entry for the commit: buf would fetch it
  kMismatch,  // the entry's files do not have the locked digest
};

// Looks up `dep` in the cache at `cache_dir`. On kMismatch, `problem` says
// what differs (the entry's directory and both digests).
BufCacheResult ReadCachedBufModule(const std::string& cache_dir, const BufLockDep& dep,
                                   CachedBufModule* module, std::string* problem);

// `inner` plus the .proto files of cached modules, each at
// FILES_DIR/IMPORT_PATH (an absolute path, which no repository path is).
class BufCacheSnapshot : public Snapshot {
 public:
  BufCacheSnapshot(std::unique_ptr<Snapshot> inner,
                   const std::vector<std::shared_ptr<const CachedBufModule>>& modules);
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return inner_->Describe(); }
  const Snapshot& inner() const { return *inner_; }

 private:
  std::unique_ptr<Snapshot> inner_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> cached_;
  std::vector<SnapshotFile> files_;
};

// When the configuration is a buf.yaml with `deps:` and the side has a
// buf.lock beside it: every locked commit buf's cache holds is added to that
// side (BufCacheSnapshot) and its files directory to `settings` (a root, and
// an exclude: a dependency is never a contract). A cache entry whose digest is
// not the locked one is an error at the buf.lock's `digest:`; a malformed
// buf.lock is one in the current side (a warning in the baseline). A commit
// the cache lacks changes nothing: its imports stay missing, as before.
void UseBufModuleCache(const std::string& config_source, std::unique_ptr<Snapshot>* against,
                       std::unique_ptr<Snapshot>* current, ProtoSettings* settings,
                       Diagnostics* diagnostics, std::vector<Diagnostic>* warnings);

}  // namespace contract_lint
