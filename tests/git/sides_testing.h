// Helpers for the tests of src/git/: open sides from options and look at them.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "contract_lint/diagnostics.h"
#include "contract_lint/lint.h"
#include "git/sides.h"
#include "test_support.h"

namespace contract_lint::testing {

inline std::string Messages(const Diagnostics& diagnostics) {
  std::string all;
  for (const auto& d : diagnostics.Sorted()) all += d.message + "\n";
  return all;
}

// Opens the sides for `options` run in `cwd`; REQUIREs success.
inline Sides OpenOk(Options options, const std::filesystem::path& cwd) {
  options.cwd = cwd.string();
  Diagnostics diagnostics;
  Sides sides;
  bool ok = OpenSides(options, &sides, &diagnostics);
  INFO(Messages(diagnostics));
  REQUIRE(ok);
  REQUIRE(diagnostics.empty());
  REQUIRE(sides.current != nullptr);
  REQUIRE(sides.against != nullptr);
  return sides;
}

// Opens the sides for `options` run in `cwd`; REQUIREs failure and returns the messages.
inline std::string OpenFails(Options options, const std::filesystem::path& cwd) {
  options.cwd = cwd.string();
  Diagnostics diagnostics;
  Sides sides;
  REQUIRE_FALSE(OpenSides(options, &sides, &diagnostics));
  REQUIRE_FALSE(diagnostics.empty());
  return Messages(diagnostics);
}

inline std::vector<std::string> Paths(const Snapshot& snapshot) {
  std::vector<std::string> paths;
  for (const auto& file : snapshot.Files()) paths.push_back(file.path);
  return paths;
}

inline std::string ReadOk(const Snapshot& snapshot, const std::string& path) {
  std::string contents;
  std::string error;
  INFO(error);
  bool ok = snapshot.Read(path, &contents, &error);
  INFO(path << ": " << error);
  REQUIRE(ok);
  return contents;
}

inline std::string BlobIdOf(const Snapshot& snapshot, const std::string& path) {
  const SnapshotFile* file = snapshot.Find(path);
  INFO(path << " in " << snapshot.Describe());
  REQUIRE(file != nullptr);
  return file->blob_id;
}

// Git output without its trailing newline.
inline std::string GitLine(const std::string& args, const std::filesystem::path& dir) {
  std::string out = Git(args, dir);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

inline std::string Canonical(const std::filesystem::path& path) {
  return std::filesystem::canonical(path).string();
}

}  // namespace contract_lint::testing
