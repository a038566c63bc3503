// SPDX-License-Identifier: MIT
// PNG figures through gnuplot.
#include "app/figure.hpp"

#include <unistd.h>

#include <cerrno>
#include <sstream>

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

  std::ostringstream data;
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    const Series& ser = spec.series[s];
    data << "# " << oneLine(ser.label) << '\n';
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
  // gnuplot writes the picture to a temporary name, created here first (O_EXCL, unpredictable);
  // the rename makes it appear whole.
  fs::path tmp_png;
  {
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
      tmp_png = abs_png;
      tmp_png += ".tmp-" + unpredictableName();
      fd = createExclusive(tmp_png);
      if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) return false;
    ::close(fd);
  }
  std::ostringstream script;
  script << "set terminal pngcairo size 900," << height << " enhanced font 'Sans,11'\n"
         << "set output " << quote("./" + tmp_png.filename().string()) << '\n'
         << "set title " << quote(spec.title) << " noenhanced\n"
         // Pad the ranges so points at the ends of the data are not drawn on the frame.
         << "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n"
         << "set xlabel " << quote(spec.xlabel) << " noenhanced\n"
         << "set ylabel " << quote(spec.ylabel) << " noenhanced\n"
         << "set grid\n"
         << (key_below ? "set key outside below maxcols 3 font 'Sans,8' samplen 2\n" : "set key outside right\n");
  if (spec.logx) script << "set logscale x\n";
  script << "plot ";
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    const Series& ser = spec.series[s];
    if (s) script << ", \\\n     ";
    script << quote("./" + dat.filename().string()) << " index " << s;
    if (ser.line)
      script << " using 1:2 with lines lw 2";
    else if (!ser.err.empty())
      script << " using 1:2:3 with yerrorbars pt 7 ps 1.2";
    else
      script << " using 1:2 with points pt 5 ps 1.4";
    script << " title " << quote(ser.label) << " noenhanced";
  }
  script << '\n';
  try {
    writeFileAtomically(gp, script.str());
  } catch (...) {
    fs::remove(tmp_png, ec);
    throw;
  }

  // No shell: the script's path is gnuplot's one argument, whatever characters it holds.
  const bool drawn = !spec.series.empty() &&
                     runProgram({"gnuplot", "./" + gp.filename().string()}, gp.parent_path()) == 0 &&
                     fs::file_size(tmp_png, ec) > 0 && !ec;
  if (!drawn) {
    fs::remove(tmp_png, ec);
    return false;
  }
  fs::rename(tmp_png, abs_png, ec);
  return !ec;
}

}  // namespace surfkmc::app
