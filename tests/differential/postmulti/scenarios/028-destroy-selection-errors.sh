# destroy without -i, with a group, with an unknown name.
pm -e init
pm -I postfix-out -G g -e create
pm -e destroy
pm -g g -e destroy
pm -a -e destroy
pm -i nosuch -e destroy
pm -i out -e destroy foo=bar
pm -i out -I postfix-x -e destroy
pm -l
