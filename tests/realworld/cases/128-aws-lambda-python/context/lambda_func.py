# layerlab realworld stub of fahadsiddiqui/dlambda-example:lambda_func.py (223 bytes in the original; not its content)
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