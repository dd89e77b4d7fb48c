// CODEOWNERS patterns follow git's wildmatch with WM_PATHNAME (dir.c): `*`
// and `?` stay inside a segment, `**/`, `/**/` and a trailing `/**` span
// segments, a pattern with a `/` before its end is anchored to the root, a
// trailing `/` matches directories only, and a match of a parent directory
// covers everything below it. tests/core/codeowners_fixture_test.cc checks
// this against `git check-ignore` on fixtures/codeowners/.
#include "ownership/codeowners.h"

#include <algorithm>
#include <regex>

namespace contract_lint {
namespace {

// Git's wildmatch for one candidate (file or directory path).
bool Wild(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    char c = p[0];
    if (c == '\\' && p.size() > 1) {
      if (s.empty() || s[0] != p[1]) return false;
      p.remove_prefix(2);
      s.remove_prefix(1);
      continue;
    }
    if (c == '?') {
      if (s.empty() || s[0] == '/') return false;
      p.remove_prefix(1);
      s.remove_prefix(1);
      continue;
    }
    if (c == '[') {
      size_t close = p.find(']', p.size() > 2 && (p[1] == '!' || p[1] == '^') ? 3 : 2);
      if (close != std::string_view::npos) {
        if (s.empty() || s[0] == '/') return false;
        std::string_view set = p.substr(1, close - 1);
        bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool in = false;
        for (size_t i = 0; i < set.size(); ++i) {
          if (i + 2 < set.size() && set[i + 1] == '-') {
            in |= s[0] >= set[i] && s[0] <= set[i + 2];
            i += 2;
          } else {
            in |= s[0] == set[i];
          }
        }
        if (in == negate) return false;
        p.remove_prefix(close + 1);
        s.remove_prefix(1);
        continue;
      }
    }
    if (c == '*') {
      size_t stars = 0;
      while (stars < p.size() && p[stars] == '*') ++stars;
      std::string_view rest = p.substr(stars);
      // `**` is special only as a whole segment: at the start or after '/', and
      // at the end or before '/'. The caller strips the leading part already
      // matched, so "at the start" means the pattern's own start or a '/'.
      if (stars >= 2 && (rest.empty() || rest[0] == '/')) {
        if (rest.empty()) return true;  // trailing `**`: everything inside
        // `**/`: zero or more whole segments.
        std::string_view after = rest.substr(1);
        if (Wild(after, s)) return true;
        for (size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '/' && Wild(after, s.substr(i + 1))) return true;
        }
        return false;
      }
      for (size_t i = 0; i <= s.size(); ++i) {
        if (Wild(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty() || s[0] != c) return false;
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

// A `**` that is not a whole segment acts as `*` (wildmatch does the same):
// only keep the special form where it is one.
std::string NormalizeStars(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (pattern[i] == '*') {
      size_t j = i;
      while (j < pattern.size() && pattern[j] == '*') ++j;
      bool whole = j - i >= 2 && (i == 0 || pattern[i - 1] == '/') &&
                   (j == pattern.size() || pattern[j] == '/');
      out += whole ? "**" : "*";
      i = j - 1;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

// True when `pattern` holds an unescaped `c`.
bool HasUnescaped(std::string_view pattern, char c) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == c) {
      return true;
    }
  }
  return false;
}

bool IsOwner(std::string_view token) {
  static const std::regex kOwner(
      R"(@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)");
  return std::regex_match(token.begin(), token.end(), kOwner);
}

// Splits at unescaped blanks; `\` escapes are kept in the token. A token that
// starts with `#` starts a comment.
std::vector<std::string> Tokens(std::string_view line) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      current += line.substr(i, 2);
      ++i;
    } else if (c == ' ' || c == '\t') {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else if (c == '#' && current.empty() && !tokens.empty()) {
      break;
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

const std::regex& SectionHeader() {
  // ^[Name][N] @default…   (GitLab)
  static const std::regex kHeader(R"(^(\^?)\[([^\]]+)\](\[([0-9]+)\])?(\s+(.*))?$)");
  return kHeader;
}

}  // namespace

bool CodeOwnersPatternMatches(std::string_view raw, std::string_view path,
                              CodeOwnersDialect dialect) {
  std::string pattern = NormalizeStars(raw);
  bool dir_only = false;
  while (pattern.size() > 1 && pattern.back() == '/' &&
         !(pattern.size() >= 2 && pattern[pattern.size() - 2] == '\\')) {
    pattern.pop_back();
    dir_only = true;
  }
  bool anchored;
  if (dialect == CodeOwnersDialect::kGitLab) {
    anchored = pattern.starts_with("/");
  } else {
    anchored = HasUnescaped(pattern, '/');
  }
  if (pattern.starts_with("/")) pattern.erase(0, 1);
  if (!anchored) pattern = "**/" + pattern;
  // The path itself (a file), then each parent directory.
  for (size_t end = path.size(); end != std::string_view::npos && end > 0;
       end = end == 0 ? std::string_view::npos : path.rfind('/', end - 1)) {
    std::string_view candidate = path.substr(0, end);
    bool is_dir = end < path.size();
    if (!(dir_only && !is_dir) && Wild(pattern, candidate)) return true;
    if (end == 0) break;
  }
  return false;
}

CodeOwners CodeOwners::Parse(const std::string& text, const std::string& path,
                             std::vector<Diagnostic>* warnings) {
  CodeOwners owners;
  owners.path_ = path;
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  bool gitlab = path == ".gitlab/CODEOWNERS" || path.ends_with("/.gitlab/CODEOWNERS");
  for (auto line : lines) {
    std::string trimmed(trim(line));
    gitlab |= std::regex_match(trimmed, SectionHeader());
  }
  owners.dialect_ = gitlab ? CodeOwnersDialect::kGitLab : CodeOwnersDialect::kGitHub;
  owners.sections_.push_back(Section{});
  size_t current = 0;     // the section lines go to
  bool skipping = false;  // after an unreadable header
  auto warn = [&](int line, int column, std::string message) {
    warnings->push_back(Diagnostic{path, line, column, std::move(message)});
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    std::string_view line = trim(lines[i]);
    int column = static_cast<int>(line.data() - lines[i].data()) + 1;
    if (line.empty() || line[0] == '#') continue;
    std::string text_line(line);
    std::smatch header;
    if (gitlab && (line[0] == '[' || line.starts_with("^["))) {
      if (!std::regex_match(text_line, header, SectionHeader())) {
        warn(number, column,
             "CODEOWNERS: cannot read this section header (expected [Section], ^[Section] or "
             "[Section][N] followed by default owners); the section is ignored up to the next "
             "header");
        skipping = true;
        continue;
      }
      Section section;
      section.name = header[2].str();
      for (auto& token : Tokens(header[6].str())) {
        if (IsOwner(token)) {
          section.default_owners.push_back(token);
        } else {
          warn(number, column,
               "CODEOWNERS: \"" + token + "\" is not an owner (expected @user, " +
                   "@org/team or an email); it is ignored");
        }
      }
      // GitLab joins sections of the same name (case-insensitive), in place.
      auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        return s;
      };
      auto same =
          std::find_if(owners.sections_.begin(), owners.sections_.end(),
                       [&](const Section& s) { return lower(s.name) == lower(section.name); });
      skipping = false;
      if (same != owners.sections_.end()) {
        if (same->default_owners.empty()) same->default_owners = section.default_owners;
        current = static_cast<size_t>(same - owners.sections_.begin());
      } else {
        owners.sections_.push_back(std::move(section));
        current = owners.sections_.size() - 1;
      }
      continue;
    }
    if (skipping) continue;
    std::vector<std::string> tokens = Tokens(line);
    if (tokens.empty()) continue;
    Rule rule;
    rule.line = number;
    rule.pattern = tokens[0];
    if (rule.pattern[0] == '!') {
      if (!gitlab) {
        warn(number, column,
             "CODEOWNERS: GitHub does not support `!` negation; the line is ignored (GitLab "
             "reads it as an exclusion in .gitlab/CODEOWNERS or a file with sections)");
        continue;
      }
      rule.exclusion = true;
      rule.pattern.erase(0, 1);
    }
    if (!gitlab && (HasUnescaped(rule.pattern, '[') || HasUnescaped(rule.pattern, ']'))) {
      warn(number, column,
           "CODEOWNERS: GitHub does not support `[ ]` character ranges; the line is ignored");
      continue;
    }
    if (rule.pattern.empty()) {
      warn(number, column, "CODEOWNERS: a `!` with no pattern; the line is ignored");
      continue;
    }
    // A line whose owners are all unreadable is skipped: dropping them would
    // turn it into a line that un-owns its paths.
    bool any_owner = std::any_of(tokens.begin() + 1, tokens.end(),
                                 [](const std::string& t) { return IsOwner(t); });
    for (size_t t = 1; t < tokens.size(); ++t) {
      if (IsOwner(tokens[t])) {
        rule.owners.push_back(tokens[t]);
      } else {
        warn(number, column,
             "CODEOWNERS: \"" + tokens[t] +
                 "\" is not an owner (expected @user, @org/team or an email); " +
                 (any_owner ? "it is ignored"
                            : "the line is ignored (it has no other owner, and without one it "
                              "would un-own its paths)"));
      }
    }
    if (tokens.size() > 1 && !any_owner) continue;
    if (rule.owners.empty() && !rule.exclusion)
      rule.owners = owners.sections_[current].default_owners;
    owners.sections_[current].rules.push_back(std::move(rule));
  }
  return owners;
}

const CodeOwners::Rule* CodeOwners::Decide(const Section& section, std::string_view path) const {
  const Rule* decided = nullptr;
  for (const auto& rule : section.rules) {
    if (!rule.exclusion && CodeOwnersPatternMatches(rule.pattern, path, dialect_)) decided = &rule;
  }
  // GitLab: an exclusion anywhere in the section takes the path out of it.
  for (const auto& rule : section.rules) {
    if (rule.exclusion && CodeOwnersPatternMatches(rule.pattern, path, dialect_)) return nullptr;
  }
  return decided;
}

std::vector<std::string> CodeOwners::OwnersOf(std::string_view path) const {
  std::vector<std::string> out;
  for (const auto& section : sections_) {
    const Rule* rule = Decide(section, path);
    if (!rule) continue;
    for (const auto& owner : rule->owners) {
      if (std::find(out.begin(), out.end(), owner) == out.end()) out.push_back(owner);
    }
  }
  return out;
}

std::vector<int> CodeOwners::DecidingLines(std::string_view path) const {
  std::vector<int> out;
  for (const auto& section : sections_) {
    if (const Rule* rule = Decide(section, path)) out.push_back(rule->line);
  }
  return out;
}

std::string JoinOwners(const std::vector<std::string>& owners) {
  std::string out;
  for (const auto& owner : owners) out += (out.empty() ? "" : " ") + owner;
  return out;
}

}  // namespace contract_lint
