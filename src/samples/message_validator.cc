#include "samples/message_validator.h"

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <regex>

#include "config/glob.h"
#include "proto/proto_source.h"
#include "proto/snapshot_source_tree.h"
#include "samples/text_errors.h"

namespace contract_lint {
namespace {

namespace pb = google::protobuf;

// libprotobuf's JSON parser reports no position; when its message names a
// key of the sample (it names the field it choked on), point at that key's value.
void LocateJsonError(const Sample& sample, const std::string& reason, SampleVerdict* verdict) {
  size_t best = std::string::npos;
  std::string best_pointer;
  std::function<void(const nlohmann::json&, const std::string&)> walk =
      [&](const nlohmann::json& value, const std::string& pointer) {
        if (value.is_object()) {
          for (const auto& [key, child] : value.items()) {
            std::string child_pointer = pointer + "/" + EscapePointerToken(key);
            size_t at = reason.find(key);
            // Prefer the latest-mentioned, then the deepest key.
            if (!key.empty() && at != std::string::npos &&
                (best == std::string::npos || at > best ||
                 (at == best && child_pointer.size() > best_pointer.size()))) {
              best = at;
              best_pointer = child_pointer;
            }
            walk(child, child_pointer);
          }
        } else if (value.is_array()) {
          for (size_t i = 0; i < value.size(); ++i)
            walk(value[i], pointer + "/" + std::to_string(i));
        }
      };
  walk(sample.json, "");
  if (best_pointer.empty()) return;
  if (const TextSpan* span = sample.positions.Find(best_pointer)) {
    verdict->line = span->line;
    verdict->column = span->column;
  }
}

// libprotobuf's text parser reports an unknown enum value or field name at
// the token after it (often the next line); point at the name itself: its
// last occurrence as a whole identifier before the reported position.
void LocateTextName(const std::string& text, const std::string& reason, SampleVerdict* verdict) {
  static const std::regex kNamed(
      R"re(^(?:Unknown enumeration value of|Message type "[^"]*" has no field named) "([A-Za-z_][A-Za-z0-9_]*)")re");
  std::smatch match;
  if (!std::regex_search(reason, match, kNamed)) return;
  const std::string name = match[1];
  // The reported 1-based (line, column) as an offset; the tokenizer counts a tab to the next
  // multiple of 8.
  size_t offset = 0;
  for (int line = 1; line < verdict->line && offset < text.size(); ++line) {
    size_t newline = text.find('\n', offset);
    offset = newline == std::string::npos ? text.size() : newline + 1;
  }
  for (int column = 1; column < verdict->column && offset < text.size() && text[offset] != '\n';
       ++offset) {
    column = text[offset] == '\t' ? column + 8 - (column - 1) % 8 : column + 1;
  }
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t at = offset == 0 ? std::string::npos : text.rfind(name, offset - 1);
  while (at != std::string::npos) {
    size_t end = at + name.size();
    bool whole = (at == 0 || !is_word(text[at - 1])) && (end >= text.size() || !is_word(text[end]));
    if (whole && end <= offset) {
      size_t line_start = text.rfind('\n', at);
      line_start = line_start == std::string::npos ? 0 : line_start + 1;
      verdict->line = static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
      verdict->column = static_cast<int>(at - line_start) + 1;
      return;
    }
    at = at == 0 ? std::string::npos : text.rfind(name, at - 1);
  }
}

}  // namespace

MessageValidator::MessageValidator(const Snapshot& snapshot, const ProtoSettings& settings)
    : snapshot_(snapshot), settings_(settings) {}

MessageValidator::~MessageValidator() = default;

void MessageValidator::Load() {
  if (loaded_) return;
  loaded_ = true;
  SnapshotSourceTree tree(snapshot_, settings_.roots);
  std::vector<std::string> paths;
  for (const auto& file : snapshot_.Files()) {
    if (file.path.size() < 6 || file.path.compare(file.path.size() - 6, 6, ".proto") != 0) continue;
    if (GlobMatchAny(settings_.exclude, file.path) || tree.ImportPath(file.path).empty()) continue;
    paths.push_back(file.path);
  }
  side_ = std::make_unique<ProtoSide>(snapshot_, settings_.roots, paths, &load_errors_);
  if (!side_->files().empty()) {
    pool_ = side_->files().front().descriptor->pool();
    factory_ = std::make_unique<pb::DynamicMessageFactory>(pool_);
  }
}

bool MessageValidator::Knows(const std::string& full_name) {
  Load();
  return pool_ && pool_->FindMessageTypeByName(full_name);
}

SampleVerdict MessageValidator::Validate(const std::string& full_name, const Sample& sample) {
  SampleVerdict verdict;
  verdict.element = full_name;
  Load();
  const pb::Descriptor* type = pool_ ? pool_->FindMessageTypeByName(full_name) : nullptr;
  if (!type) return verdict;
  for (const auto& file : side_->files()) {
    if (file.import_path == type->file()->name()) verdict.contract_path = file.path;
  }
  std::unique_ptr<pb::Message> message(factory_->GetPrototype(type)->New());
  if (sample.format == SampleFormat::kJson) {
    nlohmann::json payload = sample.json;
    if (payload.is_object()) payload.erase("@type");
    pb::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    auto status = pb::util::JsonStringToMessage(payload.dump(), message.get(), options);
    if (status.ok()) {
      verdict.status = SampleVerdict::kAccepted;
      return verdict;
    }
    verdict.status = SampleVerdict::kRejected;
    verdict.reason = std::string(status.message());
    LocateJsonError(sample, verdict.reason, &verdict);
    return verdict;
  }
  pb::TextFormat::Parser parser;
  FirstTextError errors;
  parser.RecordErrorsTo(&errors);
  if (parser.ParseFromString(sample.text, message.get())) {
    verdict.status = SampleVerdict::kAccepted;
    return verdict;
  }
  verdict.status = SampleVerdict::kRejected;
  verdict.reason = errors.any() ? errors.message() : "does not parse as " + full_name;
  verdict.line = errors.line();
  verdict.column = errors.column();
  LocateTextName(sample.text, verdict.reason, &verdict);
  return verdict;
}

}  // namespace contract_lint
