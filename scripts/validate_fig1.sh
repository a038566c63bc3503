#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates the Fig. 1 validation of docs/validation.md (targets T1–T6 with error bars) from the
# paper_fig1 sweep: runs the sweep if its results are missing (resuming a killed one), runs
# `surfkmc compare` on them, splices the verdict table and the comparison text into
# docs/validation.md between the fig1 markers, and copies the figures to docs/figures/.
# T5 is judged on the step velocities measured on a 10 nm wire's facet at 300 K on the environment key, the
# default since session 31 (docs/figures/step_velocity_wire10_env_300K_*.dat, those with a "# measurement" line;
# each is made by `build/bin/step_velocity 300 8 16 SIGMA_GPa envwire10 > FILE`, about 25 min of one core, and is
# not re-run here; the class key's are docs/figures/step_velocity_wire10_300K_*.dat).
# SURFKMC_STEP_VELOCITY="a.dat b.dat" names other files. T6 is judged on the temperature
# sweep results/paper_fig1_temperature (scenarios/paper_fig1_temperature.yaml, about 1 h on 2 cores, not
# run here) when its points.csv is there; SURFKMC_TEMPERATURE_SWEEP=DIR names another.
#   scripts/validate_fig1.sh [RESULTS_DIR]     (default results/paper_fig1)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-results/paper_fig1}"
bin="${SURFKMC_BIN:-build/bin/surfkmc}"   # another build: SURFKMC_BIN=path/to/surfkmc
[ -x "$bin" ] || make build
if [ ! -f "$out/points.csv" ]; then
  if [ -f "$out/sweep.json" ]; then
    "$bin" sweep --resume "$out"
  else
    "$bin" sweep scenarios/paper_fig1.yaml --out "$out"
  fi
fi
sv_args=()
for f in ${SURFKMC_STEP_VELOCITY:-docs/figures/step_velocity_wire10_env_300K_*.dat}; do
  [ -f "$f" ] && grep -q '^# measurement ' "$f" && sv_args+=(--step-velocity "$f")
done
t6="${SURFKMC_TEMPERATURE_SWEEP:-results/paper_fig1_temperature}"
[ -f "$t6/points.csv" ] && sv_args+=(--temperature-sweep "$t6")
"$bin" compare "$out" "${sv_args[@]}" > /dev/null

doc=docs/validation.md
begin='<!-- fig1:begin (written by scripts/validate_fig1.sh) -->'
end='<!-- fig1:end -->'
grep -qF "$begin" "$doc" || { echo "$doc has no '$begin' marker" >&2; exit 1; }
block=$(mktemp)
trap 'rm -f "$block"' EXIT
{
  echo "$begin"
  echo
  echo "Results: \`$out\` ($(head -n 1 "$out/points.csv" | sed 's/^# //'))."
  echo
  cat "$out/targets.md"
  echo
  echo '```text'
  sed -n '/^Yield strength vs diameter/,/^Targets/p' "$out/compare.txt" | sed '$d'
  sed -n '/^Step velocity measured apart/,/^$/p' "$out/compare.txt"
  grep '^T6 judged on the temperature sweep' "$out/compare.txt" || true
  echo '```'
  echo
  echo '![yield strength vs diameter](figures/paper_fig1_yield_vs_diameter.png)'
  echo '![stress-strain curves](figures/paper_fig1_stress_strain.png)'
  echo
  echo "$end"
} > "$block"
awk -v b="$begin" -v e="$end" -v f="$block" '
  $0 == b { while ((getline line < f) > 0) print line; skip = 1; next }
  $0 == e { skip = 0; next }
  !skip { print }' "$doc" > "$doc.tmp"
mv "$doc.tmp" "$doc"
cp "$out/compare_yield_vs_diameter.png" docs/figures/paper_fig1_yield_vs_diameter.png
[ -f "$out/stress_strain.png" ] && cp "$out/stress_strain.png" docs/figures/paper_fig1_stress_strain.png
echo "updated $doc and docs/figures/paper_fig1_*.png from $out"
