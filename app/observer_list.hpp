// SPDX-License-Identifier: MIT
// Several KMC observers behind one Observer pointer.
#pragma once

#include <vector>

#include "kmc/observer.hpp"

namespace surfkmc::app {

/// Forwards every call to each observer, in order.
class ObserverList : public kmc::Observer {
 public:
  void add(kmc::Observer& o) { list_.push_back(&o); }
  void onStart(const kmc::Engine& e) override {
    for (auto* o : list_) o->onStart(e);
  }
  void onEvent(const kmc::Engine& e, const kmc::StepResult& s) override {
    for (auto* o : list_) o->onEvent(e, s);
  }
  void onFinish(const kmc::Engine& e) override {
    for (auto* o : list_) o->onFinish(e);
  }

 private:
  std::vector<kmc::Observer*> list_;
};

}  // namespace surfkmc::app
