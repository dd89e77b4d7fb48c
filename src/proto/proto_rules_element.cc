// Rules over pairs of files, enums, messages and services.
#include <google/protobuf/descriptor.pb.h>

#include <algorithm>

#include "proto/proto_rule_fns.h"
#include "proto/proto_wording.h"

namespace contract_lint::proto_rules {
namespace {

namespace pb = google::protobuf;
constexpr int kFilePackage = 2, kFileOptions = 8, kFileSyntax = 12;
constexpr int kMessageOptions = 7, kNoStandardDescriptorAccessor = 2;
constexpr int kMethodInput = 2, kMethodOutput = 3, kMethodOptions = 4, kIdempotencyLevel = 34;

// The value of a file option as buf prints it, defaults included.
std::string FileOptionValue(const pb::FileOptions& options, const pb::FieldDescriptor* field) {
  const pb::Reflection* reflection = options.GetReflection();
  switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return reflection->GetBool(options, field) ? "true" : "false";
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      return reflection->GetEnum(options, field)->name();
    default:
      return reflection->GetString(options, field);
  }
}

void FileOption(const ProtoDiff& diff, RuleEmitter& out, const char* name) {
  const pb::FieldDescriptor* field = pb::FileOptions::descriptor()->FindFieldByName(name);
  for (const auto& pair : diff.files) {
    std::string before = FileOptionValue(pair.before->descriptor->options(), field);
    std::string after = FileOptionValue(pair.after->descriptor->options(), field);
    if (before == after) continue;
    Anchor file{pair.after, {}, false};
    EmitFinding(out, LocateOr(file, {kFileOptions, field->number()}, FileStart(pair.after)),
                "File option " + GoQuote(name) + " changed from " + GoQuote(before) + " to " +
                    GoQuote(after) + ".",
                pair.after->path, before, after);
  }
}

std::string SyntaxOf(const pbd::File* file) {
  return file->syntax() == pbd::File::SYNTAX_PROTO3 ? "proto3" : "proto2";
}

bool IsOpen(const pbd::Enum* e) { return e->file()->syntax() == pbd::File::SYNTAX_PROTO3; }
// Resolved `json_format` feature: proto3 files allow JSON, proto2 is best effort.
const char* JsonFormatOf(const pbd::File* file) {
  return file->syntax() == pbd::File::SYNTAX_PROTO3 ? "ALLOW" : "LEGACY_BEST_EFFORT";
}

void Streaming(const ProtoDiff& diff, RuleEmitter& out, bool client) {
  const char* side = client ? "client" : "server";
  for (const auto& m : diff.methods) {
    bool before = client ? m.before->client_streaming() : m.before->server_streaming();
    bool after = client ? m.after->client_streaming() : m.after->server_streaming();
    if (before == after) continue;
    std::string from = std::string(side) + (before ? " streaming" : " unary");
    std::string to = std::string(side) + (after ? " streaming" : " unary");
    EmitFinding(out, Locate(m.anchor),
                "RPC " + GoQuote(m.after->name()) + " on service " +
                    GoQuote(m.parent->after->name()) + " changed from " + from + " to " + to + ".",
                m.after->full_name(), from, to);
  }
}

void MethodType(const ProtoDiff& diff, RuleEmitter& out, bool request) {
  for (const auto& m : diff.methods) {
    const std::string& before =
        (request ? m.before->input_type() : m.before->output_type())->full_name();
    const std::string& after =
        (request ? m.after->input_type() : m.after->output_type())->full_name();
    if (before == after) continue;
    EmitFinding(out, LocateOr(m.anchor, {request ? kMethodInput : kMethodOutput}, Locate(m.anchor)),
                "RPC " + GoQuote(m.after->name()) + " on service " +
                    GoQuote(m.parent->after->name()) + " changed " +
                    (request ? "request" : "response") + " type from " + GoQuote(before) + " to " +
                    GoQuote(after) + ".",
                m.after->full_name(), before, after);
  }
}

}  // namespace

void FileSameCcEnableArenas(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "cc_enable_arenas");
}
void FileSameCcGenericServices(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "cc_generic_services");
}
void FileSameCsharpNamespace(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "csharp_namespace");
}
void FileSameGoPackage(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "go_package"); }
void FileSameJavaGenericServices(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "java_generic_services");
}
void FileSameJavaMultipleFiles(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "java_multiple_files");
}
void FileSameJavaOuterClassname(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "java_outer_classname");
}
void FileSameJavaPackage(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "java_package"); }
void FileSameObjcClassPrefix(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "objc_class_prefix");
}
void FileSameOptimizeFor(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "optimize_for"); }
void FileSamePhpClassPrefix(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "php_class_prefix");
}
void FileSamePhpMetadataNamespace(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "php_metadata_namespace");
}
void FileSamePhpNamespace(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "php_namespace"); }
void FileSamePyGenericServices(const ProtoDiff& d, RuleEmitter& o) {
  FileOption(d, o, "py_generic_services");
}
void FileSameRubyPackage(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "ruby_package"); }
void FileSameSwiftPrefix(const ProtoDiff& d, RuleEmitter& o) { FileOption(d, o, "swift_prefix"); }

void FileSamePackage(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& pair : diff.files) {
    const std::string& before = pair.before->descriptor->package();
    const std::string& after = pair.after->descriptor->package();
    if (before == after) continue;
    Anchor file{pair.after, {}, false};
    EmitFinding(out, LocateOr(file, {kFilePackage}, FileStart(pair.after)),
                "File package changed from " + GoQuote(before) + " to " + GoQuote(after) + ".",
                pair.after->path, before, after);
  }
}

void FileSameSyntax(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& pair : diff.files) {
    std::string before = SyntaxOf(pair.before->descriptor),
                after = SyntaxOf(pair.after->descriptor);
    if (before == after) continue;
    Anchor file{pair.after, {}, false};
    EmitFinding(out, LocateOr(file, {kFileSyntax}, FileStart(pair.after)),
                "File syntax changed from " + GoQuote(before) + " to " + GoQuote(after) + ".",
                pair.after->path, before, after);
  }
}

void EnumValueSameName(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& n : diff.enum_numbers) {
    std::vector<std::string> before, after;
    for (const auto* v : n.before) before.push_back(v->name());
    for (const auto* v : n.after) after.push_back(v->name());
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    bool renamed = std::any_of(before.begin(), before.end(), [&](const std::string& name) {
      return !std::binary_search(after.begin(), after.end(), name);
    });
    if (!renamed) continue;
    auto join = [](const std::vector<std::string>& names) {
      std::string text;
      for (const auto& name : names) text += (text.empty() ? "" : ", ") + GoQuote(name);
      return text;
    };
    bool plural = before.size() > 1 || after.size() > 1;
    std::string message = "Enum value \"" + std::to_string(n.number) + "\" on enum " +
                          GoQuote(n.parent->after->name()) + " changed name" + (plural ? "s" : "") +
                          " from " + join(before) + " to " + join(after) + ".";
    for (size_t i = 0; i < n.after.size(); ++i) {
      EmitFinding(out, LocateOr(n.after_anchors[i], {2}, Locate(n.after_anchors[i])), message,
                  n.after[i]->full_name(), before[0], after[0]);
    }
  }
}

void EnumSameType(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& e : diff.enums) {
    bool before = IsOpen(e.before), after = IsOpen(e.after);
    if (before == after) continue;
    const char* from = before ? "open" : "closed";
    const char* to = after ? "open" : "closed";
    EmitFinding(out, Locate(e.anchor),
                "Enum " + GoQuote(e.after->name()) + " changed from " + from + " to " + to + ".",
                e.after->full_name(), from, to);
  }
}

void EnumSameJsonFormat(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& e : diff.enums) {
    std::string before = JsonFormatOf(e.before->file()), after = JsonFormatOf(e.after->file());
    if (before != "ALLOW" || after == "ALLOW") continue;
    EmitFinding(out, Locate(e.anchor),
                "Enum " + GoQuote(e.after->name()) + " JSON format support changed from " + before +
                    " to " + after + ".",
                e.after->full_name(), before, after);
  }
}

void MessageSameJsonFormat(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& m : diff.messages) {
    std::string before = JsonFormatOf(m.before->file()), after = JsonFormatOf(m.after->file());
    if (before != "ALLOW" || after == "ALLOW") continue;
    EmitFinding(out, Locate(m.anchor),
                "Message " + GoQuote(m.after->name()) + " JSON format support changed from " +
                    before + " to " + after + ".",
                m.after->full_name(), before, after);
  }
}

void MessageNoRemoveStandardDescriptorAccessor(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& m : diff.messages) {
    bool before = m.before->options().no_standard_descriptor_accessor();
    bool after = m.after->options().no_standard_descriptor_accessor();
    if (before || !after) continue;
    EmitFinding(
        out, LocateOr(m.anchor, {kMessageOptions, kNoStandardDescriptorAccessor}, Locate(m.anchor)),
        "Message option \"no_standard_descriptor_accessor\" changed from \"false\" to \"true\".",
        m.after->full_name(), "false", "true");
  }
}

void RpcSameRequestType(const ProtoDiff& d, RuleEmitter& o) { MethodType(d, o, true); }
void RpcSameResponseType(const ProtoDiff& d, RuleEmitter& o) { MethodType(d, o, false); }
void RpcSameClientStreaming(const ProtoDiff& d, RuleEmitter& o) { Streaming(d, o, true); }
void RpcSameServerStreaming(const ProtoDiff& d, RuleEmitter& o) { Streaming(d, o, false); }

void RpcSameIdempotencyLevel(const ProtoDiff& diff, RuleEmitter& out) {
  for (const auto& m : diff.methods) {
    auto before = m.before->options().idempotency_level();
    auto after = m.after->options().idempotency_level();
    if (before == after) continue;
    std::string from = pb::MethodOptions_IdempotencyLevel_Name(before);
    std::string to = pb::MethodOptions_IdempotencyLevel_Name(after);
    // buf falls back to the file, not the method, when the option is gone.
    EmitFinding(
        out, LocateOr(m.anchor, {kMethodOptions, kIdempotencyLevel}, FileStart(m.anchor.file)),
        "RPC " + GoQuote(m.after->name()) + " on service " + GoQuote(m.parent->after->name()) +
            " changed option \"idempotency_level\" from " + GoQuote(from) + " to " + GoQuote(to) +
            ".",
        m.after->full_name(), from, to);
  }
}

}  // namespace contract_lint::proto_rules
