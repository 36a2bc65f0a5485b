# Two enabled secondaries with smtpd on loopback ports: start, status, stop;
# every master must be gone afterwards.
pm -e init
pm -I postfix-in -G mx -e create
pm -I postfix-out -G mx -e create
pm -i in -e enable
pm -i out -e enable
prepare_ports
postconf -c /etc/postfix-in -X master_service_disable
postconf -c /etc/postfix-out -X master_service_disable
pm -p start
echo "masters after start: $(count_masters)"
pm -p status
pm -g mx -p status
pm -p start
pm -p stop
echo "masters after stop: $(count_masters)"
pm -p status
