# -v: MAIL_VERBOSE is exported (empty) to the commands of -x and -p; no
# other output changes.
pm -e init
pm -v -x sh -c 'echo "MAIL_VERBOSE=${MAIL_VERBOSE-unset}"'
pm -x sh -c 'echo "MAIL_VERBOSE=${MAIL_VERBOSE-unset}"'
pm -v -I postfix-v -e create
pm -v -v -l
pm -v -p status
pm -v -i v -e enable
pm -l
