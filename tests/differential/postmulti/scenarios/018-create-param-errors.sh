# Bad parameter overrides for create.
pm -e init
pm -I postfix-x -e create foo=bar
pm -I postfix-x -e create queue_directory
pm -I postfix-x -e create queue_directory=relative/path
pm -I postfix-x -e create data_directory=/
pm -I postfix-x -e create data_directory=///
pm -I postfix-x -e create 'config_directory = /etc/postfix-sp'
pm -l
