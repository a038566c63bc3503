# SPDX-License-Identifier: MIT
# ΔG(σ) of the first partial nucleating at each site class, Ag and Pt (docs/atomistic.md, "Dislocation
# nucleation barriers"): CI-NEB points (filled: used in the fit) and the fitted law Q*(1 − σ/σ_ath)^α, or, for
# the 25 Å Ag and 20 Å Pt segments (read as tables, docs/model.md#tabulated-laws), the used points joined.
# Data: data/nucleation/<material>/nucleation_points.dat and nucleation_fit.dat, written by
# `surfkmc atomistic nucleation` (one block per site, in the order of the names below).
# Usage: gnuplot nucleation_barriers.gp  (in docs/figures/)
set terminal pngcairo size 1200,840 font "sans,10"
set output "nucleation_barriers.png"
set multiplot layout 2,2
set xlabel "axial stress σ [GPa]"
set ylabel "ΔG [eV]"
set logscale y
set yrange [0.02:10]
set key top right noenhanced
# The blocks come in the alphabetical order of the site names (nucleation.json's object order).
array site_list[4] = ["edge pit_m1 pit_m3 step_h1 step_h2", "edge pit_m1 pit_m3 step_h1 step_h2 step_h3 step_h4", \
                     "edge pit_m1 step_h1", "edge pit_m1 step_h1 step_h2"]
array dirs[4] = ["Ag/", "Ag/classes_D25/", "Pt/", "Pt/classes_D20/"]
array titles[4] = ["Ag, 15 Å segment (filled: used in the fit; lines: fitted law)", \
                   "Ag, 25 Å segment, production (filled: used; lines: the table, straight in ln ΔG)", \
                   "Pt, 15 Å segment (filled: used in the fit; lines: fitted law)", \
                   "Pt, 20 Å segment, production (filled: used; lines: the table, straight in ln ΔG)"]
array xmax[4] = [12, 4, 12, 12]
do for [k = 1:4] {
  dir = "../../data/nucleation/".dirs[k]
  sites = site_list[k]
  set xrange [0:xmax[k]]
  set title titles[k]
  if (k == 2 || k == 4) {
    plot for [i = 1:words(sites)] dir."nucleation_points.dat" index (i - 1) using 1:($3 > 0 ? $2 : NaN) \
           with linespoints pt 7 ps 0.8 lc i title word(sites, i), \
         for [i = 1:words(sites)] dir."nucleation_points.dat" index (i - 1) using 1:($3 > 0 ? NaN : ($2 > 0 ? $2 : NaN)) \
           with points pt 6 ps 0.8 lc i notitle
  } else {
    plot for [i = 1:words(sites)] dir."nucleation_points.dat" index (i - 1) using 1:($3 > 0 ? $2 : NaN) \
           with points pt 7 ps 0.8 lc i title word(sites, i), \
         for [i = 1:words(sites)] dir."nucleation_points.dat" index (i - 1) using 1:($3 > 0 ? NaN : $2) \
           with points pt 6 ps 0.8 lc i notitle, \
         for [i = 1:words(sites)] dir."nucleation_fit.dat" index (i - 1) using 1:2 with lines lc i notitle
  }
}
unset multiplot
