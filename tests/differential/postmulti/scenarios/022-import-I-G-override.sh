# -I / -G given on import override the imported name and group.
pm -e init
pm -I postfix-a -G ga -e create
pm -i a -e deport
pm -I postfix-renamed -G gb -e import config_directory=/etc/postfix-a
pm -l
pm -i a -e deport
pm -i renamed -e deport
pm -I postfix-a -e import
pm -l
