# assign -G sets and "-G -" clears the group (the line stays, empty).
pm -e init
pm -I postfix-out -e create
pm -i out -G grp -e assign
pm -l
pm -i out -G - -e assign
pm -l
pm -i out -G g2 -I postfix-out2 -e assign
pm -l
pm -i - -G primary -e assign
pm -i - -I postfix-main -e assign
pm -l
