// SPDX-License-Identifier: MIT
// PNG figures through gnuplot.
#include "app/figure.hpp"

#include <cstdlib>
#include <sstream>

#include "app/atomic_file.hpp"

namespace surfkmc::app {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool writeFigure(const FigureSpec& spec, const std::filesystem::path& png) {
  namespace fs = std::filesystem;
  const fs::path dat = fs::path(png).replace_extension(".dat");
  const fs::path gp = fs::path(png).replace_extension(".gp");
  // gnuplot writes the picture to a temporary name; the rename makes it appear whole.
  std::string tmp_name = ".";  // built up piecewise: g++ 12 warns falsely (-Wrestrict) on "." + s + ".tmp"
  tmp_name += png.filename().string();
  tmp_name += ".tmp";
  const fs::path tmp_png = png.parent_path() / tmp_name;

  std::ostringstream data;
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    const Series& ser = spec.series[s];
    data << "# " << ser.label << '\n';
    for (std::size_t i = 0; i < ser.x.size(); ++i)
      data << ser.x[i] << ' ' << ser.y[i] << ' ' << (i < ser.err.size() ? ser.err[i] : 0.0) << '\n';
    data << "\n\n";  // gnuplot index separator
  }
  writeFileAtomically(dat, data.str());

  // Up to 10 series keep the key on the right; more (a sweep's stress-strain curves) go below the
  // plot in three columns of small type, and the canvas grows with the rows so the plot keeps its size.
  const std::size_t n = spec.series.size();
  const bool key_below = n > 10;
  const std::size_t key_rows = (n + 2) / 3;
  const std::size_t height = key_below ? 560 + 16 * key_rows : 650;
  std::ostringstream script;
  script << "set terminal pngcairo size 900," << height << " enhanced font 'Sans,11'\n"
         << "set output " << quote(tmp_png.string()) << '\n'
         << "set title " << quote(spec.title) << " noenhanced\n"
         // Pad the ranges so points at the ends of the data are not drawn on the frame.
         << "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n"
         << "set xlabel " << quote(spec.xlabel) << '\n'
         << "set ylabel " << quote(spec.ylabel) << '\n'
         << "set grid\n"
         << (key_below ? "set key outside below maxcols 3 font 'Sans,8' samplen 2\n" : "set key outside right\n");
  if (spec.logx) script << "set logscale x\n";
  script << "plot ";
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    const Series& ser = spec.series[s];
    if (s) script << ", \\\n     ";
    script << quote(dat.string()) << " index " << s;
    if (ser.line)
      script << " using 1:2 with lines lw 2";
    else if (!ser.err.empty())
      script << " using 1:2:3 with yerrorbars pt 7 ps 1.2";
    else
      script << " using 1:2 with points pt 5 ps 1.4";
    script << " title " << quote(ser.label) << " noenhanced";
  }
  script << '\n';
  writeFileAtomically(gp, script.str());

  if (spec.series.empty()) return false;
  const std::string cmd = "gnuplot " + quote(gp.string()) + " >/dev/null 2>&1";
  std::error_code ec;
  if (std::system(cmd.c_str()) != 0 || !fs::exists(tmp_png)) {
    fs::remove(tmp_png, ec);
    return false;
  }
  fs::rename(tmp_png, png, ec);
  return !ec;
}

}  // namespace surfkmc::app
