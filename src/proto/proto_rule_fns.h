// The Protobuf rule functions, one per rule id (rows in src/rules/proto_rule_rows.cc).
// Each reads the pairs of a ProtoDiff and emits buf's message and location.
#pragma once

#include <string>
#include <string_view>

#include "proto/proto_diff.h"
#include "rules/rule_table.h"

namespace contract_lint {

// A Protobuf rule: a short function over the pairs of a ProtoDiff. Never searches.
using ProtoRuleFn = void (*)(const ProtoDiff& diff, RuleEmitter& out);

// The function of Protobuf rule `id`; nullptr for ids that check nothing
// themselves (deprecated ids) and for other kinds' rules.
ProtoRuleFn ProtoRuleCheck(std::string_view id);

// Emits one finding (the caller fills rule id, kind and severity).
void EmitFinding(RuleEmitter& out, Location where, std::string message, std::string subject,
                 std::string before = {}, std::string after = {});

namespace proto_rules {
// Deletions (proto_rules_deletion.cc).
void FileNoDelete(const ProtoDiff&, RuleEmitter&);
void MessageNoDelete(const ProtoDiff&, RuleEmitter&);
void EnumNoDelete(const ProtoDiff&, RuleEmitter&);
void ExtensionNoDelete(const ProtoDiff&, RuleEmitter&);
void ServiceNoDelete(const ProtoDiff&, RuleEmitter&);
void PackageNoDelete(const ProtoDiff&, RuleEmitter&);
void PackageMessageNoDelete(const ProtoDiff&, RuleEmitter&);
void PackageEnumNoDelete(const ProtoDiff&, RuleEmitter&);
void PackageExtensionNoDelete(const ProtoDiff&, RuleEmitter&);
void PackageServiceNoDelete(const ProtoDiff&, RuleEmitter&);
void FieldNoDelete(const ProtoDiff&, RuleEmitter&);
void FieldNoDeleteUnlessNumberReserved(const ProtoDiff&, RuleEmitter&);
void FieldNoDeleteUnlessNameReserved(const ProtoDiff&, RuleEmitter&);
void OneofNoDelete(const ProtoDiff&, RuleEmitter&);
void EnumValueNoDelete(const ProtoDiff&, RuleEmitter&);
void EnumValueNoDeleteUnlessNumberReserved(const ProtoDiff&, RuleEmitter&);
void EnumValueNoDeleteUnlessNameReserved(const ProtoDiff&, RuleEmitter&);
void RpcNoDelete(const ProtoDiff&, RuleEmitter&);
void ReservedMessageNoDelete(const ProtoDiff&, RuleEmitter&);
void ReservedEnumNoDelete(const ProtoDiff&, RuleEmitter&);
void ExtensionMessageNoDelete(const ProtoDiff&, RuleEmitter&);
// Fields (proto_rules_field.cc).
void FieldSameType(const ProtoDiff&, RuleEmitter&);
void FieldWireCompatibleType(const ProtoDiff&, RuleEmitter&);
void FieldWireJsonCompatibleType(const ProtoDiff&, RuleEmitter&);
void FieldSameCardinality(const ProtoDiff&, RuleEmitter&);
void FieldWireCompatibleCardinality(const ProtoDiff&, RuleEmitter&);
void FieldWireJsonCompatibleCardinality(const ProtoDiff&, RuleEmitter&);
void FieldSameName(const ProtoDiff&, RuleEmitter&);
void FieldSameJsonName(const ProtoDiff&, RuleEmitter&);
void FieldSameOneof(const ProtoDiff&, RuleEmitter&);
void FieldSameJstype(const ProtoDiff&, RuleEmitter&);
void FieldSameCppStringType(const ProtoDiff&, RuleEmitter&);
void FieldSameJavaUtf8Validation(const ProtoDiff&, RuleEmitter&);
void FieldSameUtf8Validation(const ProtoDiff&, RuleEmitter&);
void FieldSameDefault(const ProtoDiff&, RuleEmitter&);
void MessageSameRequiredFields(const ProtoDiff&, RuleEmitter&);
// Files, enums, messages and services (proto_rules_element.cc).
void FileSameCcEnableArenas(const ProtoDiff&, RuleEmitter&);
void FileSameCcGenericServices(const ProtoDiff&, RuleEmitter&);
void FileSameCsharpNamespace(const ProtoDiff&, RuleEmitter&);
void FileSameGoPackage(const ProtoDiff&, RuleEmitter&);
void FileSameJavaGenericServices(const ProtoDiff&, RuleEmitter&);
void FileSameJavaMultipleFiles(const ProtoDiff&, RuleEmitter&);
void FileSameJavaOuterClassname(const ProtoDiff&, RuleEmitter&);
void FileSameJavaPackage(const ProtoDiff&, RuleEmitter&);
void FileSameObjcClassPrefix(const ProtoDiff&, RuleEmitter&);
void FileSameOptimizeFor(const ProtoDiff&, RuleEmitter&);
void FileSamePhpClassPrefix(const ProtoDiff&, RuleEmitter&);
void FileSamePhpMetadataNamespace(const ProtoDiff&, RuleEmitter&);
void FileSamePhpNamespace(const ProtoDiff&, RuleEmitter&);
void FileSamePyGenericServices(const ProtoDiff&, RuleEmitter&);
void FileSameRubyPackage(const ProtoDiff&, RuleEmitter&);
void FileSameSwiftPrefix(const ProtoDiff&, RuleEmitter&);
void FileSamePackage(const ProtoDiff&, RuleEmitter&);
void FileSameSyntax(const ProtoDiff&, RuleEmitter&);
void EnumValueSameName(const ProtoDiff&, RuleEmitter&);
void EnumSameType(const ProtoDiff&, RuleEmitter&);
void EnumSameJsonFormat(const ProtoDiff&, RuleEmitter&);
void MessageSameJsonFormat(const ProtoDiff&, RuleEmitter&);
void MessageNoRemoveStandardDescriptorAccessor(const ProtoDiff&, RuleEmitter&);
void RpcSameRequestType(const ProtoDiff&, RuleEmitter&);
void RpcSameResponseType(const ProtoDiff&, RuleEmitter&);
void RpcSameClientStreaming(const ProtoDiff&, RuleEmitter&);
void RpcSameServerStreaming(const ProtoDiff&, RuleEmitter&);
void RpcSameIdempotencyLevel(const ProtoDiff&, RuleEmitter&);
}  // namespace proto_rules

}  // namespace contract_lint
