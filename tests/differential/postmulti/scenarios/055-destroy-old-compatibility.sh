# An imported instance whose main.cf has no compatibility_level: every
# "postfix -c DIR" that postmulti-script runs (set-permissions on import,
# destroy's two rmdir loops) prints the backwards-compatibility notices,
# interleaved with destroy's leftover warnings.
pm -e init
mkdir -p /etc/postfix-old /var/spool/postfix-old /var/lib/postfix-old
cp /etc/postfix/master.cf /etc/postfix-old/master.cf
printf '%s\n' 'queue_directory = /var/spool/postfix-old' 'data_directory = /var/lib/postfix-old' \
    'multi_instance_name = postfix-old' >/etc/postfix-old/main.cf
pm -e import config_directory=/etc/postfix-old
echo held >/var/spool/postfix-old/hold/4ABCDEF
echo junk >/var/lib/postfix-old/junk
pm -i old -e destroy
pm -l
postconf -c /etc/postfix-old -n 2>&1
