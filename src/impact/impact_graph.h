// What reaches what, for consumer selectors: element → the elements it
// covers beyond its own contents (a field → its type; a method → its request
// and response; a service → its methods; a JSON subschema → its $ref targets).
// Names: proto elements fully qualified with '.' (methods as Service.Method),
// JSON Schema subschemas as "path#/pointer".
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace contract_lint {

class ApiSide;

// An OpenAPI/AsyncAPI `uses` selector ("api/openapi.yaml#GET /orders/{id}",
// "#getOrder", "#/paths/~1orders/get", "events/asyncapi.yaml#orderEvents"),
// resolved on both sides.
struct ApiSelection {
  std::string file;         // the document the selector names
  bool found = false;       // it names something on either side
  bool whole_file = false;  // no '#': every finding of the document
  // OpenAPI operations it names: "METHOD /normalised/{}" ("* /path" for a path item).
  std::set<std::string> operations;
  // AsyncAPI subjects it names: "channel KEY", "operation ID", "publish on channel KEY".
  std::set<std::string> labels;
  // (path, JSON pointer) regions of the current side it covers: a pointer's
  // node and the schemas its $refs reach.
  std::set<std::pair<std::string, std::string>> regions;
  std::vector<std::string> candidates;  // what the document names, for a did-you-mean
};

// The current side's OpenAPI/AsyncAPI documents, loaded once for region lookups.
struct ApiImpactDocuments;

struct ImpactGraph {
  std::map<std::string, std::set<std::string>> edges;
  // .proto path -> the top-level messages, enums and services it declares (on
  // either side), so that deleting a file affects the users of its elements.
  std::map<std::string, std::set<std::string>> declares;
  // Every element name the loaded files declare (messages, fields, enums,
  // values as Enum.VALUE, services, methods as Service.Method) and every
  // package seen: what a selector must name.
  std::set<std::string> names;

  // OpenAPI/AsyncAPI selectors by their text (AddApiSelections, src/impact/api_selectors.cc).
  std::map<std::string, ApiSelection> api;
  std::shared_ptr<ApiImpactDocuments> api_documents;

  void Add(const std::string& from, const std::string& to) { edges[from].insert(to); }
};

}  // namespace contract_lint
