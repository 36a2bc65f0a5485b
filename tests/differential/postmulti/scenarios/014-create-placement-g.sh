# -g G places the new instance before the first member of group G.
pm -e init
pm -I postfix-one -e create
pm -I postfix-two -G g2 -e create
pm -I postfix-three -G g2 -e create
pm -g g2 -I postfix-new -e create
pm -l
