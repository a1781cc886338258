#pragma once
// The names of the random streams of a model (docs/kernel.md, "Random streams"). A stream is
// named by what it belongs to, by id, and what it draws; never by a position in a list, so
// reordering a list in the YAML changes no draw. The model builder names every stream through
// stream_key(); nothing else builds a stream name.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surge {

enum class StreamOwner : std::uint8_t { node, lane, market, campaign };

struct StreamKey {
  std::string entity;   // e.g. "fc/pick", "lane:hub->fc", "market:eu/earbuds#0"
  std::string purpose;  // e.g. "service", "lead_time", "arrivals"
};

// The one function that names a stream. `id` is the owner's id (a lane's origin); `part`, when
// not empty, the part of it the stream belongs to (a station, line or product of a node, a
// lane's destination, a product or demand stream of a market). Entities are `id` or
// `id/part` for nodes, `lane:from->to` for lanes, `market:id[/part]` and `campaign:id[/part]`.
StreamKey stream_key(StreamOwner owner, std::string_view id, std::string_view part,
                     std::string_view purpose);

// Labels for the entries of a list that have no id of their own (a supplier's disruptions, a
// service centre's standalone arrival streams, a market's demand streams): entry i is
// `bases[i]#k`, where k is its rank, by `descriptions[i]`, among the entries that share its
// base. The label follows from what an entry says, not from where it stands: reordering the
// list gives every entry the same label. Entries with equal descriptions are interchangeable,
// so which of them gets which rank changes nothing.
std::vector<std::string> entry_labels(const std::vector<std::string>& bases,
                                      const std::vector<std::string>& descriptions);

}  // namespace surge
