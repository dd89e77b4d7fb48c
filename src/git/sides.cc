// PLACEHOLDER (being written).
#include "git/sides.h"

namespace contract_lint {
bool OpenSides(const Options&, Sides*, Diagnostics* diagnostics) {
  diagnostics->Add("git sides are not built yet");
  return false;
}
}  // namespace contract_lint
