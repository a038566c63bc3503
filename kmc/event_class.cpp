// SPDX-License-Identifier: MIT
// Names of the hop classes.
#include "kmc/event_class.hpp"

namespace surfkmc::kmc {

const char* eventClassName(EventClass c) {
  switch (c) {
    case EventClass::kInterlayer:
      return "interlayer";
    case EventClass::kDetachment:
      return "detachment";
    case EventClass::kAttachment:
      return "attachment";
    case EventClass::kTerraceHop:
      return "terrace_hop";
    case EventClass::kStepEdge:
      return "step_edge";
  }
  return "unknown";
}

}  // namespace surfkmc::kmc
