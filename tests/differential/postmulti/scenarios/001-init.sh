# init sets multi_instance_wrapper (literally ${command_directory}/...) and
# multi_instance_enable = yes in the primary; -l then lists the primary only.
pm -e init
pm -l
