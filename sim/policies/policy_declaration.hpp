#pragma once
// A replenishment policy of the scenario format, declared once: its name (the `type` of a
// `policy:` map), its keys with their types, defaults and bounds, the rules between them, and
// how it is built. The loader validates a policy against its declaration, `surge schema`
// lists it, docs/scenario-reference.md is checked against it, and make_policy builds it.
//
// Adding a policy: one file in policies/ with the class and its declaration, and one entry in
// policy_registry.cpp (docs/architecture.md, "Adding a policy").
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "surge/model/declaration.hpp"
#include "surge/model/parameters.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

// What a policy may know of its stock point when it is built.
struct PolicyContext {
  Time lead_time_mean = 0;  // mean lead time of the primary source (lane + supplier), hours
};

struct PolicyDeclaration {
  Declaration declaration;
  // Builds the policy from its keys (already checked); null for a policy that never orders.
  std::function<std::unique_ptr<ReplenishmentPolicy>(const ParamReader&, const PolicyContext&)>
      build;
};

// Every policy, in the order the reference lists them (policy_registry.cpp).
const std::vector<const PolicyDeclaration*>& policy_declarations();
const PolicyDeclaration* find_policy_declaration(std::string_view type);
// The policies as a family selected by `type`, for the loader and the schema.
const Family& policy_family();
// A reader over a scenario's policy (its keys at their declared defaults when absent).
std::unique_ptr<ParamReader> policy_parameters(const Policy& policy);

}  // namespace surge
