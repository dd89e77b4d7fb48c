#include "config/starter_config.h"

#include <regex>
#include <set>
#include <vector>

namespace contract_lint {
namespace {

std::string Dir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

bool IsVersion(const std::string& part) {
  static const std::regex kVersion("v[0-9]+((alpha|beta|p[0-9]+alpha|p[0-9]+beta)[0-9]*|test.*)?");
  return std::regex_match(part, kVersion);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) {
    parts.push_back(s.substr(start, at - start));
  }
  parts.push_back(s.substr(start));
  return parts;
}

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

// "owner: team-TODO", unless an ownership source gives the owners on every run.
std::string OwnerLine(const StarterOwners& owners, const std::string& glob) {
  std::string from = owners.owner_source ? owners.owner_source(glob) : "";
  if (from.empty()) return "    owner: team-TODO\n";
  return "    # owner: read from " + from + " on every run\n";
}

}  // namespace

std::string StarterConfig(const std::map<std::string, std::string>& files,
                          const StarterOwners& owners) {
  static const std::regex kPackage(R"((^|\n)\s*package\s+([A-Za-z_][A-Za-z0-9_.]*)\s*;)");
  std::set<std::string> roots;
  std::map<std::string, std::string> proto_contracts;  // contract name → path glob
  std::set<std::string> schema_dirs;
  bool any_schema_json = false;
  for (const auto& [path, text] : files) {
    if (path.ends_with(".proto")) {
      std::smatch match;
      std::string dir = Dir(path);
      std::string root = ".";
      std::string package;
      if (std::regex_search(text, match, kPackage)) package = match[2];
      std::string package_dir = package;
      for (char& c : package_dir) c = c == '.' ? '/' : c;
      if (!package_dir.empty() && dir.size() >= package_dir.size() &&
          dir.compare(dir.size() - package_dir.size(), package_dir.size(), package_dir) == 0) {
        std::string prefix = dir.substr(0, dir.size() - package_dir.size());
        if (prefix.empty() || prefix.back() == '/') {
          root = prefix.empty() ? "." : prefix.substr(0, prefix.size() - 1);
        }
      }
      roots.insert(root);
      // One contract per package without its version: acme.orders.v1 → acme.orders.
      std::vector<std::string> parts = Split(package, '.');
      while (!parts.empty() && IsVersion(parts.back())) parts.pop_back();
      std::string name, glob;
      for (const auto& part : parts) {
        name += (name.empty() ? "" : ".") + part;
        glob += (glob.empty() ? "" : "/") + part;
      }
      if (name.empty()) {
        name = dir.empty() ? "root" : dir;
        glob = dir;
      } else {
        glob = (root == "." ? "" : root + "/") + glob;
      }
      proto_contracts.emplace(name, glob.empty() ? "*.proto" : glob + "/**");
    } else if (path.ends_with(".json") && text.find("\"$schema\"") != std::string::npos) {
      schema_dirs.insert(Dir(path).empty() ? "." : Dir(path));
      any_schema_json |= path.ends_with(".schema.json");
    }
  }

  std::string out =
      "# contract-lint configuration (written by `contract-lint init`; see README).\nversion: 1\n";
  out += "proto:\n  roots: [";
  bool first = true;
  for (const auto& root : roots.empty() ? std::set<std::string>{"."} : roots) {
    out += (first ? "" : ", ") + Quote(root);
    first = false;
  }
  out += "]            # import roots, like protoc -I\n";
  out += "jsonschema:\n  include: [";
  if (schema_dirs.empty() || any_schema_json) {
    out += "\"**/*.schema.json\"";
  } else {
    first = true;
    for (const auto& dir : schema_dirs) {
      out += (first ? "" : ", ") + Quote(dir == "." ? "*.json" : dir + "/**/*.json");
      first = false;
    }
  }
  out += "]\n";
  out +=
      "breaking:\n  use: [FILE]                 # or PACKAGE, WIRE_JSON, WIRE\n"
      "  jsonschema: BACKWARD        # FORWARD | FULL | NONE\n  ignore_unstable_packages: true\n";
  out += "versioning:\n  major_versions: true\n";
  if (!proto_contracts.empty() || !schema_dirs.empty()) {
    out += "contracts:\n";
    for (const auto& [name, glob] : proto_contracts) {
      out += "  - name: " + name + "\n    paths: [" + Quote(glob) + "]\n" + OwnerLine(owners, glob);
    }
    for (const auto& dir : schema_dirs) {
      std::string name = dir == "." ? "schemas" : dir;
      std::string glob = dir == "." ? "*.json" : dir + "/**";
      out += "  - name: " + name + "\n    paths: [" + Quote(glob) + "]\n" + OwnerLine(owners, glob);
    }
  }
  if (!owners.catalog_consumers.empty()) {
    out += "# consumers read from the Backstage catalog on every run:";
    for (const auto& name : owners.catalog_consumers) out += " " + name;
    out += "\n";
  }
  out +=
      "# consumers:                 # who depends on what; breaking changes name them\n"
      "#   - name: billing\n"
      "#     owner: team-billing\n"
      "#     contact: \"@acme/billing\"\n"
      "#     uses:\n"
      "#       - acme.orders.v1.OrderService/GetOrder\n"
      "#       - schemas/orders/order-created.schema.json#/properties/total\n";
  return out;
}

}  // namespace contract_lint
