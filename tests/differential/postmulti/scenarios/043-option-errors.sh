# Option errors, each with its exact text.
pm -a -g g -l
pm -i a -g g -l
pm -i a -i b -l
pm -l -p
pm -l -x true
pm -l -e init
pm -e init -e create
pm -l status
pm -p
pm -x
pm -R -e init
pm -R -p status
pm -e bogus
pm -e
pm
pm -z
pm -l -v -v
