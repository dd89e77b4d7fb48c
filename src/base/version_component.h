// The one spelling of a version component (buf's): `v2`, `v1beta1`,
// `v2p1alpha3`, `v1test…`, in package names, `$id`s and paths alike.
#pragma once

#include <optional>
#include <string_view>

namespace contract_lint {

// The major version `part` names when it is a whole version component
// ("v2" -> 2, "v1beta1" -> 1), nullopt otherwise ("v", "version2", "2").
std::optional<int> VersionComponentMajor(std::string_view part);

}  // namespace contract_lint
