#include "proto/buf_module_cache.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/config.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

// Keccak-f[1600] (FIPS 202), the permutation under SHAKE256.
constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};
constexpr int kRotations[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kLanes[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                            15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

uint64_t Rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void KeccakF(uint64_t a[25]) {
  for (uint64_t constant : kRoundConstants) {
    // θ
    uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
    uint64_t c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
    uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
    uint64_t c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
    uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
    uint64_t d0 = c4 ^ Rotl(c1, 1), d1 = c0 ^ Rotl(c2, 1), d2 = c1 ^ Rotl(c3, 1);
    uint64_t d3 = c2 ^ Rotl(c4, 1), d4 = c3 ^ Rotl(c0, 1);
    for (int j = 0; j < 25; j += 5) {
      a[j] ^= d0;
      a[j + 1] ^= d1;
      a[j + 2] ^= d2;
      a[j + 3] ^= d3;
      a[j + 4] ^= d4;
    }
    // ρ and π
    uint64_t t = a[1];
    for (int i = 0; i < 24; ++i) {
      uint64_t next = a[kLanes[i]];
      a[kLanes[i]] = Rotl(t, kRotations[i]);
      t = next;
    }
    // χ
    for (int j = 0; j < 25; j += 5) {
      uint64_t b0 = a[j], b1 = a[j + 1], b2 = a[j + 2], b3 = a[j + 3], b4 = a[j + 4];
      a[j] = b0 ^ (~b1 & b2);
      a[j + 1] = b1 ^ (~b2 & b3);
      a[j + 2] = b2 ^ (~b3 & b4);
      a[j + 3] = b3 ^ (~b4 & b0);
      a[j + 4] = b4 ^ (~b0 & b1);
    }
    // ι
    a[0] ^= constant;
  }
}

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
  constexpr size_t kRate = 136;  // SHAKE256: 1088-bit rate, 17 lanes
  uint64_t st[25] = {};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  // Whole blocks a lane at a time (lanes are little-endian), the rest by byte.
  for (; n >= kRate; p += kRate, n -= kRate) {
    for (size_t i = 0; i < kRate / 8; ++i) {
      uint64_t lane = 0;
      if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&lane, p + 8 * i, 8);
      } else {
        for (int k = 7; k >= 0; --k) lane = (lane << 8) | p[8 * i + k];
      }
      st[i] ^= lane;
    }
    KeccakF(st);
  }
  for (size_t pos = 0; pos < n; ++pos)
    st[pos / 8] ^= static_cast<uint64_t>(p[pos]) << (8 * (pos % 8));
  st[n / 8] ^= 0x1FULL << (8 * (n % 8));
  st[(kRate - 1) / 8] ^= 0x80ULL << (8 * ((kRate - 1) % 8));
  KeccakF(st);
  std::array<unsigned char, 64> out;
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<unsigned char>(st[i / 8] >> (8 * (i % 8)));
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
    if (!(*side)->Find(lock_path)) continue;
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
      if (added.insert(it->second->files_dir).second) {
        settings->roots.push_back(it->second->files_dir);
        settings->exclude.push_back(it->second->files_dir);
      }
    }
    if (!modules.empty()) *side = std::make_unique<BufCacheSnapshot>(std::move(*side), modules);
  }
}

}  // namespace contract_lint
