# Placement that matches nothing, or the primary only.
pm -e init
pm -I postfix-one -G g1 -e create
pm -g nosuch -I postfix-x -e create
pm -i nosuch -I postfix-x -e create
pm -i - -I postfix-x -e create
pm -l
