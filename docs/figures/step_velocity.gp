# SPDX-License-Identifier: MIT
# Step velocity, plain vs accelerated KMC (docs/validation.md, "Step velocity"): left, the size of a
# ripening Ag island on (111) at 500 K against time; right, the mean velocity of its edge relative
# to plain KMC against the rate-scaling buffer, at 400, 500 and 600 K.
# Data: bench/kmc/step_velocity output (step_velocity_<T>K_<σ>GPa.dat, one block per method) and
# step_velocity_summary.dat (their "# summary" lines, collected by the command in validation.md).
# Usage: gnuplot step_velocity.gp  (in docs/figures/)
s = "step_velocity_summary.dat"
# columns: T sigma buffer (0: plain, -16: super-moves after 16) t_half t_half_se v v_se acceleration events cpu_s
stats s using ($3 == 0 && $1 == 400 && $2 == 0 ? $6 : NaN) name "P400" nooutput
stats s using ($3 == 0 && $1 == 500 && $2 == 0 ? $6 : NaN) name "P500" nooutput
stats s using ($3 == 0 && $1 == 600 && $2 == 0 ? $6 : NaN) name "P600" nooutput
stats s using ($3 == 0 && $1 == 500 && $2 == 2 ? $6 : NaN) name "P500s" nooutput
set terminal pngcairo size 960,420 font "sans,10"
set output "step_velocity.png"
set multiplot layout 1,2 title "Ag island (36 atoms) beside a straight step on (111); mean ± SE over seeds"
set xlabel "t [µs]"
set ylabel "atoms within 14 Å of the island's centre"
set key top right
f = "step_velocity_500K_0GPa.dat"
plot f index 0 using ($1*1e6):2:3 with yerrorlines pt 7 ps 0.5 title "plain (500 K, σ = 0)", \
  f index 1 using ($1*1e6):2:3 with yerrorlines pt 5 ps 0.5 title "super-moves after 16", \
  f index 3 using ($1*1e6):2:3 with yerrorlines pt 9 ps 0.5 title "scaled, buffer 300", \
  f index 5 using ($1*1e6):2:3 with yerrorlines pt 11 ps 0.5 title "scaled, buffer 30", \
  f index 6 using ($1*1e6):2:3 with yerrorlines pt 13 ps 0.5 title "scaled, buffer 10"
set logscale x
set xrange [2:2000]
set yrange [0:1.3]
set xlabel "buffer (rate scaling)"
set ylabel "v_{step} / v_{step}(plain)"
set key bottom right
plot 1 with lines dt 2 lc "gray" notitle, \
  s using ($1 == 400 && $2 == 0 && $3 > 0 ? $3 : NaN):($6 / P400_mean):($7 / P400_mean) with yerrorlines pt 7 title "400 K", \
  s using ($1 == 500 && $2 == 0 && $3 > 0 ? $3 * 1.05 : NaN):($6 / P500_mean):($7 / P500_mean) with yerrorlines pt 5 title "500 K", \
  s using ($1 == 600 && $2 == 0 && $3 > 0 ? $3 * 1.1 : NaN):($6 / P600_mean):($7 / P600_mean) with yerrorlines pt 9 title "600 K", \
  s using ($1 == 500 && $2 == 2 && $3 > 0 ? $3 * 0.95 : NaN):($6 / P500s_mean):($7 / P500s_mean) with yerrorlines pt 11 title "500 K, σ = 2 GPa (+u_el)"
unset multiplot
