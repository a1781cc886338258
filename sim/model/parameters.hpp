#pragma once
// The format-neutral parameter reader: how declared things (policies, distributions) read
// their keys without knowing the file format. The io layer implements ParamReader over YAML,
// with file, line and column in every error; StoredParamReader reads values kept in a
// Parameters store (what the Scenario holds for a policy) when the model is built.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "surge/model/declaration.hpp"
#include "surge/model/distribution.hpp"

namespace surge {

class Parameters;

// Reads the keys of one declared map. Every value comes back in internal units with its
// declared type and bounds already checked; an absent key gives its declared default. Asking
// for an undeclared key, or for an absent key that has no default, is an internal error
// (declarations and the code that reads them disagree): check has() first.
class ParamReader {
 public:
  virtual ~ParamReader() = default;
  virtual const Declaration& declaration() const = 0;
  // What the map is, for messages: "sS policy of inventory of `w` at `dc`".
  virtual const std::string& what() const = 0;
  virtual bool has(std::string_view key) const = 0;
  // Numbers of every kind: number, integer, count (kUnlimited), duration, time of day, rate,
  // money rate, quantity.
  virtual double number(std::string_view key) const = 0;
  // text, reference, choice; and a family's discriminator.
  virtual std::string text(std::string_view key) const = 0;
  virtual bool flag(std::string_view key) const = 0;
  virtual Distribution distribution(std::string_view key) const = 0;
  // A list of numbers (or of quantities).
  virtual std::vector<double> numbers(std::string_view key) const = 0;
  // A nested map or family member; an absent family with a default member reads as that
  // member with every key at its default.
  virtual std::unique_ptr<ParamReader> nested(std::string_view key) const = 0;
  // A user's mistake about this key's value (located at it when the format knows where).
  [[noreturn]] virtual void fail(std::string_view key, const std::string& message) const = 0;
};

// Values read through a ParamReader, kept for later (a scenario's policy): format-neutral,
// in internal units, only the keys that were written (defaults stay in the declaration).
class Parameters {
 public:
  using Value = std::variant<double, bool, std::string, Distribution, std::vector<double>,
                             std::shared_ptr<const Parameters>>;

  void set(std::string key, Value value) { values_[std::move(key)] = std::move(value); }
  bool has(std::string_view key) const { return values_.find(key) != values_.end(); }
  const Value* find(std::string_view key) const;
  const std::map<std::string, Value, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, Value, std::less<>> values_;
};

// Reads every key written in `reader` (nested maps and family members included, with their
// discriminators) into a store: all checks run on the way.
Parameters read_parameters(const ParamReader& reader);

// Reads a Parameters store against its declaration (and family, for a member: its common keys
// and discriminator). Values were checked when they were stored, so fail() is an internal error.
class StoredParamReader : public ParamReader {
 public:
  StoredParamReader(const Declaration& declaration, const Parameters& values, std::string what,
                    const Family* family = nullptr);
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

 private:
  const Key& key(std::string_view name) const;
  const Parameters::Value* value(std::string_view name) const;

  const Declaration& declaration_;
  const Parameters& values_;
  std::string what_;
  const Family* family_;
};

// The declared default of `key` read as a value of its type ("1d" -> 24 hours). Internal
// error when the key has none or the text does not read (a broken declaration).
double default_number(const Key& key);
Distribution default_distribution(const Key& key);

}  // namespace surge
