# destroy/deport of the primary are refused.
pm -e init
pm -i - -e destroy
pm -i /etc/postfix -e deport
pm -i - -e disable
pm -i - -e destroy
pm -l
