# A second init rewrites the same two settings in place (no duplicates).
pm -e init
pm -e init
pm -l
