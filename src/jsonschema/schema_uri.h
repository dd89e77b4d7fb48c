// The little of RFC 3986 that $ref resolution needs: resolving a reference
// against a base URI, fragments, percent-decoding and JSON pointer tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace contract_lint {

// The URI of a repository file: "repo:/path/to/file.schema.json".
std::string RepoUri(std::string_view path);
// The repository path of a "repo:/…" URI, or "" for any other URI.
std::string RepoPath(std::string_view uri);

bool HasScheme(std::string_view uri);
bool IsRemoteUri(std::string_view uri);  // http: or https:

// Resolves `ref` against `base`. Sets *escapes when "../" climbs above the
// root of the base's path (for repo: URIs, out of the repository).
std::string ResolveUri(std::string_view base, std::string_view ref, bool* escapes);

// Splits "a#frag" into "a" and "frag" (without '#').
void SplitFragment(std::string_view uri, std::string* resource, std::string* fragment);

std::string PercentDecode(std::string_view text);

// Splits a JSON pointer ("/a/b~1c") into unescaped tokens; false when malformed.
bool PointerTokens(std::string_view pointer, std::vector<std::string>* tokens);

}  // namespace contract_lint
