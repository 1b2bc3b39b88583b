# relative paths start at WorkingDir (created by the engine, root-owned); files belong to USER
id -u; pwd
echo out > /home/app/note.txt
echo more >> /home/app/app.cfg
echo s > /shared/s.txt
mkdir /home/app/cache && touch /home/app/cache/c
touch rel.txt 2>/dev/null || echo "cannot write in $(pwd)"
stat -c "%a %u:%g %n" /home/app/* /home/app/cache/c
