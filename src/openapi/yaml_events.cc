// libyaml events -> node table -> JSON model (see yaml_events.h).
#include "openapi/yaml_events.h"

#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "config/yaml_scalar.h"

namespace contract_lint {
namespace {

// yaml-cpp's parser refuses nodes nested this deep (DepthGuard<500>) before
// any conversion; the same limit keeps the node table's stack bounded.
constexpr int kParseDepth = 500;

// Byte offsets and yaml-cpp coordinates for libyaml's marks, which count
// characters and also break lines on "\r", U+0085, U+2028 and U+2029.
class Marks {
 public:
  explicit Marks(std::string_view text) : text_(text) {
    if (text.starts_with("\xEF\xBB\xBF")) bom_ = 3;
    simple_ = std::none_of(text.begin(), text.end(), [](char c) {
      return c == '\r' || static_cast<unsigned char>(c) >= 0x80;
    });
    if (simple_) return;
    // libyaml's line starts.
    starts_.push_back(bom_);
    for (size_t i = bom_; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '\n') {
        starts_.push_back(i + 1);
      } else if (c == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        starts_.push_back(i + 1);
      } else if (c == 0xC2 && i + 1 < text.size() &&
                 static_cast<unsigned char>(text[i + 1]) == 0x85) {
        starts_.push_back(i + 2);
        ++i;
      } else if (c == 0xE2 && i + 2 < text.size() &&
                 static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                  static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
        starts_.push_back(i + 3);
        i += 2;
      }
    }
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }

  // The byte offset of a libyaml mark.
  size_t Offset(const yaml_mark_t& mark) const {
    if (simple_) return std::min(bom_ + mark.index, text_.size());
    if (mark.line >= starts_.size()) return text_.size();
    size_t at = starts_[mark.line];
    for (size_t n = 0; n < mark.column && at < text_.size(); ++n) {
      unsigned char c = static_cast<unsigned char>(text_[at]);
      at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return std::min(at, text_.size());
  }

  // yaml-cpp's 0-based line and byte column of a byte offset.
  void At(size_t offset, int* line, int* column) const {
    if (simple_) {
      // Lines are '\n' alone here: count them lazily from the last answer.
      Advance(offset);
      *line = static_cast<int>(last_line_);
      *column = static_cast<int>(offset - last_line_start_);
      return;
    }
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    *line = static_cast<int>(it - newlines_.begin());
    size_t start = it == newlines_.begin() ? bom_ : *(it - 1) + 1;
    *column = static_cast<int>(offset - start);
  }

  void FromMark(const yaml_mark_t& mark, int* line, int* column) const {
    if (simple_) {
      *line = static_cast<int>(mark.line);
      *column = static_cast<int>(mark.column);
      return;
    }
    At(Offset(mark), line, column);
  }

  // Where the next token after `offset` starts: past blanks, line breaks and
  // comments (yaml-cpp marks an empty block sequence item there).
  size_t NextToken(size_t offset) const {
    while (offset < text_.size()) {
      char c = text_[offset];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++offset;
      } else if (c == '#') {
        while (offset < text_.size() && text_[offset] != '\n') ++offset;
      } else {
        break;
      }
    }
    return offset;
  }

 private:
  void Advance(size_t offset) const {
    if (offset < last_offset_) {
      last_offset_ = bom_;
      last_line_ = 0;
      last_line_start_ = bom_;
    }
    for (size_t i = last_offset_; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++last_line_;
        last_line_start_ = i + 1;
      }
    }
    last_offset_ = offset;
  }

  std::string_view text_;
  size_t bom_ = 0;
  bool simple_ = true;
  std::vector<size_t> starts_;
  std::vector<size_t> newlines_;
  mutable size_t last_offset_ = 0, last_line_ = 0, last_line_start_ = 0;
};

struct Node {
  enum Kind : uint8_t { kNull, kScalar, kSequence, kMap };
  Kind kind = kNull;
  bool typed = false;  // a plain, untagged scalar
  int line = 0;        // 0-based, yaml-cpp's coordinates
  int column = 0;
  uint32_t first = 0;  // children in Table::children (maps: key, value, ...)
  uint32_t count = 0;
  std::string text;
};

struct Table {
  std::vector<Node> nodes;
  std::vector<uint32_t> children;
  uint32_t root = UINT32_MAX;
};

class Reader {
 public:
  Reader(std::string_view text, Table* table, YamlLoadError* error)
      : text_(text), marks_(text), table_(table), error_(error) {}

  bool Read() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return Fail(0, 0, "invalid YAML: out of memory");
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    bool ok = Events(&parser);
    yaml_parser_delete(&parser);
    return ok;
  }

 private:
  struct Open {
    uint32_t node;
    size_t pending;  // where its children start in pending_
    bool block_sequence;
  };

  bool Fail(int line, int column, std::string message) {
    error_->line = line + 1;
    error_->column = column + 1;
    error_->message = std::move(message);
    return false;
  }

  bool Fail(const yaml_mark_t& mark, std::string message) {
    int line = 0, column = 0;
    marks_.FromMark(mark, &line, &column);
    return Fail(line, column, std::move(message));
  }

  bool ParserError(yaml_parser_t* parser) {
    std::string message = "invalid YAML: ";
    message += parser->problem != nullptr ? parser->problem : "cannot parse";
    if (parser->context != nullptr) {
      int line = 0, column = 0;
      marks_.FromMark(parser->context_mark, &line, &column);
      message += std::string(" (") + parser->context + " at " + std::to_string(line + 1) + ":" +
                 std::to_string(column + 1) + ")";
    }
    if (parser->error == YAML_MEMORY_ERROR) message = "invalid YAML: out of memory";
    return Fail(parser->problem_mark, std::move(message));
  }

  // A new node at `mark`, registered under `anchor` and added to the open
  // collection.
  uint32_t Add(Node::Kind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    uint32_t id = static_cast<uint32_t>(table_->nodes.size());
    Node& node = table_->nodes.emplace_back();
    node.kind = kind;
    marks_.FromMark(mark, &node.line, &node.column);
    if (anchor != nullptr) anchors_[reinterpret_cast<const char*>(anchor)] = id;
    Attach(id);
    return id;
  }

  void Attach(uint32_t id) {
    if (open_.empty()) {
      if (table_->root == UINT32_MAX) table_->root = id;
    } else {
      pending_.push_back(id);
    }
  }

  bool Depth(const yaml_mark_t& mark) {
    if (static_cast<int>(open_.size()) + 1 >= kParseDepth) {
      return Fail(mark, "invalid YAML: nesting too deep");
    }
    return true;
  }

  bool Events(yaml_parser_t* parser) {
    yaml_event_t event;
    while (true) {
      if (!yaml_parser_parse(parser, &event)) return ParserError(parser);
      bool ok = true, done = false;
      switch (event.type) {
        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
          done = true;  // the first document only, as yaml-cpp's Load
          break;
        case YAML_ALIAS_EVENT: {
          ok = Depth(event.start_mark);
          if (!ok) break;
          auto it = anchors_.find(reinterpret_cast<const char*>(event.data.alias.anchor));
          if (it == anchors_.end()) {
            ok = Fail(event.start_mark, std::string("invalid YAML: the referenced anchor is not "
                                                    "defined: *") +
                                            reinterpret_cast<const char*>(event.data.alias.anchor));
            break;
          }
          Attach(it->second);
          break;
        }
        case YAML_SCALAR_EVENT: {
          ok = Depth(event.start_mark);
          if (!ok) break;
          const auto& s = event.data.scalar;
          std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
          bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nullptr;
          Node::Kind kind = plain && IsYamlNull(value) ? Node::kNull : Node::kScalar;
          uint32_t id = Add(kind, event.start_mark, s.anchor);
          Node& node = table_->nodes[id];
          node.typed = plain;
          if (kind == Node::kScalar) node.text.assign(value);
          // An empty item of a block sequence: yaml-cpp marks it where the
          // next token starts.
          if (value.empty() && s.anchor == nullptr && s.tag == nullptr && !open_.empty() &&
              open_.back().block_sequence && event.start_mark.index == event.end_mark.index) {
            marks_.At(marks_.NextToken(marks_.Offset(event.start_mark)), &node.line, &node.column);
          }
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
          ok = Depth(event.start_mark);
          if (!ok) break;
          bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
          const yaml_char_t* anchor =
              sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
          uint32_t id = Add(sequence ? Node::kSequence : Node::kMap, event.start_mark, anchor);
          open_.push_back(
              Open{id, pending_.size(),
                   sequence && event.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE});
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
          Open open = open_.back();
          open_.pop_back();
          Node& node = table_->nodes[open.node];
          node.first = static_cast<uint32_t>(table_->children.size());
          node.count = static_cast<uint32_t>(pending_.size() - open.pending);
          table_->children.insert(table_->children.end(), pending_.begin() + open.pending,
                                  pending_.end());
          pending_.resize(open.pending);
          break;
        }
        default:
          break;
      }
      yaml_event_delete(&event);
      if (!ok) return false;
      if (done) break;
    }
    return true;
  }

  std::string_view text_;
  Marks marks_;
  Table* table_;
  YamlLoadError* error_;
  std::vector<Open> open_;
  std::vector<uint32_t> pending_;
  std::unordered_map<std::string, uint32_t> anchors_;
};

// The node table -> JSON, the walk of the former yaml-cpp converter: same
// order, limits, positions and messages.
struct Converter {
  const Table* table = nullptr;
  const YamlLoadLimits* limits = nullptr;
  std::unordered_map<std::string, TextSpan>* positions = nullptr;
  size_t nodes = 0;
  YamlLoadError* error = nullptr;

  bool Fail(const Node& node, std::string message) {
    error->line = node.line + 1;
    error->column = node.column + 1;
    error->message = std::move(message);
    return false;
  }

  void Record(std::string pointer, const Node& node, size_t length) {
    TextSpan span{node.line + 1, node.column + 1, node.line + 1,
                  node.column + 1 + static_cast<int>(length)};
    positions->emplace(std::move(pointer), span);
  }

  const Node& At(uint32_t id) const { return table->nodes[id]; }
  uint32_t Child(const Node& node, uint32_t i) const { return table->children[node.first + i]; }

  static bool IsMergeKey(const Node& key) { return key.kind == Node::kScalar && key.text == "<<"; }

  // YAML merge keys: `<<: *base` (or a list of them) adds the keys of each
  // mapping that the node does not set itself; earlier mappings win.
  bool Merge(const Node& node, nlohmann::json* out, int depth, const std::string& pointer) {
    for (uint32_t i = 0; i + 1 < node.count; i += 2) {
      const Node& key = At(Child(node, i));
      if (!IsMergeKey(key)) continue;
      const Node& value = At(Child(node, i + 1));
      std::vector<uint32_t> sources;
      if (value.kind == Node::kMap) {
        sources.push_back(Child(node, i + 1));
      } else if (value.kind == Node::kSequence) {
        for (uint32_t j = 0; j < value.count; ++j) sources.push_back(Child(value, j));
      }
      for (uint32_t source : sources) {
        if (At(source).kind != Node::kMap) return Fail(value, "a merge key (<<) needs mappings");
        nlohmann::json merged;
        if (!Convert(source, &merged, depth + 1, pointer)) return false;
        for (auto it = merged.begin(); it != merged.end(); ++it) {
          if (!out->contains(it.key())) (*out)[it.key()] = it.value();
        }
      }
      if (sources.empty()) return Fail(value, "a merge key (<<) needs mappings");
    }
    return true;
  }

  bool Convert(uint32_t id, nlohmann::json* out, int depth, const std::string& pointer) {
    const Node& node = At(id);
    if (++nodes > limits->max_nodes) {
      return Fail(node, "the document expands to more than " + std::to_string(limits->max_nodes) +
                            " nodes (aliases?)");
    }
    if (depth > limits->max_depth) {
      return Fail(node, "nesting deeper than " + std::to_string(limits->max_depth) + " levels");
    }
    switch (node.kind) {
      case Node::kNull:
        *out = nullptr;
        return true;
      case Node::kScalar:
        if (node.typed) {
          *out = YamlScalarText(node.text);
        } else {
          *out = node.text;
        }
        return true;
      case Node::kSequence:
        *out = nlohmann::json::array();
        out->get_ref<nlohmann::json::array_t&>().reserve(node.count);
        for (uint32_t i = 0; i < node.count; ++i) {
          uint32_t item = Child(node, i);
          std::string child = pointer;
          child += '/';
          child += std::to_string(i);
          Record(child, At(item), 1);
          nlohmann::json value;
          if (!Convert(item, &value, depth + 1, child)) return false;
          out->push_back(std::move(value));
        }
        return true;
      case Node::kMap: {
        *out = nlohmann::json::object();
        auto& object = out->get_ref<nlohmann::json::object_t&>();
        for (uint32_t i = 0; i + 1 < node.count; i += 2) {
          const Node& key = At(Child(node, i));
          if (key.kind != Node::kScalar) return Fail(key, "keys must be strings");
          if (key.text == "<<") continue;  // merged below, after the explicit keys
          auto [slot, inserted] = object.try_emplace(key.text);
          if (!inserted) {
            return Fail(key, "duplicate key \"" + key.text + "\" (YAML keeps only one of them)");
          }
          std::string child;
          child.reserve(pointer.size() + 1 + key.text.size());
          child += pointer;
          child += '/';
          AppendPointerToken(&child, key.text);
          Record(child, key, key.text.size());
          if (!Convert(Child(node, i + 1), &slot->second, depth + 1, child)) return false;
        }
        return Merge(node, out, depth, pointer);
      }
    }
    return true;
  }
};

}  // namespace

bool LoadYamlDocument(std::string_view text, const YamlLoadLimits& limits, nlohmann::json* root,
                      std::unordered_map<std::string, TextSpan>* positions, YamlLoadError* error) {
  Table table;
  Reader reader(text, &table, error);
  if (!reader.Read()) return false;
  if (table.root == UINT32_MAX) {
    *root = nullptr;
    return true;
  }
  Converter converter;
  converter.table = &table;
  converter.limits = &limits;
  converter.positions = positions;
  // One position per key and item: sized once instead of rehashing as it grows.
  if (positions) positions->reserve(positions->size() + table.nodes.size());
  converter.error = error;
  return converter.Convert(table.root, root, 0, "");
}

}  // namespace contract_lint
