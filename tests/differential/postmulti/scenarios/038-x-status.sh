# -x runs on disabled instances too; exit status 1 if any command failed,
# without stopping early.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -i a -e enable
pm -x sh -c 'echo "$multi_instance_name $multi_instance_enable"'
pm -x sh -c 'echo run $multi_instance_name; test "$multi_instance_name" != postfix-a'
pm -x sh -c 'echo killed $multi_instance_name; kill -TERM $$'
pm -x false
pm -R -x true
pm -x /nonexistent/command
pm -g nosuch -x true
pm -i nosuch -x true
