#include "jsonschema/schema_uri.h"

namespace contract_lint {
namespace {

struct UriParts {
  std::string scheme;     // without ':'
  std::string authority;  // without "//"; has_authority tells "" from absent
  bool has_authority = false;
  std::string path;
};

UriParts Parse(std::string_view uri) {
  UriParts parts;
  if (HasScheme(uri)) {
    size_t colon = uri.find(':');
    parts.scheme = std::string(uri.substr(0, colon));
    uri.remove_prefix(colon + 1);
  }
  if (uri.substr(0, 2) == "//") {
    uri.remove_prefix(2);
    size_t slash = uri.find('/');
    parts.has_authority = true;
    parts.authority = std::string(uri.substr(0, slash));
    uri = slash == std::string_view::npos ? std::string_view() : uri.substr(slash);
  }
  parts.path = std::string(uri);
  return parts;
}

std::string RemoveDots(std::string_view path, bool* escapes) {
  bool absolute = !path.empty() && path[0] == '/';
  bool trailing = !path.empty() && path.back() == '/';
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "..") {
      if (out.empty()) {
        *escapes = true;
      } else {
        out.pop_back();
      }
    } else if (!segment.empty() && segment != ".") {
      out.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) result += (i ? "/" : "") + std::string(out[i]);
  if (trailing && !out.empty()) result += '/';
  return result;
}

std::string Compose(const UriParts& parts) {
  std::string out;
  if (!parts.scheme.empty()) out += parts.scheme + ":";
  if (parts.has_authority) out += "//" + parts.authority;
  return out + parts.path;
}

}  // namespace

std::string RepoUri(std::string_view path) { return "repo:/" + std::string(path); }

std::string RepoPath(std::string_view uri) {
  if (uri.substr(0, 6) != "repo:/") return "";
  return std::string(uri.substr(6));
}

bool HasScheme(std::string_view uri) {
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && !(i > 0 && other)) return false;
  }
  return true;
}

bool IsRemoteUri(std::string_view uri) {
  return uri.substr(0, 7) == "http://" || uri.substr(0, 8) == "https://";
}

std::string ResolveUri(std::string_view base, std::string_view ref, bool* escapes) {
  std::string base_resource, ignored;
  SplitFragment(base, &base_resource, &ignored);
  std::string ref_resource, fragment;
  SplitFragment(ref, &ref_resource, &fragment);
  bool has_fragment = ref.find('#') != std::string_view::npos;
  UriParts result;
  if (HasScheme(ref_resource)) {
    result = Parse(ref_resource);
    result.path = RemoveDots(result.path, escapes);
  } else {
    UriParts b = Parse(base_resource);
    UriParts r = Parse(ref_resource);
    result.scheme = b.scheme;
    if (r.has_authority) {
      result.has_authority = true;
      result.authority = r.authority;
      result.path = RemoveDots(r.path, escapes);
    } else {
      result.has_authority = b.has_authority;
      result.authority = b.authority;
      if (r.path.empty()) {
        result.path = b.path;
      } else if (r.path[0] == '/') {
        result.path = RemoveDots(r.path, escapes);
      } else {
        size_t slash = b.path.rfind('/');
        std::string merged =
            slash == std::string::npos ? r.path : b.path.substr(0, slash + 1) + r.path;
        if (b.has_authority && b.path.empty()) merged = "/" + r.path;
        result.path = RemoveDots(merged, escapes);
      }
    }
  }
  std::string out = Compose(result);
  if (has_fragment) out += "#" + fragment;
  return out;
}

void SplitFragment(std::string_view uri, std::string* resource, std::string* fragment) {
  size_t hash = uri.find('#');
  *resource = std::string(uri.substr(0, hash));
  *fragment = hash == std::string_view::npos ? "" : std::string(uri.substr(hash + 1));
}

std::string PercentDecode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool PointerTokens(std::string_view pointer, std::vector<std::string>* tokens) {
  tokens->clear();
  if (pointer.empty()) return true;
  if (pointer[0] != '/') return false;
  size_t start = 1;
  while (true) {
    size_t slash = pointer.find('/', start);
    std::string_view raw = pointer.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '~') {
        token += raw[i];
      } else if (i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[++i] == '0' ? '~' : '/';
      } else {
        return false;
      }
    }
    tokens->push_back(std::move(token));
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace contract_lint
