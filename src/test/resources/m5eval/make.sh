#!/usr/bin/env bash
# Cuts the M5 evaluation test data from the team's reference copy of the M5 data (see its SOURCE.md).
# Usage: bash make.sh [M5_DIR]   (default /work/shared/data/m5). Output: the files beside this script,
# byte-identical on every run (gzip -n: no name or time in the header).
set -euo pipefail
M5="${1:-/work/shared/data/m5}"
cd "$(dirname "$0")"

# 1. Sales of all 30,490 series on d_1914..d_1969 (columns 1-6 = ids, 159.. = d_1914..): the 28 days before
#    the evaluation window (its weights) and the window itself (its actuals).
zcat "$M5/sales_all30490_d1762-d1969.csv.gz" | cut -d, -f1-6,159-214 | gzip -n -9 > sales_all30490_d1914-d1969.csv.gz

# 2. Sell prices of the weeks of d_1914..d_1941 (wm_yr_wk 11613..11617), all series, in the original row order.
zcat "$M5/sell_prices.csv.gz" | awk -F, 'NR==1 || ($3>=11613 && $3<=11617)' | gzip -n -9 > sell_prices_wk11613-11617.csv.gz

# 3. The organisers' evaluation-window weights, verbatim.
gzip -n -9 -c "$M5/weights_evaluation.csv" > weights_evaluation.csv.gz

# 4. Full-data level 1-9 aggregate units d_1..d_1913 (third party, see SOURCE.md), without the sales and
#    sell_price columns: d, the level's hierarchy columns, units.
mkdir -p aggregates
for l in 1 2 3 4 5 6 7 8 9; do
  zcat "$M5/aggregates/level${l}_d1-d1913.csv.gz" \
    | awk -F, 'BEGIN{OFS=","} NR==1{for(i=1;i<=NF;i++) if($i!="sales" && $i!="sell_price") keep[++n]=i}
               {s=$keep[1]; for(j=2;j<=n;j++) s=s OFS $keep[j]; print s}' \
    | gzip -n -9 > "aggregates/level${l}_units_d1-d1913.csv.gz"
done
