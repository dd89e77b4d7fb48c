// A Snapshot is one side of a comparison: a set of files with content ids.
// It is the only I/O seam of the pipeline; everything after it is testable
// without a repository (see MemorySnapshot).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace contract_lint {

struct SnapshotFile {
  std::string path;     // relative to the snapshot root, '/'-separated, no "./"
  std::string blob_id;  // git blob id (hex) of the content; equal ids mean equal bytes
};

class Snapshot {
 public:
  virtual ~Snapshot() = default;

  // Every file of the snapshot, sorted by path. Only regular files (and, in
  // git, blobs); symlinks that leave the tree are not listed.
  virtual const std::vector<SnapshotFile>& Files() const = 0;

  // Reads one file. On failure returns false and sets *error to a message a
  // user can act on; the caller reports it at the path, so it does not repeat
  // the path. Safe to call from several threads.
  virtual bool Read(std::string_view path, std::string* contents, std::string* error) const = 0;

  // Names the side for messages, e.g. "merge-base 1a2b3c4 of main and HEAD".
  virtual std::string Describe() const = 0;

  // The entry for `path`, or nullptr. Binary search over Files().
  const SnapshotFile* Find(std::string_view path) const;
};

// Git's blob id (SHA-1 of "blob <size>\0<content>") in hex, so that plain
// directories and git sides compare by the same ids.
std::string GitBlobId(std::string_view content);

// An in-memory snapshot for tests and for content that is already loaded.
class MemorySnapshot : public Snapshot {
 public:
  explicit MemorySnapshot(std::map<std::string, std::string> files,
                          std::string description = "memory");
  const std::vector<SnapshotFile>& Files() const override { return files_; }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return description_; }

 private:
  std::map<std::string, std::string, std::less<>> contents_;
  std::vector<SnapshotFile> files_;
  std::string description_;
};

}  // namespace contract_lint
