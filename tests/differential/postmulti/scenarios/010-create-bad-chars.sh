# Unsafe characters in names and groups, and "/" in a name.
pm -e init
pm -I 'postfix-a b' -e create
pm -I 'postfix-a/b' -e create
pm -I 'postfix-$x' -e create
pm -I postfix-ok -G 'bad group' -e create
pm -I postfix-ok -G 'g;rm' -e create
pm -I 'postfix-!@%-_=+:.' -G '!@%-_=+:./' -e create
pm -l
