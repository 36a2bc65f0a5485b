#pragma once

namespace pmr::cli {

/// pmreconcile's entry point: picks the front end from the program name (`postmulti` gives the
/// postmulti-compatible one), parses the arguments, runs, and returns the exit status. Unexpected
/// exceptions are caught here, once, and reported as `pmreconcile: error: ...`.
[[nodiscard]] int run(int argc, char** argv);

}  // namespace pmr::cli
