// SPDX-License-Identifier: MIT
// One replica of the coupled model: surface KMC + loading law + nucleation hazard.
#include "coupling/coupled_run.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::coupling {

namespace {
// Each enum's names as results files write them; the first entry is the fallback name.
constexpr std::array<std::pair<StopReason, const char*>, 6> kStopReasonNames{{{StopReason::kNone, "none"},
                                                                              {StopReason::kNucleated, "nucleated"},
                                                                              {StopReason::kMaxStrain, "max_strain"},
                                                                              {StopReason::kDuration, "duration"},
                                                                              {StopReason::kMaxEvents, "max_events"},
                                                                              {StopReason::kFrozen, "frozen"}}};
constexpr std::array<std::pair<Ablation, const char*>, 3> kAblationNames{
    {{Ablation::kNone, "none"}, {Ablation::kFrozenSurface, "frozen_surface"}, {Ablation::kAsCutSites, "as_cut_sites"}}};

/// The name of `value` in `table` (its first entry's name if it is not there).
template <class E, std::size_t N>
const char* nameIn(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return table.front().second;
}

/// The value `name` stands for in `table`, or nullopt.
template <class E, std::size_t N>
std::optional<E> valueIn(const std::array<std::pair<E, const char*>, N>& table, std::string_view name) {
  for (const auto& [v, text] : table)
    if (name == text) return v;
  return std::nullopt;
}
}  // namespace

const char* ablationName(Ablation ablation) { return nameIn(kAblationNames, ablation); }
std::optional<Ablation> parseAblation(std::string_view name) { return valueIn(kAblationNames, name); }
const char* stopReasonName(StopReason reason) { return nameIn(kStopReasonNames, reason); }
std::optional<StopReason> parseStopReason(std::string_view name) { return valueIn(kStopReasonNames, name); }

void CoupledRunParams::validate() const {
  energetics.validate();
  rate_scaling.validate();
  super_moves.validate();
  strain_energy.validate();
  loading.validate();
  nucleation.validate();
  detector.validate();
  require(std::isfinite(analysis_interval_s) && analysis_interval_s > 0.0, "analysis_interval_s must be > 0");
  require(std::isfinite(stress_tolerance_GPa) && stress_tolerance_GPa > 0.0, "stress_tolerance_GPa must be > 0");
  require(max_events >= 0, "max_events must be ≥ 0");
  require(std::isfinite(max_duration_s) && max_duration_s >= 0.0, "max_duration_s must be ≥ 0");
  require(!loading.constant_stress_GPa || max_duration_s > 0.0, "a held stress needs a duration");
  require(!continue_after_nucleation || !loading.constant_stress_GPa,
          "going on after a nucleation needs displacement-controlled loading, not a held stress");
  require(!continue_after_nucleation || loading.gauge_length_A > 0.0,
          "going on after a nucleation needs a gauge length for the slip strain");
}

namespace {

kmc::EnergeticsParams energeticsAt(const CoupledRunParams& p, double stress_GPa) {
  kmc::EnergeticsParams e = p.energetics;
  e.stress_GPa = stress_GPa;
  return e;
}

kmc::EngineOptions engineOptions(const CoupledRunParams& p) {
  kmc::EngineOptions options;
  options.rate_scaling = p.rate_scaling;
  options.super_moves = p.super_moves;
  options.strain_energy = p.strain_energy;
  return options;
}

/// Passes every call on to the transport measurement and ticks every `every` events.
class TickingObserver : public kmc::Observer {
 public:
  TickingObserver(kmc::Observer& inner, const CoupledRun::EventTick& tick, std::int64_t every)
      : inner_(inner), tick_(tick), every_(every) {}
  void onStart(const kmc::Engine& e) override { inner_.onStart(e); }
  void onEvent(const kmc::Engine& e, const kmc::StepResult& step) override {
    inner_.onEvent(e, step);
    if (e.events() % every_ == 0) tick_(e.time_s(), e.events());
  }
  void onFinish(const kmc::Engine& e) override { inner_.onFinish(e); }

 private:
  kmc::Observer& inner_;
  const CoupledRun::EventTick& tick_;
  std::int64_t every_;
};

const CoupledRunParams& validated(const CoupledRunParams& p) {
  p.validate();
  return p;
}

}  // namespace

CoupledRun::CoupledRun(lattice::Lattice& lattice, const CoupledRunParams& params, std::uint64_t seed,
                       std::uint64_t point, std::uint64_t replica)
    : lattice_(lattice),
      params_(validated(params)),
      nucleation_rng_(seed, StreamId::kNucleation, point, replica),
      loading_(params_.loading),
      hazard_(params_.nucleation),
      detector_(params_.detector),
      transport_(lattice_.nextAtomId(), 1),
      slip_systems_(lattice::tensileSlipSystems(lattice.frame())) {
  hazard_.reset(nucleation_rng_);
  // The specimen as built (restoreState() requires the same), so a resumed run finds the same sites.
  if (params_.ablation == Ablation::kAsCutSites) as_cut_sites_ = detector_.detect(lattice_);
  if (params_.kmc_enabled && params_.ablation != Ablation::kFrozenSurface)
    engine_.emplace(lattice_, energeticsAt(params_, loading_.stress()),
                    RandomStream(seed, StreamId::kKmc, point, replica), engineOptions(params_));
}

void CoupledRun::saveState(BinaryWriter& out) const {
  out.writeTag("CPLD");
  out.write(t_);
  nucleation_rng_.saveState(out);
  loading_.saveState(out);
  hazard_.saveState(out);
  transport_.saveState(out);
  lattice_.saveOccupancy(out);
  out.write(static_cast<std::uint8_t>(engine_.has_value()));
  if (engine_) engine_->saveState(out);
  out.write(static_cast<std::uint64_t>(samples_.size()));
  for (const CoupledSample& c : samples_) {
    out.write(c.time_s);
    out.write(c.applied_strain);
    out.write(c.stress_GPa);
    out.write(c.diffusion_strain);
    out.write(c.slip_strain);
    out.write(c.surface_diffusivity_A2_per_s);
    out.writeArray(c.sites);
    out.write(c.max_step_height);
    out.write(c.pit_vacancies);
    out.write(c.hazard_per_s);
    out.write(c.cumulative_hazard);
    out.write(c.events);
  }
  out.write(static_cast<std::uint64_t>(slips_.size()));
  for (const SlipEvent& e : slips_) {
    out.write(e.time_s);
    out.write(e.applied_strain);
    out.write(e.nucleation_stress_GPa);
    out.write(e.stress_before_GPa);
    out.write(e.stress_after_GPa);
    out.write(e.diffusion_strain);
    out.write(e.slip_strain_before);
    out.write(e.cumulative_hazard);
    out.write(static_cast<std::uint8_t>(e.site_class));
    out.write(e.site_size);
    out.write(e.site);
    out.write(e.position_A.x);
    out.write(e.position_A.y);
    out.write(e.position_A.z);
    out.write(e.system);
    out.write(e.atoms_moved);
  }
}

void CoupledRun::restoreState(BinaryReader& in) {
  in.expectTag("CPLD");
  t_ = in.read<double>();
  nucleation_rng_.restoreState(in);
  loading_.restoreState(in);
  hazard_.restoreState(in);
  transport_.restoreState(in);
  lattice_.restoreOccupancy(in);
  const bool kmc = in.read<std::uint8_t>() != 0;
  if (kmc != engine_.has_value())
    in.fail("saved with the KMC " + std::string(kmc ? "on" : "off") + ", now the other way");
  if (engine_) engine_->restoreState(in);
  const auto n = in.read<std::uint64_t>();
  if (n > in.remaining()) in.fail("bad sample count");
  samples_.assign(static_cast<std::size_t>(n), CoupledSample{});
  for (CoupledSample& c : samples_) {
    c.time_s = in.read<double>();
    c.applied_strain = in.read<double>();
    c.stress_GPa = in.read<double>();
    c.diffusion_strain = in.read<double>();
    c.slip_strain = in.read<double>();
    c.surface_diffusivity_A2_per_s = in.read<double>();
    in.readArray(c.sites);
    c.max_step_height = in.read<int>();
    c.pit_vacancies = in.read<std::int64_t>();
    c.hazard_per_s = in.read<double>();
    c.cumulative_hazard = in.read<double>();
    c.events = in.read<std::int64_t>();
  }
  const auto slips = in.read<std::uint64_t>();
  if (slips > in.remaining()) in.fail("bad slip count");
  slips_.assign(static_cast<std::size_t>(slips), SlipEvent{});
  for (SlipEvent& e : slips_) {
    e.time_s = in.read<double>();
    e.applied_strain = in.read<double>();
    e.nucleation_stress_GPa = in.read<double>();
    e.stress_before_GPa = in.read<double>();
    e.stress_after_GPa = in.read<double>();
    e.diffusion_strain = in.read<double>();
    e.slip_strain_before = in.read<double>();
    e.cumulative_hazard = in.read<double>();
    const auto cls = in.read<std::uint8_t>();
    if (cls >= nucleation::kSiteClassCount) in.fail("bad site class of a slip event");
    e.site_class = static_cast<nucleation::SiteClass>(cls);
    e.site_size = in.read<int>();
    e.site = in.read<lattice::SiteIndex>();
    if (e.site < 0 || e.site >= lattice_.siteCount()) in.fail("bad site of a slip event");
    e.position_A.x = in.read<double>();
    e.position_A.y = in.read<double>();
    e.position_A.z = in.read<double>();
    e.system = in.read<int>();
    if (e.system < 0 || e.system >= static_cast<int>(slip_systems_.size())) in.fail("bad slip system");
    e.atoms_moved = in.read<std::int64_t>();
  }
}

double CoupledResult::strength_GPa() const {
  double s = nucleated ? yield_stress_GPa : 0.0;
  // Before the first nucleation only: a run that went on flowing may reload higher later.
  for (const CoupledSample& c : samples) {
    if (nucleated && c.time_s > time_s) break;
    s = std::max(s, c.stress_GPa);
  }
  return s;
}

double CoupledResult::flowStress_GPa() const {
  if (slips.empty()) return std::numeric_limits<double>::quiet_NaN();
  // The stress curve from the first slip on: each slip's stress before it, then the samples up to
  // the next slip (the sample at a slip's time carries the stress after it). Trapezoids in time.
  std::vector<std::pair<double, double>> curve;
  std::size_t k = 0;
  for (const CoupledSample& c : samples) {
    while (k < slips.size() && slips[k].time_s <= c.time_s) {
      curve.emplace_back(slips[k].time_s, slips[k].stress_before_GPa);
      ++k;
    }
    if (c.time_s >= slips.front().time_s) curve.emplace_back(c.time_s, c.stress_GPa);
  }
  for (; k < slips.size(); ++k) curve.emplace_back(slips[k].time_s, slips[k].stress_after_GPa);
  double area = 0.0;
  for (std::size_t i = 1; i < curve.size(); ++i)
    area += 0.5 * (curve[i].second + curve[i - 1].second) * (curve[i].first - curve[i - 1].first);
  const double span = curve.back().first - curve.front().first;
  return span > 0.0 ? area / span : slips.back().stress_after_GPa;
}

double CoupledResult::meanStressDrop_GPa() const {
  if (slips.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0.0;
  for (const SlipEvent& e : slips) sum += e.stress_before_GPa - e.stress_after_GPa;
  return sum / static_cast<double>(slips.size());
}

void CoupledRun::markSlipSteps(nucleation::SiteSet& set) const {
  if (slips_.empty()) return;
  const double cell = lattice_.frame().cellLengths().x;
  const double length = lattice_.boxLengths().x;
  for (nucleation::NucleationSite& site : set.sites) {
    if (site.site_class != nucleation::SiteClass::kStep && site.site_class != nucleation::SiteClass::kMultiStep)
      continue;
    for (const SlipEvent& e : slips_) {
      // The two atomic planes that bound the slip: the one through the site (offset 0) and the next (c).
      const double u =
          lattice::axialOffsetFromPlane(lattice_, slip_systems_[static_cast<std::size_t>(e.system)], e.site, site.site);
      if (u < 1.5 * cell || u > length - 0.5 * cell) {
        --set.counts.sites[static_cast<std::size_t>(site.site_class)];
        set.counts.weight[static_cast<std::size_t>(site.site_class)] -= site.weight;
        site.site_class = nucleation::SiteClass::kSlipStep;
        ++set.counts.sites[static_cast<std::size_t>(site.site_class)];
        set.counts.weight[static_cast<std::size_t>(site.site_class)] += site.weight;
        break;
      }
    }
  }
}

CoupledResult CoupledRun::run(const BoundaryHook& at_boundary) {
  CoupledResult result;
  // The state lives in members, so that saveState() sees all of it at a boundary.
  Loading& loading = loading_;
  nucleation::Hazard& hazard = hazard_;
  std::optional<kmc::Engine>& engine = engine_;
  kmc::TransportObserver& transport = transport_;
  double& t = t_;

  const double strain_rate = params_.loading.strain_rate_per_s;
  while (true) {
    if (at_boundary) at_boundary(*this);
    // D_s is normalised by the surface the KMC has made, whatever sites the hazard sees.
    nucleation::SiteSet detected = detector_.detect(lattice_);
    markSlipSteps(detected);
    const nucleation::SiteSet& sites = as_cut_sites_ ? *as_cut_sites_ : detected;
    transport.setSurfaceSites(detected.counts.surface_atoms);
    hazard.setSites(sites, params_.nucleation);
    const double ds = transport.diffusivity(t);

    CoupledSample s;
    s.time_s = t;
    s.applied_strain = loading.appliedStrain();
    s.stress_GPa = loading.stress();
    s.diffusion_strain = loading.diffusionStrain();
    s.slip_strain = loading.slipStrain();
    s.surface_diffusivity_A2_per_s = ds;
    s.sites = sites.counts.sites;
    s.max_step_height = sites.counts.max_step_height;
    s.pit_vacancies = sites.counts.pit_vacancies;
    s.hazard_per_s = hazard.rate(loading.stress());
    s.cumulative_hazard = hazard.accumulated();
    s.events = engine ? engine->events() : 0;
    samples_.push_back(s);

    if (loading.finished()) {
      result.stop_reason = StopReason::kMaxStrain;
      break;
    }
    if (params_.max_duration_s > 0.0 && t >= params_.max_duration_s) {
      result.stop_reason = StopReason::kDuration;
      break;
    }
    if (params_.max_events > 0 && engine && engine->events() >= params_.max_events) {
      result.stop_reason = StopReason::kMaxEvents;
      break;
    }
    double dt = params_.analysis_interval_s;
    if (!loading.constantStress())
      dt = std::min(dt, (params_.loading.max_strain - loading.appliedStrain()) / strain_rate);
    if (params_.max_duration_s > 0.0) dt = std::min(dt, params_.max_duration_s - t);
    dt = std::max(dt, 1e-300);

    // Loading first, with the transport measured so far, so the hazard knows σ over the interval
    // and the KMC can stop exactly at a nucleation inside it.
    const Loading before = loading;
    loading.advance(dt, ds);
    const double sigma0 = before.stress(), sigma1 = loading.stress();
    const auto event = hazard.advance(sigma0, sigma1, dt, nucleation_rng_);
    const double run_for = event ? event->time_in_step_s : dt;
    if (event) {
      loading = before;
      loading.advance(run_for, ds);
    }

    if (engine) {
      // Sub-steps over which σ moves by at most the tolerance; rates at each sub-step's midpoint.
      const double dsigma = std::abs(sigma1 - sigma0) * run_for / dt;
      const int parts = std::max(1, static_cast<int>(std::ceil(dsigma / params_.stress_tolerance_GPa)));
      for (int k = 0; k < parts; ++k) {
        const double mid = (k + 0.5) / parts * run_for;
        engine->setStress(sigma0 + (sigma1 - sigma0) * mid / dt);
        kmc::RunLimits limits;
        limits.until_time_s = t + (k + 1.0) / parts * run_for;
        if (params_.max_events > 0) limits.max_events = params_.max_events - engine->events();
        if (limits.max_events <= 0) break;
        if (engine->totalRate() <= 0.0) continue;
        if (tick_ && tick_every_ > 0) {
          TickingObserver ticking(transport, tick_, tick_every_);
          engine->run(limits, &ticking);
        } else {
          engine->run(limits, &transport);
        }
      }
    }
    // A run cut short by max_events ends at the engine's clock, not the interval's end.
    const bool capped = engine && params_.max_events > 0 && engine->events() >= params_.max_events;
    const double t_next = capped ? engine->time_s() : t + run_for;
    // An interval too small for the clock's precision would repeat forever without time passing.
    if (!capped && !event && !(t_next > t)) {
      char what[256];
      std::snprintf(what, sizeof what,
                    "the clock stopped advancing at t = %.6g s: the analysis interval (%.3g s) is below the precision "
                    "of t; raise nucleation.analysis_interval_s",
                    t, run_for);
      throw RuntimeError(what);
    }
    t = t_next;

    if (event && params_.continue_after_nucleation) {
      const nucleation::NucleationSite& site = sites.sites[static_cast<std::size_t>(event->site_id)];
      SlipEvent e;
      e.time_s = t;
      e.applied_strain = loading.appliedStrain();
      e.nucleation_stress_GPa = event->stress_GPa;
      e.stress_before_GPa = loading.stress();
      e.diffusion_strain = loading.diffusionStrain();
      e.slip_strain_before = loading.slipStrain();
      e.cumulative_hazard = hazard.accumulated();
      e.site_class = site.site_class;
      e.site_size = site.size;
      e.site = site.site;
      e.position_A = site.position_A;
      // The system that keeps the wire straightest: the grips of a tensile test hold its ends in line,
      // so an offset left by one slip favours the other system next. A tie (a straight wire) is drawn.
      const double m0 = lattice::lateralMisalignment(lattice_, slip_systems_[0], site.site);
      const double m1 = lattice::lateralMisalignment(lattice_, slip_systems_[1], site.site);
      if (std::abs(m0 - m1) > 1e-6) {
        e.system = m0 < m1 ? 0 : 1;
      } else {
        e.system = nucleation_rng_.uniform() < 0.5 ? 0 : 1;
      }
      if (slip_hook_) slip_hook_(*this, e, false);
      const lattice::SlipOutcome slipped =
          lattice::applySlip(lattice_, slip_systems_[static_cast<std::size_t>(e.system)], e.site);
      e.atoms_moved = slipped.atoms_moved;
      loading.slip(slipped.axial_slip_A);
      e.stress_after_GPa = loading.stress();
      if (engine) engine->rebuildRates();
      hazard.reset(nucleation_rng_);
      slips_.push_back(e);
      if (slip_hook_) slip_hook_(*this, e, true);
      continue;
    }
    if (event) {
      const nucleation::NucleationSite& site = sites.sites[static_cast<std::size_t>(event->site_id)];
      result.nucleated = true;
      result.stop_reason = StopReason::kNucleated;
      result.yield_stress_GPa = event->stress_GPa;
      result.yield_strain = loading.appliedStrain();
      result.time_s = t;
      result.site_class = site.site_class;
      result.site_size = site.size;
      result.site = site.site;
      result.position_A = site.position_A;
      break;
    }
  }
  result.samples = samples_;
  result.slips = slips_;
  if (!slips_.empty()) {  // going on after nucleating: the first slip is the first nucleation
    const SlipEvent& first = slips_.front();
    result.nucleated = true;
    result.yield_stress_GPa = first.nucleation_stress_GPa;
    result.yield_strain = first.applied_strain;
    result.time_s = first.time_s;
    result.site_class = first.site_class;
    result.site_size = first.site_size;
    result.site = first.site;
    result.position_A = first.position_A;
  }
  result.events = engine ? engine->events() : 0;
  result.uncatalogued_events = engine ? engine->statistics().uncatalogued_events : 0;
  result.interlayer_transits = engine ? engine->statistics().transits : 0;
  if (engine) result.acceleration = engine->accelerationReport();
  result.surface_diffusivity_A2_per_s = transport.diffusivity(t);
  if (!result.nucleated) result.time_s = t;
  return result;
}

}  // namespace surfkmc::coupling
