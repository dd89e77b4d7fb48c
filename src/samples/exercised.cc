// Whether a sample exercises a changed element. Deliberately simple, by name:
//   - Protobuf finding (subject "pkg.Msg.field" or "pkg.Enum.VALUE"): the
//     last name appears in the sample as a key (also in lowerCamelCase, the
//     JSON name), as a string value (an enum value in JSON), or as an
//     identifier (a field name or enum value in text format).
//   - JSON Schema finding (subject "file#/properties/a/items/properties/b"):
//     the property names along the pointer (a, b) appear as a chain of nested
//     keys somewhere in the sample, arrays passed through.
//   - OpenAPI finding on a body property: the sample was checked against that
//     operation's body (same request, or same response status) and holds the
//     property's name as a key.
// Only samples naming a contract of the finding's kind are considered, and
// only those of the finding's affected consumers.
#include <algorithm>
#include <cctype>
#include <set>

#include "jsonschema/schema_uri.h"
#include "openapi/openapi_document.h"
#include "samples/sample_check.h"

namespace contract_lint {
namespace {

std::string LowerCamel(const std::string& name) {
  std::string out;
  bool upper = false;
  for (char ch : name) {
    if (ch == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    upper = false;
  }
  return out;
}

void CollectJsonWords(const nlohmann::json& value, std::set<std::string>* words) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      words->insert(key);
      CollectJsonWords(child, words);
    }
  } else if (value.is_array()) {
    for (const auto& child : value) CollectJsonWords(child, words);
  } else if (value.is_string()) {
    words->insert(value.get<std::string>());
  }
}

// Identifiers outside comments and string literals.
void CollectTextWords(const std::string& text, std::set<std::string>* words) {
  for (size_t i = 0; i < text.size();) {
    char ch = text[i];
    if (ch == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (ch == '"' || ch == '\'') {
      for (++i; i < text.size() && text[i] != ch; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
      size_t start = i;
      while (i < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
        ++i;
      words->insert(text.substr(start, i - start));
    } else {
      ++i;
    }
  }
}

bool HasChain(const nlohmann::json& value, const std::vector<std::string>& chain, size_t at) {
  if (at == chain.size()) return true;
  if (value.is_array()) {
    return std::any_of(value.begin(), value.end(),
                       [&](const nlohmann::json& item) { return HasChain(item, chain, at); });
  }
  if (!value.is_object()) return false;
  auto it = value.find(chain[at]);
  return it != value.end() && HasChain(*it, chain, at + 1);
}

bool HasChainAnywhere(const nlohmann::json& value, const std::vector<std::string>& chain) {
  if (HasChain(value, chain, 0)) return true;
  if (value.is_object() || value.is_array()) {
    for (const auto& child : value) {
      if (HasChainAnywhere(child, chain)) return true;
    }
  }
  return false;
}

// "f.json#/properties/a/items/properties/b" -> {a, b}.
std::vector<std::string> PropertyChain(const std::string& subject) {
  std::vector<std::string> chain;
  size_t hash = subject.find('#');
  if (hash == std::string::npos) return chain;
  std::vector<std::string> tokens;
  if (!PointerTokens(subject.substr(hash + 1), &tokens)) return chain;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i] == "properties") chain.push_back(tokens[++i]);
  }
  return chain;
}

// "GET /orders/{orderId}" -> "GET /orders/{}".
std::string OperationKey(const std::string& method, const std::string& path) {
  std::string out;
  for (char ch : method) out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out + " " + NormalisePathTemplate(path);
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t space = text.find(' ', start);
    if (space == std::string::npos) space = text.size();
    if (space > start) words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

// OpenAPI: the finding is on a property of the body the sample was checked
// against (same operation, same request or response status), and the sample
// holds that property as a key. Subjects read "file#GET /orders/{orderId}
// response 200 application/json total"; targets "file#GET /orders/{id} 200".
bool ExercisesBody(const CheckedSample& checked, const Finding& finding) {
  size_t hash = finding.subject.find('#');
  size_t target_hash = checked.target.find('#');
  if (hash == std::string::npos || target_hash == std::string::npos ||
      finding.subject.substr(0, hash) != checked.target.substr(0, target_hash)) {
    return false;
  }
  std::vector<std::string> subject = Words(finding.subject.substr(hash + 1));
  std::vector<std::string> target = Words(checked.target.substr(target_hash + 1));
  if (subject.size() < 6 || target.size() < 3) return false;
  if (OperationKey(subject[0], subject[1]) != OperationKey(target[0], target[1])) return false;
  size_t media;  // index of the media type word
  if (target[2] == "request") {
    if (subject[2] != "request" || subject[3] != "body") return false;
    media = 4;
  } else {
    if (subject[2] != "response" || subject[3] != target[2]) return false;
    media = 4;
  }
  if (subject.size() != media + 2) return false;  // a property follows the media type
  // Nested properties read "address/street" ("items" for array elements): the last name.
  std::string name = subject.back();
  while (true) {
    size_t slash = name.rfind('/');
    std::string last = slash == std::string::npos ? name : name.substr(slash + 1);
    if (last != "items" || slash == std::string::npos) {
      name = last;
      break;
    }
    name.resize(slash);
  }
  std::set<std::string> words;
  CollectJsonWords(checked.sample->json, &words);
  return words.count(name) > 0;
}

bool Exercises(const Sample& sample, const Finding& finding) {
  if (finding.kind == ContractKind::kJsonSchema) {
    if (sample.format != SampleFormat::kJson) return false;
    std::vector<std::string> chain = PropertyChain(finding.subject);
    return !chain.empty() && HasChainAnywhere(sample.json, chain);
  }
  // Proto: file-level subjects (paths) name no element a payload can hold.
  if (finding.subject.find('/') != std::string::npos) return false;
  size_t dot = finding.subject.rfind('.');
  if (dot == std::string::npos) return false;
  std::string name = finding.subject.substr(dot + 1);
  std::set<std::string> words;
  if (sample.format == SampleFormat::kJson) {
    CollectJsonWords(sample.json, &words);
  } else {
    CollectTextWords(sample.text, &words);
  }
  return words.count(name) > 0 || words.count(LowerCamel(name)) > 0;
}

}  // namespace

void MarkExercised(const SampleResults& results, std::vector<Finding>* findings) {
  for (auto& finding : *findings) {
    std::set<std::string> paths;
    for (const auto& consumer : results.consumers) {
      if (std::find(finding.affected.begin(), finding.affected.end(), consumer.consumer) ==
          finding.affected.end()) {
        continue;
      }
      for (const auto& checked : consumer.samples) {
        if (checked.kind != finding.kind) continue;
        bool exercised = finding.kind == ContractKind::kOpenApi
                             ? ExercisesBody(checked, finding)
                             : Exercises(*checked.sample, finding);
        if (exercised) {
          paths.insert(checked.sample->path);
        }
      }
    }
    finding.exercised_by.assign(paths.begin(), paths.end());
  }
}

}  // namespace contract_lint
