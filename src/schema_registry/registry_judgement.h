// One judgement of Confluent Schema Registry's Protobuf checker
// (docs/proto-registry-compat.md): a writer schema ("old") against a reader
// schema ("new"). BACKWARD judges previous -> current, FORWARD current ->
// previous; FULL is both. Every difference of the table becomes a Finding
// with severity error (the registry rejects it) or info (it accepts it).
#pragma once

#include <google/protobuf/descriptor.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "contract_lint/finding.h"
#include "proto/proto_source.h"

namespace contract_lint {

// The contract files of one real side, by import path, for locating elements.
struct RegistrySide {
  std::map<std::string, const SourceFile*> by_import_path;
  bool is_current = false;
};

class RegistryJudgement {
 public:
  // `old_side` is the writer, `new_side` the reader. Findings are appended to
  // `out`, located in the current side when the element exists there, else in
  // the baseline (side kAgainst). Neither side is owned.
  RegistryJudgement(const RegistrySide& old_side, const RegistrySide& new_side,
                    std::vector<Finding>* out);

  // Compares one schema (a file and, through it, every message it uses).
  // A message pair is compared once per judgement, however often it is reached.
  void CompareFiles(const google::protobuf::FileDescriptor* old_file,
                    const google::protobuf::FileDescriptor* new_file);

 private:
  // An element of one side: its file and SourceCodeInfo path.
  struct Element {
    const google::protobuf::FileDescriptor* file = nullptr;
    std::vector<int> path;
  };
  struct Difference {
    std::string_view rule;
    bool accepted = false;
    Element old_element;
    Element new_element;
    std::string subject;
    std::string before;
    std::string after;
    std::string message;
  };

  template <typename Container>
  void CompareDeclarations(const Container* old_parent, const Container* new_parent);
  void CompareMessages(const google::protobuf::Descriptor* old_message,
                       const google::protobuf::Descriptor* new_message);
  void CompareOneofs(const google::protobuf::Descriptor* old_message,
                     const google::protobuf::Descriptor* new_message);
  void CompareFields(const google::protobuf::FieldDescriptor* old_field,
                     const google::protobuf::FieldDescriptor* new_field);
  // Compares the types of a field (or of a map's key or value) named `outer`.
  void CompareValueTypes(const google::protobuf::FieldDescriptor* outer_old,
                         const google::protobuf::FieldDescriptor* outer_new,
                         const google::protobuf::FieldDescriptor* old_field,
                         const google::protobuf::FieldDescriptor* new_field);
  void CompareEnums(const google::protobuf::EnumDescriptor* old_enum,
                    const google::protobuf::EnumDescriptor* new_enum);

  Location Place(const Element& old_element, const Element& new_element) const;
  Location Locate(const RegistrySide& side, const Element& element) const;
  void Emit(Difference difference);

  const RegistrySide& old_side_;
  const RegistrySide& new_side_;
  std::vector<Finding>* out_;
  std::set<std::pair<std::string, std::string>> compared_;  // (old, new) message full names
  std::vector<Location> context_;  // the fields through which imported messages were reached
};

}  // namespace contract_lint
