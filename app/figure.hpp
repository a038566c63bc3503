// SPDX-License-Identifier: MIT
// PNG figures through gnuplot: series of (x, y, error) points or curves, with experimental points.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace surfkmc::app {

/// One data series of a figure.
struct Series {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
  /// Error bars (empty: none).
  std::vector<double> err;
  /// Draw as a line (true) or as points with error bars (false).
  bool line = false;
};

struct FigureSpec {
  std::string title;
  std::string xlabel;
  std::string ylabel;
  bool logx = false;
  std::vector<Series> series;
};

/// Writes `<stem>.dat` and `<stem>.gp` beside `png` and runs gnuplot to make the PNG.
/// Returns false (and leaves the .gp script for the user) when gnuplot is not available or fails;
/// a missing figure never fails a run.
bool writeFigure(const FigureSpec& spec, const std::filesystem::path& png);

}  // namespace surfkmc::app
