mkdir w/t && rmdir w/t
