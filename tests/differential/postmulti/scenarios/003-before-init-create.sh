# create/import before init: postmulti-script refuses (wrapper empty).
pm -I postfix-out -e create
pm -I postfix-in -e import
# With the wrapper set but multi_instance_enable still no:
postconf -e 'multi_instance_wrapper = ${command_directory}/postmulti -p --'
pm -I postfix-out -e create
pm -l
