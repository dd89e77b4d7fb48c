// Decides the two sides of a run from the command line (see sides.h and the
// "Sides of the comparison" section of README.md):
//
//   current: working tree (default) | index (--staged) | commit (--head REV) | INPUT dir
//   against: merge-base(REF, HEAD) (--since REF) | REV or DIR (--against)
//            | default: HEAD; with --head REV, REV's first parent; INPUT needs one.
//
// With INPUT inside a repository, a revision on the against side is cut to the
// subtree at INPUT's repository-relative path, so that paths line up.
#include "git/sides.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "git/commit_snapshot.h"
#include "git/directory_snapshot.h"
#include "git/index_snapshot.h"
#include "git/repository.h"
#include "git/revision.h"
#include "git/worktree_snapshot.h"

namespace contract_lint {
namespace {

namespace fs = std::filesystem;

class SideOpener {
 public:
  SideOpener(const Options& options, Diagnostics* diagnostics)
      : options_(options), diagnostics_(diagnostics) {
    cwd_ = options.cwd.empty() ? fs::current_path().string() : options.cwd;
  }

  bool Open(Sides* sides) {
    if (!CheckCombinations()) return false;
    sides->current = options_.input.empty() ? OpenRepositoryCurrent(&sides->root)
                                            : OpenInputCurrent(&sides->root);
    if (sides->current == nullptr) return false;
    sides->against = OpenAgainst();
    sides->repository = repository_;
    sides->subdir = subdir_;
    return sides->against != nullptr;
  }

 private:
  bool Fail(std::string message) {
    diagnostics_->Add(std::move(message));
    return false;
  }

  bool CheckCombinations() {
    if (!options_.since.empty() && !options_.against.empty()) {
      return Fail("--since and --against both choose the against side; pass only one");
    }
    if (options_.staged && !options_.head.empty()) {
      return Fail("--staged and --head both choose the current side; pass only one");
    }
    if (!options_.input.empty() && (options_.staged || !options_.head.empty())) {
      return Fail("INPUT is the current side, so it cannot be combined with --staged or --head");
    }
    if (!options_.input.empty() && options_.since.empty() && options_.against.empty()) {
      return Fail("INPUT needs --against REF or DIR (or --since REF) to compare with");
    }
    return true;
  }

  // The repository containing `start`; reports `not_found` when there is none.
  bool OpenRepository(const std::string& start, const std::string& not_found) {
    if (repository_ != nullptr) return true;
    std::string error;
    bool is_not_found = false;
    repository_ = Repository::Discover(start, &error, &is_not_found);
    if (repository_ != nullptr) return true;
    if (is_not_found) {
      std::string owner = OwnedByAnotherUser(start);
      return Fail(owner.empty() ? not_found : owner);
    }
    return Fail("cannot open the git repository at " + start + ": " + error);
  }

  std::unique_ptr<Snapshot> OpenRepositoryCurrent(std::string* root) {
    if (!OpenRepository(cwd_, "not a git repository (or any parent): " + cwd_ +
                                  "; run inside a repository or pass a directory")) {
      return nullptr;
    }
    std::string error;
    std::unique_ptr<Snapshot> current;
    if (options_.staged) {
      current = OpenIndexSnapshot(repository_, &error);
    } else if (!options_.head.empty()) {
      Revision head;
      if (!ResolveRevision(*repository_, options_.head, &head, &error)) {
        Fail(error);
        return nullptr;
      }
      current_commit_ = head;
      current = OpenCommitSnapshot(repository_, head.commit, "", CommitLabel(head), &error);
    } else if (repository_->workdir().empty()) {
      Fail("the repository at " + repository_->GitDir() +
           " is bare (no working tree); pass --head REV or --staged");
      return nullptr;
    } else {
      current = OpenWorktreeSnapshot(repository_, &error);
    }
    if (current == nullptr) {
      Fail(error);
      return nullptr;
    }
    std::error_code ec;
    std::string top =
        repository_->workdir().empty() ? repository_->GitDir() : repository_->workdir();
    fs::path canonical = fs::canonical(top, ec);
    *root = ec ? top : canonical.string();
    return current;
  }

  std::unique_ptr<Snapshot> OpenInputCurrent(std::string* root) {
    fs::path input = fs::path(cwd_) / options_.input;
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      Fail("INPUT '" + options_.input + "' is not a directory");
      return nullptr;
    }
    input_ = fs::canonical(input, ec);
    *root = input_.string();
    std::string error;
    auto current = OpenDirectorySnapshot(input_.string(), DirectoryLabel(options_.input), &error);
    if (current == nullptr) Fail(error);
    return current;
  }

  std::unique_ptr<Snapshot> OpenAgainst() {
    if (!options_.since.empty()) return OpenMergeBase(options_.since);
    if (!options_.against.empty()) {
      std::error_code ec;
      fs::path dir = fs::path(cwd_) / options_.against;
      if (fs::is_directory(dir, ec)) {
        std::string error;
        auto against =
            OpenDirectorySnapshot(dir.string(), DirectoryLabel(options_.against), &error);
        if (against == nullptr) Fail(error);
        return against;
      }
      return OpenRevision(options_.against);
    }
    std::string error;
    if (current_commit_.has_value()) return OpenFirstParent(*current_commit_);
    // The first commit of a new repository (the pre-commit hook): everything
    // staged is added to the empty tree.
    if (options_.staged && repository_->HeadUnborn()) {
      return EmptySnapshot(repository_, "empty tree (HEAD has no commit yet)");
    }
    // No --since/--against: compare with the last commit, like `git diff HEAD`.
    Revision head;
    if (!ResolveHead(*repository_, &head, &error)) {
      Fail(error);
      return nullptr;
    }
    return OpenCommit(head, CommitLabel(head));
  }

  // The repository a revision on the against side comes from: the current
  // one, or the one holding INPUT (whose path then becomes the subtree).
  bool RepositoryForRevision(const std::string& what) {
    if (repository_ != nullptr) return true;
    if (!OpenRepository(input_.string(),
                        what + " needs a git repository, but INPUT " + input_.string() +
                            " is not inside one; pass --against DIR to compare two "
                            "directories")) {
      return false;
    }
    std::error_code ec;
    fs::path top = fs::canonical(repository_->workdir(), ec);
    if (ec || repository_->workdir().empty()) return true;
    fs::path relative = input_.lexically_relative(top);
    if (!relative.empty() && relative != "." && *relative.begin() != "..") {
      subdir_ = relative.generic_string();
    }
    return true;
  }

  std::unique_ptr<Snapshot> OpenRevision(const std::string& rev) {
    // buf's input syntax ('.git#branch=main') names a revision of this repository.
    if (size_t hash = rev.find('#'); hash != std::string::npos) {
      std::string ref = rev.substr(hash + 1);
      for (const char* key : {"branch=", "tag=", "ref="}) {
        if (ref.rfind(key, 0) == 0) ref = ref.substr(std::string(key).size());
      }
      if (size_t comma = ref.find(','); comma != std::string::npos) ref.resize(comma);
      Fail("--against '" + rev + "' is buf's input syntax, which contract-lint does not read; " +
           "use --against " + (ref.empty() ? std::string("REV") : ref) +
           " (a revision of this repository) or --against DIR");
      return nullptr;
    }
    // A value that reads as a path ("../x/", "./x", "/x", "x/") and is not a
    // directory: say so rather than "unknown revision".
    if (LooksLikePath(rev)) {
      std::error_code ec;
      fs::path dir = fs::path(cwd_) / rev;
      bool exists = fs::exists(dir, ec);
      Fail("--against " + rev + ": " +
           (exists ? std::string("not a directory") : std::string("no such directory")) + " (" +
           dir.lexically_normal().string() +
           "), and not a revision either; pass an existing directory or a revision");
      return nullptr;
    }
    if (!RepositoryForRevision("--against " + rev)) return nullptr;
    Revision revision;
    std::string error;
    if (!ResolveRevision(*repository_, rev, &revision, &error)) {
      Fail(error);
      return nullptr;
    }
    return OpenCommit(revision, CommitLabel(revision));
  }

  std::unique_ptr<Snapshot> OpenMergeBase(const std::string& ref) {
    if (!RepositoryForRevision("--since " + ref)) return nullptr;
    Revision resolved;
    Revision head;
    git_oid base;
    std::string error;
    if (!ResolveRevision(*repository_, ref, &resolved, &error) ||
        !ResolveHead(*repository_, &head, &error) ||
        !FindMergeBase(*repository_, resolved, ref, head, &base, &error)) {
      Fail(error);
      return nullptr;
    }
    Revision merge_base{base, ""};
    return OpenCommit(merge_base,
                      "merge-base " + ShortId(base) + " of " + resolved.name + " and " + head.name);
  }

  // --head REV alone compares REV with what it changed: its first parent.
  std::unique_ptr<Snapshot> OpenFirstParent(const Revision& revision) {
    git_oid parent;
    bool has_parent = false;
    std::string error;
    if (!FirstParent(*repository_, revision.commit, &parent, &has_parent, &error)) {
      Fail(error);
      return nullptr;
    }
    if (!has_parent) {
      return EmptySnapshot(repository_, "empty tree (" + revision.name + " is a root commit)");
    }
    Revision first_parent{parent, revision.name + "^"};
    return OpenCommit(first_parent, CommitLabel(first_parent));
  }

  std::unique_ptr<Snapshot> OpenCommit(const Revision& revision, std::string label) {
    if (!subdir_.empty()) label += " at " + subdir_ + "/";
    std::string error;
    auto snapshot = OpenCommitSnapshot(repository_, revision.commit, subdir_, label, &error);
    if (snapshot == nullptr) Fail(error);
    return snapshot;
  }

  // What git says when a repository is not the user's ("detected dubious
  // ownership"), or "" when no repository above `start` belongs to another user.
  static std::string OwnedByAnotherUser(const std::string& start) {
    std::error_code ec;
    for (fs::path dir = fs::absolute(start, ec);; dir = dir.parent_path()) {
      struct stat info;
      if (::lstat((dir / ".git").c_str(), &info) == 0) {
        if (info.st_uid == ::geteuid()) return "";
        return "the git repository at " + dir.string() + " is owned by another user (uid " +
               std::to_string(info.st_uid) +
               "), and git refuses it (\"detected dubious ownership\"); if you trust it, run "
               "'git config --global --add safe.directory " +
               dir.string() + "'";
      }
      if (dir == dir.root_path() || dir.empty()) return "";
    }
  }

  static bool LooksLikePath(const std::string& value) {
    return value.rfind("./", 0) == 0 || value.rfind("../", 0) == 0 || value == "." ||
           value == ".." || value.front() == '/' || value.front() == '~' || value.back() == '/';
  }

  static std::string CommitLabel(const Revision& revision) {
    return "commit " + ShortId(revision.commit) + " (" + revision.name + ")";
  }

  static std::string DirectoryLabel(std::string path) {
    if (path.empty() || path.back() != '/') path += '/';
    return "directory " + path;
  }

  const Options& options_;
  Diagnostics* diagnostics_;
  std::string cwd_;
  std::shared_ptr<Repository> repository_;
  fs::path input_;      // canonical INPUT, when given
  std::string subdir_;  // INPUT relative to its repository's root, "" = whole tree
  std::optional<Revision> current_commit_;  // set by --head
};

}  // namespace

bool OpenSides(const Options& options, Sides* sides, Diagnostics* diagnostics) {
  return SideOpener(options, diagnostics).Open(sides);
}

}  // namespace contract_lint
