#include "git/release_tags.h"

#include <algorithm>
#include <set>

#include "git/commit_snapshot.h"
#include "git/git_handles.h"
#include "git/repository.h"

namespace contract_lint {

bool OpenReleaseSnapshots(const std::shared_ptr<const Repository>& repository,
                          const std::string& subdir, const std::vector<std::string>& patterns,
                          std::vector<ReleaseSnapshot>* out, std::string* error) {
  std::vector<std::pair<std::string, git_oid>> tags;
  {
    std::lock_guard<std::mutex> lock(repository->mutex());
    git_repository* repo = repository->get();
    std::set<std::string> names;
    for (const auto& pattern : patterns) {
      git_strarray list{nullptr, 0};
      if (git_tag_list_match(&list, pattern.c_str(), repo) != 0) {
        *error = "cannot list the tags matching '" + pattern + "': " + LastGitError();
        return false;
      }
      for (size_t i = 0; i < list.count; ++i) names.insert(list.strings[i]);
      git_strarray_dispose(&list);
    }
    for (const auto& name : names) {
      git_object* raw = nullptr;
      std::string spec = "refs/tags/" + name;
      if (git_revparse_single(&raw, repo, spec.c_str()) != 0) {
        *error = "cannot read release tag '" + name + "': " + LastGitError() +
                 "; fetch the tags with 'git fetch --tags origin'";
        return false;
      }
      GitObjectPtr object(raw);
      git_object* raw_commit = nullptr;
      if (git_object_peel(&raw_commit, object.get(), GIT_OBJECT_COMMIT) != 0) continue;
      GitObjectPtr commit(raw_commit);
      tags.emplace_back(name, *git_object_id(commit.get()));
    }
  }
  for (const auto& [name, commit] : tags) {
    std::string label = "release " + name + " (" + ShortId(commit) + ")";
    if (!subdir.empty()) label += " at " + subdir + "/";
    auto snapshot = OpenCommitSnapshot(repository, commit, subdir, label, error);
    if (snapshot == nullptr) {
      *error = "release tag '" + name + "': " + *error;
      return false;
    }
    out->push_back(ReleaseSnapshot{name, std::move(snapshot)});
  }
  return true;
}

}  // namespace contract_lint
