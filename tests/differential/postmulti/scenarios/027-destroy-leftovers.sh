# destroy with extra files in the queue, data and config directories:
# warnings, and those directories stay.
pm -e init
pm -I postfix-out -e create
echo queued >/var/spool/postfix-out/deferred/4ABCDEF
mkdir -p /var/spool/postfix-out/deferred/A
echo junk >/var/spool/postfix-out/extra
echo data >/var/lib/postfix-out/cache.db
echo 'x OK' >/etc/postfix-out/access
pm -i out -e destroy
pm -l
