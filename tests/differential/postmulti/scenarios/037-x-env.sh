# -x exports the instance environment and puts $command_directory first in PATH.
pm -e init
pm -I postfix-out -G grp -e create
pm -x sh -c 'env | grep -E "^(MAIL_CONFIG|MAIL_VERBOSE|command_directory|daemon_directory|config_directory|queue_directory|data_directory|multi_instance_name|multi_instance_group|multi_instance_enable|meta_directory|shlib_directory|multi_instance_directories)=" | sort; echo "PATH=$PATH"; echo ---'
pm -i out -x env -u PATH sh -c 'echo $#; pwd'
pm -x printf '%s|' a 'b c' '' d
MAIL_VERBOSE=x pm -i - -x sh -c 'echo "${MAIL_VERBOSE-unset}"'
