// Owning pointers for libgit2 objects, so that every early return frees them.
#pragma once

#include <git2.h>

#include <memory>

namespace contract_lint {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const { Free(p); }
};

using GitObjectPtr = std::unique_ptr<git_object, GitDeleter<git_object, git_object_free>>;
using GitCommitPtr = std::unique_ptr<git_commit, GitDeleter<git_commit, git_commit_free>>;
using GitTreePtr = std::unique_ptr<git_tree, GitDeleter<git_tree, git_tree_free>>;
using GitTreeEntryPtr =
    std::unique_ptr<git_tree_entry, GitDeleter<git_tree_entry, git_tree_entry_free>>;
using GitBlobPtr = std::unique_ptr<git_blob, GitDeleter<git_blob, git_blob_free>>;
using GitIndexPtr = std::unique_ptr<git_index, GitDeleter<git_index, git_index_free>>;
using GitReferencePtr =
    std::unique_ptr<git_reference, GitDeleter<git_reference, git_reference_free>>;
using GitReferenceIteratorPtr =
    std::unique_ptr<git_reference_iterator,
                    GitDeleter<git_reference_iterator, git_reference_iterator_free>>;

}  // namespace contract_lint
