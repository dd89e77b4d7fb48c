// Issue 10, "must show": a fixture per row of the differences table of
// docs/proto-registry-compat.md, in each direction that matters. The runner
// (tests/registry/registry_fixture_test.cc) checks each fixture's findings;
// this test keeps the table → fixture map honest: every row names fixtures
// that exist and whose expected findings carry the row's verdict, and every
// fixture folder is claimed by a row.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "test_support.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

struct Exercise {
  const char* fixture;
  // Fragments of expected.txt ("error: RULE_ID", "info: RULE_ID"); none = no findings.
  std::vector<const char*> verdicts;
};

struct Row {
  const char* difference;
  std::vector<Exercise> fixtures;
};

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      {"package changed",
       {{"package_changed", {"error: REGISTRY_PACKAGE_CHANGED"}},
        {"level_none", {"info: REGISTRY_PACKAGE_CHANGED"}}}},
      {"message added; message reordered within its file or parent",
       {{"message_added", {"info: REGISTRY_MESSAGE_ADDED"}},
        {"message_added_forward", {"error: REGISTRY_MESSAGE_REMOVED", "(FORWARD"}},
        {"message_reordered_ok", {}}}},
      {"message removed (moved into a file the schema does not import)",
       {{"message_removed", {"error: REGISTRY_MESSAGE_REMOVED"}},
        {"nested_message_removed", {"error: REGISTRY_MESSAGE_REMOVED"}},
        {"message_moved_to_unimported_file",
         {"error: REGISTRY_MESSAGE_REMOVED", "does not import"}}}},
      // Issue 18 (newer than the doc, which refuses it): the reader resolves the same type.
      {"message moved into an imported file under the same full name: compared, not removed",
       {{"message_moved_into_import", {}},
        {"message_moved_into_import_changed", {"error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED"}}}},
      // Issue 18: the imported package and referenced names, nested ones included, decide.
      {"an import whose file changed while package and referenced type names resolve identically",
       {{"import_file_changed_same_names_ok", {}},
        {"import_file_changed_nested_name_differs", {"error: REGISTRY_FIELD_MESSAGE_TYPE_CHANGED"}},
        {"import_file_changed_package_differs", {"error: REGISTRY_FIELD_MESSAGE_TYPE_CHANGED"}}}},
      {"enum added or removed; enum value added, removed or renamed",
       {{"enum_added_removed", {"info: REGISTRY_ENUM_ADDED", "info: REGISTRY_ENUM_REMOVED"}},
        {"enum_value_changes",
         {"info: REGISTRY_ENUM_VALUE_RENAMED", "info: REGISTRY_ENUM_VALUE_ADDED",
          "info: REGISTRY_ENUM_VALUE_REMOVED"}}}},
      {"field added or removed (not required, not in a oneof); field renamed",
       {{"field_added", {"info: REGISTRY_FIELD_ADDED"}},
        {"field_added_forward", {"info: REGISTRY_FIELD_REMOVED", "(FORWARD"}},
        {"field_removed", {"info: REGISTRY_FIELD_REMOVED"}},
        {"field_renamed", {"info: REGISTRY_FIELD_RENAMED"}}}},
      {"field kind changed between scalar (enums count as scalar), message and map",
       {{"field_kind_changed", {"error: REGISTRY_FIELD_KIND_CHANGED"}},
        {"field_kind_changed_enum_and_map", {"error: REGISTRY_FIELD_KIND_CHANGED"}}}},
      {"scalar type moved to another wire group; a change inside a group is accepted (info)",
       {{"scalar_group_changed", {"error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED"}},
        {"map_value_changed", {"error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED"}},
        {"backward_transitive", {"error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED"}},
        {"scalar_same_group_ok", {"info: REGISTRY_FIELD_SCALAR_TYPE_CHANGED"}}}},
      {"message-typed field names another message, or the same-named message became incompatible",
       {{"field_message_type_changed", {"error: REGISTRY_FIELD_MESSAGE_TYPE_CHANGED"}},
        {"imported_message_incompatible", {"error: REGISTRY_FIELD_SCALAR_GROUP_CHANGED"}}}},
      {"numeric scalar label changed where both sides state it",
       {{"numeric_label_changed", {"error: REGISTRY_FIELD_LABEL_CHANGED"}},
        {"numeric_label_changed_proto3", {"error: REGISTRY_FIELD_LABEL_CHANGED"}},
        {"label_unstated_ok", {}}}},
      {"string or bytes label changed",
       {{"string_label_changed", {"info: REGISTRY_STRING_FIELD_LABEL_CHANGED"}}}},
      {"proto2 required field added or removed",
       {{"required_field_added", {"error: REGISTRY_REQUIRED_FIELD_ADDED"}},
        {"required_field_removed", {"error: REGISTRY_REQUIRED_FIELD_REMOVED"}},
        {"required_added_forward", {"error: REGISTRY_REQUIRED_FIELD_REMOVED", "(FORWARD"}}}},
      {"oneof added or removed; a new field number added inside a oneof; a field moved out of its "
       "oneof",
       {{"oneof_added_removed", {"info: REGISTRY_ONEOF_ADDED", "info: REGISTRY_ONEOF_REMOVED"}},
        {"oneof_wraps_one_field_ok", {"info: REGISTRY_ONEOF_ADDED"}},
        {"oneof_field_added", {"info: REGISTRY_ONEOF_FIELD_ADDED"}},
        {"field_left_oneof", {"info: REGISTRY_FIELD_LEFT_ONEOF"}},
        {"oneof_dissolved", {"info: REGISTRY_FIELD_LEFT_ONEOF", "info: REGISTRY_ONEOF_REMOVED"}}}},
      {"a oneof member number disappears (unless the whole oneof and all its members went away)",
       {{"oneof_field_removed", {"error: REGISTRY_ONEOF_FIELD_REMOVED"}},
        {"oneof_field_added_forward", {"error: REGISTRY_ONEOF_FIELD_REMOVED", "(FORWARD"}}}},
      {"a new oneof gathers two or more fields that were independent top-level fields",
       {{"oneof_fields_merged", {"error: REGISTRY_ONEOF_FIELDS_MERGED"}},
        {"oneof_dissolved_forward", {"error: REGISTRY_ONEOF_FIELDS_MERGED", "(FORWARD"}},
        {"full_fields_merged_and_dissolved", {"error: REGISTRY_ONEOF_FIELDS_MERGED", "(FORWARD"}}}},
      {"a field joins an existing oneof, or fields of different oneofs are merged",
       {{"field_joined_oneof", {"error: REGISTRY_FIELD_JOINED_ONEOF"}},
        {"field_left_oneof_forward", {"error: REGISTRY_FIELD_JOINED_ONEOF", "(FORWARD"}},
        {"oneofs_merged", {"error: REGISTRY_ONEOFS_MERGED"}}}},
      // Issue 18 (newer than the doc, which accepts it): oneofs are paired by name.
      {"a field moved into a renamed oneof",
       {{"field_moved_to_renamed_oneof", {"error: REGISTRY_FIELD_JOINED_ONEOF", "renamed oneof"}},
        {"oneof_renamed_members_left_ok",
         {"info: REGISTRY_FIELD_LEFT_ONEOF", "info: REGISTRY_ONEOF_ADDED",
          "info: REGISTRY_ONEOF_REMOVED"}}}},
      {"not judged: reserved, options, proto3 presence, services and methods, syntax, defaults",
       {{"not_judged_ok", {}}, {"syntax_changed_ok", {}}, {"defaults_and_custom_options_ok", {}}}},
      {"a schema file deleted (its subject's next registration lacks its messages)",
       {{"file_removed", {"error: REGISTRY_FILE_REMOVED", "acme.v1.Audit"}}}},
      {"a message moved between files with the same name and shape is not a difference",
       {{"message_moved_between_files_ok", {}}}},
  };
  return rows;
}

TEST_CASE("registry: every row of the differences table has fixtures with its verdict",
          "[acceptance][registry]") {
  fs::path root = testing::SourceDir() / "fixtures" / "registry";
  std::set<std::string> claimed;
  for (const auto& row : Rows()) {
    for (const auto& exercise : row.fixtures) {
      INFO("row \"" << row.difference << "\", fixture " << exercise.fixture);
      claimed.insert(exercise.fixture);
      fs::path dir = root / exercise.fixture;
      REQUIRE(fs::exists(dir / "contract-lint.yaml"));
      REQUIRE(fs::exists(dir / "expected.txt"));
      CHECK(testing::ReadFile(dir / "contract-lint.yaml").find("registry:") != std::string::npos);
      std::string expected = testing::ReadFile(dir / "expected.txt");
      if (exercise.verdicts.empty()) CHECK(expected.empty());
      for (const char* verdict : exercise.verdicts)
        CHECK(expected.find(verdict) != std::string::npos);
    }
  }
  for (const auto& entry : fs::directory_iterator(root)) {
    INFO("fixture " << entry.path().filename().string() << " belongs to no row of the table");
    CHECK(claimed.count(entry.path().filename().string()) == 1);
  }
}

}  // namespace
}  // namespace contract_lint
