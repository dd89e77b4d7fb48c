#include "proto/buf_module_cache.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "config/config.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

std::string Hex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

// The manifest buf digests (bufcas.Manifest.String): one
// "shake256:HEX  PATH" line per file, sorted by path, each ending in "\n".
std::string Manifest(const std::map<std::string, const std::string*>& files) {
  std::string manifest;
  for (const auto& [path, bytes] : files) {
    manifest += "shake256:" + Shake256Hex(*bytes) + "  " + path + "\n";
  }
  return manifest;
}

// The files of `files` that are part of a module (bufmodule getStorageMatcher):
// .proto files, LICENSE, and the first of buf.md, README.md, README.markdown.
std::map<std::string, const std::string*> ModuleFiles(const BufModuleFiles& files) {
  std::map<std::string, const std::string*> out;
  for (const auto& [path, bytes] : files) {
    if (fs::path(path).extension() == ".proto" || path == "LICENSE") out[path] = &bytes;
  }
  for (const char* doc : {"buf.md", "README.md", "README.markdown"}) {
    if (auto it = files.find(doc); it != files.end()) {
      out[doc] = &it->second;
      break;
    }
  }
  return out;
}

bool ReadDisk(const fs::path& path, std::string* out) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return !in.bad();
}

// A relative path that stays inside its directory.
bool Contained(const std::string& path) {
  if (path.empty() || path[0] == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == "..") return false;
  }
  return true;
}

std::string GenericAbsolute(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec) return "";
  std::string out = absolute.lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

}  // namespace

std::string Shake256Hex(std::string_view data) {
  // SHAKE256 with a 64-byte output, as buf's bufcas digests use it.
  std::array<unsigned char, 64> out{};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_shake256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinalXOF(ctx.get(), out.data(), out.size()) != 1) {
    return "";  // never matches a recorded digest: reported as a mismatch
  }
  return Hex(out.data(), out.size());
}

std::string BufCacheDir() {
  auto env = [](const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
  };
  if (std::string dir = env("BUF_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string dir = env("XDG_CACHE_HOME"); !dir.empty()) return dir + "/buf";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/buf";
  return "";
}

std::string BufDigestB5(const BufModuleFiles& files, const std::vector<std::string>& dep_digests) {
  std::vector<std::string> lines{"shake256:" + Shake256Hex(Manifest(ModuleFiles(files)))};
  std::vector<std::string> deps = dep_digests;
  std::sort(deps.begin(), deps.end());
  lines.insert(lines.end(), deps.begin(), deps.end());
  std::string joined;
  for (size_t i = 0; i < lines.size(); ++i) joined += (i ? "\n" : "") + lines[i];
  return "b5:" + Shake256Hex(joined);
}

std::string BufDigestB4(const BufModuleFiles& files, const std::string* buf_yaml,
                        const std::string* buf_lock) {
  auto nodes = ModuleFiles(files);
  if (buf_yaml) nodes["buf.yaml"] = buf_yaml;
  if (buf_lock) nodes["buf.lock"] = buf_lock;
  return "shake256:" + Shake256Hex(Manifest(nodes));
}

BufCacheResult ReadCachedBufModule(const std::string& cache_dir, const BufLockDep& dep,
                                   CachedBufModule* module, std::string* problem) {
  std::string type = dep.digest.substr(0, dep.digest.find(':'));
  // No digest, or one buf itself no longer reads (b1-, b3-): buf asks the BSR.
  if (dep.digest.find(':') == std::string::npos || (type != "b5" && type != "shake256")) {
    return BufCacheResult::kAbsent;
  }
  std::string base = GenericAbsolute(cache_dir);
  if (base.empty()) return BufCacheResult::kAbsent;
  std::string entry = base + "/v3/modules/" + type + "/" + dep.registry + "/" + dep.owner + "/" +
                      dep.name + "/" + dep.commit;
  for (const std::string* part : {&dep.registry, &dep.owner, &dep.name}) {
    if (!Contained(*part) || part->find('/') != std::string::npos) return BufCacheResult::kAbsent;
  }
  std::string text;
  // module.yaml is written last: without a valid one buf has no entry.
  if (!ReadDisk(entry + "/module.yaml", &text)) return BufCacheResult::kAbsent;
  nlohmann::json info;
  Diagnostics ignored;
  if (!ParseConfigText(text, entry + "/module.yaml", &info, &ignored) || !info.is_object()) {
    return BufCacheResult::kAbsent;
  }
  auto string_at = [&](const nlohmann::json& object, const char* key) {
    return object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
                                                           : std::string();
  };
  std::string files_dir = string_at(info, "files_dir");
  if (string_at(info, "version") != "v1" || !Contained(files_dir)) return BufCacheResult::kAbsent;
  std::vector<std::string> dep_digests;
  if (info.contains("deps") && info["deps"].is_array()) {
    for (const auto& d : info["deps"]) {
      if (!d.is_object() || string_at(d, "name").empty() || string_at(d, "commit").empty() ||
          string_at(d, "digest").empty()) {
        return BufCacheResult::kAbsent;
      }
      dep_digests.push_back(string_at(d, "digest"));
    }
  }
  // The module's files: regular files only (buf's cache bucket follows no symlinks).
  BufModuleFiles files;
  fs::path root = fs::path(entry) / files_dir;
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(root, ec))) return BufCacheResult::kAbsent;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    std::string relative = it->path().lexically_relative(root).generic_string();
    std::string bytes;
    if (!ReadDisk(it->path(), &bytes)) {
      *problem = "cannot read " + it->path().generic_string();
      return BufCacheResult::kMismatch;
    }
    files.emplace(std::move(relative), std::move(bytes));
  }
  if (ec) return BufCacheResult::kAbsent;
  std::string actual;
  if (type == "b5") {
    actual = BufDigestB5(files, dep_digests);
  } else {
    std::string yaml_path = string_at(info, "v1_buf_yaml_file");
    std::string lock_path = string_at(info, "v1_buf_lock_file");
    std::string yaml, lock;
    if ((!yaml_path.empty() &&
         (!Contained(yaml_path) || !ReadDisk(entry + "/" + yaml_path, &yaml))) ||
        (!lock_path.empty() &&
         (!Contained(lock_path) || !ReadDisk(entry + "/" + lock_path, &lock)))) {
      return BufCacheResult::kAbsent;
    }
    actual = BufDigestB4(files, yaml_path.empty() ? nullptr : &yaml,
                         lock_path.empty() ? nullptr : &lock);
  }
  if (actual != dep.digest) {
    *problem = "digest verification failed for " + dep.FullName() + ":" + dep.commit +
               ": buf's module cache (" + entry + ") holds " + actual + ", not the locked " +
               dep.digest +
               " (a corrupted or hand-edited cache entry or buf.lock); clear the cache with "
               "`buf registry cc` and let buf fetch the commit again, or vendor the module";
    return BufCacheResult::kMismatch;
  }
  module->full_name = dep.FullName();
  module->commit = dep.commit;
  module->files_dir = (fs::path(entry) / files_dir).lexically_normal().generic_string();
  while (module->files_dir.size() > 1 && module->files_dir.back() == '/')
    module->files_dir.pop_back();
  for (auto& [path, bytes] : files) {
    if (fs::path(path).extension() != ".proto") continue;
    module->protos[path] = std::make_shared<const std::string>(std::move(bytes));
  }
  return BufCacheResult::kFound;
}

BufCacheSnapshot::BufCacheSnapshot(
    std::unique_ptr<Snapshot> inner,
    const std::vector<std::shared_ptr<const CachedBufModule>>& modules)
    : inner_(std::move(inner)) {
  files_ = inner_->Files();
  for (const auto& module : modules) {
    for (const auto& [import_path, bytes] : module->protos) {
      std::string path = module->files_dir + "/" + import_path;
      if (!cached_.emplace(path, bytes).second) continue;
      files_.push_back(SnapshotFile{path, GitBlobId(*bytes)});
    }
  }
  std::sort(files_.begin(), files_.end(),
            [](const SnapshotFile& a, const SnapshotFile& b) { return a.path < b.path; });
}

bool BufCacheSnapshot::Read(std::string_view path, std::string* contents,
                            std::string* error) const {
  if (auto it = cached_.find(path); it != cached_.end()) {
    *contents = *it->second;
    return true;
  }
  return inner_->Read(path, contents, error);
}

void UseBufModuleCache(const std::string& config_source, std::unique_ptr<Snapshot>* against,
                       std::unique_ptr<Snapshot>* current, ProtoSettings* settings,
                       Diagnostics* diagnostics, std::vector<Diagnostic>* warnings) {
  if (settings->deps.empty()) return;
  if (!config_source.ends_with("buf.yaml") && !config_source.ends_with("buf.yml")) return;
  std::string base = DirectoryOf(config_source);
  if (base != config_source.substr(0, base.size()) ||
      (config_source.substr(base.size()) != "buf.yaml" &&
       config_source.substr(base.size()) != "buf.yml")) {
    return;
  }
  std::string lock_path = base + "buf.lock";
  std::string cache_dir = BufCacheDir();
  // The same locked commit on both sides is read (and verified) once.
  std::map<std::string, std::shared_ptr<const CachedBufModule>> read;
  std::set<std::string> added;
  for (std::unique_ptr<Snapshot>* side : {current, against}) {
    bool is_current = side == current;
    if (!*side || !(*side)->Find(lock_path)) continue;  // a release tag has no current
    std::string text, error;
    BufLock lock;
    Diagnostics problems;
    if (!(*side)->Read(lock_path, &text, &error)) {
      problems.Add(lock_path, 0, 0, error);
    } else {
      ParseBufLock(text, lock_path, &lock, &problems);
    }
    if (!problems.empty()) {
      for (Diagnostic d : problems.Sorted()) {
        if (is_current) {
          diagnostics->Add(std::move(d));
        } else {
          d.message += " (in the baseline: " + (*side)->Describe() +
                       "); its buf.lock dependencies are not read from buf's cache";
          warnings->push_back(std::move(d));
        }
      }
      continue;
    }
    if (cache_dir.empty()) continue;
    std::vector<std::shared_ptr<const CachedBufModule>> modules;
    for (const auto& dep : lock.deps) {
      std::string key = dep.digest.substr(0, dep.digest.find(':')) + "/" + dep.FullName() + "/" +
                        dep.commit + "@" + dep.digest;
      auto it = read.find(key);
      if (it == read.end()) {
        auto module = std::make_shared<CachedBufModule>();
        std::string problem;
        BufCacheResult result = ReadCachedBufModule(cache_dir, dep, module.get(), &problem);
        if (result == BufCacheResult::kMismatch) {
          diagnostics->Add(
              lock_path, dep.digest_line, dep.digest_column,
              problem +
                  (is_current ? std::string() : " (in the baseline: " + (*side)->Describe() + ")"));
        }
        it = read.emplace(key, result == BufCacheResult::kFound ? module : nullptr).first;
      }
      if (!it->second) continue;
      // A path with glob characters would not exclude itself: left unused.
      if (it->second->files_dir.find_first_of("*?[{") != std::string::npos) continue;
      modules.push_back(it->second);
      if (added.insert(it->second->files_dir).second &&
          std::find(settings->roots.begin(), settings->roots.end(), it->second->files_dir) ==
              settings->roots.end()) {
        settings->roots.push_back(it->second->files_dir);
        settings->exclude.push_back(it->second->files_dir);
      }
    }
    if (!modules.empty()) *side = std::make_unique<BufCacheSnapshot>(std::move(*side), modules);
  }
}

}  // namespace contract_lint
