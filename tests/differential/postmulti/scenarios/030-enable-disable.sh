# enable / disable a secondary (also repeated).
pm -e init
pm -I postfix-out -e create
pm -i out -e enable
pm -l
pm -i postfix-out -e enable
pm -i /etc/postfix-out -e disable
pm -l
pm -i out -e disable
pm -i out -e enable extra=1
pm -i out -G g -e enable
