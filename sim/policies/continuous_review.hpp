#pragma once
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

// Continuous review (s, S): when the inventory position is at or below s, order up to S.
class MinMaxPolicy : public ReplenishmentPolicy {
 public:
  MinMaxPolicy(double s, double S) : s_(s), S_(S) {}
  double order_quantity(const StockState& state) override {
    double position = state.position();
    return position <= s_ ? S_ - position : 0;
  }

 private:
  double s_, S_;
};

// Continuous review (R, Q): when the position is at or below R, order the smallest multiple of
// Q that lifts it above R.
class ReorderPointPolicy : public ReplenishmentPolicy {
 public:
  ReorderPointPolicy(double R, double Q) : R_(R), Q_(Q) {}
  double order_quantity(const StockState& state) override;

 private:
  double R_, Q_;
};

// Base stock (one-for-one): keep the position at `level`.
class BaseStockPolicy : public ReplenishmentPolicy {
 public:
  explicit BaseStockPolicy(double level) : level_(level) {}
  double order_quantity(const StockState& state) override {
    double position = state.position();
    return position < level_ ? level_ - position : 0;
  }

 private:
  double level_;
};

}  // namespace surge
