echo before
if then
echo never
