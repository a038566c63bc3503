// SPDX-License-Identifier: MIT
// RankTeam over MPI_COMM_WORLD (built with MPI only; mpi_sweep_stub.cpp stands in without it).
#include <mpi.h>

#include <climits>
#include <ostream>

#include "app/rank_team.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

constexpr int kRoot = 0;

int countOf(std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) throw RuntimeError("a message between MPI ranks exceeds 2 GiB");
  return static_cast<int>(n);
}

class MpiWorldTeam final : public RankTeam {
 public:
  MpiWorldTeam() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    if (provided < MPI_THREAD_FUNNELED) {
      MPI_Finalize();
      throw RuntimeError("the MPI library does not support threads (MPI_THREAD_FUNNELED), which surfkmc needs");
    }
  }
  MpiWorldTeam(const MpiWorldTeam&) = delete;
  MpiWorldTeam& operator=(const MpiWorldTeam&) = delete;
  ~MpiWorldTeam() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<std::string> gather(const std::string& mine) override {
    const int length = countOf(mine.size());
    std::vector<int> lengths(rank_ == kRoot ? static_cast<std::size_t>(size_) : 0);
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, kRoot, MPI_COMM_WORLD);
    std::vector<int> offsets(lengths.size());
    std::string all;
    if (rank_ == kRoot) {
      std::size_t total = 0;
      for (std::size_t r = 0; r < lengths.size(); ++r) {
        offsets[r] = countOf(total);
        total += static_cast<std::size_t>(lengths[r]);
      }
      countOf(total);  // the whole buffer, not only each offset, must be addressable by MPI's int counts
      all.resize(total);
    }
    MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, kRoot,
                MPI_COMM_WORLD);
    std::vector<std::string> out;
    for (std::size_t r = 0; r < lengths.size(); ++r)
      out.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
    return out;
  }

  std::string broadcast(const std::string& text) override {
    std::string out = rank_ == kRoot ? text : std::string();
    int length = countOf(out.size());
    MPI_Bcast(&length, 1, MPI_INT, kRoot, MPI_COMM_WORLD);
    out.resize(static_cast<std::size_t>(length));
    MPI_Bcast(out.data(), length, MPI_CHAR, kRoot, MPI_COMM_WORLD);
    return out;
  }

  [[noreturn]] void abort(std::exception_ptr failure, std::ostream& err) override {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      err << "surfkmc: rank " << rank_ << ": failed: " << e.what() << std::endl;
    } catch (...) {
      err << "surfkmc: rank " << rank_ << ": failed" << std::endl;
    }
    MPI_Abort(MPI_COMM_WORLD, 1);
    std::terminate();  // MPI_Abort does not return
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

bool mpiTeamBuilt() { return true; }

std::unique_ptr<RankTeam> mpiTeam() { return std::make_unique<MpiWorldTeam>(); }

}  // namespace surfkmc::app
