# destroy/deport of a stopped-but-disabled vs. a running instance.
pm -e init
pm -I postfix-run -e create
prepare_ports
postfix -c /etc/postfix-run start 2>&1
echo "masters: $(count_masters)"
pm -i run -e destroy
pm -i run -e deport
pm -l
postfix -c /etc/postfix-run stop 2>&1
echo "masters: $(count_masters)"
pm -i run -e destroy
pm -l
