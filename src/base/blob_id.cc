// Git's blob id: the SHA-1 of "blob <size>\0" followed by the content, the
// id `git hash-object` prints (OpenSSL's SHA-1, so that only src/git links
// libgit2).
#include <openssl/evp.h>

#include <memory>
#include <string>

#include "contract_lint/snapshot.h"

namespace contract_lint {

std::string GitBlobId(std::string_view content) {
  std::string header = "blob " + std::to_string(content.size());
  header.push_back('\0');
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha1(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), header.data(), header.size()) != 1 ||
      EVP_DigestUpdate(context.get(), content.data(), content.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &size) != 1) {
    throw std::bad_alloc();  // OpenSSL fails here only when out of memory
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

}  // namespace contract_lint
