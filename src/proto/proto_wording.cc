#include "proto/proto_wording.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/utf8.h"

namespace contract_lint {

std::string GoQuote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else if (size_t length = c >= 0x80 ? Utf8SequenceLength(text, i) : 0) {
      out.append(text.substr(i, length));
      i += length - 1;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out + "\"";
}

std::string GoFloat(double value, bool single) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Shortest round-trip digits, then Go's %v layout: exponent form when the
  // decimal exponent is < -4 or >= 21.
  char buffer[64];
  auto result =
      single ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value),
                             std::chars_format::scientific)
             : std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string scientific(buffer, result.ptr);
  size_t e = scientific.find('e');
  int exponent = std::stoi(scientific.substr(e + 1));
  std::string mantissa = scientific.substr(0, e);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 21) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
  }
  if (exponent < 0) return out + "0." + std::string(-exponent - 1, '0') + digits;
  if (static_cast<int>(digits.size()) <= exponent + 1) {
    return out + digits + std::string(exponent + 1 - digits.size(), '0');
  }
  return out + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
}

std::string FieldWithName(const pbd::Field* field) {
  if (field->is_extension()) {
    return "Extension \"" + std::to_string(field->number()) + "\" with name \"" +
           field->full_name() + "\" on message \"" + field->containing_type()->full_name() + "\"";
  }
  return "Field \"" + std::to_string(field->number()) + "\" with name \"" + field->name() +
         "\" on message \"" + field->containing_type()->name() + "\"";
}

std::string FieldWithoutName(const pbd::Field* field) {
  if (field->is_extension()) {
    return "Extension \"" + std::to_string(field->number()) + "\" on message \"" +
           field->containing_type()->full_name() + "\"";
  }
  return "Field \"" + std::to_string(field->number()) + "\" on message \"" +
         field->containing_type()->name() + "\"";
}

std::string TagRange(int64_t start, int64_t inclusive_end, int64_t max) {
  if (start == inclusive_end) return "[" + std::to_string(start) + "]";
  std::string end = inclusive_end == max ? "max" : std::to_string(inclusive_end);
  return "[" + std::to_string(start) + "," + end + "]";
}

}  // namespace contract_lint
