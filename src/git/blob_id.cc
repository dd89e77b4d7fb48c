#include <git2.h>

#include "contract_lint/snapshot.h"

namespace contract_lint {

std::string GitBlobId(std::string_view content) {
  git_oid oid;
  git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace contract_lint
