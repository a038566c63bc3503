// SPDX-License-Identifier: MIT
// PNG figures through gnuplot: series of (x, y, error) points or curves, with experimental points.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace surfkmc::app {

/// How a series is drawn. Every series gets its own colour and, for points, its own marker, so
/// series stay apart in print and in greyscale.
enum class SeriesStyle {
  kAuto,      ///< a line if `line`, else points, with error bars if `err` is given
  kMeanBand,  ///< simulated means: a line through the points, error bars, and a shaded ± err band
  kMarkers,   ///< points with the marker `point_type` (gnuplot pt), no error bars
};

/// One data series of a figure.
struct Series {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
  /// Error bars (empty: none).
  std::vector<double> err;
  /// Draw as a line (true) or as points with error bars (false).
  bool line = false;
  SeriesStyle style = SeriesStyle::kAuto;
  /// gnuplot point type for kMarkers (7 filled circle, 6 open circle, 9 filled triangle, 8 open
  /// triangle, 2 cross); 0: the next of the figure's cycle.
  int point_type = 0;
};

struct FigureSpec {
  std::string title;
  std::string xlabel;
  std::string ylabel;
  bool logx = false;
  std::vector<Series> series;
};

/// Writes `<stem>.dat` and `<stem>.gp` beside `png` and runs gnuplot to make the PNG. The script
/// runs from anywhere (`gnuplot path/to/<stem>.gp`): it changes to its own folder first and reads
/// and writes only names in it; `gnuplot -e "output_file='x.svg'"` picks another output. The legend
/// goes below the plot, never over the data.
/// Returns false (and leaves the .gp script for the user) when gnuplot is not available or fails;
/// a missing figure never fails a run.
bool writeFigure(const FigureSpec& spec, const std::filesystem::path& png);

}  // namespace surfkmc::app
