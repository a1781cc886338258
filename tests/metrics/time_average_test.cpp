// TimeAverages with a WindowSpan must add exactly what the clipping loop adds: the KPIs of a
// run may not change by one bit with the shortcut.
#include "surge/metrics/time_average.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <cstring>

#include "surge/kernel/random.hpp"

namespace surge {

TEST_CASE("time averages through window spans are bit-identical to the clipping loop",
          "[metrics]") {
  // Overlapping, nested, touching and empty windows, and times on and between their bounds.
  const std::vector<Window> windows{{"run", 10.0, 90.0},  {"a", 20.0, 35.5}, {"b", 35.5, 40.0},
                                    {"c", 0.0, 100.0},    {"d", 50.0, 50.0}, {"e", 60.25, 200.0},
                                    {"f", 1.0 / 3.0, 2.0}};
  RandomStream stream(99);
  boost::random::uniform_int_distribution<int> step_of(0, 12), level_of(0, 7), on_bound(0, 5);
  TimeAverages<3> plain({1, 2, 3}, windows.size()), spanned({1, 2, 3}, windows.size());
  WindowSpans spans(windows);
  Time t = 0;
  for (int i = 0; i < 5000 && t < 220; ++i) {
    t += step_of(stream.engine()) * 0.37 + stream.uniform01() * 0.01;
    if (on_bound(stream.engine()) == 0) t = std::max(t, 35.5);  // sometimes exactly on a bound
    std::array<double, 3> v{static_cast<double>(level_of(stream.engine())), stream.uniform01(),
                            static_cast<double>(level_of(stream.engine())) / 3.0};
    plain.set(t, v, windows);
    spanned.set(t, v, windows, spans);
    if (i % 97 == 0) {
      CHECK(plain.take_period_area(1) == spanned.take_period_area(1));
    }
  }
  plain.advance(250, windows);
  spanned.advance(250, windows);
  for (std::size_t w = 0; w < windows.size(); ++w)
    for (std::size_t k = 0; k < 3; ++k) {
      double a = plain.area(w, k), b = spanned.area(w, k);
      CHECK(std::memcmp(&a, &b, sizeof a) == 0);
    }
  for (std::size_t k = 0; k < 3; ++k)
    CHECK(plain.take_period_area(k) == spanned.take_period_area(k));
}

}  // namespace surge
