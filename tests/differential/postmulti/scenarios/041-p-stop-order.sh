# Running instances: start in list order, stop in reverse order, disabled
# instances skipped by stop.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -I postfix-c -e create
pm -i a -e enable
pm -i c -e enable
prepare_ports
pm -p start
echo "masters: $(count_masters)"
pm -p status
pm -i b -p stop
pm -p stop
echo "masters: $(count_masters)"
pm -p status
