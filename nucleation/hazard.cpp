// SPDX-License-Identifier: MIT
// The nucleation hazard and the first passage of its integral.
#include "nucleation/hazard.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {
namespace {

// 10-point Gauss–Legendre nodes and weights on [−1, 1] (positive half).
constexpr std::array<double, 5> kGlNode{0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845,
                                        0.9739065285171717};
constexpr std::array<double, 5> kGlWeight{0.2955242247147529, 0.2692667193099963, 0.2190863625159820,
                                          0.1494513491505806, 0.0666713443086881};
constexpr double kQuadratureTolerance = 1e-12;
constexpr int kMaxQuadratureDepth = 40;
constexpr int kMaxRootIterations = 300;

template <class F>
double gaussLegendre(const F& f, double a, double b) {
  const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
  double sum = 0.0;
  for (std::size_t i = 0; i < kGlNode.size(); ++i)
    sum += kGlWeight[i] * (f(mid - half * kGlNode[i]) + f(mid + half * kGlNode[i]));
  return sum * half;
}

template <class F>
double adaptiveQuadrature(const F& f, double a, double b, double whole, int depth) {
  const double mid = 0.5 * (a + b);
  const double left = gaussLegendre(f, a, mid), right = gaussLegendre(f, mid, b);
  const double refined = left + right;
  if (depth >= kMaxQuadratureDepth || std::abs(refined - whole) <= kQuadratureTolerance * std::abs(refined))
    return refined;
  return adaptiveQuadrature(f, a, mid, left, depth + 1) + adaptiveQuadrature(f, mid, b, right, depth + 1);
}

// Root of a non-decreasing g on [lo, hi] with g(lo) ≤ 0 ≤ g(hi): Newton steps with derivative dg,
// falling back to bisection whenever a step leaves the bracket.
template <class G, class D>
double monotoneRoot(const G& g, const D& dg, double lo, double hi) {
  double x = 0.5 * (lo + hi);
  for (int it = 0; it < kMaxRootIterations; ++it) {
    const double v = g(x);
    if (v == 0.0) return x;
    (v < 0.0 ? lo : hi) = x;
    if (hi - lo <= 1e-15 * std::max(std::abs(lo), std::abs(hi)) || hi - lo <= 0.0) break;
    const double slope = dg(x);
    double step = slope > 0.0 ? x - v / slope : lo - 1.0;
    if (!(step > lo && step < hi)) step = 0.5 * (lo + hi);
    if (step == x) break;
    x = step;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

Hazard::Hazard(double temperature_K, double attempt_frequency_per_s)
    : kt_eV_(units::thermalEnergy_eV(temperature_K)), nu_per_s_(attempt_frequency_per_s) {
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be > 0");
  require(std::isfinite(attempt_frequency_per_s) && attempt_frequency_per_s > 0.0,
          "attempt_frequency_per_s must be > 0");
}

Hazard::Hazard(const NucleationParameters& parameters)
    : Hazard((parameters.validate(), parameters.hazardTemperature_K()), parameters.attempt_frequency_per_s) {}

void Hazard::setSites(const std::vector<HazardSite>& sites) {
  std::vector<Group> groups;
  for (const HazardSite& s : sites) {
    s.barrier.validate();
    require(std::isfinite(s.weight) && s.weight > 0.0, "site weight must be > 0");
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.barrier == s.barrier; });
    if (it == groups.end()) {
      groups.push_back({s.barrier, 0.0, {}, {}});
      it = groups.end() - 1;
    }
    it->weight += s.weight;
    it->ids.push_back(s.id);
    it->cumulative.push_back(it->weight);
  }
  groups_ = std::move(groups);
}

void Hazard::setSites(const SiteSet& set, const NucleationParameters& parameters) {
  parameters.validate();
  std::vector<HazardSite> sites;
  sites.reserve(set.sites.size());
  for (std::size_t i = 0; i < set.sites.size(); ++i) {
    const NucleationSite& s = set.sites[i];
    sites.push_back({parameters.barrierFor(s.site_class, s.size), s.weight, static_cast<std::int64_t>(i)});
  }
  setSites(sites);
}

void Hazard::reset(RandomStream& rng) {
  accumulated_ = 0.0;
  threshold_ = rng.exponential();
  armed_ = true;
}

void Hazard::restore(double accumulated, double threshold) {
  require(std::isfinite(accumulated) && accumulated >= 0.0, "accumulated hazard must be >= 0");
  require(std::isfinite(threshold) && threshold >= accumulated, "threshold must be >= accumulated hazard");
  accumulated_ = accumulated;
  threshold_ = threshold;
  armed_ = accumulated < threshold;
}

void Hazard::saveState(BinaryWriter& out) const {
  out.writeTag("HZRD");
  out.write(accumulated_);
  out.write(threshold_);
  out.write(static_cast<std::uint8_t>(armed_));
}

void Hazard::restoreState(BinaryReader& in) {
  in.expectTag("HZRD");
  const auto accumulated = in.read<double>();
  const auto threshold = in.read<double>();
  const bool armed = in.read<std::uint8_t>() != 0;
  if (!(std::isfinite(accumulated) && accumulated >= 0.0 && std::isfinite(threshold) && threshold >= accumulated))
    in.fail("bad hazard state");
  accumulated_ = accumulated;
  threshold_ = threshold;
  armed_ = armed;
}

double Hazard::totalWeight() const {
  double w = 0.0;
  for (const Group& g : groups_) w += g.weight;
  return w;
}

double Hazard::groupRate(const Group& g, double stress_GPa) const {
  return nu_per_s_ * g.weight * std::exp(-g.barrier.energy_eV(stress_GPa) / kt_eV_);
}

double Hazard::rate(double stress_GPa) const {
  double r = 0.0;
  for (const Group& g : groups_) r += groupRate(g, stress_GPa);
  return r;
}

double Hazard::groupStressIntegral(const Group& g, double a, double b) const {
  if (a == b) return 0.0;
  if (b < a) return -groupStressIntegral(g, b, a);
  const double amplitude = nu_per_s_ * g.weight;
  const double clamp = g.barrier.athermalAppliedStress_GPa();
  // Beyond σ_ath/K the barrier is zero and the rate is the attempt frequency.
  const double above = amplitude * std::max(0.0, b - std::max(a, clamp));
  const double hi = std::min(b, clamp);
  if (hi <= a) return above;
  double below = 0.0;
  if (g.barrier.form == BarrierForm::kLinear) {
    // ∫ e^{−β(c−σ)} dσ = e^{−β(c−hi)} (1 − e^{−β(hi−a)}) / β, β = Ω K / k_BT: exact over the step.
    const double beta = units::gpaVolumeToEV(g.barrier.stress_concentration, g.barrier.activation_volume_A3) / kt_eV_;
    below = amplitude * std::exp(-beta * (clamp - hi)) * -std::expm1(-beta * (hi - a)) / beta;
  } else {
    const auto f = [&](double s) { return std::exp(-g.barrier.energy_eV(s) / kt_eV_); };
    const auto piece = [&](double from, double to) {
      return adaptiveQuadrature(f, from, to, gaussLegendre(f, from, to), 0);
    };
    if (g.barrier.form == BarrierForm::kTabulated) {
      // The interpolation changes slope at the table's points: integrate between them, where the rate is smooth.
      double from = a;
      for (double node : g.barrier.table->stresses_GPa()) {
        const double at = (node - g.barrier.stress_offset_GPa) / g.barrier.stress_concentration;
        if (at <= from || at >= hi) continue;
        below += piece(from, at);
        from = at;
      }
      below = amplitude * (below + piece(from, hi));
    } else {
      below = amplitude * piece(a, hi);
    }
  }
  return below + above;
}

double Hazard::stressIntegral(double a, double b) const {
  double sum = 0.0;
  for (const Group& g : groups_) sum += groupStressIntegral(g, a, b);
  return sum;
}

double Hazard::integrate(double sigma0, double sigma1, double dt) const {
  require(std::isfinite(dt) && dt >= 0.0, "step length must be >= 0");
  if (dt == 0.0) return 0.0;
  // σ linear in t ⇒ dt = (Δt/Δσ) dσ.
  if (sigma1 == sigma0) return rate(sigma0) * dt;
  return stressIntegral(sigma0, sigma1) * dt / (sigma1 - sigma0);
}

std::optional<NucleationEvent> Hazard::advance(double sigma0, double sigma1, double dt, RandomStream& rng) {
  if (!armed_) throw RuntimeError("Hazard::advance needs reset() first, and again after each nucleation");
  const double gained = integrate(sigma0, sigma1, dt);
  const double needed = threshold_ - accumulated_;
  if (groups_.empty() || dt == 0.0 || gained < needed) {
    accumulated_ += gained;
    return std::nullopt;
  }
  const auto stressAt = [&](double tau) { return sigma0 + (sigma1 - sigma0) * (tau / dt); };
  const double tau = monotoneRoot([&](double t) { return integrate(sigma0, stressAt(t), t) - needed; },
                                  [&](double t) { return rate(stressAt(t)); }, 0.0, dt);
  NucleationEvent event;
  event.time_in_step_s = tau;
  event.stress_GPa = stressAt(tau);
  event.rate_per_s = rate(event.stress_GPa);
  accumulated_ = threshold_;
  armed_ = false;

  // The site that fires, with probability ∝ its rate at the crossing (competing exponential clocks).
  double pick = rng.uniform() * event.rate_per_s;
  const Group* chosen = &groups_.back();
  for (const Group& g : groups_) {
    pick -= groupRate(g, event.stress_GPa);
    if (pick < 0.0) {
      chosen = &g;
      break;
    }
  }
  const double w = rng.uniform() * chosen->weight;
  const auto it = std::upper_bound(chosen->cumulative.begin(), chosen->cumulative.end(), w);
  const std::size_t k =
      std::min<std::size_t>(static_cast<std::size_t>(it - chosen->cumulative.begin()), chosen->ids.size() - 1);
  event.site_id = chosen->ids[k];
  event.barrier = chosen->barrier;
  return event;
}

double Hazard::rampCumulative(double sigma_start, double sigma, double stress_rate) const {
  require(std::isfinite(stress_rate) && stress_rate > 0.0, "stress rate must be > 0");
  return stressIntegral(sigma_start, sigma) / stress_rate;
}

double Hazard::rampFirstPassageStress(double target, double sigma_start, double stress_rate) const {
  require(std::isfinite(stress_rate) && stress_rate > 0.0, "stress rate must be > 0");
  require(std::isfinite(target) && target >= 0.0, "target hazard must be >= 0");
  if (groups_.empty()) throw RuntimeError("first passage asked of an empty site set");
  if (target == 0.0) return sigma_start;
  if (groups_.size() == 1 && groups_[0].barrier.form == BarrierForm::kLinear) {
    // Invert H(σ) = A/(β σ̇) [e^{−β(c−σ)} − e^{−β(c−σ_s)}] in closed form (then linearly past c).
    const Group& g = groups_[0];
    const double amplitude = nu_per_s_ * g.weight;
    const double clamp = g.barrier.athermalAppliedStress_GPa();
    if (sigma_start >= clamp) return sigma_start + target * stress_rate / amplitude;
    const double beta = units::gpaVolumeToEV(g.barrier.stress_concentration, g.barrier.activation_volume_A3) / kt_eV_;
    const double start_term = std::exp(-beta * (clamp - sigma_start));
    const double at_clamp = amplitude * -std::expm1(-beta * (clamp - sigma_start)) / (beta * stress_rate);
    if (target > at_clamp) return clamp + (target - at_clamp) * stress_rate / amplitude;
    return clamp + std::log(target * beta * stress_rate / amplitude + start_term) / beta;
  }
  double width = 1.0;
  double hi = sigma_start + width;
  for (int it = 0; rampCumulative(sigma_start, hi, stress_rate) < target; ++it) {
    if (it > 200) throw RuntimeError("first-passage stress not bracketed");
    width *= 2.0;
    hi = sigma_start + width;
  }
  return monotoneRoot([&](double s) { return rampCumulative(sigma_start, s, stress_rate) - target; },
                      [&](double s) { return rate(s) / stress_rate; }, sigma_start, hi);
}

double Hazard::sampleRampYieldStress(RandomStream& rng, double sigma_start, double stress_rate) const {
  return rampFirstPassageStress(rng.exponential(), sigma_start, stress_rate);
}

}  // namespace surfkmc::nucleation
