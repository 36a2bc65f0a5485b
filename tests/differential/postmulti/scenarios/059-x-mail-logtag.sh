# Every command postmulti runs inherits MAIL_LOGTAG: the primary's syslog_name
# (default ${multi_instance_name?{$multi_instance_name}:{postfix}}), exported
# when postmulti reads main.cf and replacing an inherited value in place;
# postmulti-script tags its messages with it. The whole environment of a -x
# command is compared, order included.
pm -x env
pm_notty -x env
pm -e init
pm -I postfix-a -e create
MAIL_LOGTAG=inherited pm -v -i a -x env
pm -i - -I postfix-p -e assign
pm -x sh -c 'echo "$multi_instance_name: MAIL_LOGTAG=${MAIL_LOGTAG-unset}"'
pm_notty -x sh -c 'echo "$multi_instance_name: MAIL_LOGTAG=${MAIL_LOGTAG-unset}"'
postconf -e 'syslog_name = ${multi_instance_name}-log'
pm -x sh -c 'echo "$multi_instance_name: MAIL_LOGTAG=${MAIL_LOGTAG-unset}"'
postconf -e multi_instance_wrapper=
pm -I postfix-b -e create
pm_notty -I postfix-b -e create
