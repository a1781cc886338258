// docs/scenario-reference.md documents exactly the declared keys: every declaration reachable
// from the top level has its table (marked `<!-- keys: DOC_ID -->`), each table lists exactly
// the declared keys and says `required` for exactly the required ones; a family whose members
// are documented together (policies, forecasts, distributions) has a `<!-- members: NAME -->`
// table with one row per member listing exactly its keys.
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/distribution.hpp"

namespace surge {
namespace {

struct Row {
  std::vector<std::string> cells;
};

struct Table {
  std::string kind;  // "keys" or "members"
  std::string id;
  std::vector<Row> rows;  // without the header and the separator
};

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  // Cells are separated by `|` outside backticks; `\|` is a literal bar.
  bool code = false;
  for (std::size_t i = 1; i < line.size(); ++i) {
    char c = line[i];
    if (c == '`') code = !code;
    if (c == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
      continue;
    }
    if (c == '|' && !code) {
      cells.push_back(cell);
      cell.clear();
      continue;
    }
    cell += c;
  }
  return cells;
}

std::vector<Table> marked_tables(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<Table> tables;
  std::string line;
  Table* open = nullptr;
  int skip = 0;
  while (std::getline(in, line)) {
    for (const char* kind : {"keys", "members"}) {
      std::string marker = std::string("<!-- ") + kind + ": ";
      if (line.rfind(marker, 0) == 0) {
        auto end = line.find(" -->");
        REQUIRE(end != std::string::npos);
        tables.push_back({kind, line.substr(marker.size(), end - marker.size()), {}});
        open = &tables.back();
        skip = 2;  // header and separator
      }
    }
    if (!open || line.rfind("<!--", 0) == 0) continue;
    if (line.empty() || line[0] != '|') {
      if (skip == 0) open = nullptr;
      continue;
    }
    if (skip > 0) {
      --skip;
      continue;
    }
    open->rows.push_back({split_row(line)});
  }
  return tables;
}

// The names in backticks in a cell ("`from`, `to`" -> from, to), identifiers only.
std::set<std::string> code_names(const std::string& cell) {
  std::set<std::string> out;
  std::size_t at = 0;
  while ((at = cell.find('`', at)) != std::string::npos) {
    auto end = cell.find('`', at + 1);
    if (end == std::string::npos) break;
    std::string name = cell.substr(at + 1, end - at - 1);
    bool identifier = !name.empty();
    for (char c : name)
      identifier = identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (identifier) out.insert(name);
    at = end + 1;
  }
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Every declaration and family reachable from the top level.
struct Reachable {
  std::vector<const Declaration*> declarations;  // documented by a keys table each
  std::vector<const Family*> member_families;    // documented by a members table
  std::set<const void*> seen;

  void type(const ValueType& t) {
    if (t.kind == ValueKind::map) declaration(*t.declaration);
    if (t.kind == ValueKind::family) family(*t.family);
    if (t.kind == ValueKind::distribution) family(distribution_family());
    if (t.kind == ValueKind::capacity) declaration(schedule_declaration(*t.element));
    if (t.element) type(*t.element);
  }
  void keys(const std::vector<Key>& ks) {
    for (const Key& k : ks) type(k.type);
  }
  void declaration(const Declaration& d) {
    if (!seen.insert(&d).second) return;
    declarations.push_back(&d);
    keys(d.keys);
    if (d.pattern_keys) type(d.pattern_keys->type);
  }
  void family(const Family& f) {
    if (!seen.insert(&f).second) return;
    if (!f.doc_id.empty()) {
      // Common keys in their own table, each member in its own.
      static std::vector<Declaration> common;
      common.reserve(16);
      common.push_back(Declaration{.name = f.name, .doc_id = f.doc_id, .keys = f.common});
      declarations.push_back(&common.back());
      for (const Declaration* m : f.members) declaration(*m);
    } else {
      member_families.push_back(&f);
      for (const Declaration* m : f.members) keys(m->keys);
    }
    keys(f.common);
  }
};

const std::string kReference =
    (std::filesystem::path(SURGE_SOURCE_DIR) / "docs" / "scenario-reference.md").string();

TEST_CASE("docs/scenario-reference.md lists exactly the declared keys of every declaration",
          "[io][docs]") {
  auto tables = marked_tables(kReference);
  std::map<std::string, const Table*> keys_tables, member_tables;
  for (const Table& t : tables) {
    INFO("table " << t.kind << ": " << t.id);
    CHECK_FALSE(t.rows.empty());
    auto& index = t.kind == "keys" ? keys_tables : member_tables;
    CHECK(index.emplace(t.id, &t).second);  // one table per declaration
  }
  Reachable reach;
  reach.declaration(scenario_declaration());
  // Read by hand under a key of any value (a plan's `during` is a campaign id or this map).
  reach.declaration(plan_window_declaration());
  REQUIRE(reach.declarations.size() > 20);

  std::set<std::string> documented;
  for (const Declaration* d : reach.declarations) {
    INFO("declaration " << d->name << " (table `" << d->doc_id << "`)");
    REQUIRE_FALSE(d->doc_id.empty());
    auto it = keys_tables.find(d->doc_id);
    REQUIRE(it != keys_tables.end());
    documented.insert(d->doc_id);
    std::set<std::string> listed, required;
    bool pattern_row = false;
    for (const Row& row : it->second->rows) {
      REQUIRE(row.cells.size() >= 3);
      auto names = code_names(row.cells[0]);
      // A row naming keys by a pattern (a calendar's weekdays) starts with plain words.
      if (trimmed(row.cells[0]).front() != '`') {
        pattern_row = true;
        continue;
      }
      listed.insert(names.begin(), names.end());
      if (trimmed(row.cells[2]) == "required") required.insert(names.begin(), names.end());
    }
    std::set<std::string> declared, declared_required;
    for (const Key& k : d->keys) {
      declared.insert(k.name);
      if (k.required) declared_required.insert(k.name);
    }
    CHECK(listed == declared);
    CHECK(required == declared_required);
    CHECK(pattern_row == d->pattern_keys.has_value());
  }
  for (const auto& [id, table] : keys_tables) {
    INFO("table `" << id << "` documents no declaration");
    CHECK(documented.count(id));
  }

  std::set<std::string> families;
  for (const Family* f : reach.member_families) {
    INFO("family " << f->name);
    auto it = member_tables.find(f->name);
    REQUIRE(it != member_tables.end());
    families.insert(f->name);
    std::set<std::string> members;
    for (const Row& row : it->second->rows) {
      auto names = code_names(row.cells[0]);
      REQUIRE(names.size() == 1);
      const std::string& member = *names.begin();
      INFO("member " << member);
      members.insert(member);
      const Declaration* d = f->find(member);
      REQUIRE(d);
      auto declared = d->key_names();
      CHECK(code_names(row.cells[1]) == std::set<std::string>(declared.begin(), declared.end()));
    }
    auto declared = f->member_names();
    CHECK(members == std::set<std::string>(declared.begin(), declared.end()));
  }
  for (const auto& [id, table] : member_tables) {
    INFO("members table `" << id << "` documents no family");
    CHECK(families.count(id));
  }
}

}  // namespace
}  // namespace surge
