// Input limits: a Snapshot decorator that refuses files over a size limit
// with a clear message, so that a hostile or accidental 1 GB "contract" ends
// the run with exit 2 instead of exhausting memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "contract_lint/snapshot.h"

namespace contract_lint {

struct InputLimits {
  uint64_t max_file_bytes = 16u << 20;  // per contract file
  uint64_t max_files = 200000;          // files listed by one side
};

class LimitedSnapshot : public Snapshot {
 public:
  LimitedSnapshot(std::unique_ptr<Snapshot> inner, InputLimits limits)
      : inner_(std::move(inner)), limits_(limits) {}
  const std::vector<SnapshotFile>& Files() const override { return inner_->Files(); }
  bool Read(std::string_view path, std::string* contents, std::string* error) const override;
  std::string Describe() const override { return inner_->Describe(); }

 private:
  std::unique_ptr<Snapshot> inner_;
  InputLimits limits_;
};

}  // namespace contract_lint
