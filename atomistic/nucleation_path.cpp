// SPDX-License-Identifier: MIT
// Partial-dislocation nucleation at a wire corner. Slip system: the leading Shockley partial
// b_p = a/6[-2-11] on (1-11), Schmid factor 0.393 for tension along [-1-12], the largest of any
// partial in the intrinsic-fault sense (docs/atomistic.md#dislocation-nucleation).
#include "atomistic/nucleation_path.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <ostream>
#include <utility>

#include "atomistic/relaxation.hpp"
#include "core/error.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::atomistic {
namespace {

/// 1 eV/Å³ in GPa.
constexpr double kGPaPerEVA3 = 160.21766;

Eigen::Vector3d cartesian(const lattice::Frame& frame, lattice::CubicVec v) {
  const lattice::Vec3 p = frame.toCartesian(v);
  return {p.x, p.y, p.z};
}

/// The slip plane through the middle of the segment and the corner where it leaves the top facet.
struct SlipGeometry {
  Eigen::Vector3d normal;      ///< unit normal of (1-11)
  Eigen::Vector3d burgers;     ///< a/6[-2-11] [Å]
  double plane_height = 0.0;   ///< normal · r of the plane, midway between two (1-11) layers [Å]
  double layer_spacing = 0.0;  ///< a/√3 [Å]
  Eigen::Vector3d corner;      ///< the exit point on the top (111) facet, on the plane [Å]
  double length_A = 0.0;       ///< unstrained segment length [Å]
};

double wrapped(double x, double length) { return x - length * std::floor(x / length); }

/// In-plane distance from the corner, x taken at its minimum image.
double planeDistance(const SlipGeometry& g, Eigen::Vector3d r) {
  Eigen::Vector3d d = r - g.corner;
  d.x() -= g.length_A * std::round(d.x() / g.length_A);
  return (d - d.dot(g.normal) * g.normal).norm();
}

SlipGeometry slipGeometry(const lattice::Lattice& lat, double length_A) {
  const lattice::Frame& f = lat.frame();
  SlipGeometry g;
  g.normal = cartesian(f, {1, -1, 1}).normalized();
  g.burgers = cartesian(f, {-2, -1, 1}) / 3.0;
  g.layer_spacing = f.latticeConstant() / std::sqrt(3.0);
  g.length_A = length_A;
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  Eigen::Vector3d any = Eigen::Vector3d::Zero();
  long count = 0;
  double top = -std::numeric_limits<double>::infinity();
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s)) continue;
    const lattice::Vec3 p = lat.position(s);
    any = {p.x, p.y, p.z};
    centre += any;
    top = std::max(top, p.y);
    ++count;
  }
  centre /= double(count);
  centre.x() = 0.5 * length_A;
  const double ref = g.normal.dot(any);
  g.plane_height = ref + (std::floor((g.normal.dot(centre) - ref) / g.layer_spacing) + 0.5) * g.layer_spacing;
  // The corner: the top-facet surface atom next to the plane with the largest z (the facet's edge).
  double best_z = -std::numeric_limits<double>::infinity();
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const lattice::Vec3 p = lat.position(s);
    const Eigen::Vector3d r(p.x, p.y, p.z);
    if (!lat.occupied(s) || p.y < top - 0.1 || std::abs(g.normal.dot(r) - g.plane_height) > g.layer_spacing) continue;
    if (p.z > best_z) {
      best_z = p.z;
      g.corner = r;
    }
  }
  require(std::isfinite(best_z), "nucleation: the slip plane does not reach the top facet");
  g.corner -= (g.normal.dot(g.corner) - g.plane_height) * g.normal;
  return g;
}

/// A step: the top h (111) layers removed over the half of the segment behind the corner (x < x_c),
/// so a ledge of height h runs along z through the corner; the upper block keeps its ledge.
void cutStep(lattice::Lattice& lat, const SlipGeometry& g, int height) {
  const double dy = lat.frame().latticeConstant() / std::sqrt(3.0);
  double top = -std::numeric_limits<double>::infinity();
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s)) top = std::max(top, lat.position(s).y);
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const lattice::Vec3 p = lat.position(s);
    const double behind = wrapped(g.corner.x() - p.x, g.length_A);
    if (lat.occupied(s) && p.y > top - (height - 0.5) * dy && behind > 0.5 && behind < 0.5 * g.length_A) lat.remove(s);
  }
}

/// A pit: the m surface atoms nearest the corner removed.
void cutPit(lattice::Lattice& lat, const SlipGeometry& g, int vacancies) {
  std::vector<std::pair<double, lattice::SiteIndex>> surface;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s) || lat.coordination(s) >= lattice::kNeighbourCount) continue;
    const lattice::Vec3 p = lat.position(s);
    Eigen::Vector3d d = Eigen::Vector3d(p.x, p.y, p.z) - g.corner;
    d.x() -= g.length_A * std::round(d.x() / g.length_A);
    surface.emplace_back(d.norm(), s);
  }
  std::sort(surface.begin(), surface.end());
  for (int k = 0; k < vacancies && k < static_cast<int>(surface.size()); ++k) lat.remove(surface[k].second);
}

/// Pairs of atoms facing each other across the plane: (upper, lower), from the reference positions.
std::vector<std::pair<int, int>> planePairs(const Configuration& ref, const SlipGeometry& g) {
  std::vector<int> upper, lower;
  for (int i = 0; i < ref.size(); ++i) {
    const double h = g.normal.dot(ref.positions.col(i)) - g.plane_height;
    if (h > 0.0 && h < g.layer_spacing) upper.push_back(i);
    if (h < 0.0 && h > -g.layer_spacing) lower.push_back(i);
  }
  std::vector<std::pair<int, int>> pairs;
  for (int i : upper) {
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (int j : lower) {
      Eigen::Vector3d d = ref.positions.col(j) - ref.positions.col(i);
      d.x() -= g.length_A * std::round(d.x() / g.length_A);
      if (d.norm() < best_d) best_d = d.norm(), best = j;
    }
    if (best >= 0) pairs.emplace_back(i, best);
  }
  return pairs;
}

/// Slip of each pair along b̂: (u_upper − u_lower) · b̂, u = x − x_initial [Å].
std::vector<double> pairSlip(const std::vector<std::pair<int, int>>& pairs, const Eigen::VectorXd& x,
                             const Eigen::VectorXd& initial, const Eigen::Vector3d& bhat) {
  std::vector<double> slip;
  slip.reserve(pairs.size());
  for (const auto& [i, j] : pairs) {
    const Eigen::Vector3d ui = x.segment<3>(3 * i) - initial.segment<3>(3 * i);
    const Eigen::Vector3d uj = x.segment<3>(3 * j) - initial.segment<3>(3 * j);
    slip.push_back((ui - uj).dot(bhat));
  }
  return slip;
}

/// The fully slipped section: the upper side shifted by b_p, minus the homogeneous field b_p x/L that
/// brings the periodic image back into register (the segment's ends act as grips).
Eigen::VectorXd slippedState(const Configuration& ref, const Eigen::VectorXd& initial, const SlipGeometry& g) {
  Eigen::VectorXd x = initial;
  for (int i = 0; i < ref.size(); ++i) {
    const Eigen::Vector3d r = ref.positions.col(i);
    const double above = g.normal.dot(r) > g.plane_height ? 1.0 : 0.0;
    x.segment<3>(3 * i) += g.burgers * (above - wrapped(r.x(), g.length_A) / g.length_A);
  }
  return x;
}

double smoothStep(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

/// Corner-first band: image k moves atom i by w_ik (final − initial), where w grows from the corner
/// outwards (a half-loop of radius R_k in the plane); R_k grows as k² so images crowd at small loops,
/// where the saddle is.
std::vector<Eigen::VectorXd> cornerFirstBand(const Configuration& ref, const Eigen::VectorXd& initial,
                                             const Eigen::VectorXd& final_state, const SlipGeometry& g, int images,
                                             double border_A) {
  std::vector<double> distance(static_cast<std::size_t>(ref.size()));
  double reach = 0.0;
  for (int i = 0; i < ref.size(); ++i) reach = std::max(reach, distance[i] = planeDistance(g, ref.positions.col(i)));
  std::vector<Eigen::VectorXd> band{initial};
  for (int k = 1; k <= images; ++k) {
    const double t = double(k) / (images + 1);
    const double radius = -border_A + t * t * (reach + 2.0 * border_A);
    Eigen::VectorXd x = initial;
    for (int i = 0; i < ref.size(); ++i)
      x.segment<3>(3 * i) +=
          smoothStep((radius - distance[i]) / border_A) * (final_state.segment<3>(3 * i) - initial.segment<3>(3 * i));
    band.push_back(std::move(x));
  }
  band.push_back(final_state);
  return band;
}

/// Replaces the lattice's occupancy by `surface`, moved along +x by `shift_cells` repeat cells: each atom onto
/// the site within a quarter of a nearest-neighbour distance of it (x at its minimum image).
void placeSurface(lattice::Lattice& lat, const SegmentSurface& surface, int shift_cells) {
  const double length = lat.boxLengths().x;
  const double a = lat.frame().latticeConstant();
  if (std::abs(surface.length_A - length) > 1e-3 * length)
    throw InputError(
        fmt::format("KMC surface: its wire is {:.3f} Å long at a = {:.4f} Å, the segment {:.3f} Å; run "
                    "the KMC on a wire of the segment's diameter and length",
                    surface.length_A, a, length));
  const double shift = shift_cells * length / lat.box().cells_x;
  const double tolerance = 0.25 * a / std::sqrt(2.0);
  std::vector<lattice::SiteIndex> target;
  target.reserve(surface.atoms_A.size());
  for (std::size_t k = 0; k < surface.atoms_A.size(); ++k) {
    const Eigen::Vector3d r = surface.atoms_A[k] + Eigen::Vector3d(shift, 0.0, 0.0);
    lattice::SiteIndex best = lat.sentinel();
    double best_d = tolerance;
    for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
      const lattice::Vec3 p = lat.position(s);
      Eigen::Vector3d d(p.x - r.x(), p.y - r.y(), p.z - r.z());
      d.x() -= length * std::round(d.x() / length);
      if (d.norm() < best_d) best_d = d.norm(), best = s;
    }
    if (best == lat.sentinel())
      throw InputError(
          fmt::format("KMC surface: atom {} at ({:.3f}, {:.3f}, {:.3f}) Å is on no site of the segment's "
                      "lattice (a = {:.4f} Å); run the KMC on a wire of the segment's diameter and length",
                      k, r.x(), r.y(), r.z(), a));
    target.push_back(best);
  }
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s)) lat.remove(s);
  for (lattice::SiteIndex s : target) {
    if (lat.occupied(s)) throw InputError("KMC surface: two atoms on one site of the segment's lattice");
    lat.place(s);
  }
}

/// The segment's lattice with the site's occupancy, and the slip geometry of the ideal cut (so a defect or a
/// KMC surface meets the same plane and corner as the pristine edge).
struct CutSegment {
  lattice::Lattice lattice;
  SlipGeometry geometry;
};

CutSegment cutSegment(const NucleationSite& site, const NucleationSettings& s) {
  site.validate();
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = s.segment.diameter_A;
  spec.length_A = s.segment.length_A;
  lattice::BuiltWire wire = lattice::buildWire(s.lattice_constant_A, spec);
  const SlipGeometry geometry = slipGeometry(wire.lattice, wire.lattice.boxLengths().x);
  if (site.defect == CornerDefect::kStep) cutStep(wire.lattice, geometry, site.size);
  if (site.defect == CornerDefect::kPit) cutPit(wire.lattice, geometry, site.size);
  if (site.surface) placeSurface(wire.lattice, *site.surface, site.shift_cells);
  return {std::move(wire.lattice), geometry};
}

struct Segment {
  Configuration reference;  ///< unstrained lattice positions
  SlipGeometry geometry;
};

Segment buildSegment(const NucleationSite& site, const NucleationSettings& s) {
  const CutSegment cut = cutSegment(site, s);
  return {sitesFromLattice(cut.lattice).configuration([](const Eigen::Vector3d&) { return false; }), cut.geometry};
}

}  // namespace

SegmentLayout segmentLayout(const NucleationSite& site, const NucleationSettings& s) {
  CutSegment cut = cutSegment(site, s);
  const double length = cut.lattice.boxLengths().x;
  return {std::move(cut.lattice), cut.geometry.corner, length};
}

namespace {

FireParams relaxParams(const NucleationSettings& s) {
  FireParams p;
  p.force_tolerance = s.relax_tolerance;
  p.max_steps = 50000;
  return p;
}

/// Relaxed energy at axial strain `strain`, starting from `start` (strained from its own box).
double relaxedEnergyAt(KimPotential& pot, Configuration start, double strain, double reference_length,
                       const NucleationSettings& s) {
  start.applyStrain(0, reference_length * (1.0 + strain) / start.box.x() - 1.0);
  return relax(pot, start, relaxParams(s)).energy;
}

/// Nominal axial stress: dE/dL over the reference cross-section N Ω₀ / L₀, i.e. (dE/dε)/(N Ω₀), by a
/// central difference of relaxed energies (the model's tables make second derivatives noisy, so no
/// virial is used).
double axialStress_GPa(KimPotential& pot, const Configuration& relaxed, double strain, double reference_length,
                       const NucleationSettings& s) {
  const double h = s.stress_strain_step;
  const double up = relaxedEnergyAt(pot, relaxed, strain + h, reference_length, s);
  const double down = relaxedEnergyAt(pot, relaxed, strain - h, reference_length, s);
  const double volume = relaxed.size() * std::pow(s.lattice_constant_A, 3) / 4.0;
  return (up - down) / (2.0 * h) / volume * kGPaPerEVA3;
}

/// No atom of any image strays more than `slack_A` beyond its own end-to-end displacement from the
/// initial state. A band that blew up (atoms flung into the vacuum, energies of 10² to 10³ eV, seen at
/// a few strains) fails this, and may still have converged, since isolated atoms feel no force.
bool bandIntact(const NebResult& neb, double slack_A) {
  const Eigen::VectorXd& a = neb.path.front();
  const Eigen::VectorXd& b = neb.path.back();
  for (const auto& image : neb.path)
    for (Eigen::Index i = 0; i + 3 <= a.size(); i += 3)
      if ((image.segment<3>(i) - a.segment<3>(i)).norm() > (b.segment<3>(i) - a.segment<3>(i)).norm() + slack_A)
        return false;
  return true;
}

void describeSaddle(NucleationResult& r, const Segment& seg, const std::vector<std::pair<int, int>>& pairs,
                    const NebResult& neb) {
  const SlipGeometry& g = seg.geometry;
  const Eigen::VectorXd& saddle = neb.path[r.climbing_image];
  const std::vector<double> slip = pairSlip(pairs, saddle, neb.path.front(), g.burgers.normalized());
  r.plane_pairs = static_cast<int>(pairs.size());
  r.saddle_slip_A.assign(static_cast<std::size_t>(seg.reference.size()), 0.0);
  double weight = 0.0, weighted = 0.0;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    r.saddle_slip_A[pairs[p].first] = slip[p];
    r.max_slip_A = std::max(r.max_slip_A, slip[p]);
    if (slip[p] > 0.5 * g.burgers.norm()) ++r.loop_pairs;
    if (slip[p] > 0.25 * g.burgers.norm()) {
      weight += slip[p];
      weighted += slip[p] * planeDistance(g, seg.reference.positions.col(pairs[p].first));
    }
  }
  r.loop_corner_distance_A = weight > 0.0 ? weighted / weight : 0.0;
}

}  // namespace

NebParams NucleationSettings::defaultNeb() {
  NebParams p;
  p.images = 9;
  p.spring = 1.0;
  p.force_tolerance = 0.02;
  p.climb_after = 0.2;
  p.fire.max_steps = 6000;
  return p;
}

std::string NucleationSite::name() const {
  if (surface) return "kmc_s" + std::to_string(shift_cells);
  switch (defect) {
    case CornerDefect::kNone:
      return "edge";
    case CornerDefect::kStep:
      return "step_h" + std::to_string(size);
    case CornerDefect::kPit:
      return "pit_m" + std::to_string(size);
  }
  return "edge";
}

void NucleationSite::validate() const {
  if (defect == CornerDefect::kNone) require(size == 0, "nucleation site: the pristine edge has no size");
  if (defect == CornerDefect::kStep) require(size >= 1 && size <= 6, "nucleation site: step height must be 1 to 6");
  if (defect == CornerDefect::kPit) require(size >= 1 && size <= 20, "nucleation site: pit size must be 1 to 20");
  if (surface) {
    require(defect == CornerDefect::kNone, "nucleation site: a KMC surface takes no cut defect");
    require(shift_cells >= 0 && shift_cells < 1000, "nucleation site: a KMC surface's shift must lie in [0, 1000)");
  }
}

NucleationSite parseNucleationSite(const std::string& name) {
  const auto sized = [&](const std::string& prefix, CornerDefect d) -> std::optional<NucleationSite> {
    if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() || name.size() > prefix.size() + 2) return {};
    if (!std::all_of(name.begin() + static_cast<long>(prefix.size()), name.end(), ::isdigit)) return {};
    NucleationSite s;
    s.defect = d;
    s.size = std::stoi(name.substr(prefix.size()));
    s.validate();
    return s;
  };
  if (name == "edge") return {};
  if (auto s = sized("step_h", CornerDefect::kStep)) return *s;
  if (auto s = sized("pit_m", CornerDefect::kPit)) return *s;
  throw InputError("unknown nucleation site '" + name + "'; allowed: edge, step_h1 .. step_h6, pit_m1 .. pit_m20");
}

void SegmentSpec::validate() const {
  require(std::isfinite(diameter_A) && diameter_A >= 10.0 && diameter_A <= 200.0,
          "segment diameter must lie in [10, 200] Å");
  require(std::isfinite(length_A) && length_A >= 1.9 * diameter_A + 12.0 && length_A <= 1000.0,
          "segment length must be at least 1.9 × diameter + 12 Å (the slip plane's footprint plus a cutoff) "
          "and at most 1000 Å");
}

NucleationResult computeNucleationBarrier(const PotentialSpec& spec, const NucleationSite& site, double strain,
                                          const NucleationSettings& s) {
  site.validate();
  s.segment.validate();
  require(s.lattice_constant_A > 0.0, "nucleation: lattice constant must be > 0");
  const auto start = std::chrono::steady_clock::now();
  KimPotential pot(spec);
  const Segment seg = buildSegment(site, s);
  Configuration initial = seg.reference;
  initial.applyStrain(0, strain);
  relax(pot, initial, relaxParams(s));
  NucleationResult r;
  r.site = site.name();
  r.strain = strain;
  r.atoms = initial.size();
  r.stress_GPa = axialStress_GPa(pot, initial, strain, seg.geometry.length_A, s);

  const Eigen::VectorXd x0 = flatten(initial);
  Eigen::VectorXd x1 = slippedState(seg.reference, x0, seg.geometry);
  const ForceFunction energy = forceFunction(pot, initial);
  minimiseFire(energy, x1, relaxParams(s));
  const auto pairs = planePairs(seg.reference, seg.geometry);
  std::vector<double> final_slip = pairSlip(pairs, x1, x0, seg.geometry.burgers.normalized());
  std::nth_element(final_slip.begin(), final_slip.begin() + long(final_slip.size() / 2), final_slip.end());
  r.final_slipped = !final_slip.empty() && final_slip[final_slip.size() / 2] > 0.5 * seg.geometry.burgers.norm();

  const auto band = cornerFirstBand(seg.reference, x0, x1, seg.geometry, s.neb.images, s.band_border_A);
  constexpr double kSlackA = 3.0;
  int steps = 0;
  const auto run_band = [&](const std::vector<Eigen::VectorXd>& start, int& attempts) {
    NebResult n = runNeb(energy, start, s.neb);
    steps += n.steps;
    attempts = 1;
    if (!n.converged || !bandIntact(n, kSlackA)) {
      // Run once more from the same band with half the FIRE time step and step cap.
      NebParams gentle = s.neb;
      gentle.fire.dt_max *= 0.5;
      gentle.fire.dt_start *= 0.5;
      gentle.fire.max_step *= 0.5;
      n = runNeb(energy, start, gentle);
      steps += n.steps;
      attempts = 2;
    }
    return n;
  };
  NebResult neb = run_band(band, r.neb_attempts);
  r.reaction_energy_eV = neb.energies.back() - neb.energies.front();
  if (s.refine && neb.converged && bandIntact(neb, kSlackA)) {
    r.refined = true;
    r.coarse_barrier_eV = neb.barrier_forward;
    r.coarse_climbing_image = neb.climbing_image;
    for (double e : neb.energies) r.coarse_profile_eV.push_back(e - neb.energies.front());
    int attempts = 0;
    neb = run_band(refineBand(neb.path, neb.climbing_image + 1, s.neb.images), attempts);
    r.neb_attempts += attempts;
  }
  r.barrier_eV = neb.barrier_forward;
  r.converged = neb.converged;
  r.band_intact = bandIntact(neb, kSlackA);
  r.max_force_eV_A = neb.max_force;
  r.neb_steps = steps;
  r.climbing_image = neb.climbing_image;
  for (double e : neb.energies) r.profile_eV.push_back(e - neb.energies.front());
  r.initial_lowest = initialIsLowest(r.profile_eV, r.climbing_image);
  r.saddle = initial;
  unflatten(neb.path[neb.climbing_image], r.saddle);
  describeSaddle(r, seg, pairs, neb);
  r.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<Eigen::VectorXd> refineBand(const std::vector<Eigen::VectorXd>& band, int last, int images) {
  require(last >= 1 && last < static_cast<int>(band.size()), "refineBand: the last image must lie in the band");
  require(images >= 1, "refineBand: at least one intermediate image");
  std::vector<double> arc{0.0};  // arc length up to each image
  for (int k = 1; k <= last; ++k) arc.push_back(arc.back() + (band[k] - band[k - 1]).norm());
  std::vector<Eigen::VectorXd> out{band.front()};
  int segment = 1;
  for (int i = 1; i <= images; ++i) {
    const double target = arc.back() * i / (images + 1);
    while (segment < last && arc[segment] < target) ++segment;
    const double length = arc[segment] - arc[segment - 1];
    const double t = length > 0.0 ? (target - arc[segment - 1]) / length : 0.0;
    out.push_back(band[segment - 1] + t * (band[segment] - band[segment - 1]));
  }
  out.push_back(band[last]);
  return out;
}

bool initialIsLowest(const std::vector<double>& profile_eV, int climbing_image, double slack_eV) {
  const int end = std::min(climbing_image, static_cast<int>(profile_eV.size()));
  for (int i = 0; i < end; ++i)
    if (profile_eV[static_cast<std::size_t>(i)] < -slack_eV) return false;
  return true;
}

std::vector<NucleationResult> computeNucleationBarriers(const PotentialSpec& spec,
                                                        const std::vector<NucleationTask>& tasks,
                                                        const NucleationSettings& settings, int threads,
                                                        const NucleationFinished& finished,
                                                        const NucleationStop& stop) {
  require(threads >= 1, "nucleation: threads must be >= 1");
  std::vector<NucleationResult> results(tasks.size());
  const auto failed = [&](std::size_t i, std::string why) {
    results[i] = NucleationResult{};
    results[i].site = tasks[i].site.name();
    results[i].strain = tasks[i].strain;
    results[i].failure = std::move(why);
  };
  std::atomic<bool> stopped{false};
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::parallel_for(std::size_t{0}, tasks.size(), [&](std::size_t i) {
    if (stopped.load() || (stop && stop())) {  // asked before each task starts; once true, it stays true
      stopped.store(true);
      failed(i, kNucleationNotRun);
      return;
    }
    try {
      results[i] = computeNucleationBarrier(spec, tasks[i].site, tasks[i].strain, settings);
    } catch (const RuntimeError& e) {
      failed(i, e.what());
    }
    if (finished) finished(i, results[i]);
  });
  return results;
}

void writeConfigurationXyz(std::ostream& out, const Configuration& c, const std::string& species,
                           const std::vector<double>& slip_A, const std::string& info) {
  require(slip_A.size() == static_cast<std::size_t>(c.size()), "extXYZ: one slip value per atom");
  const auto flag = [&](int k) { return c.periodic[k] ? "T" : "F"; };
  out << c.size() << "\n";
  out << fmt::format(
      "Lattice=\"{:.6f} 0 0 0 {:.6f} 0 0 0 {:.6f}\" Properties=species:S:1:pos:R:3:slip:R:1 "
      "pbc=\"{} {} {}\" {}\n",
      c.box.x(), c.box.y(), c.box.z(), flag(0), flag(1), flag(2), info);
  for (int i = 0; i < c.size(); ++i)
    out << fmt::format("{} {:.6f} {:.6f} {:.6f} {:.4f}\n", species, c.positions(0, i), c.positions(1, i),
                       c.positions(2, i), slip_A[i]);
}

}  // namespace surfkmc::atomistic
