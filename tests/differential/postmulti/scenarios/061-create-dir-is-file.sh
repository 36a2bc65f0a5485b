# create where a new instance directory cannot be made: postmulti-script's
# "mkdir -p" says why and the script stops (the directories made before it
# stay, nothing is registered).
pm -e init
mkdir -p /var/spool/p2
: >/var/spool/p2/queue
: >/var/lib/p4data
track /var/spool/p2
pm -I postfix-p2 -e create queue_directory=/var/spool/p2/queue
pm_notty -I postfix-p3 -e create queue_directory=/var/spool/p2/queue
pm -I postfix-p4 -e create data_directory=/var/lib/p4data
pm_notty -I postfix-p5 -e create queue_directory=/var/spool/p2/queue/sub
pm -l
