// Path globs as used in configs: `**` spans directories, `*` and `?` stay
// within one segment. A pattern without wildcards also matches everything
// below it when it names a directory ("proto/legacy" covers "proto/legacy/a.proto").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace contract_lint {

bool GlobMatch(std::string_view pattern, std::string_view path);
bool GlobMatchAny(const std::vector<std::string>& patterns, std::string_view path);

}  // namespace contract_lint
