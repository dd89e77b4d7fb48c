#include "samples/sample_file.h"

#include <google/protobuf/empty.pb.h>
#include <google/protobuf/text_format.h>

#include "jsonschema/schema_document.h"
#include "samples/text_errors.h"

namespace contract_lint {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "type.googleapis.com/pkg.Msg" and "pkg.Msg" both name pkg.Msg.
std::string MessageOfType(const std::string& type_url) {
  size_t slash = type_url.rfind('/');
  return slash == std::string::npos ? type_url : type_url.substr(slash + 1);
}

// The `# proto-message: pkg.Msg` header: the first line, or any comment line
// before the first field (so a licence comment may come first).
std::string ProtoMessageHeader(const std::string& text) {
  constexpr std::string_view kKey = "proto-message:";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      if (line[first] != '#') break;
      size_t key = line.find(kKey);
      if (key != std::string_view::npos) {
        std::string_view rest = line.substr(key + kKey.size());
        size_t a = rest.find_first_not_of(" \t");
        size_t b = rest.find_last_not_of(" \t\r");
        if (a != std::string_view::npos) return std::string(rest.substr(a, b - a + 1));
      }
    }
    start = end + 1;
  }
  return "";
}

bool ParseJsonSample(Sample* sample, Diagnostics* diagnostics) {
  try {
    sample->json = nlohmann::json::parse(sample->text);
  } catch (const nlohmann::json::parse_error& e) {
    int line = 1, column = 1;
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    LineColumnAt(sample->text, std::min(offset, sample->text.size()), &line, &column);
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 4, column 14: ":
    // the position is already in front of the message.
    if (size_t bracket = what.find("] "); what.starts_with("[") && bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    if (what.starts_with("parse error")) {
      if (size_t colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    }
    diagnostics->Add(sample->path, line, column, "malformed sample: " + what);
    return false;
  }
  std::string error;
  int line = 0, column = 0;
  if (!sample->positions.Build(sample->text, kMaxJsonDepth, &error, &line, &column)) {
    diagnostics->Add(sample->path, line, column, "malformed sample: " + error);
    return false;
  }
  if (sample->json.is_object()) {
    auto schema = sample->json.find("$schema");
    if (schema != sample->json.end() && schema->is_string())
      sample->schema_ref = schema->get<std::string>();
    auto type = sample->json.find("@type");
    if (type != sample->json.end() && type->is_string())
      sample->message = MessageOfType(type->get<std::string>());
  }
  return true;
}

// Syntax only: parsed against an empty message that skips every field, so a
// field or enum value the contract does not know is left to the validator.
bool ParseTextSample(Sample* sample, Diagnostics* diagnostics) {
  google::protobuf::TextFormat::Parser parser;
  FirstTextError errors;
  parser.RecordErrorsTo(&errors);
  parser.AllowUnknownField(true);
  parser.AllowUnknownExtension(true);
  google::protobuf::Empty empty;
  if (!parser.ParseFromString(sample->text, &empty)) {
    std::string message = errors.any() ? errors.message() : "not text format";
    if (message.ends_with("got: ")) message += "end of file";
    diagnostics->Add(sample->path, errors.line(), errors.column(), "malformed sample: " + message);
    return false;
  }
  sample->message = ProtoMessageHeader(sample->text);
  return true;
}

}  // namespace

bool LoadSample(const Snapshot& snapshot, const std::string& path, Sample* sample,
                Diagnostics* diagnostics) {
  sample->path = path;
  std::string error;
  if (!snapshot.Read(path, &sample->text, &error)) {
    diagnostics->Add(path, 0, 0, error);
    return false;
  }
  if (EndsWith(path, ".json")) {
    sample->format = SampleFormat::kJson;
    return ParseJsonSample(sample, diagnostics);
  }
  for (std::string_view ext : {".txtpb", ".textproto", ".pbtxt", ".txtproto"}) {
    if (EndsWith(path, ext)) {
      sample->format = SampleFormat::kTextProto;
      return ParseTextSample(sample, diagnostics);
    }
  }
  diagnostics->Add(path, 0, 0,
                   "sample of unknown format: expected .json (JSON) or .txtpb / .textproto "
                   "(Protobuf text format)");
  return false;
}

}  // namespace contract_lint
