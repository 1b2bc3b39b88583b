sed -E 's/(o+)/<\1>/g' g.txt; sed -r 's/[0-9]+/N/' nums
