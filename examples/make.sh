#!/usr/bin/env bash
# Makes every file in examples/ again from the current model (run it from the
# project's root after `cargo build --release`, whenever the model changes).
# Everything here is made by the model, not taken from a real company.
set -euo pipefail
cd "$(dirname "$0")/.."
fw=target/release/flywheel

# 1. What `flywheel init` makes of a growth lead's answers.
$fw init --name Acme --customers 400 --market 20000 --price 1500/month \
  --churn 1.5%/month --reps 6 --rep-cost 10k/month --team 12 --team-cost 150k/year \
  --feedback-every monthly --cash 2M -o examples/acme.toml --force

# 2. The hidden company: acme.toml with four values the answers could not tell.
{
  cat <<'HEAD'
# The hidden company behind examples/history.csv: a run of the model, not a
# real business. It is examples/acme.toml (what `flywheel init` made from a
# growth lead's answers) with four values the answers could not tell, marked
# "hidden truth". The history was made by examples/make.sh:
#   flywheel run examples/company.toml --stochastic --seed 7 --format csv
# keeping the period, customers, new_customers, leads and revenue columns.
# `flywheel fit examples/acme.toml --data examples/history.csv` should find
# these four values again.

HEAD
  grep -v '^#' examples/acme.toml | awk '
    /^name = / { print "name = \"Acme (the hidden truth)\""; next }
    /^innovation = / { print "innovation = 0.006  # hidden truth"; next }
    /^imitation = / { print "imitation = 0.25  # hidden truth"; next }
    /^churn_floor = / { print "churn_floor = 0.0085  # hidden truth"; next }
    /^\[sales\]/ { print; print "win_rate = 0.33  # hidden truth"; next }
    { print }'
} > examples/company.toml

# 3. Three years of its history: a stochastic run, five columns kept, revenue
#    for months 20 and 21 blanked as a missing record.
{
  cat <<'HEAD'
# Made by the model, not a real company: a stochastic run of examples/company.toml
# (flywheel run examples/company.toml --stochastic --seed 7 --format csv), keeping
# five columns. Revenue for months 20 and 21 is left blank, as a missing record.
HEAD
  $fw run examples/company.toml --stochastic --seed 7 --format csv | awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; print "period,customers,new_customers,leads,revenue"; next }
    {
      rev = $col["revenue"]
      if ($1 == 20 || $1 == 21) rev = ""
      printf "%s,%s,%s,%s,%s\n", $col["period"], $col["customers"], $col["new_customers"], $col["leads"], rev
    }'
} > examples/history.csv

# 4. acme.toml as fitted to the history, then one policy changed by hand, for
#    the README's montecarlo --versus walk-through.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$fw fit examples/acme.toml --data examples/history.csv --out examples/acme-fitted.toml --force >/dev/null
$fw fit examples/acme.toml --data examples/history.csv --format json > examples/acme-fit.json
cp examples/acme-fitted.toml "$tmp/fitted.toml"
for which in more-reps more-rd; do
  {
    echo "# $which: examples/acme.toml as fitted to examples/history.csv (flywheel fit ... --out), then"
    echo "# one policy changed by hand, for the README's walk-through (montecarlo --versus, and from today"
    echo "# with --data: a budget acts from any period, where a starting value would act at period 0 only)."
    if [ "$which" = more-reps ]; then
      awk '
        /^name = / { print "name = \"Acme, 4 more reps\""; next }
        /^sales_base = / { print "sales_base = 100000  # 4 more reps: +$40k a month, the team hired up to it"; next }
        { print }' "$tmp/fitted.toml"
    else
      awk '
        /^name = / { print "name = \"Acme, more R&D\""; next }
        /^rd_base = / { print "rd_base = 190000  # 4 more people in product (+$40k a month)"; next }
        { print }' "$tmp/fitted.toml"
    fi
  } > "examples/$which.toml"
done
echo "examples/ made again: acme.toml, company.toml, history.csv, acme-fitted.toml, acme-fit.json, more-reps.toml, more-rd.toml"
