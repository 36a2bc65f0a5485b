# multi_instance_directories naming a directory without main.cf.
pm -e init
postconf -e multi_instance_directories=/etc/postfix-gone
pm -l
pm -p status
pm -I postfix-new -e create
mkdir /etc/postfix-gone
pm -l
