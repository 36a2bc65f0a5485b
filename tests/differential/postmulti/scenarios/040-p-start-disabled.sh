# -p start: disabled instances get "postfix check" instead.
pm -e init
pm -I postfix-a -e create
prepare_ports
pm -i a -p start
echo "masters: $(count_masters)"
pm -p start
echo "masters: $(count_masters)"
pm -p status
pm -p stop
echo "masters: $(count_masters)"
