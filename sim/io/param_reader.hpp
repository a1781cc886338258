#pragma once
// The YAML side of the format-neutral ParamReader (model/parameters.hpp): reads one YAML map
// against its Declaration. Every error has the file, line and column of the offending value
// and says what would be valid; the messages come from the declared types and bounds, so a
// key is checked the same way wherever it is read.
#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "surge/io/yaml_reader.hpp"
#include "surge/model/parameters.hpp"

namespace surge {

class YamlParamReader : public ParamReader {
 public:
  // Checks that `map` is a map whose keys are all declared (the family's common keys and the
  // member's), else an error at the first unknown key with the closest declared one.
  YamlParamReader(const YamlReader& reader, const YAML::Node& map, const Declaration& declaration,
                  std::string what, const Family* family = nullptr,
                  Quantity quantity = Quantity::plain);

  const Declaration& declaration() const override { return declaration_; }
  const std::string& what() const override { return what_; }
  bool has(std::string_view key) const override;
  double number(std::string_view key) const override;
  std::string text(std::string_view key) const override;
  bool flag(std::string_view key) const override;
  Distribution distribution(std::string_view key) const override;
  std::vector<double> numbers(std::string_view key) const override;
  std::unique_ptr<ParamReader> nested(std::string_view key) const override;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const override;

  // ---- for the section readers of io/scenario/ ----
  void set_what(std::string what) { what_ = std::move(what); }
  const YAML::Node& map() const { return map_; }
  const YamlReader& yaml() const { return reader_; }
  // The value as written (undefined when absent), for checks that point at it later.
  YAML::Node node(std::string_view key) const;
  // The value of a required key (an error at the map when it is missing) or of an optional
  // key that is present, for hand-written reading (ids, cross-references).
  YAML::Node value(std::string_view key) const;
  // The elements of a list (empty when absent), or of a one_or_many key (one map or a list).
  std::vector<YAML::Node> items(std::string_view key) const;
  // An element of a list or dictionary key, read as its element type (bounds included) and
  // named `label` in messages ("bom.gear").
  double element_number(std::string_view key, const YAML::Node& element,
                        const std::string& label) const;
  // A nested map key read against its declaration, with the section's own name for it.
  std::unique_ptr<YamlParamReader> map_reader(std::string_view key, std::string what) const;
  // Exactly one (or at most one) option of each declared Alternatives is given.
  void check_alternatives() const;
  // Reads every key that is present (checking it), fails on a missing required key, checks
  // the alternatives and the declaration's rules: what a generic member needs before use.
  void validate() const;
  [[noreturn]] void fail_here(const std::string& message) const { reader_.fail(map_, message); }

 private:
  const Key& key(std::string_view name) const;
  // The written value of `k`, undefined when absent; a missing required key is an error.
  YAML::Node present(const Key& k) const;
  double read_number(const Key& k, const YAML::Node& n) const;
  void check_bounds(const Key& k, const ValueType& t, const YAML::Node& n, double v) const;

  const YamlReader& reader_;
  YAML::Node map_;
  const Declaration& declaration_;
  std::string what_;
  const Family* family_;
  Quantity quantity_;
};

// A member of `family` written at `node` (the value of key `key`, owned by `owner`, e.g.
// "inventory of `w` at `dc`"): its discriminator checked, its keys checked against the
// member's declaration. The reader's what() is "sS policy of inventory of `w` at `dc`".
struct FamilyMember {
  const Declaration* declaration = nullptr;
  std::string name;
  std::unique_ptr<YamlParamReader> reader;
};
FamilyMember read_member(const YamlReader& reader, const YAML::Node& node, const Family& family,
                         const std::string& key, const std::string& owner,
                         Quantity quantity = Quantity::plain);

// A scalar (a constant in the unit of `quantity`) or a {dist: ...} map, read against the
// declared distributions (model/distribution.hpp).
Distribution read_distribution(const YamlReader& reader, const YAML::Node& node,
                               const std::string& key, Quantity quantity);

}  // namespace surge
