// The policies of the scenario format. Each policy's own file defines its declaration; an
// entry here makes it part of the format (loader, schema, docs check, make_policy).
#include "surge/kernel/error.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {

// Each policy's declaration is defined in its own file (the name says which).
const PolicyDeclaration& min_max_declaration();
const PolicyDeclaration& reorder_point_declaration();
const PolicyDeclaration& base_stock_declaration();
const PolicyDeclaration& order_up_to_declaration();
const PolicyDeclaration& anchor_adjust_declaration();
const PolicyDeclaration& periodic_min_max_declaration();

namespace {

const PolicyDeclaration& none_declaration() {
  static const PolicyDeclaration d{
      {.name = "none", .doc_id = "policy.none", .description = "Never reorders."},
      [](const ParamReader&, const PolicyContext&) -> std::unique_ptr<ReplenishmentPolicy> {
        return nullptr;
      }};
  return d;
}

}  // namespace

const std::vector<const PolicyDeclaration*>& policy_declarations() {
  // In the order the reference lists them ("valid: sS, RQ, ..." in messages).
  static const std::vector<const PolicyDeclaration*> all = [] {
    std::vector<const PolicyDeclaration*> v;
    v.push_back(&min_max_declaration());
    v.push_back(&reorder_point_declaration());
    v.push_back(&base_stock_declaration());
    v.push_back(&order_up_to_declaration());
    v.push_back(&anchor_adjust_declaration());
    v.push_back(&periodic_min_max_declaration());
    v.push_back(&none_declaration());
    return v;
  }();
  return all;
}

const PolicyDeclaration* find_policy_declaration(std::string_view type) {
  for (const PolicyDeclaration* d : policy_declarations())
    if (d->declaration.name == type) return d;
  return nullptr;
}

const Family& policy_family() {
  static const Family family = [] {
    Family f{.name = "policy",
             .discriminator = "type",
             .noun = "policy type",
             .names_label = "valid",
             .description = "How a stock point reorders (docs/model.md, \"Policies\")."};
    for (const PolicyDeclaration* d : policy_declarations()) f.members.push_back(&d->declaration);
    f.common.push_back(
        Key{"type", types::choice(f.member_names())}.need().describe("which policy"));
    return f;
  }();
  return family;
}

std::unique_ptr<ParamReader> policy_parameters(const Policy& policy) {
  const PolicyDeclaration* d = find_policy_declaration(policy.type);
  SURGE_CHECK(d, "policy type `" + policy.type + "` is not declared");
  return std::make_unique<StoredParamReader>(d->declaration, policy.params, policy.type + " policy",
                                             &policy_family());
}

std::unique_ptr<ReplenishmentPolicy> make_policy(const Policy& policy, Time lead_time_mean) {
  const PolicyDeclaration* d = find_policy_declaration(policy.type);
  SURGE_CHECK(d, "policy type `" + policy.type + "` is not declared");
  return d->build(*policy_parameters(policy), PolicyContext{lead_time_mean});
}

}  // namespace surge
