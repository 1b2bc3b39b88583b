# layerlab realworld stub of narbek-abd/comfort_backend:tests/TestCase.php (163 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
#