#include "git/disk_snapshot.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace contract_lint {

namespace fs = std::filesystem;

bool IsInside(const fs::path& root, const fs::path& path) {
  fs::path relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

bool SymlinkToFileInside(const fs::path& root, const fs::path& link) {
  std::error_code ec;
  fs::path target = fs::canonical(link, ec);
  if (ec || !IsInside(root, target)) return false;
  return fs::is_regular_file(target, ec);
}

namespace {

// Reads an open file whole, in one copy of exactly its size.
bool ReadAll(int fd, std::string* contents) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  contents->resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (true) {
    ssize_t n;
    if (done < contents->size()) {
      n = ::read(fd, contents->data() + done, contents->size() - done);
    } else {
      char more[4096];  // the file grew since fstat: keep reading
      n = ::read(fd, more, sizeof more);
      if (n > 0) contents->append(more, static_cast<size_t>(n));
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  contents->resize(done);
  return true;
}

// root_fd/relative, with the kernel refusing any step out of root_fd (a
// `..` or a symlink that leaves it, or any absolute symlink). -1 when that
// fails, for whatever reason: the caller then takes the slow, exact path.
int OpenBeneath(int root_fd, std::string_view relative) {
#ifdef SYS_openat2
  if (root_fd < 0) return -1;
  struct open_how how;
  std::memset(&how, 0, sizeof how);
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH;
  std::string path(relative);
  long fd = ::syscall(SYS_openat2, root_fd, path.c_str(), &how, sizeof how);
  return fd < 0 ? -1 : static_cast<int>(fd);
#else
  (void)root_fd;
  (void)relative;
  return -1;
#endif
}

}  // namespace

bool ReadFileUnder(const fs::path& root, std::string_view relative, std::string* contents,
                   std::string* error) {
  std::error_code ec;
  fs::path real = fs::canonical(root / fs::path(relative), ec);
  if (ec) {
    *error = "cannot read: " + ec.message();
    return false;
  }
  // Checked at read time too: the tree may have changed since it was listed.
  if (!IsInside(root, real)) {
    *error = "refused: a symlink leads outside " + root.string();
    return false;
  }
  int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  bool ok = ReadAll(fd, contents);
  int saved = errno;
  ::close(fd);
  if (!ok) {
    *error = std::string("cannot read: ") + std::strerror(saved);
    return false;
  }
  return true;
}

DiskSnapshot::DiskSnapshot(fs::path root, std::vector<DiskEntry> entries, std::string description,
                           std::shared_ptr<const Repository> repository)
    : root_(std::move(root)),
      description_(std::move(description)),
      repository_(std::move(repository)) {
  root_fd_ = ::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  std::sort(entries.begin(), entries.end(),
            [](const DiskEntry& a, const DiskEntry& b) { return a.path < b.path; });
  files_.reserve(entries.size());
  stored_.reserve(entries.size());
  for (auto& entry : entries) {
    files_.push_back(SnapshotFile{std::move(entry.path), std::move(entry.blob_id)});
    stored_.push_back(entry.stored);
  }
}

bool DiskSnapshot::Read(std::string_view path, std::string* contents, std::string* error) const {
  const SnapshotFile* file = Find(path);
  if (file == nullptr) {
    *error = "no such file in " + description_;
    return false;
  }
  const auto& stored = stored_[static_cast<size_t>(file - files_.data())];
  if (stored && repository_ != nullptr) {
    return repository_->ReadBlob(*stored, contents, error);
  }
  // Fast path: one openat2 that cannot leave the root; anything unusual
  // (an absolute symlink, an old kernel, an error to word) takes the exact one.
  int fd = OpenBeneath(root_fd_, path);
  if (fd >= 0) {
    bool ok = ReadAll(fd, contents);
    ::close(fd);
    if (ok) return true;
  }
  return ReadFileUnder(root_, path, contents, error);
}

DiskSnapshot::~DiskSnapshot() {
  if (root_fd_ >= 0) ::close(root_fd_);
}

}  // namespace contract_lint
