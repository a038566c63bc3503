// SPDX-License-Identifier: MIT
// PNG figures through gnuplot.
#include "app/figure.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>

#include "app/atomic_file.hpp"
#include "app/child_process.hpp"

namespace surfkmc::app {
namespace {

/// `s` as a gnuplot single-quoted string. Inside single quotes gnuplot expands nothing (no
/// backquoted commands, no `@` macros, no backslash escapes); a quote is written twice. Control
/// characters (a newline would end the command) become spaces.
std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "''";
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
  }
  return out + "'";
}

/// `s` on one line, for a comment in the data file.
std::string oneLine(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  return out;
}

/// Colours in turn: the Okabe-Ito palette, told apart by readers with colour-vision deficiencies
/// and in greyscale by the dash types and markers that come with them.
constexpr const char* kColourCycle[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                        "#E69F00", "#56B4E9", "#F0E442", "#999999"};
/// Markers for point series in turn: filled and open shapes, told apart without colour.
constexpr int kPointCycle[] = {7, 5, 9, 13, 11, 6, 4, 8, 12, 10};
/// Dash types for line series in turn (solid, dashed, dotted, dash-dot, ...).
constexpr int kDashCycle[] = {1, 2, 3, 4, 5};

void writeData(const FigureSpec& spec, const std::filesystem::path& dat) {
  std::ostringstream data;
  for (const Series& ser : spec.series) {
    data << "# " << oneLine(ser.label) << '\n';
    for (std::size_t i = 0; i < ser.x.size(); ++i)
      data << ser.x[i] << ' ' << ser.y[i] << ' ' << (i < ser.err.size() ? ser.err[i] : 0.0) << '\n';
    data << "\n\n";  // gnuplot index separator
  }
  writeFileAtomically(dat, data.str());
}

/// The plot clause(s) of series `s`: colour `s + 1` of gnuplot's cycle, its own marker or dash.
std::string plotClause(const Series& ser, std::size_t s, const std::string& data_name, int& points, int& lines) {
  const std::string source = quote("./" + data_name) + " index " + std::to_string(s);
  // Replica markers are black: they sit on the coloured means and curves they belong to.
  const std::string colour = ser.style == SeriesStyle::kMarkers
                                 ? std::string(" lc rgb '#000000'")
                                 : std::string(" lc rgb '") + kColourCycle[s % std::size(kColourCycle)] + "'";
  const std::string title = " title " + quote(ser.label) + " noenhanced";
  const auto nextPoint = [&] { return kPointCycle[points++ % std::size(kPointCycle)]; };
  if (ser.style == SeriesStyle::kMeanBand) {
    const int pt = nextPoint();
    return source + " using 1:($2-$3):($2+$3) with filledcurves" + colour +
           " fs transparent solid 0.18 notitle, \\\n     " + source + " using 1:2:3 with yerrorlines lw 2 pt " +
           std::to_string(pt) + " ps 1.3" + colour + title;
  }
  if (ser.style == SeriesStyle::kMarkers)
    return source + " using 1:2 with points pt " + std::to_string(ser.point_type ? ser.point_type : nextPoint()) +
           " ps 1.2" + colour + title;
  if (ser.line)
    return source + " using 1:2 with lines lw 2 dt " + std::to_string(kDashCycle[lines++ % std::size(kDashCycle)]) +
           colour + title;
  if (!ser.err.empty())
    return source + " using 1:2:3 with yerrorbars pt " + std::to_string(nextPoint()) + " ps 1.2" + colour + title;
  return source + " using 1:2 with points pt " + std::to_string(nextPoint()) + " ps 1.3" + colour + title;
}

/// `lo`..`hi` widened by 5 % each way so points at the ends are not drawn on the frame, but not
/// across zero when the data do not cross it (strains and stresses start at 0).
std::pair<double, double> padded(double lo, double hi) {
  const double pad = hi > lo ? 0.05 * (hi - lo) : std::max(0.05 * std::abs(hi), 0.5);
  return {lo >= 0.0 ? std::max(0.0, lo - pad) : lo - pad, hi + pad};
}

/// Explicit x and y ranges around the data (error bars included); a log axis keeps autoscaling.
std::string rangesText(const FigureSpec& spec) {
  double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
  for (const Series& ser : spec.series)
    for (std::size_t i = 0; i < ser.x.size(); ++i) {
      const double e = i < ser.err.size() ? ser.err[i] : 0.0;
      if (!std::isfinite(ser.x[i]) || !std::isfinite(ser.y[i])) continue;
      x0 = std::min(x0, ser.x[i]), x1 = std::max(x1, ser.x[i]);
      y0 = std::min(y0, ser.y[i] - e), y1 = std::max(y1, ser.y[i] + e);
    }
  if (!(x0 <= x1)) return {};
  std::ostringstream out;
  const auto [ylo, yhi] = padded(y0, y1);
  if (spec.logx) {
    out << "set offsets graph 0.05, graph 0.05, 0, 0\n";
  } else {
    const auto [xlo, xhi] = padded(x0, x1);
    out << "set xrange [" << xlo << ":" << xhi << "]\n";
  }
  out << "set yrange [" << ylo << ":" << yhi << "]\n";
  return out.str();
}

/// The gnuplot script. It first changes to its own folder (ARG0 is the script's path as gnuplot
/// was given it), so `gnuplot any/where/fig.gp` works; `output_file` may be set with -e.
std::string scriptText(const FigureSpec& spec, const std::string& data_name, const std::string& png_name) {
  const std::size_t n = spec.series.size();
  // The legend goes below the plot in up to three columns; the canvas grows with its rows so the
  // plot keeps its size.
  const std::size_t key_rows = (n + 2) / 3;
  const std::size_t height = 560 + 20 * key_rows;
  std::ostringstream script;
  script << "# surfkmc figure; run from anywhere: gnuplot path/to/this.gp\n"
         << "script_dir = ARG0\n"
         << "i = strlen(script_dir)\n"
         << "while (i > 0 && script_dir[i:i] ne '/') { i = i - 1 }\n"
         << "if (i > 0) { cd script_dir[1:i] }\n"
         << "if (!exists('output_file')) { output_file = " << quote("./" + png_name) << " }\n"
         << "set terminal pngcairo size 900," << height << " enhanced font 'Sans,11'\n"
         << "set output output_file\n"
         << "set title " << quote(spec.title) << " noenhanced\n"
         << rangesText(spec) << "set xlabel " << quote(spec.xlabel) << " noenhanced\n"
         << "set ylabel " << quote(spec.ylabel) << " noenhanced\n"
         << "set grid lc rgb '#dddddd'\n"
         << "set key outside below center horizontal maxcols 3 font 'Sans,9' samplen 2.5 spacing 1.1\n";
  if (spec.logx) script << "set logscale x\n";
  script << "plot ";
  int points = 0, lines = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (s) script << ", \\\n     ";
    script << plotClause(spec.series[s], s, data_name, points, lines);
  }
  script << '\n';
  return script.str();
}

/// A new temporary file beside `png` (O_EXCL, unpredictable name) for gnuplot to draw into, so
/// the picture appears whole by a rename; empty if none could be made.
std::filesystem::path temporaryPng(const std::filesystem::path& png) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::filesystem::path tmp = png;
    tmp += ".tmp-" + unpredictableName();
    const int fd = createExclusive(tmp);
    if (fd >= 0) {
      ::close(fd);
      return tmp;
    }
    if (errno != EEXIST) break;
  }
  return {};
}

}  // namespace

bool writeFigure(const FigureSpec& spec, const std::filesystem::path& png) {
  namespace fs = std::filesystem;
  // gnuplot runs in the figure's folder and is given "./<file name>" only: the folder's path never
  // enters the script (it may hold any character, a newline included), and a name starting with
  // "./" is never read as a command ('<') or a pipe ('|').
  std::error_code ec;
  const fs::path abs_png = fs::absolute(png, ec);
  if (ec) return false;
  const fs::path dat = fs::path(abs_png).replace_extension(".dat");
  const fs::path gp = fs::path(abs_png).replace_extension(".gp");
  writeData(spec, dat);
  writeFileAtomically(gp, scriptText(spec, dat.filename().string(), abs_png.filename().string()));

  const fs::path tmp_png = temporaryPng(abs_png);
  if (tmp_png.empty()) return false;
  // No shell: each argument reaches gnuplot as it is. The temporary's name is 16 hex digits of
  // ours, so the -e command holds nothing from the user.
  const std::string output = "output_file=" + quote("./" + tmp_png.filename().string());
  const bool drawn = !spec.series.empty() &&
                     runProgram({"gnuplot", "-e", output, "./" + gp.filename().string()}, gp.parent_path()) == 0 &&
                     fs::file_size(tmp_png, ec) > 0 && !ec;
  if (!drawn) {
    fs::remove(tmp_png, ec);
    return false;
  }
  fs::rename(tmp_png, abs_png, ec);
  return !ec;
}

}  // namespace surfkmc::app
