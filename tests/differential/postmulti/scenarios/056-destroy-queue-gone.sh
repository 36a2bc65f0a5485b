# destroy after the queue directory was removed by hand: postfix cannot
# enter it, so neither of destroy's rmdir loops runs (the data directory
# stays); the configuration is still removed and the list updated.
pm -e init
pm -I postfix-q -e create
rm -rf /var/spool/postfix-q
pm -i q -e destroy
pm -l
