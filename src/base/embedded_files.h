// Files compiled into the binary at build time (cmake/Embed.cmake): the
// well-known .proto files of the installed libprotobuf ("google/protobuf/…")
// and our own schemas ("schemas/…").
#pragma once

#include <string>
#include <string_view>

namespace contract_lint {

// The bytes of an embedded file, or nullptr. Valid for the program's life.
const std::string_view* EmbeddedFile(std::string_view name);

// Every embedded name, one per line (for diagnostics).
std::string EmbeddedFileNames();

}  // namespace contract_lint
