// What reaches what, for consumer selectors: element → the elements it
// covers beyond its own contents (a field → its type; a method → its request
// and response; a service → its methods; a JSON subschema → its $ref targets).
// Names: proto elements fully qualified with '.' (methods as Service.Method),
// JSON Schema subschemas as "path#/pointer".
#pragma once

#include <map>
#include <set>
#include <string>

namespace contract_lint {

struct ImpactGraph {
  std::map<std::string, std::set<std::string>> edges;
  // .proto path -> the top-level messages, enums and services it declares (on
  // either side), so that deleting a file affects the users of its elements.
  std::map<std::string, std::set<std::string>> declares;
  // Every element name the loaded files declare (messages, fields, enums,
  // values as Enum.VALUE, services, methods as Service.Method) and every
  // package seen: what a selector must name.
  std::set<std::string> names;

  void Add(const std::string& from, const std::string& to) { edges[from].insert(to); }
};

}  // namespace contract_lint
