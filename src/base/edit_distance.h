// The one "did you mean" measure: every suggestion (config keys and values,
// rule ids, paths, selectors, JSON Schema types) is the nearest word by
// Levenshtein distance.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace contract_lint {

// Insertions, deletions and substitutions that turn `a` into `b`.
std::size_t EditDistance(std::string_view a, std::string_view b);

// The "did you mean" search: offered candidates, keeps the nearest to `word`
// within `max_distance` edits (on a tie, the first offered).
class NearestWord {
 public:
  NearestWord(std::string_view word, std::size_t max_distance)
      : word_(word), best_distance_(max_distance + 1) {}
  // True when `candidate` is now the nearest.
  bool Offer(std::string_view candidate) {
    // The distance is at least the difference in length: skip what cannot win.
    std::size_t longer = std::max(word_.size(), candidate.size());
    std::size_t shorter = std::min(word_.size(), candidate.size());
    if (longer - shorter >= best_distance_) return false;
    std::size_t d = EditDistance(word_, candidate);
    if (d >= best_distance_) return false;
    best_distance_ = d;
    best_ = candidate;
    return true;
  }
  // The nearest candidate, "" when none was within reach.
  const std::string& best() const { return best_; }

 private:
  std::string_view word_;
  std::size_t best_distance_;
  std::string best_;
};

}  // namespace contract_lint
