// SPDX-License-Identifier: MIT
// KIM API 2 client: model creation in (Å, eV), ghost images for periodic axes, neighbour callback.
#include "atomistic/kim_potential.hpp"

#include <KIM_Log.hpp>
#include <KIM_LogVerbosity.hpp>
#include <KIM_SimulatorHeaders.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

#include "atomistic/neighbour_list.hpp"
#include "core/error.hpp"

namespace surfkmc::atomistic {
namespace {

int getNeighbours(void* const data, int const lists, double const* const /*cutoffs*/, int const list,
                  int const particle, int* const count, int const** const neighbours) {
  const auto* nl = static_cast<const NeighbourList*>(data);
  if (lists != 1 || list != 0 || particle < 0 || particle >= nl->centres()) return 1;
  *count = nl->count(particle);
  *neighbours = nl->neighbours(particle);
  return 0;
}

}  // namespace

namespace {

/// Model creation and destruction go through the KIM collections (files, dlopen) and are not safe
/// to run concurrently (measured: a second thread's Model::Create fails); compute() on distinct
/// instances is.
std::mutex& kimLifecycleMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

struct KimPotential::Impl {
  KIM::Model* model = nullptr;
  KIM::ComputeArguments* args = nullptr;
  double influence = 0.0;
  double cutoff = 0.0;
  bool ghost_lists = true;  // the model may ask for neighbours of non-contributing particles
  int species_code = 0;
  int particles = 0;
  double energy = 0.0;
  std::vector<double> xyz;
  std::vector<double> forces;
  std::vector<int> codes;
  std::vector<int> contributing;
  std::vector<int> origin;  // ghost → its original atom
  NeighbourList list;

  ~Impl() {
    const std::lock_guard lock(kimLifecycleMutex());
    if (model) {
      if (args) model->ComputeArgumentsDestroy(&args);
      KIM::Model::Destroy(&model);
    }
  }
};

KimPotential::KimPotential(const PotentialSpec& spec) : spec_(spec), impl_(std::make_unique<Impl>()) {
  // The KIM API logs to ./kim.log by default; surfkmc reports every failure as an exception instead,
  // so library code writes no files of its own.
  static std::once_flag quiet;
  std::call_once(quiet, [] { KIM::Log::PushDefaultVerbosity(KIM::LOG_VERBOSITY::silent); });
  const std::lock_guard lock(kimLifecycleMutex());
  int accepted = 0;
  if (KIM::Model::Create(KIM::NUMBERING::zeroBased, KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV, KIM::CHARGE_UNIT::e,
                         KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, spec.kim_model, &accepted, &impl_->model) ||
      !impl_->model)
    throw InputError("KIM model '" + spec.kim_model +
                     "' could not be created (is it installed? `kim-api-collections-management list`)");
  if (!accepted) throw InputError("KIM model '" + spec.kim_model + "' does not accept the units Å, eV");
  int supported = 0;
  if (impl_->model->GetSpeciesSupportAndCode(KIM::SpeciesName(spec.species), &supported, &impl_->species_code) ||
      !supported)
    throw InputError("KIM model '" + spec.kim_model + "' does not support species '" + spec.species + "'");
  if (impl_->model->ComputeArgumentsCreate(&impl_->args))
    throw RuntimeError("KIM model '" + spec.kim_model + "': ComputeArgumentsCreate failed");
  impl_->model->GetInfluenceDistance(&impl_->influence);
  int lists = 0;
  const double* cutoffs = nullptr;
  const int* no_ghost_lists = nullptr;
  impl_->model->GetNeighborListPointers(&lists, &cutoffs, &no_ghost_lists);
  if (lists != 1)
    throw InputError("KIM model '" + spec.kim_model + "' asks for " + std::to_string(lists) +
                     " neighbour lists; surfkmc supports models with one");
  impl_->cutoff = cutoffs[0];
  impl_->ghost_lists = !no_ghost_lists[0];
  if (impl_->args->SetCallbackPointer(KIM::COMPUTE_CALLBACK_NAME::GetNeighborList, KIM::LANGUAGE_NAME::cpp,
                                      reinterpret_cast<KIM::Function*>(&getNeighbours), &impl_->list))
    throw RuntimeError("KIM: cannot set the neighbour-list callback");
}

KimPotential::~KimPotential() = default;

double KimPotential::influenceDistance() const { return impl_->influence; }

double KimPotential::compute(const Configuration& config, Eigen::Matrix3Xd* forces) {
  Impl& m = *impl_;
  const int n = config.size();
  m.xyz.clear();
  m.origin.clear();
  m.xyz.reserve(static_cast<std::size_t>(3 * n));
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) {
      double x = config.positions(k, i);
      if (config.periodic[k]) x -= config.box[k] * std::floor(x / config.box[k]);
      m.xyz.push_back(x);
    }
  // Ghost images: every periodic copy lying within the influence distance of the box.
  const double pad = m.influence;
  std::array<int, 3> reach{0, 0, 0};
  for (int k = 0; k < 3; ++k)
    if (config.periodic[k]) reach[k] = static_cast<int>(std::ceil(pad / config.box[k]));
  for (int a = -reach[0]; a <= reach[0]; ++a)
    for (int b = -reach[1]; b <= reach[1]; ++b)
      for (int c = -reach[2]; c <= reach[2]; ++c) {
        if (a == 0 && b == 0 && c == 0) continue;
        const std::array<int, 3> shift{a, b, c};
        for (int i = 0; i < n; ++i) {
          std::array<double, 3> p{};
          bool keep = true;
          for (int k = 0; k < 3 && keep; ++k) {
            p[k] = m.xyz[3 * i + k] + shift[k] * config.box[k];
            if (config.periodic[k]) keep = p[k] > -pad && p[k] < config.box[k] + pad;
          }
          if (!keep) continue;
          m.xyz.insert(m.xyz.end(), p.begin(), p.end());
          m.origin.push_back(i);
        }
      }
  m.particles = static_cast<int>(m.xyz.size() / 3);
  m.codes.assign(static_cast<std::size_t>(m.particles), m.species_code);
  m.contributing.assign(static_cast<std::size_t>(m.particles), 0);
  std::fill(m.contributing.begin(), m.contributing.begin() + n, 1);
  m.forces.assign(m.xyz.size(), 0.0);
  m.list.build(m.xyz.data(), m.particles, m.cutoff, m.ghost_lists ? m.particles : n);

  int error = m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::numberOfParticles, &m.particles);
  error = error || m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::particleSpeciesCodes, m.codes.data());
  error = error || m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::particleContributing, m.contributing.data());
  error = error || m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::coordinates, m.xyz.data());
  error = error || m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialEnergy, &m.energy);
  error = error || m.args->SetArgumentPointer(KIM::COMPUTE_ARGUMENT_NAME::partialForces,
                                              forces ? m.forces.data() : static_cast<double*>(nullptr));
  if (error) throw RuntimeError("KIM model '" + spec_.kim_model + "': cannot set the compute arguments");
  if (m.model->Compute(m.args)) throw RuntimeError("KIM model '" + spec_.kim_model + "': compute failed");
  ++evaluations_;
  if (forces) {
    forces->resize(3, n);
    for (int i = 0; i < n; ++i)
      for (int k = 0; k < 3; ++k) (*forces)(k, i) = m.forces[3 * i + k];
    for (std::size_t g = 0; g < m.origin.size(); ++g)
      for (int k = 0; k < 3; ++k) (*forces)(k, m.origin[g]) += m.forces[3 * (n + g) + k];
  }
  return m.energy;
}

double KimPotential::isolatedAtomEnergy() {
  Configuration single;
  single.positions = Eigen::Matrix3Xd::Zero(3, 1);
  single.fixed = {0};
  return compute(single);
}

}  // namespace surfkmc::atomistic
