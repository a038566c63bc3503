# SPDX-License-Identifier: MIT
# Buffer sweep of rate scaling (docs/validation.md, "Acceleration"): D_s relative to plain KMC and
# the effective acceleration, vs the buffer. Data: bench/kmc/acceleration_validation output.
# Usage: gnuplot acceleration_buffer_sweep.gp  (in docs/figures/)
set terminal pngcairo size 900,420 font "sans,10"
set output "acceleration_buffer_sweep.png"
set multiplot layout 1,2 title "Ag wire D = 2.5 nm, L = 5 nm, 500 K, 6 seeds; t = 3e-4 s (σ = 0), 1e-4 s (σ = 2 GPa); error bars: scaled-run SE only"
set logscale x
set xrange [2:2000]
set xlabel "buffer"
set key bottom right
# plain rows have buffer 0: their D_s is the reference (column 3, SE column 4) per stress.

stats "acceleration_buffer_sweep.dat" using ($1 == 0 && $2 == 0 ? $3 : NaN) name "P0" nooutput
stats "acceleration_buffer_sweep.dat" using ($1 == 2 && $2 == 0 ? $3 : NaN) name "P2" nooutput
set ylabel "D_s (scaled) / D_s (plain)"
set yrange [0:1.4]
plot 1 with lines dt 2 lc "gray" notitle, \
  "acceleration_buffer_sweep.dat" using ($1 == 0 && $2 > 0 ? $2 : NaN):($3 / P0_mean):($4 / P0_mean) with yerrorlines pt 7 title "σ = 0", \
  "acceleration_buffer_sweep.dat" using ($1 == 2 && $2 > 0 ? $2 * 1.08 : NaN):($3 / P2_mean):($4 / P2_mean) with yerrorlines pt 5 title "σ = 2 GPa (+u_el)"
set ylabel "effective acceleration <R_{unscaled} / R_{scaled}>_t"
set yrange [0.8:30]
set logscale y
plot "acceleration_buffer_sweep.dat" using ($1 == 0 && $2 > 0 ? $2 : NaN):11 with linespoints pt 7 title "σ = 0", \
  "acceleration_buffer_sweep.dat" using ($1 == 2 && $2 > 0 ? $2 : NaN):11 with linespoints pt 5 title "σ = 2 GPa (+u_el)"
unset multiplot
