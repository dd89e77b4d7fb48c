#include "git/loose_object_guard.h"

#include <dirent.h>
#include <fcntl.h>
#include <git2/sys/odb_backend.h>
#include <unistd.h>
#include <zlib.h>

#include <bitset>
#include <cstring>
#include <vector>

namespace contract_lint {
namespace {

struct GuardBackend {
  git_odb_backend parent;   // first: libgit2 hands back this pointer
  std::string objects_dir;  // with a trailing '/'
  std::bitset<256> fanout;  // which objects/xx/ directories exist
};

GuardBackend* Self(git_odb_backend* backend) { return reinterpret_cast<GuardBackend*>(backend); }

std::string Hex(const git_oid& id) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &id);
  return hex;
}

// "" when `path` holds one complete zlib stream (or cannot be opened: then
// libgit2 reports it), else what is wrong with it.
std::string CheckZlibFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  if (inflateInit(&zs) != Z_OK) {
    ::close(fd);
    return "";
  }
  std::vector<unsigned char> in(64 * 1024), out(64 * 1024);
  std::string problem;
  bool eof = false;
  for (;;) {
    if (zs.avail_in == 0 && !eof) {
      ssize_t n = ::read(fd, in.data(), in.size());
      if (n < 0) break;  // unreadable: libgit2 reports it
      eof = n == 0;
      zs.next_in = in.data();
      zs.avail_in = static_cast<uInt>(n);
    }
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && !eof) continue;
    problem = rc == Z_BUF_ERROR ? "is truncated" : "is not a valid zlib stream";
    break;
  }
  inflateEnd(&zs);
  ::close(fd);
  return problem;
}

std::string ObjectPath(const GuardBackend& self, const std::string& hex) {
  return self.objects_dir + hex.substr(0, 2) + "/" + hex.substr(2);
}

int Fail(const std::string& hex, const std::string& problem) {
  std::string message = "loose object " + hex + " " + problem;
  git_error_set_str(GIT_ERROR_ODB, message.c_str());
  return GIT_ERROR;
}

int Check(GuardBackend& self, const git_oid* id) {
  if (!self.fanout[id->id[0]]) return GIT_PASSTHROUGH;
  std::string hex = Hex(*id);
  std::string problem = CheckZlibFile(ObjectPath(self, hex));
  return problem.empty() ? GIT_PASSTHROUGH : Fail(hex, problem);
}

int Read(void**, size_t*, git_object_t*, git_odb_backend* backend, const git_oid* id) {
  return Check(*Self(backend), id);
}

int ReadHeader(size_t*, git_object_t*, git_odb_backend* backend, const git_oid* id) {
  return Check(*Self(backend), id);
}

// An abbreviated id: checks every loose file the prefix matches.
int ReadPrefix(git_oid*, void**, size_t*, git_object_t*, git_odb_backend* backend,
               const git_oid* short_id, size_t length) {
  GuardBackend& self = *Self(backend);
  if (length < 2 || !self.fanout[short_id->id[0]]) return GIT_PASSTHROUGH;
  if (length >= GIT_OID_HEXSZ) return Check(self, short_id);
  std::string prefix = Hex(*short_id).substr(0, length);
  std::string dir = self.objects_dir + prefix.substr(0, 2) + "/";
  DIR* listing = ::opendir(dir.c_str());
  if (!listing) return GIT_PASSTHROUGH;
  int rc = GIT_PASSTHROUGH;
  while (const dirent* entry = ::readdir(listing)) {
    std::string name = entry->d_name;
    if (name.size() != GIT_OID_HEXSZ - 2 || name.compare(0, length - 2, prefix, 2) != 0) continue;
    std::string problem = CheckZlibFile(dir + name);
    if (!problem.empty()) {
      rc = Fail(prefix.substr(0, 2) + name, problem);
      break;
    }
  }
  ::closedir(listing);
  return rc;
}

int Foreach(git_odb_backend*, git_odb_foreach_cb, void*) { return 0; }

void Free(git_odb_backend* backend) { delete Self(backend); }

}  // namespace

bool InstallLooseObjectGuard(git_repository* repo, std::string* error) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo) != 0) {
    const git_error* e = git_error_last();
    *error = e && e->message ? e->message : "cannot open the object database";
    return false;
  }
  auto* self = new GuardBackend();
  git_odb_init_backend(&self->parent, GIT_ODB_BACKEND_VERSION);
  self->parent.read = Read;
  self->parent.read_header = ReadHeader;
  self->parent.read_prefix = ReadPrefix;
  self->parent.foreach = Foreach;
  self->parent.free = Free;
  const char* common = git_repository_commondir(repo);
  self->objects_dir = std::string(common ? common : git_repository_path(repo)) + "objects/";
  static const char* kHex = "0123456789abcdef";
  if (DIR* listing = ::opendir(self->objects_dir.c_str())) {
    while (const dirent* entry = ::readdir(listing)) {
      const char* name = entry->d_name;
      const char* hi = name[0] ? std::strchr(kHex, name[0]) : nullptr;
      const char* lo = hi && name[1] ? std::strchr(kHex, name[1]) : nullptr;
      if (hi && lo && name[2] == '\0') self->fanout[(hi - kHex) * 16 + (lo - kHex)] = true;
    }
    ::closedir(listing);
  }
  // Backends are consulted by descending priority; loose is 1, packed 2.
  int rc = git_odb_add_backend(odb, &self->parent, 1000);
  git_odb_free(odb);
  if (rc != 0) {
    const git_error* e = git_error_last();
    *error = e && e->message ? e->message : "cannot add an object database backend";
    delete self;
    return false;
  }
  return true;
}

}  // namespace contract_lint
