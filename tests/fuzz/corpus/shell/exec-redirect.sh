exec 3> fd3; echo to3 >&3; echo also >&3; cat fd3
