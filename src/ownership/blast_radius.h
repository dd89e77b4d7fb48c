// The blast radius of a report as a Mermaid flowchart for the Markdown report:
// changed contract → breaking element → consumer (with owner).
#pragma once

#include <string>

#include "contract_lint/report.h"

namespace contract_lint {

// At most this many nodes are drawn; the rest is summarised in a line.
constexpr int kMaxBlastRadiusNodes = 30;

// A "```mermaid" block (with a trailing summary line when cut), or "" when no
// unsuppressed breaking finding affects a consumer. Node ids are generated
// (c1, e2, k3); labels are quoted with Mermaid's entity codes for `"`, `#`,
// `<`, `>`, `&` and backticks, so no text of the report can break the graph.
std::string BlastRadiusMermaid(const Report& report);

}  // namespace contract_lint
