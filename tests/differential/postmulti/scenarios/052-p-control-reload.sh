# Control-class commands (reload, flush) skip disabled instances; with a
# running primary and a running enabled secondary.
pm -e init
pm -I postfix-on -e create
pm -I postfix-off -e create
pm -i on -e enable
prepare_ports
pm -p start
pm -p reload
pm -p flush
pm -i off -p reload
postconf -e 'postmulti_control_commands = reload flush status'
pm -p status
postconf -e 'postmulti_start_commands = start status'
pm -p status
pm -p stop
echo "masters: $(count_masters)"
