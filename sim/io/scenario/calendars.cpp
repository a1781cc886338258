// The `calendars` section: opening hours per weekday, holidays.
#include <algorithm>
#include <array>
#include <cmath>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/units.hpp"

namespace surge {

const Declaration& calendar_declaration() {
  static const Declaration d{
      .name = "calendar",
      .doc_id = "calendars",
      .description =
          "Opening hours per weekday, and holidays. Days not mentioned are closed, "
          "except in a calendar with no weekday key at all (open round the clock).",
      .keys = {Key{"holidays", types::list(types::duration())}.describe(
          "each closes the whole day containing it (day index floor(t / 24h))")},
      .pattern_keys = PatternKeys{
          .description = "weekdays (mon..sun), ranges such as mon-fri, daily",
          .regex = "^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$|^daily$",
          .type = types::opening_hours()}};
  return d;
}

namespace loader {
namespace {

const Keys kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::vector<Calendar::Interval> read_hours(ReadContext& ctx, const YAML::Node& value,
                                           const std::string& key) {
  std::vector<YAML::Node> items;
  if (value.IsSequence()) {
    for (auto it = value.begin(); it != value.end(); ++it) items.push_back(*it);
  } else {
    items.push_back(value);
  }
  std::vector<Calendar::Interval> out;
  for (auto& item : items) {
    std::string text = ctx.r.string(item, key);
    if (text == "closed") continue;
    auto dash = text.find('-');
    if (dash == std::string::npos)
      ctx.r.fail(item,
                 "`" + key + "`: `" + text +
                     "` is not opening hours; expected HH:MM-HH:MM (e.g. 06:00-22:00), a list of "
                     "them, or `closed`");
    ParseResult open = parse_clock(text.substr(0, dash));
    ParseResult close = parse_clock(text.substr(dash + 1));
    if (!open.value) ctx.r.fail(item, "`" + key + "`: " + open.error);
    if (!close.value) ctx.r.fail(item, "`" + key + "`: " + close.error);
    if (*open.value == *close.value)
      ctx.r.fail(item, "`" + key + "`: `" + text +
                           "` opens and closes at the same time; write "
                           "00:00-24:00 for a whole day or `closed`");
    out.push_back({*open.value, *close.value});
  }
  return out;
}

// Weekday indices a calendar key covers ("mon-fri", "daily", "sat"), or empty if invalid.
std::vector<int> weekdays_of(const std::string& key) {
  auto index = [](const std::string& d) {
    auto it = std::find(kWeekdays.begin(), kWeekdays.end(), d);
    return it == kWeekdays.end() ? -1 : static_cast<int>(it - kWeekdays.begin());
  };
  if (key == "daily") return {0, 1, 2, 3, 4, 5, 6};
  auto dash = key.find('-');
  if (dash == std::string::npos) {
    int d = index(key);
    return d < 0 ? std::vector<int>{} : std::vector<int>{d};
  }
  int a = index(key.substr(0, dash)), b = index(key.substr(dash + 1));
  if (a < 0 || b < 0) return {};
  std::vector<int> out;  // ranges may wrap round the weekend: "fri-mon"
  for (int d = a;; d = (d + 1) % 7) {
    out.push_back(d);
    if (d == b) break;
  }
  return out;
}

}  // namespace

void read_calendars(ReadContext& ctx) {
  YAML::Node cals = ctx.root["calendars"];
  if (!cals.IsDefined() || cals.IsNull()) return;
  ctx.r.expect_map(cals, "`calendars`");
  for (auto it = cals.begin(); it != cals.end(); ++it) {
    std::string name = ctx.r.string(it->first, "calendar name");
    YAML::Node body = it->second;
    std::string what = "calendar " + quoted(name);
    const Declaration& declaration = calendar_declaration();
    YamlParamReader calendar(ctx.r, body, declaration, what);
    std::array<std::vector<Calendar::Interval>, 7> week;
    std::array<std::string, 7> given_by;
    std::vector<long> holidays;
    bool any_day = false;
    for (auto kv = body.begin(); kv != body.end(); ++kv) {
      std::string key = ctx.r.string(kv->first, "calendar key");
      if (declaration.find(key)) {  // holidays
        for (double h : calendar.numbers(key))
          holidays.push_back(static_cast<long>(std::floor(h / kDay)));
        continue;
      }
      auto days = weekdays_of(key);
      if (days.empty()) {
        Keys valid = kWeekdays;
        for (const char* extra : {"mon-fri", "sat-sun", "daily"}) valid.push_back(extra);
        for (const auto& k : declaration.key_names()) valid.push_back(k);
        ctx.r.fail_key(kv->first, kv->second,
                       "unknown key " + quoted(key) + " in " + what + suggest(key, valid) +
                           " valid keys: " + declaration.pattern_keys->description + ", " +
                           join(declaration.key_names()));
      }
      auto hours = read_hours(ctx, kv->second, key);
      for (int d : days) {
        if (!given_by[d].empty())
          ctx.r.fail_key(kv->first, kv->second,
                         "weekday " + quoted(kWeekdays[d]) + " is given twice in " + what +
                             " (by " + quoted(given_by[d]) + " and " + quoted(key) + ")");
        given_by[d] = key;
        week[d] = hours;
      }
      any_day = true;
    }
    // A calendar that only lists holidays is open round the clock on the other days.
    if (!any_day)
      for (auto& day : week) day = {{0.0, 24.0}};
    ctx.s.calendars[name] = Calendar(week, holidays);
  }
}

}  // namespace loader
}  // namespace surge
