#include "config/buf_lock.h"

#include <algorithm>
#include <cctype>

#include "config/config.h"

namespace contract_lint {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsHex(const std::string& s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The plain scalar written after the key at `where` (1-based), up to a
// comment or the end of the line.
std::string RawValue(const std::string& text, std::pair<int, int> where) {
  size_t start = 0;
  for (int line = 1; line < where.first && start != std::string::npos; ++line) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return "";
  std::string line = text.substr(start, text.find('\n', start) - start);
  size_t colon = line.find(':', static_cast<size_t>(std::max(where.second - 1, 0)));
  if (colon == std::string::npos) return "";
  std::string value = line.substr(colon + 1);
  value = value.substr(0, value.find(" #"));
  size_t first = value.find_first_not_of(" \t");
  size_t last = value.find_last_not_of(" \t\r");
  return first == std::string::npos ? "" : value.substr(first, last - first + 1);
}

}  // namespace

bool ParseBufLock(const std::string& text, const std::string& path, BufLock* lock,
                  Diagnostics* diagnostics) {
  lock->path = path;
  lock->deps.clear();
  nlohmann::json doc;
  ConfigPositions positions;
  if (!ParseConfigText(text, path, &doc, diagnostics, &positions)) return false;
  auto at = [&](const std::string& key_path) {
    auto it = positions.find(key_path);
    return it == positions.end() ? std::make_pair(1, 1) : it->second;
  };
  if (doc.is_null()) doc = nlohmann::json::object();  // an empty buf.lock: no deps
  if (!doc.is_object()) {
    diagnostics->Add(path, 1, 1, "expected a mapping at the top level (buf.lock)");
    return false;
  }
  // buf has allowed buf.locks without a version: they are v1beta1.
  lock->version = doc.contains("version") && doc["version"].is_string()
                      ? doc["version"].get<std::string>()
                      : std::string("v1beta1");
  if (lock->version != "v1beta1" && lock->version != "v1" && lock->version != "v2") {
    auto [line, column] = at("version");
    diagnostics->Add(path, line, column,
                     "unknown buf.lock version \"" + lock->version + "\" (v1beta1, v1 or v2)");
    return false;
  }
  if (!doc.contains("deps") || doc["deps"].is_null()) return true;
  if (!doc["deps"].is_array()) {
    auto [line, column] = at("deps");
    diagnostics->Add(path, line, column, "deps: expected a list of modules");
    return false;
  }
  bool v2 = lock->version == "v2";
  bool ok = true;
  for (size_t i = 0; i < doc["deps"].size(); ++i) {
    const auto& entry = doc["deps"][i];
    std::string key = "deps[" + std::to_string(i) + "]";
    auto [line, column] = at(key);
    auto fail = [&, line = line, column = column](const std::string& field,
                                                  const std::string& message) {
      auto where = field.empty() ? std::make_pair(line, column) : at(key + "." + field);
      diagnostics->Add(path, where.first, where.second, key + ": " + message);
      ok = false;
    };
    if (!entry.is_object()) {
      fail("", "expected a mapping");
      continue;
    }
    // A plain scalar that reads as a number (an all-digit commit) is the
    // number's digits, zero-padded to a commit's 32.
    auto text_of = [&](const char* field) -> std::string {
      if (!entry.contains(field)) return "";
      const auto& value = entry[field];
      if (value.is_string()) return value.get<std::string>();
      if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
      if (value.is_number_integer()) return std::to_string(value.get<long long>());
      return "\x01";  // not a scalar we can read back
    };
    BufLockDep dep;
    dep.line = line;
    dep.column = column;
    if (v2) {
      std::string name = text_of("name");
      size_t first = name.find('/');
      size_t second = first == std::string::npos ? first : name.find('/', first + 1);
      if (name.empty()) {
        fail("", "no module name specified (name: registry/owner/module)");
        continue;
      }
      if (second == std::string::npos || name.find('/', second + 1) != std::string::npos ||
          first == 0 || second == first + 1 || second + 1 == name.size()) {
        fail("name", "invalid module name \"" + name + "\": expected registry/owner/module");
        continue;
      }
      dep.registry = name.substr(0, first);
      dep.owner = name.substr(first + 1, second - first - 1);
      dep.name = name.substr(second + 1);
    } else {
      dep.registry = text_of("remote");
      dep.owner = text_of("owner");
      dep.name = text_of("repository");
      const char* missing = dep.registry.empty() ? "remote"
                            : dep.owner.empty()  ? "owner"
                            : dep.name.empty()   ? "repository"
                                                 : nullptr;
      if (missing) {
        fail("", std::string(missing) + " missing");
        continue;
      }
    }
    std::string commit = text_of("commit");
    if (commit.empty()) {
      fail("", "no commit specified for module " + dep.FullName());
      continue;
    }
    if (entry.contains("commit") && !entry["commit"].is_string()) {
      // A plain scalar that reads as a number (all digits, or digits and one
      // `e`): the value as written on its line.
      commit = RawValue(text, at(key + ".commit"));
    }
    std::string dashless;
    for (char c : commit) {
      if (c != '-') dashless += c;
    }
    if (dashless.size() != 32 || !IsHex(dashless)) {
      fail("commit", "commit of " + dep.FullName() +
                         " is not a BSR commit id (32 hexadecimal digits; quote it if it reads "
                         "as a number)");
      continue;
    }
    dep.commit = Lower(dashless);
    dep.digest = text_of("digest");
    if (dep.digest == "\x01") {
      fail("digest", "digest of " + dep.FullName() + " is not a string");
      continue;
    }
    auto [digest_line, digest_column] =
        entry.contains("digest") ? at(key + ".digest") : std::make_pair(line, column);
    dep.digest_line = digest_line;
    dep.digest_column = digest_column;
    if (v2 && dep.digest.empty()) {
      fail("", "no digest specified for module " + dep.FullName());
      continue;
    }
    lock->deps.push_back(std::move(dep));
  }
  return ok;
}

}  // namespace contract_lint
