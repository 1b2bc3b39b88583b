# layerlab realworld stub of narbek-abd/comfort_backend:app/Models/ProductImage.php (235 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
#