# -l with the selection options.
pm -e init
pm -I postfix-a -G g1 -e create
pm -I postfix-b -G g2 -e create
pm -I postfix-c -G g1 -e create
pm -e create config_directory=/etc/pf-nameless queue_directory=/var/spool/pf-nameless data_directory=/var/lib/pf-nameless
pm -l
pm -a -l
pm -g g1 -l
pm -g nosuch -l
pm -i b -l
pm -i postfix-b -l
pm -i /etc/postfix-c -l
pm -i /etc/pf-nameless -l
pm -i pf-nameless -l
pm -i - -l
pm -i nosuch -l
pm -R -l
pm -R -R -l
pm -R -g g1 -l
pm -l -a -a
