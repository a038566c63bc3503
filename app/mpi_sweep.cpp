// SPDX-License-Identifier: MIT
// The distributed sweep: a dispatcher on rank 0, a oneTBB task arena per rank, one MPI thread per rank.
#include "app/mpi_sweep.hpp"

#include <mpi.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/progress_meter.hpp"
#include "app/rank_team.hpp"
#include "app/source_file.hpp"
#include "app/stop_request.hpp"
#include "app/sweep_job.hpp"
#include "core/error.hpp"

// Design.
//
// Who does what. The ranks share the results folder (as on a cluster's file system), and the
// records in points/ are the only results: each is written, atomically, by the rank that ran the
// task, and the report is built from the records. So ranks exchange work, never results. Rank 0,
// the dispatcher, prepares the folder exactly as a one-process sweep does (SweepJob::prepare: plan,
// manifest, fresh or resumed, the tasks still to do), tells the other ranks where it is, and hands
// the tasks out from one queue in the one-process order (longest first), one per free thread, as
// ranks ask. Handing out on demand balances replicas whose run times differ by orders of
// magnitude, which a fixed split (--shard) cannot.
//
// Threads. On every rank only the thread that called MPI_Init (main) calls MPI
// (MPI_THREAD_FUNNELED, which every MPI library provides), and main runs no task: tasks run in a
// oneTBB task_arena with `threads` slots, none reserved for main, so main is always free to talk.
// The arena's threads queue what finished (or failed) under a mutex; main collects it.
//  - A worker rank's main loop: ask rank 0 for as many tasks as it has free slots (the request
//    carries the simulated times of the tasks finished since the last message, for rank 0's
//    progress meter), wait for the answer, start the tasks, and wait on a condition variable until
//    one finishes, looking every few milliseconds for a stop from rank 0 (below). An empty answer
//    means the queue is empty: when its last task is done the rank says so, waits for rank 0's
//    acknowledgement, and leaves.
//  - Rank 0's main loop serves the other ranks (MPI_Iprobe) and fills its own free slots straight
//    from the queue. It cannot block on MPI and on a condition variable at once, so while other
//    ranks work it polls MPI every few milliseconds; a task takes seconds to hours.
// Requests are small JSON texts, answers arrays of (point, replica) pairs. Rank 0 answers a request
// as soon as it sees it and never waits for a worker, so no two ranks can wait on each other.
//
// What a replica shows. Every rank streams the same files for a task (SweepJob::watchFor: frames,
// and with --series the time series, headed by rank 0's provenance line), so where a task ran
// does not show in them. Rank 0 keeps the progress meter (rows, progress.json): its own tasks
// report live, the other ranks' tasks when they finish.
//
// Failures. A task that throws is reported to rank 0, which stops handing out tasks; the running
// ones finish and are saved, every rank leaves its loop, and rank 0 throws the first failure, as
// the one-process sweep does. Anything else going wrong inside the loops (a bug, MPI) makes that
// rank print it and MPI_Abort the job, as if it had been killed. Either way the saved records stay
// and `--resume` continues from them.
//
// Stops. Every rank has the SIGTERM/SIGINT handlers (stop_request.hpp) before rank 0 writes its
// first progress. A signal may reach every rank (srun, a batch system) or only some (kill on one
// node). A rank that has one stops asking for tasks and tells rank 0 (its report's "stop", and
// its running tasks' Stopped failures); rank 0, on its own signal or on such a report, stops
// handing out tasks and sends each rank still working one stop message, which it takes as its own
// signal (requestStop). So every running task writes its checkpoint at its next boundary and throws
// Stopped, every rank leaves its loop as after a failure, and rank 0 throws Stopped, which names
// `surfkmc sweep --resume DIR` (exit 128 + signal). A worker waits for rank 0's acknowledgement of
// its last report, which comes after any stop message rank 0 sent it (MPI keeps the order between
// two ranks), so no message is left unreceived.

namespace surfkmc::app {
namespace {

using nlohmann::json;

constexpr int kDispatcher = 0;
/// Worker → rank 0: {"free": slots to fill, "finished_s": [...], "failure": {...}?, "stop": signal
/// (0: none), "done": bool}.
constexpr int kReportTag = 1;
/// Rank 0 → worker, answering a report with free > 0 or done: point, replica, point, replica, …
/// (none: no more, or the acknowledgement of done).
constexpr int kTasksTag = 2;
/// Rank 0 → worker, once: stop (an int, the signal).
constexpr int kStopTag = 3;
/// How often rank 0 looks for requests while its own threads are busy.
constexpr std::chrono::milliseconds kPollInterval{5};

struct Failure {
  int exit_code = 1;  ///< 2 for bad input, 128 + signal for a stop, as main() maps InputError and Stopped
  std::string message;
  int signal = 0;  ///< a task that stopped on a stop request (Stopped): its signal
};

Failure failureOf(const std::exception_ptr& error, const std::string& where) {
  try {
    std::rethrow_exception(error);
  } catch (const Stopped& e) {
    return {e.exitCode(), where + e.what(), e.signal()};
  } catch (const InputError& e) {
    return {2, where + e.what()};
  } catch (const std::exception& e) {
    return {1, where + e.what()};
  } catch (...) {
    return {1, where + "unknown error"};
  }
}

json toJson(const Failure& f) { return {{"exit_code", f.exit_code}, {"message", f.message}, {"signal", f.signal}}; }
Failure failureFromJson(const json& j) {
  return {j.at("exit_code").get<int>(), j.at("message").get<std::string>(), j.at("signal").get<int>()};
}

/// The failure as the exception the one-process sweep would have thrown.
[[noreturn]] void rethrowFailure(const Failure& f, const SweepJob& job) {
  if (f.signal != 0) throw job.stopped(f.signal, f.message);
  if (f.exit_code == 2) throw InputError(f.message);
  throw RuntimeError(f.message);
}

/// A failure inside the distributed loops that leaves no orderly way out: end the whole job.
[[noreturn]] void abortJob(int rank, const std::exception& e, std::ostream& err) {
  err << "surfkmc: rank " << rank << ": failed: " << e.what() << std::endl;
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::terminate();  // MPI_Abort does not return
}

/// Rank 0's `text` on every rank.
std::string broadcastText(std::string text) {
  unsigned long long size = text.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, kDispatcher, MPI_COMM_WORLD);
  text.resize(size);
  MPI_Bcast(text.data(), static_cast<int>(size), MPI_CHAR, kDispatcher, MPI_COMM_WORLD);
  return text;
}

void sendReport(const json& report) {
  const std::string text = report.dump();
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, kDispatcher, kReportTag, MPI_COMM_WORLD);
}

/// A stop message of rank 0 taken as this rank's own signal.
void takeStop() {
  int signal = 0;
  MPI_Recv(&signal, 1, MPI_INT, kDispatcher, kStopTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  requestStop(signal);
}

/// Worker: takes the stop messages rank 0 has sent, if any.
void takeStops() {
  for (;;) {
    int flag = 0;
    MPI_Iprobe(kDispatcher, kStopTag, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    if (!flag) return;
    takeStop();
  }
}

/// Worker: rank 0's answer to the report just sent (tasks as point, replica, ...), taking the stop
/// messages it sent before it.
std::vector<std::uint64_t> receiveAnswer() {
  for (;;) {
    MPI_Status status;
    MPI_Probe(kDispatcher, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == kStopTag) {
      takeStop();
      continue;
    }
    int count = 0;
    MPI_Get_count(&status, MPI_UINT64_T, &count);
    std::vector<std::uint64_t> tasks(static_cast<std::size_t>(count));
    MPI_Recv(tasks.data(), count, MPI_UINT64_T, kDispatcher, kTasksTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return tasks;
  }
}

/// The SweepJob::Shared of rank 0, as text for broadcastText, and back.
std::string sharedText(const SweepJob::Shared& s) {
  return json{{"ok", true},
              {"scenario", s.scenario.string()},
              {"dir", s.dir.string()},
              {"hash", s.hash},
              {"resumed", s.resumed},
              {"series", s.series},
              {"provenance_comment", s.provenance_comment}}
      .dump();
}
SweepJob::Shared sharedFromJson(const json& j) {
  return {j.at("scenario").get<std::string>(), j.at("dir").get<std::string>(),
          j.at("hash").get<std::string>(),     j.at("resumed").get<bool>(),
          j.at("series").get<bool>(),          j.at("provenance_comment").get<std::string>()};
}

/// Runs a rank's tasks on `threads` oneTBB threads, so that main, which alone calls MPI, stays free.
/// start() and take() are for main only.
class RankRunner {
 public:
  /// A task that finished: the key start() gave it, and its simulated time [s].
  struct Finished {
    std::size_t key = 0;
    double simulated_s = 0.0;
  };
  /// What finished since the last take(), and the first failure.
  struct Events {
    std::vector<Finished> finished;
    std::optional<Failure> failure;
  };

  /// With `progress` (rank 0), each running task reports where it is, under its key.
  RankRunner(const SweepJob& job, int threads, int rank, ProgressMeter* progress = nullptr)
      : job_(job),
        threads_(threads),
        rank_(rank),
        progress_(progress),
        // max_allowed_parallelism counts main, which takes no slot here: threads + 1.
        limit_(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads) + 1),
        arena_(threads, 0) {}
  RankRunner(const RankRunner&) = delete;
  RankRunner& operator=(const RankRunner&) = delete;
  /// Waits for the running tasks: they refer to this object.
  ~RankRunner() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return running_ == 0; });
  }

  int running() const {
    const std::lock_guard lock(mutex_);
    return running_;
  }
  int freeSlots() const { return threads_ - running(); }

  void start(const SweepTask& task) {
    std::size_t key = 0;
    {
      const std::lock_guard lock(mutex_);
      ++running_;
      key = next_key_++;
    }
    arena_.enqueue([this, task, key] {
      double simulated_s = 0.0;
      std::optional<Failure> failure;
      try {
        ReplicaWatch watch = job_.watchFor(task);
        if (progress_) watch.progress = [this, key](const TaskProgress& now) { progress_->update(key, now); };
        simulated_s = job_.run(task, watch);
      } catch (...) {
        failure = failureOf(std::current_exception(), "rank " + std::to_string(rank_) + ", point " +
                                                          std::to_string(task.point) + " replica " +
                                                          std::to_string(task.replica) + ": ");
      }
      const std::lock_guard lock(mutex_);
      --running_;
      if (!failure)
        finished_.push_back({key, simulated_s});
      else if (!failure_)
        failure_ = std::move(failure);
      changed_.notify_all();
    });
  }

  Events take() {
    const std::lock_guard lock(mutex_);
    Events events{std::move(finished_), std::move(failure_)};
    finished_.clear();
    failure_.reset();
    return events;
  }

  /// Until a task finishes or fails (returns at once if one did since the last take()). Only while
  /// some task is running.
  void wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pending(); });
  }
  /// The same, but at most `timeout`.
  void waitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return pending(); });
  }

 private:
  bool pending() const { return !finished_.empty() || failure_.has_value(); }

  const SweepJob& job_;
  const int threads_;
  const int rank_;
  ProgressMeter* const progress_;
  tbb::global_control limit_;
  tbb::task_arena arena_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int running_ = 0;
  std::size_t next_key_ = 0;
  std::vector<Finished> finished_;
  std::optional<Failure> failure_;
};

/// How rank 0's loop ended: the first failure, if any, and the signal of a stop request (0: none).
struct Outcome {
  std::optional<Failure> failure;
  int stop_signal = 0;
};

/// Rank 0: hands out the queue, runs tasks itself, and returns when every rank has stopped.
Outcome dispatch(const SweepJob& job, int threads, int ranks, ProgressMeter& progress, std::ostream& err) {
  std::deque<SweepTask> queue(job.todo().begin(), job.todo().end());
  RankRunner runner(job, threads, kDispatcher, &progress);
  Outcome outcome;
  std::optional<Failure>& failure = outcome.failure;
  int& stop = outcome.stop_signal;
  bool stop_sent = false;
  std::vector<char> working(static_cast<std::size_t>(ranks), 1);
  working[kDispatcher] = 0;
  int workers = ranks - 1;
  try {
    for (;;) {
      while (workers > 0) {
        int flag = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, kReportTag, MPI_COMM_WORLD, &flag, &status);
        if (!flag) break;
        int length = 0;
        MPI_Get_count(&status, MPI_CHAR, &length);
        std::string text(static_cast<std::size_t>(length), '\0');
        MPI_Recv(text.data(), length, MPI_CHAR, status.MPI_SOURCE, kReportTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const json report = json::parse(text);
        for (const json& s : report.at("finished_s")) progress.taskDone(s.get<double>());
        if (report.contains("failure") && !failure) failure = failureFromJson(report.at("failure"));
        if (const int signal = report.value("stop", 0); signal != 0 && stop == 0) stop = signal;
        if (failure && failure->signal != 0 && stop == 0) stop = failure->signal;
        const bool done = report.at("done").get<bool>();
        if (int slots = report.at("free").get<int>(); slots > 0 || done) {
          std::vector<std::uint64_t> tasks;
          for (; slots > 0 && !failure && stop == 0 && !queue.empty(); --slots, queue.pop_front())
            tasks.insert(tasks.end(), {static_cast<std::uint64_t>(queue.front().point), queue.front().replica});
          MPI_Send(tasks.data(), static_cast<int>(tasks.size()), MPI_UINT64_T, status.MPI_SOURCE, kTasksTag,
                   MPI_COMM_WORLD);
        }
        if (done) {
          working[static_cast<std::size_t>(status.MPI_SOURCE)] = 0;
          --workers;
        }
      }

      RankRunner::Events events = runner.take();
      for (const RankRunner::Finished& f : events.finished) progress.taskDone(f.key, f.simulated_s);
      if (events.failure && !failure) failure = std::move(events.failure);
      if (failure && failure->signal != 0 && stop == 0) stop = failure->signal;
      if (stop == 0 && stopRequested()) stop = stopSignal();
      if (stop != 0 && !stop_sent) {
        // Every running task, here and on the ranks still working, checkpoints and stops.
        requestStop(stop);
        for (int r = 0; r < ranks; ++r)
          if (working[static_cast<std::size_t>(r)]) MPI_Send(&stop, 1, MPI_INT, r, kStopTag, MPI_COMM_WORLD);
        stop_sent = true;
      }
      for (int slots = runner.freeSlots(); slots > 0 && !failure && stop == 0 && !queue.empty();
           --slots, queue.pop_front())
        runner.start(queue.front());

      if (workers == 0 && runner.running() == 0 && (failure || stop != 0 || queue.empty())) return outcome;
      if (workers > 0)
        runner.waitFor(kPollInterval);
      else
        runner.wait();
    }
  } catch (const std::exception& e) {
    abortJob(kDispatcher, e, err);
  }
}

/// A worker rank: asks for as many tasks as it has free slots and runs them, until the queue is
/// empty, a task failed, or a stop was requested (here or by rank 0).
void work(const SweepJob& job, int threads, int rank, std::ostream& err) {
  RankRunner runner(job, threads, rank);
  bool asking = true;
  bool stop_told = false;
  try {
    for (;;) {
      takeStops();
      RankRunner::Events events = runner.take();
      const bool failed = events.failure.has_value();
      if (failed || stopRequested()) asking = false;
      const int slots = asking ? runner.freeSlots() : 0;
      const bool done = !asking && runner.running() == 0;
      // A stop that came here is news for rank 0 even when no task was running to report it.
      const bool stop_news = stopRequested() && !stop_told;
      if (slots > 0 || done || failed || stop_news || !events.finished.empty()) {
        std::vector<double> finished_s;
        for (const RankRunner::Finished& f : events.finished) finished_s.push_back(f.simulated_s);
        json report = {
            {"free", slots}, {"finished_s", finished_s}, {"stop", stop_news ? stopSignal() : 0}, {"done", done}};
        if (failed) report["failure"] = toJson(*events.failure);
        sendReport(report);
        stop_told = stop_told || stop_news;
      }
      if (slots > 0 || done) {
        const std::vector<std::uint64_t> tasks = receiveAnswer();
        if (done) return;
        if (tasks.empty()) asking = false;
        for (std::size_t i = 0; i + 1 < tasks.size(); i += 2)
          runner.start({static_cast<std::size_t>(tasks[i]), tasks[i + 1]});
        continue;
      }
      // Looking for rank 0's stop every few milliseconds while the tasks run.
      runner.waitFor(kPollInterval);
    }
  } catch (const std::exception& e) {
    abortJob(rank, e, err);
  }
}

}  // namespace

bool mpiSweepBuilt() { return true; }

void mpiSweep(const SweepOptions& options, std::ostream& out, std::ostream& err) {
  // MPI_Init_thread here, MPI_Finalize on every way out (app/rank_team.hpp).
  const std::unique_ptr<RankTeam> team = mpiTeam();
  const RankTeam& mpi = *team;
  const int threads = sweepThreadCount(options.threads);

  if (mpi.rank() != kDispatcher) {
    const json setup = json::parse(broadcastText({}));
    if (!setup.at("ok").get<bool>()) return;  // rank 0 throws the error, once
    std::optional<SweepJob> job;
    std::optional<Failure> failure;
    try {
      job.emplace(SweepJob::attach(sharedFromJson(setup), options.checkpoint_every_s));
    } catch (...) {
      failure = failureOf(std::current_exception(), "rank " + std::to_string(mpi.rank()) + ": ");
    }
    // Every rank has its handlers before rank 0 starts (and writes its first progress).
    installStopHandlers();
    MPI_Barrier(MPI_COMM_WORLD);
    if (failure) {
      sendReport(
          {{"free", 0}, {"finished_s", json::array()}, {"failure", toJson(*failure)}, {"stop", 0}, {"done", true}});
      (void)receiveAnswer();
      return;
    }
    work(*job, threads, mpi.rank(), err);
    return;
  }

  std::optional<SweepJob> job;
  try {
    job.emplace(SweepJob::prepare(options, threads, mpi.size()));
  } catch (...) {
    broadcastText(json{{"ok", false}}.dump());
    throw;
  }
  broadcastText(sharedText(job->shared()));
  // From here a signal asks every running replica, on every rank, to write its checkpoint and stop.
  installStopHandlers();
  MPI_Barrier(MPI_COMM_WORLD);
  if (!job->movedAside().empty())
    out << "moved the earlier results in " << printableText(job->dir().string(), 4096) << " aside to "
        << printableText(job->movedAside().string(), 4096) << "\n";
  if (job->resumed())
    out << "resuming " << printableText(job->dir().string(), 4096) << ": " << job->alreadyDone() << " of "
        << job->total() << " done\n";

  ProgressMeter progress(job->total(), job->alreadyDone(), job->progressOptions(options.quiet));
  const Outcome outcome = dispatch(*job, threads, mpi.size(), progress, err);
  const std::optional<Failure>& failure = outcome.failure;
  if (failure && failure->signal == 0) {
    progress.finish();
    rethrowFailure(*failure, *job);
  }
  // A stop that came after the last task had started may have let every task finish: then the
  // sweep is complete, as a one-process sweep is.
  if (failure || (outcome.stop_signal != 0 && !job->complete())) {
    progress.finish("stopped");
    if (failure) rethrowFailure(*failure, *job);
    throw job->stopped(outcome.stop_signal,
                       "sweep stopped by signal " + std::to_string(outcome.stop_signal) + " before every task had run");
  }
  progress.finish();
  job->finish(options.data_file, out);
}

}  // namespace surfkmc::app
