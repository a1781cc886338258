// The `lanes` section: transport between nodes.
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"

namespace surge {

const Declaration& lane_declaration() {
  static const Declaration d{
      .name = "lane",
      .doc_id = "lanes",
      .description = "Transport from one node to another; one lane per (from, to).",
      .keys = {
          Key{"from", types::reference("node")}.need().describe("where units leave"),
          Key{"to", types::reference("node")}.need().describe("where they arrive; not `from`"),
          Key{"lead_time", types::distribution(Quantity::duration)}.need().describe(
              "drawn for each shipment"),
          Key{"capacity", types::capacity(types::rate())}.above(0).describe(
              "units dispatched per time; default unlimited (excess waits at the origin)"),
          Key{"cost", types::number()}.at_least(0).defaults("0").describe("money per unit moved"),
      }};
  return d;
}

namespace loader {

void read_lanes(ReadContext& ctx) {
  for (auto& l : ctx.optional_list(ctx.root, "lanes")) {
    YamlParamReader m(ctx.r, l, lane_declaration(), "lane");
    Lane lane;
    YAML::Node from = m.value("from"), to = m.value("to");
    lane.from = m.text("from");
    lane.to = m.text("to");
    ctx.check_node(from, lane.from);
    ctx.check_node(to, lane.to);
    if (lane.from == lane.to)
      ctx.r.fail(to, "a lane cannot go from " + quoted(lane.from) + " to itself");
    if (!ctx.lane_ends.emplace(lane.from, lane.to).second)
      ctx.r.fail(l, "duplicate lane from " + quoted(lane.from) + " to " + quoted(lane.to));
    m.set_what("lane " + lane.from + " -> " + lane.to);
    lane.lead_time = m.distribution("lead_time");
    if (m.has("capacity")) lane.capacity = m.schedule("capacity");
    lane.cost = m.number("cost");
    ctx.s.lanes.push_back(lane);
  }
}

}  // namespace loader
}  // namespace surge
