#pragma once

namespace pmr {

/// A visitor made of lambdas, one per alternative: `std::visit(Overloaded{[](const A&) {...},
/// [](const B&) {...}}, variant)`. Give no catch-all (`auto`) lambda, so that a visit that misses
/// an alternative does not compile.
template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};

}  // namespace pmr
