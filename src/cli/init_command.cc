// `contract-lint init [--print]`: writes a starter contract-lint.yaml from
// what the repository holds (config/starter_config.h), with the owners that
// CODEOWNERS and the Backstage catalog give (ownership/starter_owners.h).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "config/starter_config.h"
#include "contract_lint/snapshot.h"
#include "git/directory_snapshot.h"
#include "ownership/starter_owners.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileSize = 4u << 20;  // larger files are not read

// The nearest directory at or above the working directory that holds .git,
// else the working directory.
fs::path RepositoryRoot() {
  fs::path root = fs::current_path();
  for (fs::path dir = root;; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git")) return dir;
    if (dir == dir.root_path()) return root;
  }
}

// Build outputs and installed packages: node_modules and build* directories.
bool SkippedDirectory(const std::string& name) {
  return name == "node_modules" || name.starts_with("build");
}

// What StarterConfig reads: Protobuf, JSON and YAML (OpenAPI, AsyncAPI) files.
bool IsContractFile(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  return ext == ".proto" || ext == ".json" || ext == ".yaml" || ext == ".yml";
}

struct RepositoryFiles {
  std::map<std::string, std::string> contracts;  // path -> contents, for StarterConfig
  std::map<std::string, std::string> ownership;  // CODEOWNERS, catalog-info.yaml
};

// Walks `root` (git/directory_snapshot.h: the one directory walker) and
// reads the .proto, .json, .yaml and .yml files and the ownership files, up
// to kMaxFileSize each, outside .git, node_modules and build* directories;
// symlinks are not followed. False with *error set when the tree cannot be
// listed or a file read.
bool ReadRepositoryFiles(const fs::path& root, RepositoryFiles* files, std::string* error) {
  DirectoryVisitor visitor;
  visitor.skip_directory = SkippedDirectory;
  visitor.file = [&](const std::string& relative, bool symlink, std::string* problem) {
    bool ownership = IsOwnershipFile(relative);
    if (symlink || (!ownership && !IsContractFile(relative))) return true;
    std::error_code ec;
    if (fs::file_size(root / relative, ec) > kMaxFileSize || ec) return true;
    std::ifstream in(root / relative, std::ios::binary);
    std::string text;
    if (in.is_open())
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) {
      *problem = relative + ": cannot read the file";
      return false;
    }
    (ownership ? files->ownership : files->contracts)[relative] = std::move(text);
    return true;
  };
  return WalkDirectory(root, visitor, error);
}

// The root buf.yaml (or buf.yml) whose roots, excludes and breaking policy
// the starter config carries over; "" when there is none.
std::string ReadBufYaml(const fs::path& root) {
  std::string buf_yaml;
  for (const char* name : {"buf.yaml", "buf.yml"}) {
    std::ifstream in(root / name, std::ios::binary);
    if (!in) continue;
    buf_yaml.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (buf_yaml.empty()) buf_yaml = "{}";
    break;
  }
  return buf_yaml;
}

// Says on stderr what the config leaves to be read on every run: owners
// (from `owner_sources`) and the catalog's consumers.
void PrintOwnershipNote(const std::set<std::string>& owner_sources, const StarterOwners& owners) {
  std::string note;
  for (const auto& from : owner_sources) note += (note.empty() ? "" : ", ") + from;
  if (!note.empty()) note = "owners are read from " + note + " on every run (no owner: written)";
  if (!owners.catalog_consumers.empty()) {
    note += std::string(note.empty() ? "" : "; ") +
            "consumers are read from the Backstage catalog (" +
            std::to_string(owners.catalog_consumers.size()) + ")";
  }
  if (!note.empty()) std::cerr << "contract-lint: " << note << "\n";
}

int RunInit(bool print) {
  fs::path root = RepositoryRoot();
  for (const char* name : {"contract-lint.yaml", ".contract-lint.yaml", "contract-lint.json"}) {
    if (fs::exists(root / name) && !print) {
      std::cerr << "contract-lint: error: " << (root / name).string()
                << " already exists; it was left unchanged (use `init --print` to see a starter "
                   "config)\n";
      return 2;
    }
  }
  RepositoryFiles files;
  std::string error;
  if (!ReadRepositoryFiles(root, &files, &error)) {
    std::cerr << "contract-lint: error: " << error << "\n";
    return 2;
  }
  std::string buf_yaml = ReadBufYaml(root);
  StarterOwners owners = StarterOwnersFrom(files.contracts, files.ownership);
  std::set<std::string> owner_sources;  // what init did not write, to say so
  if (owners.owner_source) {
    owners.owner_source = [&, read = owners.owner_source](const std::string& glob) {
      std::string from = read(glob);
      if (!from.empty()) owner_sources.insert(from);
      return from;
    };
  }
  std::string config = StarterConfig(files.contracts, buf_yaml, owners);
  PrintOwnershipNote(owner_sources, owners);
  if (print) {
    std::cout << config;
    return 0;
  }
  fs::path written = root / "contract-lint.yaml";
  std::ofstream out(written, std::ios::binary);
  out << config;
  if (!out) {
    std::cerr << "contract-lint: error: cannot write " << written.string() << "\n";
    return 2;
  }
  std::cout << "wrote " << written.string() << " from " << files.contracts.size()
            << " .proto and .json files; review the owners and add consumers\n";
  if (!buf_yaml.empty()) {
    std::cout << "buf.yaml's roots, excludes and breaking policy were carried over: contract-lint "
                 "reads contract-lint.yaml from now on and no longer buf.yaml\n";
  }
  return 0;
}

}  // namespace

CommandRunner AddInitCommand(CLI::App* init) {
  auto print = std::make_shared<bool>(false);
  init->add_flag("--print", *print, "Print it instead of writing it");
  return [print] { return RunInit(*print); };
}

}  // namespace contract_lint
