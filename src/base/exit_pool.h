// Big structures a run is done with (the descriptor pools). A
// command-line run that exits next need not free them piece by piece (tens of
// thousands of small objects: a tenth of a small run's time): the binary calls
// SkipFreeingAtExit() first thing, and Discard() then keeps them, reachable,
// until the process ends. Everyone else (tests, library use) frees as usual.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace contract_lint {

namespace exit_pool_detail {
inline std::atomic<bool> skip{false};
inline std::mutex mutex;
inline std::vector<std::shared_ptr<void>>* kept = nullptr;  // never freed, never destroyed
}  // namespace exit_pool_detail

inline void SkipFreeingAtExit() { exit_pool_detail::skip = true; }
inline bool FreeingSkipped() { return exit_pool_detail::skip; }

// When freeing is skipped, takes `object` and keeps it until the process
// exits; otherwise leaves it to its owner's scope.
template <typename T>
void Discard(std::unique_ptr<T>& object) {
  if (!object || !FreeingSkipped()) return;
  std::lock_guard<std::mutex> lock(exit_pool_detail::mutex);
  if (!exit_pool_detail::kept) exit_pool_detail::kept = new std::vector<std::shared_ptr<void>>();
  exit_pool_detail::kept->push_back(std::shared_ptr<T>(std::move(object)));
}

}  // namespace contract_lint
