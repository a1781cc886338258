// The `campaigns` section: demand uplifts in time windows.
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

const Declaration& pull_forward_declaration() {
  static const Declaration d{
      .name = "pull_forward",
      .doc_id = "campaigns.pull_forward",
      .description = "Demand the campaign takes from the weeks after it.",
      .keys = {Key{"share", types::number()}.need().at_least(0).at_most(1).describe(
                   "share of the campaign's extra demand taken from after it"),
               Key{"over", types::duration()}.need().above(0).describe(
                   "spread evenly over this period after the campaign ends")}};
  return d;
}

}  // namespace

const Declaration& campaign_declaration() {
  static const Declaration d{
      .name = "campaign",
      .doc_id = "campaigns",
      .description = "An uplift of demand for some products in some markets for a while.",
      .keys =
          {Key{"id", types::text()}.need().describe("unique among campaigns"),
           Key{"product", types::reference("product")}.describe("the product promoted"),
           Key{"products", types::list(types::reference("product"))}.describe(
               "or several products"),
           Key{"markets", types::list(types::reference("market"))}.describe("default: all markets"),
           Key{"start", types::time_point()}.need().describe(
               "a date (with `start_date`) or a duration from time 0"),
           Key{"duration", types::duration()}.need().above(0).describe("length at full strength"),
           Key{"uplift", types::distribution(Quantity::plain)}.above(0).defaults("1").describe(
               "demand multiplier at full strength; a number > 0 or a plain distribution"),
           Key{"ramp_up", types::duration()}.defaults("0d").describe(
               "linear ramp from no uplift to full uplift"),
           Key{"decay", types::duration()}.defaults("0d").describe("linear decay after the end"),
           Key{"discount", types::number()}.at_least(0).below(1).defaults("0").describe(
               "share off the price of campaign orders"),
           Key{"pull_forward", types::map(pull_forward_declaration())}.describe(
               "demand taken from after the campaign"),
           Key{"contacts_per_order", types::number()}.at_least(0).defaults("0").describe(
               "extra contacts per campaign order"),
           Key{"contacts_to", types::reference("service node")}.describe(
               "who answers them; default: the market's")},
      .alternatives = {{.options = {{{"product"}, ""}, {{"products"}, ""}}}}};
  return d;
}

namespace loader {

void read_campaigns(ReadContext& ctx) {
  for (auto& c : ctx.optional_list(ctx.root, "campaigns")) {
    YamlParamReader m(ctx.r, c, campaign_declaration(), "campaign");
    Campaign campaign;
    campaign.id = m.text("id");
    // A campaign's id names its KPI window, beside the whole run's window `run`.
    if (campaign.id == "run")
      ctx.r.fail(m.node("id"),
                 "campaign id `run` is the name of the whole-run window; choose another id");
    if (!ctx.campaign_ids.insert(campaign.id).second)
      ctx.r.fail(m.node("id"), "duplicate campaign id " + quoted(campaign.id));
    std::string what = "campaign " + quoted(campaign.id);
    m.set_what(what);
    m.check_alternatives();
    if (m.has("product")) {
      campaign.products.push_back(m.text("product"));
      ctx.check_product(m.node("product"), campaign.products.back());
    }
    for (auto& p : m.items("products")) {
      campaign.products.push_back(ctx.r.string(p, "products"));
      ctx.check_product(p, campaign.products.back());
    }
    // An empty list is not "all": it is a campaign that touches nothing.
    if (m.has("products") && campaign.products.empty())
      ctx.r.fail(m.node("products"), "`products` of " + what +
                                         " is empty; list at least one product, or write "
                                         "`product: ID`");
    if (m.has("markets") && m.items("markets").empty())
      ctx.r.fail(m.node("markets"), "`markets` of " + what +
                                        " is empty; list at least one market, or leave "
                                        "`markets` out for all markets");
    if (m.has("markets")) {
      for (auto& market : m.items("markets")) {
        campaign.markets.push_back(ctx.r.string(market, "markets"));
        ctx.check_market(market, campaign.markets.back());
      }
    } else {
      campaign.markets = ctx.market_list;
    }
    campaign.start = m.number("start");
    campaign.duration = m.number("duration");
    // A campaign wholly outside the measured time would be judged on nothing.
    if (campaign.start >= ctx.s.horizon)
      ctx.r.fail(m.node("start"), what + " starts at or after the end of the run (`horizon`: " +
                                      format_duration(ctx.s.horizon) +
                                      "); start it before, or lengthen `horizon`");
    if (campaign.start + campaign.duration <= ctx.s.warmup)
      ctx.r.fail(m.node("start"),
                 what + " ends within the warm-up (`warmup`: " + format_duration(ctx.s.warmup) +
                     "), which no KPI measures; end it after the warm-up");
    campaign.uplift = m.distribution("uplift");
    campaign.ramp_up = m.number("ramp_up");
    campaign.decay = m.number("decay");
    campaign.discount = m.number("discount");
    if (m.has("pull_forward")) {
      auto pf = m.map_reader("pull_forward", "pull_forward");
      campaign.pull_forward.share = pf->number("share");
      campaign.pull_forward.over = pf->number("over");
    }
    campaign.contacts_per_order = m.number("contacts_per_order");
    if (m.has("contacts_to")) {
      campaign.contacts_to = m.text("contacts_to");
      ctx.check_service(m.node("contacts_to"), campaign.contacts_to);
    }
    ctx.s.campaigns.push_back(std::move(campaign));
  }
}

}  // namespace loader
}  // namespace surge
