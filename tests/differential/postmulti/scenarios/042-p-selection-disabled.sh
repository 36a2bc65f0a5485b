# -i x -p stop on a disabled x: "No matching instances"; -g too.
pm -e init
pm -I postfix-x -G gx -e create
pm -i x -p stop
pm -g gx -p reload
pm -i x -p flush
pm -i x -p status
pm -i x -p start
pm -R -p status
