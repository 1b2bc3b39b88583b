echo *.txt; echo d*; echo dir/*; echo dir/.h*; echo no*match
