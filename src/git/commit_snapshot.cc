#include "git/commit_snapshot.h"

#include <vector>

#include "git/blob_snapshot.h"
#include "git/git_handles.h"

namespace contract_lint {
namespace {

struct WalkState {
  std::vector<BlobEntry>* entries;
};

int CollectBlob(const char* root, const git_tree_entry* entry, void* payload) {
  auto* state = static_cast<WalkState*>(payload);
  switch (git_tree_entry_filemode(entry)) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
      state->entries->push_back(
          BlobEntry{std::string(root) + git_tree_entry_name(entry), *git_tree_entry_id(entry)});
      return 0;
    default:
      // Trees are walked into; submodules (commits) and symlinks are not files.
      return 0;
  }
}

// What to do about an object libgit2 could not read: fetch it when it is
// absent, check the store when it is there but damaged.
std::string Advice(int rc) {
  return rc == GIT_ENOTFOUND ? "; run 'git fetch' to download it"
                             : "; the object store may be corrupt (check with 'git fsck')";
}

}  // namespace

std::unique_ptr<Snapshot> OpenCommitSnapshot(std::shared_ptr<const Repository> repository,
                                             const git_oid& commit_id, const std::string& subdir,
                                             std::string description, std::string* error) {
  std::vector<BlobEntry> entries;
  {
    std::lock_guard<std::mutex> lock(repository->mutex());
    git_repository* repo = repository->get();
    git_commit* raw_commit = nullptr;
    if (int rc = git_commit_lookup(&raw_commit, repo, &commit_id); rc != 0) {
      *error = "cannot read commit " + HexId(commit_id) + ": " + LastGitError() + Advice(rc);
      return nullptr;
    }
    GitCommitPtr commit(raw_commit);
    git_tree* raw_tree = nullptr;
    if (int rc = git_commit_tree(&raw_tree, commit.get()); rc != 0) {
      *error =
          "cannot read the tree of commit " + HexId(commit_id) + ": " + LastGitError() + Advice(rc);
      return nullptr;
    }
    GitTreePtr tree(raw_tree);
    if (!subdir.empty()) {
      git_tree_entry* raw_entry = nullptr;
      int rc = git_tree_entry_bypath(&raw_entry, tree.get(), subdir.c_str());
      GitTreeEntryPtr entry(raw_entry);
      if (rc == GIT_ENOTFOUND || (rc == 0 && git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)) {
        return std::make_unique<BlobSnapshot>(std::move(repository), std::move(entries),
                                              std::move(description));
      }
      git_object* raw_subtree = nullptr;
      if (rc == 0) rc = git_tree_entry_to_object(&raw_subtree, repo, entry.get());
      if (rc != 0) {
        *error = "cannot read '" + subdir + "' of commit " + HexId(commit_id) + ": " +
                 LastGitError() + Advice(rc);
        return nullptr;
      }
      tree.reset(reinterpret_cast<git_tree*>(raw_subtree));
    }
    WalkState state{&entries};
    if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, CollectBlob, &state) != 0) {
      *error = "cannot list the files of commit " + HexId(commit_id) + ": " + LastGitError() +
               " (a tree object is missing; run 'git fetch --unshallow' or 'git fetch')";
      return nullptr;
    }
  }
  return std::make_unique<BlobSnapshot>(std::move(repository), std::move(entries),
                                        std::move(description));
}

std::unique_ptr<Snapshot> EmptySnapshot(std::shared_ptr<const Repository> repository,
                                        std::string description) {
  return std::make_unique<BlobSnapshot>(std::move(repository), std::vector<BlobEntry>{},
                                        std::move(description));
}

}  // namespace contract_lint
