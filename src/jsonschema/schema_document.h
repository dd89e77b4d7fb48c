// One parsed JSON Schema file: the JSON value, where each value sits in the
// text, and the draft it is written in.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "contract_lint/diagnostics.h"
#include "jsonschema/json_positions.h"

namespace contract_lint {

enum class Draft { k04, k06, k07, k201909, k202012 };

struct SchemaDocument {
  std::string path;  // repository path
  nlohmann::json root;
  PositionIndex positions;
  Draft draft = Draft::k202012;
  std::string root_base;  // RootBase() of the document, set by ParseSchemaDocument
};

// Deeper nesting is an input error, so that nothing recursive overflows.
inline constexpr int kMaxJsonDepth = 512;

// Parses `text`. On failure adds a diagnostic at the 1-based position of the
// error (`side_note` is appended to its message, e.g. " (in the baseline)")
// and returns false.
bool ParseSchemaDocument(std::string path, std::string_view text, std::string_view side_note,
                         SchemaDocument* doc, Diagnostics* diagnostics);

// The base URI of a document's root: its repo: URI, resolved against the
// root's own $id (id in draft-04) when it has one.
std::string RootBase(const std::string& path, const nlohmann::json& root, Draft draft);

// The draft named by a root's `$schema`, 2020-12 when absent or unknown.
Draft DraftOf(const nlohmann::json& root);

// Keywords that never change the accepted set (annotations, identifiers,
// definitions, vendor extensions).
bool IsAnnotationKeyword(std::string_view keyword);

}  // namespace contract_lint
