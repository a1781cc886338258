#include "surge/metrics/conservation.hpp"

#include <cmath>
#include <cstdio>
#include <string>

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
  // never taken by a node. The book counts its orders by status as they move (most of them
  // closed and handed over long ago).
  const OrderBook& book = world.orders;
  const double placed = book.count(OrderStatus::placed),
               delivered = book.count(OrderStatus::delivered),
               in_transit = book.count(OrderStatus::in_transit),
               in_process = book.count(OrderStatus::in_process),
               waiting = book.count(OrderStatus::backordered), lost = book.count(OrderStatus::lost);
  std::snprintf(buf, sizeof buf,
                "orders: placed %llu = delivered %g + in transit %g + in process %g + "
                "backordered %g + lost %g; census finds in transit %g, in process %g, "
                "backordered %g",
                static_cast<unsigned long long>(book.placed()), delivered, in_transit, in_process,
                waiting, lost, census.orders_in_transit, census.orders_in_process,
                census.orders_waiting);
  lines.push_back(buf);
  if (placed > 0 ||
      !close(static_cast<double>(book.placed()),
             delivered + in_transit + in_process + waiting + lost) ||
      !close(in_transit, census.orders_in_transit) ||
      !close(in_process, census.orders_in_process) || !close(waiting, census.orders_waiting))
    broken += std::string("\n  ") + buf;

  const ContactBook& contacts = world.contacts;
  const double answered = contacts.finished(), in_service = contacts.in_service(),
               abandoned = contacts.abandoned(), queued = contacts.waiting();
  std::snprintf(buf, sizeof buf,
                "contacts: arrived %llu = answered %g + in service %g + abandoned %g + waiting "
                "%g; census finds in service %g, waiting %g",
                static_cast<unsigned long long>(contacts.arrived()), answered, in_service,
                abandoned, queued, census.contacts_in_service, census.contacts_waiting);
  lines.push_back(buf);
  if (!close(static_cast<double>(contacts.arrived()), answered + in_service + abandoned + queued) ||
      !close(in_service, census.contacts_in_service) || !close(queued, census.contacts_waiting))
    broken += std::string("\n  ") + buf;

  if (!broken.empty())
    throw ConservationError("conservation broken at the end of the run:" + broken);
  return lines;
}

void check_all_tallied(const World& world, const RecordTally& records) {
  const OrderBook& book = world.orders;
  const ContactBook& contacts = world.contacts;
  bool orders_agree = records.orders_taken() == book.placed() && book.kept() == 0;
  for (OrderStatus s : {OrderStatus::placed, OrderStatus::backordered, OrderStatus::in_process,
                        OrderStatus::in_transit, OrderStatus::delivered, OrderStatus::lost})
    orders_agree = orders_agree && records.orders_taken(s) == book.count(s);
  const auto& states = records.contact_states();
  const bool contacts_agree = records.contacts_taken() == contacts.arrived() &&
                              contacts.kept() == 0 && states[0] == contacts.finished() &&
                              states[1] == contacts.in_service() &&
                              states[2] == contacts.abandoned() && states[3] == contacts.waiting();
  if (!orders_agree || !contacts_agree)
    throw ConservationError("conservation broken at the end of the run: the KPIs tallied " +
                            std::to_string(records.orders_taken()) + " orders and " +
                            std::to_string(records.contacts_taken()) +
                            " contacts (or other statuses) of the " +
                            std::to_string(book.placed()) + " placed and " +
                            std::to_string(contacts.arrived()) + " arrived");
}

}  // namespace surge
