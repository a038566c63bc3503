// SPDX-License-Identifier: MIT
// One replica of the coupled model: surface KMC + loading law + nucleation hazard.
#include "coupling/coupled_run.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/error.hpp"
#include "kmc/transport_observer.hpp"
#include "kmc/engine.hpp"
#include "nucleation/hazard.hpp"

namespace surfkmc::coupling {

void CoupledRunParams::validate() const {
  energetics.validate();
  rate_scaling.validate();
  strain_energy.validate();
  loading.validate();
  nucleation.validate();
  detector.validate();
  require(std::isfinite(analysis_interval_s) && analysis_interval_s > 0.0, "analysis_interval_s must be > 0");
  require(std::isfinite(stress_tolerance_GPa) && stress_tolerance_GPa > 0.0, "stress_tolerance_GPa must be > 0");
  require(max_events >= 0, "max_events must be ≥ 0");
  require(std::isfinite(max_duration_s) && max_duration_s >= 0.0, "max_duration_s must be ≥ 0");
  require(!loading.constant_stress_GPa || max_duration_s > 0.0, "a held stress needs a duration");
}

CoupledRun::CoupledRun(lattice::Lattice& lattice, const CoupledRunParams& params, std::uint64_t seed,
                       std::uint64_t point, std::uint64_t replica)
    : lattice_(lattice),
      params_(params),
      kmc_rng_(seed, StreamId::kKmc, point, replica),
      nucleation_rng_(seed, StreamId::kNucleation, point, replica) {
  params_.validate();
}

CoupledResult CoupledRun::run() {
  CoupledResult result;
  Loading loading(params_.loading);
  nucleation::Hazard hazard(params_.nucleation);
  hazard.reset(nucleation_rng_);
  const nucleation::SiteDetector detector(params_.detector);

  std::optional<kmc::Engine> engine;
  if (params_.kmc_enabled) {
    kmc::EnergeticsParams e = params_.energetics;
    e.stress_GPa = loading.stress();
    kmc::EngineOptions options;
    options.rate_scaling = params_.rate_scaling;
    options.strain_energy = params_.strain_energy;
    engine.emplace(lattice_, e, kmc_rng_, options);
  }
  kmc::TransportObserver transport(lattice_.nextAtomId(), 1);

  const double strain_rate = params_.loading.strain_rate_per_s;
  double t = 0.0;
  while (true) {
    const nucleation::SiteSet sites = detector.detect(lattice_);
    transport.setSurfaceSites(sites.counts.surface_atoms);
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
    result.samples.push_back(s);

    if (loading.finished()) {
      result.stop_reason = "max_strain";
      break;
    }
    if (params_.max_duration_s > 0.0 && t >= params_.max_duration_s) {
      result.stop_reason = "duration";
      break;
    }
    if (params_.max_events > 0 && engine && engine->events() >= params_.max_events) {
      result.stop_reason = "max_events";
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
        if (engine->totalRate() > 0.0) engine->run(limits, &transport);
      }
    }
    // A run cut short by max_events ends at the engine's clock, not the interval's end.
    t = (engine && params_.max_events > 0 && engine->events() >= params_.max_events) ? engine->time_s() : t + run_for;

    if (event) {
      const nucleation::NucleationSite& site = sites.sites[static_cast<std::size_t>(event->site_id)];
      result.nucleated = true;
      result.stop_reason = "nucleated";
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
  result.events = engine ? engine->events() : 0;
  if (engine) result.acceleration = engine->accelerationReport();
  result.surface_diffusivity_A2_per_s = transport.diffusivity(t);
  if (!result.nucleated) result.time_s = t;
  return result;
}

}  // namespace surfkmc::coupling
