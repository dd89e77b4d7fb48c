// A CODEOWNERS file (GitHub or GitLab): which owners each path has.
//
// GitHub: gitignore-style patterns, the last matching line wins, a line with
// no owners un-owns the path, `#` comments, `\ ` escaped spaces; `!` and
// `[ ]` do not work there (a warning, the line is skipped).
// GitLab (`.gitlab/CODEOWNERS`, or any file with a `[Section]` header):
// `[Section]`, `^[Optional]`, `[Section][2] @default` headers; each section
// has its own last match and the owners of all sections are joined; `!path`
// excludes a path from its section; a pattern without a leading `/` matches
// at any depth even when it holds a `/`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contract_lint/diagnostics.h"

namespace contract_lint {

enum class CodeOwnersDialect { kGitHub, kGitLab };

// True when the gitignore-style `pattern` (already unescaped into its literal
// characters except `\` escapes of glob characters) matches `path` or one of
// its parent directories. `path` is repository-relative without a leading '/'.
bool CodeOwnersPatternMatches(std::string_view pattern, std::string_view path,
                              CodeOwnersDialect dialect);

class CodeOwners {
 public:
  // Parses `text` (the file at `path`). Lines it cannot read are warnings with
  // path:line:column; they are skipped.
  static CodeOwners Parse(const std::string& text, const std::string& path,
                          std::vector<Diagnostic>* warnings);

  // The owners of `path` in the order written (sections in file order,
  // duplicates removed); empty when no line owns it.
  std::vector<std::string> OwnersOf(std::string_view path) const;
  // The lines that decided OwnersOf (one per section that owns or un-owns the
  // path, 1-based), for tests and the cross-check against git.
  std::vector<int> DecidingLines(std::string_view path) const;

  CodeOwnersDialect dialect() const { return dialect_; }
  const std::string& path() const { return path_; }

 private:
  struct Rule {
    std::string pattern;  // gitignore syntax, escapes kept
    std::vector<std::string> owners;
    bool exclusion = false;  // GitLab `!pattern`
    int line = 0;
  };
  struct Section {
    std::string name;  // "" for the lines before any header
    std::vector<std::string> default_owners;
    std::vector<Rule> rules;
  };
  // The rule of `section` that decides `path`, or nullptr.
  const Rule* Decide(const Section& section, std::string_view path) const;

  std::string path_;
  CodeOwnersDialect dialect_ = CodeOwnersDialect::kGitHub;
  std::vector<Section> sections_;
};

// Owners joined as a finding's `owner` shows them: "@acme/orders-team @alice".
std::string JoinOwners(const std::vector<std::string>& owners);

}  // namespace contract_lint
