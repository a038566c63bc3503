# SPDX-License-Identifier: MIT
# ΔG(σ) of the first partial at corners the KMC made on Ag's production segment (D = 25 Å, L = 62 Å; 300 K,
# no stress, frames after 10, 20 and 30 s; open circles: frames made under 2 GPa; triangles: frames after 20 and 30 s
# of Fig. 1's loading ramp, session 28), beside the production edge table (docs/atomistic.md, "Corners the KMC
# made", "Corners along a loading ramp"). Every corner of these frames is a facet edge to the site detector.
# Data: data/nucleation/Ag/kmc_corners/<run>/nucleation_points.dat (12 blocks, one per shift) and
# data/nucleation/Ag/classes_D25/nucleation_points.dat (block 0: the edge), written by `surfkmc atomistic nucleation`.
# Usage: gnuplot kmc_corner_barriers.gp  (in docs/figures/)
set terminal pngcairo size 900,620 font "sans,10"
set output "kmc_corner_barriers.png"
set xlabel "axial stress of the segment σ [GPa]"
set ylabel "ΔG [eV]"
set logscale y
set xrange [1.7:3.3]
set yrange [0.5:3.2]
set key top right noenhanced
set title "Ag, 25 Å segment: corners after KMC at 300 K (points) against the ideal edge (line)"
dir = "../../data/nucleation/Ag/"
array runs[11] = ["kmc_corners/seed1_10s/", "kmc_corners/seed1_20s/", "kmc_corners/seed1_30s/", "kmc_corners/seed2_30s/", \
                  "kmc_corners/seed1_30s_e0.03/", "kmc_corners/seed1_2GPa_10s/", "kmc_corners/seed2_2GPa_10s/", \
                  "kmc_corners/ramp_seed1_20s/", "kmc_corners/ramp_seed1_30s/", "kmc_corners/ramp_seed2_20s/", \
                  "kmc_corners/ramp_seed2_30s/"]
array labels[11] = ["seed 1, 10 s", "seed 1, 20 s", "seed 1, 30 s", "seed 2, 30 s", "seed 1, 30 s (ε = 0.03)", \
                    "seed 1, 10 s under 2 GPa", "seed 2, 10 s under 2 GPa", "ramp, seed 1, 20 s (1.67 GPa)", \
                    "ramp, seed 1, 30 s (2.50 GPa)", "ramp, seed 2, 20 s (1.67 GPa)", "ramp, seed 2, 30 s (2.50 GPa)"]
plot dir."classes_D25/nucleation_points.dat" index 0 using 1:($3 > 0 ? $2 : NaN) with linespoints lw 2 pt 5 \
       lc rgb "black" title "ideal edge (production table)", \
     for [r = 1:11] for [i = 0:(r == 7 ? 5 : 11)] dir.runs[r]."nucleation_points.dat" index i \
       using ($1 + 0.006 * (r - 4)):($3 > 0 ? $2 : NaN) \
       with points pt (r >= 8 ? (r % 2 == 0 ? 8 : 9) : (r >= 6 ? 6 : 7)) ps (r >= 6 ? 1.0 : 0.7) \
       lc (r == 5 ? 7 : (r == 7 ? 8 : (r >= 8 ? (r <= 9 ? 10 : 11) : r))) \
       title (i == 0 ? labels[r] : "")
