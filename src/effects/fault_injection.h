#pragma once

namespace pmr::effects {

/// A place where a crash must leave the host in a state the next apply converges from. In
/// builds with PMR_FAULT_INJECTION (the test-only `pmreconcile-fault-injection` binary), the
/// N-th point reached kills the process with SIGKILL, N taken from PMRECONCILE_KILL_AT; with
/// PMRECONCILE_COUNT_FAULT_POINTS set, every point reached is reported on stderr as
/// `fault-point N WHERE`. In normal builds it does nothing.
void fault_point(const char* where);

}  // namespace pmr::effects
