// Stream keys (docs/kernel.md, "Random streams"): the one function that names every random
// stream of a model, from ids.
#include "surge/model/stream_keys.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace surge {
namespace {

std::string text(const StreamKey& key) { return key.entity + " | " + key.purpose; }

TEST_CASE("stream keys are formed from the owner's id, a part of it and the purpose",
          "[model][random]") {
  // These are the names the streams have always had: a change here shifts every draw of the
  // streams concerned (and so every golden file that uses them).
  CHECK(text(stream_key(StreamOwner::node, "fc", "pick", "service")) == "fc/pick | service");
  CHECK(text(stream_key(StreamOwner::node, "support", "", "callback")) == "support | callback");
  CHECK(text(stream_key(StreamOwner::node, "acme", "w", "lead_time")) == "acme/w | lead_time");
  CHECK(text(stream_key(StreamOwner::lane, "hub", "fc", "lead_time")) ==
        "lane:hub->fc | lead_time");
  CHECK(text(stream_key(StreamOwner::market, "eu", "", "delivery")) == "market:eu | delivery");
  CHECK(text(stream_key(StreamOwner::market, "eu", "earbuds#0", "size")) ==
        "market:eu/earbuds#0 | size");
  CHECK(text(stream_key(StreamOwner::campaign, "bf", "", "uplift")) == "campaign:bf | uplift");
}

TEST_CASE("owners of different kinds with the same id get different streams", "[model][random]") {
  // A market and a node may not share an id (the loader refuses it), but a campaign may be
  // named like either: the prefixes keep their streams apart.
  CHECK(stream_key(StreamOwner::node, "x", "", "p").entity !=
        stream_key(StreamOwner::market, "x", "", "p").entity);
  CHECK(stream_key(StreamOwner::market, "x", "", "p").entity !=
        stream_key(StreamOwner::campaign, "x", "", "p").entity);
  CHECK(stream_key(StreamOwner::node, "a", "b", "p").entity !=
        stream_key(StreamOwner::lane, "a", "b", "p").entity);
}

}  // namespace
}  // namespace surge
