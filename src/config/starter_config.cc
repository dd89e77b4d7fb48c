#include "config/starter_config.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <vector>

#include "base/version_component.h"
#include "config/config.h"

namespace contract_lint {
namespace {

std::string Dir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

bool IsVersion(const std::string& part) { return VersionComponentMajor(part).has_value(); }

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) {
    parts.push_back(s.substr(start, at - start));
  }
  parts.push_back(s.substr(start));
  return parts;
}

std::string Quote(const std::string& s) { return nlohmann::json(s).dump(); }

// A JSON Schema declares its dialect with a URL; a sample payload's
// "$schema" names the contract it fits by path.
bool IsSchemaDocument(const std::string& path, const std::string& text) {
  if (path.ends_with(".schema.json")) return true;
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("$schema") || !doc["$schema"].is_string()) return false;
  return doc["$schema"].get<std::string>().find("://") != std::string::npos;
}

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quote(items[i]);
  return out + "]";
}

std::vector<std::string> Strings(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// What a root buf.yaml says that a contract-lint.yaml must say instead.
struct BufSettings {
  bool present = false;
  std::string version;
  std::vector<std::string> roots;
  std::vector<std::string> excludes;
  nlohmann::json breaking = nlohmann::json::object();
};

BufSettings ReadBuf(const std::string& text) {
  BufSettings buf;
  if (text.empty()) return buf;
  nlohmann::json doc;
  Diagnostics ignored;
  if (!ParseConfigText(text, "buf.yaml", &doc, &ignored) || !doc.is_object()) return buf;
  buf.present = true;
  buf.version = doc.value("version", nlohmann::json("v1beta1")).is_string()
                    ? doc.value("version", std::string("v1beta1"))
                    : "v1beta1";
  if (doc.contains("modules") && doc["modules"].is_array()) {
    for (const auto& module : doc["modules"]) {
      if (!module.is_object()) continue;
      std::string root = module.contains("path") && module["path"].is_string()
                             ? module["path"].get<std::string>()
                             : ".";
      buf.roots.push_back(root);
      for (const auto& exclude : Strings(module.value("excludes", nlohmann::json::array())))
        buf.excludes.push_back(exclude);
    }
  }
  if (doc.contains("build") && doc["build"].is_object()) {
    if (buf.version == "v1beta1") {
      for (const auto& root : Strings(doc["build"].value("roots", nlohmann::json::array())))
        buf.roots.push_back(root);
    }
    for (const auto& exclude : Strings(doc["build"].value("excludes", nlohmann::json::array())))
      buf.excludes.push_back(exclude);
  }
  if (doc.contains("breaking") && doc["breaking"].is_object()) buf.breaking = doc["breaking"];
  return buf;
}

// Directory depth of a glob's literal part: deeper globs are more specific.
int Depth(const std::string& glob) {
  std::string literal = glob.substr(0, glob.find_first_of("*?"));
  if (literal.empty()) return 0;
  return static_cast<int>(std::count(literal.begin(), literal.end(), '/')) + 1;
}

// "owner: team-TODO", unless an ownership source gives the owners on every run.
std::string OwnerLine(const StarterOwners& owners, const std::string& glob) {
  std::string from = owners.owner_source ? owners.owner_source(glob) : "";
  if (from.empty()) return "    owner: team-TODO\n";
  return "    # owner: read from " + from + " on every run\n";
}

}  // namespace

std::string StarterConfig(const std::map<std::string, std::string>& files,
                          const std::string& buf_yaml, const StarterOwners& owners) {
  BufSettings buf = ReadBuf(buf_yaml);
  static const std::regex kPackage(R"((^|\n)\s*package\s+([A-Za-z_][A-Za-z0-9_.]*)\s*;)");
  std::set<std::string> roots;
  std::map<std::string, std::string> proto_contracts;  // contract name → path glob
  std::set<std::string> schema_dirs;
  bool any_schema_json = false;
  // OpenAPI documents: `openapi: 3.0.x|3.1.x` at the top (YAML) or as a JSON key.
  static const std::regex kOpenApi(R"re((^|\n)(openapi|\s*"openapi")\s*:\s*["']?3\.[01]\.)re");
  std::vector<std::string> openapi_documents;
  // AsyncAPI documents: `asyncapi: 2.x|3.0.x` likewise.
  static const std::regex kAsyncApi(
      R"re((^|\n)(asyncapi|\s*"asyncapi")\s*:\s*["']?(2\.[0-9]+|3\.0)\.)re");
  std::vector<std::string> asyncapi_documents;
  for (const auto& [path, text] : files) {
    bool api_file = path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json");
    if (api_file && std::regex_search(text, kOpenApi)) {
      openapi_documents.push_back(path);
    } else if (api_file && std::regex_search(text, kAsyncApi)) {
      asyncapi_documents.push_back(path);
    } else if (path.ends_with(".proto")) {
      std::smatch match;
      std::string dir = Dir(path);
      std::string root = ".";
      std::string package;
      if (std::regex_search(text, match, kPackage)) package = match[2];
      std::string package_dir = package;
      for (char& c : package_dir) c = c == '.' ? '/' : c;
      bool laid_out = false;  // the directory ends with the package path
      if (!package_dir.empty() && dir.size() >= package_dir.size() &&
          dir.compare(dir.size() - package_dir.size(), package_dir.size(), package_dir) == 0) {
        std::string prefix = dir.substr(0, dir.size() - package_dir.size());
        if (prefix.empty() || prefix.back() == '/') {
          root = prefix.empty() ? "." : prefix.substr(0, prefix.size() - 1);
          laid_out = true;
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
      } else if (!laid_out) {
        // Package `a.v1` in `apis/`: the package path names no directory, so
        // the glob is the file's own (a glob of the package would match nothing).
        glob = dir;
        auto it = proto_contracts.find(name);
        if (it != proto_contracts.end() &&
            it->second != (glob.empty() ? "*.proto" : glob + "/**")) {
          name += " (" + (dir.empty() ? std::string(".") : dir) + ")";
        }
      } else {
        glob = (root == "." ? "" : root + "/") + glob;
      }
      proto_contracts.emplace(name, glob.empty() ? "*.proto" : glob + "/**");
    } else if (path.ends_with(".json") && text.find("\"$schema\"") != std::string::npos &&
               IsSchemaDocument(path, text)) {
      schema_dirs.insert(Dir(path).empty() ? "." : Dir(path));
      any_schema_json |= path.ends_with(".schema.json");
    }
  }

  std::string out =
      "# contract-lint configuration (written by `contract-lint init`; see README).\nversion: 1\n";
  if (buf.present) {
    out += "# Carried over from buf.yaml (" + buf.version +
           "): its roots, excludes and breaking policy. contract-lint reads this file from now\n"
           "# on, not buf.yaml.\n";
  }
  out += "proto:\n  roots: [";
  bool first = true;
  if (buf.present && !buf.roots.empty())
    roots = std::set<std::string>(buf.roots.begin(), buf.roots.end());
  for (const auto& root : roots.empty() ? std::set<std::string>{"."} : roots) {
    out += (first ? "" : ", ") + Quote(root);
    first = false;
  }
  out += "]            # import roots, like protoc -I\n";
  if (!buf.excludes.empty()) out += "  exclude: " + List(buf.excludes) + "\n";
  if (schema_dirs.empty()) {
    // No JSON Schema found: a written glob would warn "matches no file" on every run.
    out += "# jsonschema:\n#   include: [\"**/*.schema.json\"]   # the default\n";
  } else {
    out += "jsonschema:\n  include: [";
    if (any_schema_json) {
      out += "\"**/*.schema.json\"";
    } else {
      first = true;
      for (const auto& dir : schema_dirs) {
        out += (first ? "" : ", ") + Quote(dir == "." ? "*.json" : dir + "/**/*.json");
        first = false;
      }
    }
    out += "]\n";
  }
  if (!openapi_documents.empty()) {
    // The documents found; the defaults (**/openapi.yaml, **/*.openapi.yaml, …) may cover them.
    out += "openapi:\n  include: [";
    first = true;
    for (const auto& path : openapi_documents) {
      out += (first ? "" : ", ") + Quote(path);
      first = false;
    }
    out += "]\n";
  }
  if (!asyncapi_documents.empty()) {
    // The documents found; the defaults (**/asyncapi.yaml, **/*.asyncapi.yaml, …) may cover them.
    out += "asyncapi:\n  include: [";
    first = true;
    for (const auto& path : asyncapi_documents) {
      out += (first ? "" : ", ") + Quote(path);
      first = false;
    }
    out += "]\n";
  }
  if (buf.present) {
    const auto& b = buf.breaking;
    std::vector<std::string> use = Strings(b.value("use", nlohmann::json::array()));
    out += "breaking:\n  use: " + List(use.empty() ? std::vector<std::string>{"FILE"} : use) + "\n";
    if (b.contains("except")) out += "  except: " + List(Strings(b["except"])) + "\n";
    if (b.contains("ignore")) out += "  ignore: " + List(Strings(b["ignore"])) + "\n";
    if (b.contains("ignore_only") && b["ignore_only"].is_object()) {
      out += "  ignore_only:\n";
      for (const auto& [rule, paths] : b["ignore_only"].items()) {
        out += "    " + rule + ": " + List(Strings(paths)) + "\n";
      }
    }
    out += "  jsonschema: BACKWARD        # FORWARD | FULL | NONE\n";
    bool unstable = b.contains("ignore_unstable_packages") &&
                    b["ignore_unstable_packages"].is_boolean() &&
                    b["ignore_unstable_packages"].get<bool>();
    out += std::string("  ignore_unstable_packages: ") + (unstable ? "true" : "false") + "\n";
  } else {
    out +=
        "breaking:\n  use: [FILE]                 # or PACKAGE, WIRE_JSON, WIRE\n"
        "  jsonschema: BACKWARD        # FORWARD | FULL | NONE\n  ignore_unstable_packages: true\n";
  }
  out += "versioning:\n  major_versions: true\n";
  if (!proto_contracts.empty() || !schema_dirs.empty()) {
    // First match wins: the most specific glob first, so none is shadowed.
    std::vector<std::pair<std::string, std::string>> contracts(proto_contracts.begin(),
                                                               proto_contracts.end());
    for (const auto& dir : schema_dirs) {
      contracts.emplace_back(dir == "." ? "schemas" : dir, dir == "." ? "*.json" : dir + "/**");
    }
    std::stable_sort(contracts.begin(), contracts.end(), [](const auto& a, const auto& b) {
      return Depth(a.second) > Depth(b.second);
    });
    out += "contracts:\n";
    for (const auto& [name, glob] : contracts) {
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
