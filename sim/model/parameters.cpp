#include "surge/model/parameters.hpp"

#include <limits>

#include "surge/kernel/error.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

// "`key`", built by appending: `"`" + std::string(...)` draws a false -Wrestrict from GCC 12.
std::string quoted(std::string_view key) {
  std::string out = "`";
  out.append(key);
  out += '`';
  return out;
}

[[noreturn]] void broken(const std::string& what) {
  throw InternalError("internal: declaration and reader disagree: " + what);
}

double read_default(const Key& key, const std::string& text) {
  auto need = [&](const ParseResult& r) {
    if (!r.value) broken("default `" + text + "` of `" + key.name + "`: " + r.error);
    return *r.value;
  };
  switch (key.type.kind) {
    case ValueKind::duration: return need(parse_duration(text));
    case ValueKind::rate: return need(parse_rate(text));
    case ValueKind::time_of_day: return need(parse_clock(text));
    case ValueKind::count:
      if (text == "unlimited") return std::numeric_limits<double>::infinity();
      break;
    case ValueKind::money_rate:
      if (auto v = parse_number(text)) return *v;
      return need(parse_rate(text));
    default: break;
  }
  auto v = parse_number(text);
  if (!v) broken("default `" + text + "` of `" + key.name + "` is not a number");
  return *v;
}

}  // namespace

const Parameters::Value* Parameters::find(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

double default_number(const Key& key) {
  if (!key.default_text) broken(quoted(key.name) + " is absent and has no default");
  return read_default(key, *key.default_text);
}

Distribution default_distribution(const Key& key) {
  if (!key.default_text) broken(quoted(key.name) + " is absent and has no default");
  Key value = key;
  value.type.kind =
      key.type.quantity == Quantity::duration ? ValueKind::duration : ValueKind::number;
  return Distribution::constant(read_default(value, *key.default_text));
}

Parameters read_parameters(const ParamReader& reader) {
  Parameters out;
  for (const Key& key : reader.declaration().keys) {
    if (!reader.has(key.name)) continue;
    const ValueType& t = key.type;
    if (t.is_numeric()) {
      out.set(key.name, reader.number(key.name));
    } else if (t.kind == ValueKind::text || t.kind == ValueKind::reference ||
               t.kind == ValueKind::choice) {
      out.set(key.name, reader.text(key.name));
    } else if (t.kind == ValueKind::boolean) {
      out.set(key.name, reader.flag(key.name));
    } else if (t.kind == ValueKind::distribution) {
      out.set(key.name, reader.distribution(key.name));
    } else if (t.kind == ValueKind::weekly ||
               (t.kind == ValueKind::list && t.element && t.element->is_numeric())) {
      out.set(key.name, reader.numbers(key.name));
    } else if (t.kind == ValueKind::map || t.kind == ValueKind::family) {
      auto nested = reader.nested(key.name);
      auto values = std::make_shared<Parameters>(read_parameters(*nested));
      if (t.kind == ValueKind::family)
        values->set(t.family->discriminator, nested->text(t.family->discriminator));
      out.set(key.name, std::shared_ptr<const Parameters>(std::move(values)));
    } else {
      broken("`" + key.name + "` (" + t.describe() + ") cannot be kept in a parameter store");
    }
  }
  return out;
}

StoredParamReader::StoredParamReader(const Declaration& declaration, const Parameters& values,
                                     std::string what, const Family* family)
    : declaration_(declaration), values_(values), what_(std::move(what)), family_(family) {}

const Key& StoredParamReader::key(std::string_view name) const {
  const Key* k = family_ ? family_->find_key(declaration_, name) : declaration_.find(name);
  if (!k) broken(quoted(name) + " is not a key of " + declaration_.name);
  return *k;
}

const Parameters::Value* StoredParamReader::value(std::string_view name) const {
  key(name);
  return values_.find(name);
}

bool StoredParamReader::has(std::string_view name) const { return value(name) != nullptr; }

double StoredParamReader::number(std::string_view name) const {
  const Parameters::Value* v = value(name);
  if (!v) return default_number(key(name));
  if (const double* d = std::get_if<double>(v)) return *d;
  broken(quoted(name) + " is not stored as a number");
}

std::string StoredParamReader::text(std::string_view name) const {
  const Parameters::Value* v = value(name);
  if (!v) {
    const Key& k = key(name);
    if (!k.default_text) broken(quoted(k.name) + " is absent and has no default");
    return *k.default_text;
  }
  if (const std::string* s = std::get_if<std::string>(v)) return *s;
  broken(quoted(name) + " is not stored as text");
}

bool StoredParamReader::flag(std::string_view name) const {
  const Parameters::Value* v = value(name);
  if (!v) {
    const Key& k = key(name);
    if (!k.default_text) broken(quoted(k.name) + " is absent and has no default");
    return *k.default_text == "true";
  }
  if (const bool* b = std::get_if<bool>(v)) return *b;
  broken(quoted(name) + " is not stored as a flag");
}

Distribution StoredParamReader::distribution(std::string_view name) const {
  const Parameters::Value* v = value(name);
  if (!v) return default_distribution(key(name));
  if (const Distribution* d = std::get_if<Distribution>(v)) return *d;
  broken(quoted(name) + " is not stored as a distribution");
}

std::vector<double> StoredParamReader::numbers(std::string_view name) const {
  const Parameters::Value* v = value(name);
  if (!v) broken(quoted(name) + " is absent and a list has no default");
  if (const auto* list = std::get_if<std::vector<double>>(v)) return *list;
  broken(quoted(name) + " is not stored as a list of numbers");
}

std::unique_ptr<ParamReader> StoredParamReader::nested(std::string_view name) const {
  static const Parameters kNothing;
  const Key& k = key(name);
  const Parameters::Value* v = value(name);
  const Parameters* values = &kNothing;
  if (v) {
    const auto* p = std::get_if<std::shared_ptr<const Parameters>>(v);
    if (!p) broken("`" + k.name + "` is not stored as a map");
    values = p->get();
  }
  std::string what = k.name + " of " + what_;
  if (k.type.kind == ValueKind::map)
    return std::make_unique<StoredParamReader>(*k.type.declaration, *values, what);
  if (k.type.kind != ValueKind::family) broken("`" + k.name + "` is not a map");
  const Family& family = *k.type.family;
  std::string member;
  if (const Parameters::Value* d = values->find(family.discriminator))
    member = std::get<std::string>(*d);
  else if (family.default_member)
    member = *family.default_member;
  else
    broken("`" + k.name + "` has no `" + family.discriminator + "`");
  const Declaration* declaration = family.find(member);
  if (!declaration) broken("`" + member + "` is not a " + family.name);
  return std::make_unique<StoredParamReader>(*declaration, *values, what, &family);
}

void StoredParamReader::fail(std::string_view name, const std::string& message) const {
  broken("stored " + quoted(name) + " of " + what_ + " was checked when it was read, " +
         "yet: " + message);
}

}  // namespace surge
