// Kernel micro-benchmarks (Google Benchmark), in the manner of JaamSim's published event-cost
// benchmarks: the cost of one scheduled-and-executed event, of one job through a server
// (create, seize, release), and of one store put/get. Each reports items per second, where an
// item is one event, one job or one put+get pair. Run:
//
//   build-bench/tests/benchmarks/surge_kernel_bench --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
//
// `pending` is the number of events waiting in the future event list while the benchmark
// runs (the "hold" model: every executed event schedules one more), so the heap depth, and
// with it the cost of an event, is fixed and visible.
#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/event_queue.hpp"
#include "surge/kernel/random.hpp"
#include "surge/kernel/simulator.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/model/world.hpp"
#include "surge/nodes/service_queue.hpp"
#include "surge/nodes/stock_point.hpp"

namespace {

using surge::Event;
using surge::Time;

// Exponential gaps drawn once, so the benchmarks time the kernel, not the random numbers.
class Gaps {
 public:
  Gaps() {
    surge::RandomStream rng(12345);
    for (double& g : gaps_) g = -std::log(1.0 - rng.uniform01());
  }
  Time next() { return gaps_[i_++ & (kSize - 1)]; }

 private:
  static constexpr std::size_t kSize = 4096;
  std::array<double, kSize> gaps_{};
  std::size_t i_ = 0;
};

// ---------------------------------------------------------------------------------------
// The future event list alone: pop the earliest event, push one later (one hold operation).

void BM_EventQueue_Hold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  Gaps gaps;
  surge::EventQueue queue;
  queue.reserve(pending + 1);
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < pending; ++i)
    queue.push(Event{gaps.next(), Event::make_order(0, sequence++), nullptr, 0, 0});
  for (auto _ : state) {
    Event e = queue.pop();
    queue.push(Event{e.time + gaps.next(), Event::make_order(0, sequence++), nullptr, 0, 0});
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(pending);
}
BENCHMARK(BM_EventQueue_Hold)->Arg(1)->Arg(16)->Arg(64)->Arg(256)->Arg(4096)->Arg(65536);

// ---------------------------------------------------------------------------------------
// One event through the Simulator: schedule (with its checks), pop, fingerprint, one virtual
// call into a handler that schedules the next one. This is the kernel's cost per event.

class Rescheduler : public surge::EventHandler {
 public:
  explicit Rescheduler(surge::Simulator& sim) : sim_(sim) {}
  void handle(const Event& e) override { sim_.schedule(gaps_.next(), this, e.kind, e.payload); }

 private:
  surge::Simulator& sim_;
  Gaps gaps_;
};

void BM_Simulator_ScheduleExecute(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  surge::Simulator sim;
  Rescheduler handler(sim);
  Gaps gaps;
  for (std::size_t i = 0; i < pending; ++i) sim.schedule(gaps.next(), &handler, 0, i);
  for (auto _ : state) sim.step();
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(pending);
}
BENCHMARK(BM_Simulator_ScheduleExecute)->Arg(1)->Arg(16)->Arg(64)->Arg(256)->Arg(4096)->Arg(65536);

// A batch of n events scheduled at random times, then run(): the cost per event when the
// list fills up and drains (a day's orders scheduled at once, say).
class Counter : public surge::EventHandler {
 public:
  void handle(const Event&) override { ++count; }
  std::uint64_t count = 0;
};

void BM_Simulator_BatchThenRun(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Gaps gaps;
  Counter handler;
  for (auto _ : state) {
    surge::Simulator sim;
    for (std::size_t i = 0; i < n; ++i) sim.schedule(gaps.next(), &handler, 0, i);
    sim.run(1e9);
    benchmark::DoNotOptimize(handler.count);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Simulator_BatchThenRun)->Arg(1000)->Arg(100000);

// ---------------------------------------------------------------------------------------
// Nodes need a World (observer, simulator, order book). The Collector needs a scenario: a
// minimal one gives it; the observer is either a no-op (the node's own cost) or the real KPI
// Collector (what a run pays). Node indices follow the scenario: wh is 0, desk is 1.

const char* kTinyScenario = R"(
name: bench kernel
horizon: 365d  # not enforced here: the benchmarks drive the Simulator directly
products: [{id: widget}]
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 1}}
  - id: desk
    type: service
    agents: 1
    handle_time: 1min
markets:
  - {id: m, served_by: wh, demand: {product: widget, rate: 1/d}, on_stockout: backorder}
)";

class NullObserver : public surge::Observer {
 public:
  int add_stock_point(std::uint32_t, std::uint32_t, double) override { return 0; }
  int add_resource(std::uint32_t, const std::string&, surge::ResourceKind, double) override {
    return 0;
  }
  void stock_changed(int, Time, double, double, double) override {}
  void resource_changed(int, Time, double, double, double) override {}
  void job_started(int, Time, Time) override {}
  void job_abandoned(int, Time, Time) override {}
  void flow(surge::Flow, std::uint32_t, std::uint32_t, double, double, Time) override {}
};

// Owns the observer so a benchmark can pick the no-op or the Collector by its argument.
struct Bench {
  explicit Bench(bool collector) : scenario(surge::load_scenario_text(kTinyScenario, "bench")) {
    if (collector)
      observer = std::make_unique<surge::Collector>(scenario, surge::kpi_windows(scenario));
    else
      observer = std::make_unique<NullObserver>();
    world = std::make_unique<surge::World>(*observer);
  }
  surge::Scenario scenario;
  std::unique_ptr<surge::Observer> observer;
  std::unique_ptr<surge::World> world;
};

constexpr std::uint32_t kWarehouse = 0, kDesk = 1;

class NullQueueOwner : public surge::ServiceQueueOwner {
 public:
  void served(std::uint64_t, int) override { ++served_count; }
  std::uint64_t served_count = 0;
};

surge::ServiceQueueSpec server_spec(std::uint32_t node, double servers) {
  surge::ServiceQueueSpec spec;
  spec.node = node;
  spec.name = "agents";
  spec.kind = surge::ResourceKind::agents;
  spec.servers = servers;
  spec.service_time = surge::Distribution::exponential(1.0 / 60.0);
  return spec;
}

// Create a job, seize the free server, schedule its completion, run that event, release:
// one job through an idle server (JaamSim's "seize and release").
void BM_Server_CreateSeizeRelease(benchmark::State& state) {
  Bench bench(state.range(0) != 0);
  surge::World& world = *bench.world;
  surge::ServiceQueueSpec spec = server_spec(kDesk, 1);
  surge::Calendar always_open;
  spec.calendar = &always_open;
  NullQueueOwner owner;
  surge::ServiceQueue server(world, spec, surge::RandomStream(1), surge::RandomStream(2), owner, 0);
  server.start();
  std::uint64_t tag = 0;
  for (auto _ : state) {
    server.arrive(tag++);
    world.sim.step();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) ? "observer=Collector" : "observer=none");
}
BENCHMARK(BM_Server_CreateSeizeRelease)->Arg(0)->Arg(1);

// The queueing path: 64 jobs arrive at once at 4 servers, then run until all are done, so
// most jobs wait in the FIFO queue and are dispatched by a release.
void BM_Server_Queued(benchmark::State& state) {
  Bench bench(state.range(0) != 0);
  surge::World& world = *bench.world;
  surge::ServiceQueueSpec spec = server_spec(kDesk, 4);
  surge::Calendar always_open;
  spec.calendar = &always_open;
  NullQueueOwner owner;
  surge::ServiceQueue server(world, spec, surge::RandomStream(1), surge::RandomStream(2), owner, 0);
  server.start();
  constexpr int kBurst = 64;
  std::uint64_t tag = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBurst; ++i) server.arrive(tag++);
    while (world.sim.step()) {
    }
  }
  state.SetItemsProcessed(state.iterations() * kBurst);
  state.SetLabel(state.range(0) ? "observer=Collector" : "observer=none");
}
BENCHMARK(BM_Server_Queued)->Arg(0)->Arg(1);

// ---------------------------------------------------------------------------------------
// A store: a StockPoint (on hand, FIFO backlog, no policy). put = receive(1), get = a
// customer order for one unit. Immediate: the unit is on hand when the order comes.
// Backordered: the order comes first and waits; the put serves it from the backlog.

class NullStockOwner : public surge::StockPointOwner {
 public:
  void release(std::uint64_t) override { ++released; }
  std::uint64_t released = 0;
};

// A market whose customers always wait for stock.
class BackorderingMarket : public surge::CustomerMarket {
 public:
  explicit BackorderingMarket(surge::OrderBook& orders) : orders_(orders) {}
  bool waits_for_stock(std::uint64_t order_id) override {
    orders_.backorder(order_id);
    return true;
  }
  void hand_over(std::uint64_t) override {}

 private:
  surge::OrderBook& orders_;
};

void BM_Store_PutGet(benchmark::State& state) {
  const bool backordered = state.range(0) != 0;
  NullStockOwner owner;
  Bench bench(state.range(1) != 0);
  // Every get is a customer order, and the order book keeps every order of a run. So that the
  // benchmark times the store and not the book's growth, orders are placed off the clock in
  // chunks, each in a fresh world (and store) that reuses the last one's memory.
  constexpr std::uint64_t kChunk = 1024;
  std::unique_ptr<surge::StockPoint> store;
  std::unique_ptr<BackorderingMarket> market;
  std::uint64_t next = 0;
  auto rebuild = [&] {
    store.reset();
    market.reset();
    bench.world = std::make_unique<surge::World>(*bench.observer);
    surge::World& world = *bench.world;
    store = std::make_unique<surge::StockPoint>(world, kWarehouse, 0, 0.0, owner);
    store->start();
    market = std::make_unique<BackorderingMarket>(world.orders);
    for (std::uint64_t i = 0; i < kChunk; ++i)
      world.orders.take(world.orders.place(0, 0, 1.0, surge::kNone), kWarehouse);
    next = 0;
  };
  rebuild();
  for (auto _ : state) {
    if (next == kChunk) {
      state.PauseTiming();
      rebuild();
      state.ResumeTiming();
    }
    std::uint64_t order = next++;
    if (backordered) {
      store->customer_order(order, *market);
      store->receive(1);
    } else {
      store->receive(1);
      store->customer_order(order, *market);
    }
  }
  if (owner.released != static_cast<std::uint64_t>(state.iterations()))
    state.SkipWithError("a get was not served");
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(backordered ? "backordered" : "immediate") +
                 (state.range(1) ? " observer=Collector" : " observer=none"));
}
BENCHMARK(BM_Store_PutGet)->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1});

// ---------------------------------------------------------------------------------------
// The random numbers every model event draws (one engine output, and one exponential).

void BM_Random_Exponential(benchmark::State& state) {
  surge::RandomStream rng(7);
  surge::Distribution d = surge::Distribution::exponential(0.1);
  double sum = 0;
  for (auto _ : state) sum += d.sample(rng);
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Random_Exponential);

}  // namespace

BENCHMARK_MAIN();
