// SPDX-License-Identifier: MIT
// Extended XYZ frames.
#include "lattice/ext_xyz.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
#include <sstream>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::lattice {

void writeExtXyz(std::ostream& out, const Lattice& lattice, const std::string& species, const std::string& info,
                 const std::vector<IntColumn>& extra) {
  std::vector<std::pair<AtomId, SiteIndex>> atoms;
  atoms.reserve(static_cast<std::size_t>(lattice.atomCount()));
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s)
    if (lattice.occupied(s)) atoms.emplace_back(lattice.atomAt(s), s);
  std::sort(atoms.begin(), atoms.end());

  const Vec3 len = lattice.boxLengths();
  const BoxSpec& box = lattice.box();
  auto flag = [](bool p) { return p ? "T" : "F"; };
  const auto old_precision = out.precision(10);
  out << atoms.size() << '\n';
  out << "Lattice=\"" << len.x << " 0 0 0 " << len.y << " 0 0 0 " << len.z << "\" Origin=\"0 0 0\" pbc=\""
      << flag(box.periodic_x) << ' ' << flag(box.periodic_y) << ' ' << flag(box.periodic_z)
      << "\" Properties=species:S:1:pos:R:3:id:I:1:coordination:I:1";
  for (const auto& c : extra) out << ':' << c.name << ":I:1";
  if (!info.empty()) out << ' ' << info;
  out << '\n';
  for (const auto& [id, s] : atoms) {
    const Vec3 p = lattice.position(s);
    out << species << ' ' << p.x << ' ' << p.y << ' ' << p.z << ' ' << id << ' ' << lattice.coordination(s);
    for (const auto& c : extra) out << ' ' << c.value(s);
    out << '\n';
  }
  out.precision(old_precision);
}

XyzFrame readExtXyz(std::istream& in) {
  XyzFrame frame;
  std::string line;
  if (!std::getline(in, line)) throw InputError("extXYZ: missing atom count");
  long long n = 0;
  {
    std::istringstream count(line);
    if (!(count >> n) || n < 0) throw InputError("extXYZ: bad atom count '" + line + "'");
  }
  if (!std::getline(in, line)) throw InputError("extXYZ: missing comment line");
  const auto lat = line.find("Lattice=\"");
  if (lat == std::string::npos) throw InputError("extXYZ: no Lattice= in comment line");
  {
    std::istringstream v(line.substr(lat + 9));
    double m[9];
    for (double& x : m)
      if (!(v >> x)) throw InputError("extXYZ: bad Lattice= values");
    frame.cell = {m[0], m[4], m[8]};
  }
  const auto pbc = line.find("pbc=\"");
  if (pbc != std::string::npos) {
    std::istringstream v(line.substr(pbc + 5));
    for (bool& p : frame.pbc) {
      std::string t;
      v >> t;
      p = !t.empty() && t[0] == 'T';
    }
  }
  frame.atoms.reserve(static_cast<std::size_t>(std::min<long long>(n, 1 << 24)));
  for (long long a = 0; a < n; ++a) {
    if (!std::getline(in, line)) throw InputError("extXYZ: file ends after " + std::to_string(a) + " atoms");
    std::istringstream v(line);
    XyzAtom atom;
    if (!(v >> atom.species >> atom.position.x >> atom.position.y >> atom.position.z >> atom.id >> atom.coordination))
      throw InputError("extXYZ: bad atom line '" + line + "'");
    frame.atoms.push_back(atom);
  }
  return frame;
}

}  // namespace surfkmc::lattice
