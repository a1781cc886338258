#include "surge/metrics/conservation.hpp"

#include <cmath>
#include <cstdio>

namespace surge {
namespace {

bool close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(a)); }

}  // namespace

std::vector<std::string> check_conservation(const Scenario& s, const World& world,
                                            const std::vector<const CensusSource*>& sources,
                                            const Collector& collector) {
  Census census(s.products.size());
  for (const CensusSource* source : sources) source->add_to(census);

  std::vector<std::string> lines;
  std::string broken;
  char buf[512];

  std::vector<double> initial(s.products.size(), 0.0);
  for (const auto& sp : collector.stock_points()) initial[sp.product] += sp.initial;
  for (std::size_t p = 0; p < s.products.size(); ++p) {
    double in = initial[p] + collector.total_units(Flow::supplied)[p] +
                collector.total_units(Flow::produced)[p] - collector.total_units(Flow::consumed)[p];
    double out = census.on_hand[p] + census.in_transit[p] + census.in_process[p] +
                 collector.total_units(Flow::shipped)[p];
    std::snprintf(buf, sizeof buf,
                  "units %s: initial %g + supplied %g + produced %g - consumed %g = on hand %g + "
                  "in transit %g + in process %g + shipped %g",
                  s.products[p].id.c_str(), initial[p], collector.total_units(Flow::supplied)[p],
                  collector.total_units(Flow::produced)[p],
                  collector.total_units(Flow::consumed)[p], census.on_hand[p], census.in_transit[p],
                  census.in_process[p], collector.total_units(Flow::shipped)[p]);
    lines.push_back(buf);
    if (!close(in, out))
      broken += std::string("\n  ") + buf + " (off by " + std::to_string(in - out) + ")";
  }

  // An order is `placed` only inside the event that places it: one left so at the end was
  // never taken by a node.
  double placed = 0, delivered = 0, in_transit = 0, in_process = 0, waiting = 0, lost = 0;
  for (const CustomerOrder& o : world.orders.records()) switch (o.status) {
      case OrderStatus::placed: placed += 1; break;
      case OrderStatus::delivered: delivered += 1; break;
      case OrderStatus::in_transit: in_transit += 1; break;
      case OrderStatus::in_process: in_process += 1; break;
      case OrderStatus::backordered: waiting += 1; break;
      case OrderStatus::lost: lost += 1; break;
    }
  std::snprintf(buf, sizeof buf,
                "orders: placed %zu = delivered %g + in transit %g + in process %g + backordered "
                "%g + lost %g; census finds in transit %g, in process %g, backordered %g",
                world.orders.size(), delivered, in_transit, in_process, waiting, lost,
                census.orders_in_transit, census.orders_in_process, census.orders_waiting);
  lines.push_back(buf);
  if (placed > 0 ||
      !close(static_cast<double>(world.orders.size()),
             delivered + in_transit + in_process + waiting + lost) ||
      !close(in_transit, census.orders_in_transit) ||
      !close(in_process, census.orders_in_process) || !close(waiting, census.orders_waiting))
    broken += std::string("\n  ") + buf;

  double answered = 0, in_service = 0, abandoned = 0, queued = 0;
  for (const Contact& c : world.contacts) {
    if (c.finished >= 0)
      answered += 1;
    else if (c.answered >= 0)
      in_service += 1;
    else if (c.abandoned >= 0)
      abandoned += 1;
    else
      queued += 1;
  }
  std::snprintf(buf, sizeof buf,
                "contacts: arrived %zu = answered %g + in service %g + abandoned %g + waiting %g; "
                "census finds in service %g, waiting %g",
                world.contacts.size(), answered, in_service, abandoned, queued,
                census.contacts_in_service, census.contacts_waiting);
  lines.push_back(buf);
  if (!close(in_service, census.contacts_in_service) || !close(queued, census.contacts_waiting))
    broken += std::string("\n  ") + buf;

  if (!broken.empty())
    throw ConservationError("conservation broken at the end of the run:" + broken);
  return lines;
}

}  // namespace surge
