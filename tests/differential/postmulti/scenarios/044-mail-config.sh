# MAIL_CONFIG: only the default configuration directory is accepted.
pm -e init
pm -I postfix-out -e create
MAIL_CONFIG=/etc/postfix-out pm -l
MAIL_CONFIG=/etc/postfix/ pm -l
MAIL_CONFIG=/etc/postfix pm -l
MAIL_CONFIG= pm -l
MAIL_CONFIG=/etc/postfix-out pm -e init
