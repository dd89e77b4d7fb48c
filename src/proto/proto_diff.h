// The pairing of two Protobuf sides, done once: files by import path,
// messages/enums/services by full name, fields by number (extensions by
// extendee and number), enum values by number, methods and oneofs by name,
// plus what was deleted. Rules only read these lists; they never search.
// Anchors point into the current side.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "proto/proto_source.h"

namespace contract_lint {

namespace pbd {
using File = google::protobuf::FileDescriptor;
using Message = google::protobuf::Descriptor;
using Field = google::protobuf::FieldDescriptor;
using Oneof = google::protobuf::OneofDescriptor;
using Enum = google::protobuf::EnumDescriptor;
using EnumValue = google::protobuf::EnumValueDescriptor;
using Service = google::protobuf::ServiceDescriptor;
using Method = google::protobuf::MethodDescriptor;
}  // namespace pbd

struct FilePair {
  const SourceFile* before;
  const SourceFile* after;
};

struct MessagePair {
  const pbd::Message* before;
  const pbd::Message* after;
  Anchor anchor;
};

// A field or an extension present on both sides.
struct FieldPair {
  const pbd::Field* before;
  const pbd::Field* after;
  Anchor anchor;
  bool in_map_entry;  // a field of a synthesized map-entry message
};

struct EnumPair {
  const pbd::Enum* before;
  const pbd::Enum* after;
  Anchor anchor;
};

// One enum number bound on both sides, with every name (alias) per side.
struct EnumNumberPair {
  const EnumPair* parent;
  int number;
  std::vector<const pbd::EnumValue*> before;
  std::vector<const pbd::EnumValue*> after;
  std::vector<Anchor> after_anchors;  // parallel to `after`
};

struct ServicePair {
  const pbd::Service* before;
  const pbd::Service* after;
  Anchor anchor;
};

struct MethodPair {
  const ServicePair* parent;
  const pbd::Method* before;
  const pbd::Method* after;
  Anchor anchor;
};

// A message, enum, extension or service gone from a file (or from a package).
struct DeletedElement {
  std::string name;  // nested name within the file, e.g. "Order.Inner"
  std::string full_name;
  std::string package;
  Location where;  // nearest surviving parent, file 1:1, or no path
  // Deleted from its file only: the repository path of the file of the same
  // package that declares it now ("" when it is gone).
  std::string moved_to;
};

struct DeletedField {
  const MessagePair* parent;
  const pbd::Field* before;
};

struct DeletedOneof {
  const MessagePair* parent;
  const pbd::Oneof* before;
};

struct DeletedEnumNumber {
  const EnumPair* parent;
  int number;
  std::vector<const pbd::EnumValue*> before;
};

struct DeletedMethod {
  const ServicePair* parent;
  const pbd::Method* before;
};

struct ProtoDiff {
  std::deque<FilePair> files;
  std::deque<MessagePair> messages;  // incl. nested and map entries
  std::deque<FieldPair> fields;      // fields, then extensions
  std::deque<EnumPair> enums;
  std::deque<EnumNumberPair> enum_numbers;
  std::deque<ServicePair> services;
  std::deque<MethodPair> methods;

  std::vector<const SourceFile*> deleted_files;  // against side
  std::vector<DeletedElement> deleted_messages;  // per file path
  std::vector<DeletedElement> deleted_enums;
  std::vector<DeletedElement> deleted_extensions;
  std::vector<DeletedElement> deleted_services;
  std::vector<DeletedElement> package_deleted_messages;  // per surviving package
  std::vector<DeletedElement> package_deleted_enums;
  std::vector<DeletedElement> package_deleted_extensions;
  std::vector<DeletedElement> package_deleted_services;
  std::vector<std::string> deleted_packages;
  std::vector<DeletedField> deleted_fields;
  std::vector<DeletedOneof> deleted_oneofs;
  std::vector<DeletedEnumNumber> deleted_enum_numbers;
  std::vector<DeletedMethod> deleted_methods;
};

// Pairs the files of two sides. The sides must outlive the result.
ProtoDiff PairProto(const std::vector<SourceFile>& against, const std::vector<SourceFile>& current);

// The name of an element relative to its file's package ("Order.Inner").
std::string NestedName(const std::string& full_name, const std::string& package);

}  // namespace contract_lint
