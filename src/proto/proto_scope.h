// Which .proto files a comparison has to compile (ARCHITECTURE: "Cost
// follows the change, not the repository"). A contract whose blob id is the
// same on both sides, and whose imports (transitively) are too, compiles to
// the same descriptors on both sides and cannot produce a finding; only the
// package-level rules need the other files of a package that changed. So
// the scope is: the changed contracts, the contracts that see one of them
// and can read it differently (ChangedSurface), and, when a PACKAGE_* verdict
// needs them (PackagesNeeded in proto_check.cc), the other contracts of a
// changed package; plus what those import, to compile them.
//
// Finding importers needs every file's import list: that is a lexical scan
// (ScanProtoHeader), never a parse, and each unchanged file is read once for
// both sides.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "contract_lint/snapshot.h"
#include "proto/snapshot_source_tree.h"

namespace contract_lint {

// What a lexical scan of a .proto text finds (comments and strings skipped).
// It may list more imports than protoc would (never fewer, for a file
// protoc accepts).
struct ProtoHeader {
  std::string package;
  std::vector<std::string> imports;         // every import, public and weak ones included
  std::vector<std::string> public_imports;  // `import public`
  // The file reads more of its imports than their type names: it uses
  // custom options (`option (x)`, `[(x) = …]`), `extend`s a message, or
  // sets a `default`. Any change to a file it sees may then change it.
  bool sensitive = false;
  // Whether the whole text was scanned. A scan that may stop early
  // (`complete_sensitivity` false) stops at the first top-level definition
  // when the rest of the text holds no `import` or `package` word, or, when
  // the package came before it, lexes the rest for imports alone: package
  // and imports are then complete, `sensitive` only when true.
  bool complete = true;
};
ProtoHeader ScanProtoHeader(std::string_view text, bool complete_sensitivity = true);

// The package-level names a .proto text declares, by a lexical scan: its
// top-level messages, enums, enum values of top-level enums (C++ scoping:
// siblings of their enum), services and extensions (and groups declared in
// a top-level `extend`), relative to `package`. Nested names live inside a
// top-level one, so two files can only collide on these or on a package.
struct DeclaredNames {
  std::string package;
  std::vector<std::string> names;  // full names, in order, repeats kept
};
DeclaredNames ScanDeclaredNames(std::string_view text);

// One side's part of a scope.
struct ProtoSideScope {
  std::vector<std::string> contract_paths;        // repository paths, sorted
  std::vector<std::string> imports;               // import paths to parse ahead
  std::shared_ptr<const ProtoContents> contents;  // bytes already read
};

struct ProtoScope {
  ProtoSideScope against;
  ProtoSideScope current;
  std::vector<std::string> import_paths;  // the contracts of the scope
  // Files to compile once for both sides: unchanged, and importing only such
  // files (transitively). Not with `full`.
  std::vector<std::string> shared;
  std::shared_ptr<const ProtoContents> shared_contents;
};

// What an unchanged file that sees a changed one (imports it, directly or
// through `import public`) can read differently in it, from both sides'
// descriptors (proto_check.cc). Such a file compiles to other descriptors, or
// fails, only when one of these holds:
// - `types`: a type name it may resolve is gone or changed kind, or the
//   package, syntax or public imports changed (or the file could not be
//   compared): every file that sees it is compiled again;
// - a name in `added` (a new message, enum or service, or a new value of a
//   top-level enum: a new symbol of a package scope) can shadow one of its
//   relative references: the new name's parent scope encloses the file's
//   package or lies inside it, and the file's text holds the new name's last
//   component as a word (a reference or option name starts with it);
// - the file uses custom options, `extend` or `default` (`sensitive`) and its
//   text holds a word of `details`: the name of a field, enum value or
//   extension whose definition differs or is gone (an option value, a
//   default or an extension names them), of a new extension and of an
//   extension's extendee (numbers collide with the file's `extend`), or of a
//   message whose extension ranges or options differ (`extend` names it).
//   A new one counts too (a file that named it did not compile before; it
//   is compiled again, as the full path reports it). The names of fields, extensions and enum
//   values go to `fields` instead of `details`: only an option names them (an option's name,
//   `(p.ext)` or `(x).get`; its value, aggregate or enum; a field's `default`), so only the words
//   of the file's options and `[…]` count for them (OptionWords); `details` keeps the names
//   `extend` reads (a message whose extension ranges or options differ, the extendee of an
//   extension in `fields`), looked up anywhere in the text.
// A word found in a comment or a string only costs a compile.
struct ChangedSurface {
  bool types = false;
  std::vector<std::string> added;  // full names
  std::set<std::string> details;   // simple names
  std::set<std::string> fields;    // simple names of fields, extensions, enum values
};

// Chooses the scope in two steps. First: the changed contracts. Then, once
// those are compiled: with `package_scope`, the contracts of the packages
// whose PACKAGE_* verdicts need them, and the unchanged contracts that
// see (import, directly or through `import public`) a changed file that
// they can read differently (ChangedSurface). An unchanged contract seeing
// only unchanged files, or changed files it reads the same, compiles to the same descriptors up to
// the contents of the types it refers to, which no rule reads (a rule reads
// a referenced type's full name and kind only).
//
// With `full`, the first step is every contract and the second is empty:
// the reference the incremental scope is tested against. Either way each
// file is read once; an unchanged one once for both sides.
class ProtoScopePlanner {
 public:
  // `before` / `after`: each side's contracts (repository path -> blob id).
  ProtoScopePlanner(const Snapshot& against, const Snapshot& current,
                    const std::vector<std::string>& roots,
                    const std::map<std::string, std::string>& before,
                    const std::map<std::string, std::string>& after, bool full, bool package_scope,
                    int jobs);
  ~ProtoScopePlanner();

  // With `package_scope` or not, First() also checks the package-level
  // symbol table of every package a changed file belongs to (and of the
  // packages that enclose or extend it) on each side, with
  // ScanDeclaredNames: a name two declarations share (a duplicate message,
  // enum value, service, …, in one file or across files, or a name equal to
  // a package) is an error `full` reports, the incremental run would not
  // (it compiles only part of the package). Then the scope is `full`'s, so
  // that the errors reported are `full`'s, byte for byte.
  ProtoScope First();
  // Whether the scope is every contract (`full`, or a duplicate found).
  bool full() const { return full_ || escalated_; }
  // Import paths of the changed files (contracts or not).
  const std::vector<std::string>& changed() const { return changed_; }
  // The packages of the changed contracts, on either side (by their headers).
  std::set<std::string> ChangedPackages() const;
  // Whether `import_path` is a contract on the side.
  bool IsContract(const std::string& import_path, bool before) const;
  // The second step: `changes` says, per changed file, what of it a file
  // that sees it can read differently (a changed file missing from it is
  // taken as `types`). With `package_scope`, also every contract of a
  // package in `packages` (whose PACKAGE_* verdicts need them). Contracts
  // already in a scope are not repeated.
  ProtoScope Reached(const std::map<std::string, ChangedSurface>& changes,
                     const std::set<std::string>& packages = {});

 private:
  struct Node;
  // Whether `visit` holds for a file `node` sees on one side (its imports, and
  // what they import publicly, transitively; with `any_import`, everything it
  // imports transitively: what a custom option's value can read), by node index.
  bool Sees(const Node& node, bool before, bool any_import,
            const std::function<bool(size_t)>& visit) const;
  // Sees(node, before, any_import, <is a changed file>), from shows_changed_
  // or reaches_changed_.
  bool SeesChanged(const Node& node, bool before, bool any_import) const;
  // Fills shows_changed_ and reaches_changed_.
  void ComputeReach();
  ProtoScope Make(const std::set<std::string>& import_paths);
  // Whether a package a changed file belongs to has a name declared twice.
  bool PackageNamesCollide();
  // Whether `package` nests with (encloses, or lies in) a package of a
  // changed file (`touched_`): only then can its names collide with theirs.
  bool RelatedToTouched(const std::string& package) const;

  std::map<std::string, std::string> before_contracts_;  // import path -> repository path
  std::map<std::string, std::string> after_contracts_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::string> changed_;
  // Per side (0: before), per node: changed, or importing publicly (directly
  // or not) a changed file. Empty until Reached needs them (ComputeReach).
  std::vector<char> shows_changed_[2];
  // The same through any import, public or not.
  std::vector<char> reaches_changed_[2];
  std::vector<char> clean_;  // per node: see ProtoScope::shared
  std::set<std::string> scoped_;
  std::set<std::string> shared_;   // handed out as shared already
  std::set<std::string> touched_;  // the packages of the changed files (read), either side
  bool full_;
  bool escalated_ = false;  // a duplicate name: compiled as with `full`
  bool package_scope_;
  int jobs_;
  const Snapshot& current_;  // where an unchanged file is read again
};

}  // namespace contract_lint
