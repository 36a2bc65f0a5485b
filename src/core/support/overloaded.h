#pragma once

namespace pmr {

/// A visitor made of lambdas, one per alternative: `std::visit(Overloaded{[](const A&) {...},
/// [](const B&) {...}}, variant)`. Give no catch-all (`auto`) lambda, so that a visit that misses
/// an alternative does not compile.
template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};

/// Deduces the handlers from the lambdas: C++20 does so for aggregates by itself, but clang 14
/// (Debian 12's, which builds the fuzz targets) does not yet.
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace pmr
